// Every secret shape of the corpus, pasted every way a person pastes it, through every output of the library and
// `scan` (text, Markdown, JSON, Slack, Teams), then in batches through the HTTP API (the same formats and the
// server's log lines): no piece of a secret may appear. The CLI's own runs are in secrets-cli.test.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDoctor } from '../../src/doctor.js';
import { readEvidence } from '../../src/evidence/read-evidence.js';
import { formatScanMarkdown, formatScanText } from '../../src/format/scan.js';
import { formatText } from '../../src/format/text.js';
import { normalize } from '../../src/normalize/index.js';
import { scanLogs } from '../../src/scan/scan.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import { FORMATS, render } from '../../src/server/formats.js';
import { diagnosisSchemaErrors, scanReportSchemaErrors } from '../helpers.js';
import { postDiagnose, startServer, type Running } from '../server/server-harness.js';
import { ERRORS, leakedPieces, logWith, pasteVariants, readable, secretShapes, secretWindows, withoutSecrets, type SecretShape } from './secrets-corpus.js';

const shapes = secretShapes();
const doctor = createDoctor();
/** What the outputs say when no secret is pasted: the rules' text, the formats' words, the errors themselves. */
let background = '';

/** Every rendering of a diagnosis the CLI and the API offer. */
function renderings(d: Diagnosis): string[] {
  return [JSON.stringify(d), formatText(d), ...FORMATS.map((format) => JSON.stringify(render(d, format).body))];
}

function leaks(shapesShown: readonly SecretShape[], outputs: readonly string[], pasted: string): Array<{ shape: string; pieces: string[] }> {
  const usual = `${background}\n${readable(withoutSecrets(pasted, shapesShown.flatMap((s) => s.secrets)))}`;
  const shown = outputs.map(readable).join('\n');
  return shapesShown.map((shape) => ({ shape: shape.id, pieces: [...new Set(leakedPieces(shape.secrets, shown, usual))] })).filter((l) => l.pieces.length > 0);
}

beforeAll(async () => {
  const parts: string[] = [JSON.stringify([...doctor.pack.causes.values(), ...doctor.pack.checks.values(), doctor.pack.rules])];
  for (const [index, error] of ERRORS.entries()) {
    parts.push(...renderings(await doctor.diagnose(error)));
    const report = await scanLogs([{ name: 'app.log', text: logWith({ id: 'none', kind: '', source: '', paste: 'nothing', secrets: [] }, index) }]);
    parts.push(formatScanText(report), formatScanMarkdown(report), JSON.stringify(report));
  }
  background = parts.map((part) => readable(part)).join('\n');
});

describe('the secrets corpus', () => {
  it('holds at least 70 shapes, each with its source and secrets of at least 8 characters', () => {
    expect(shapes.length).toBeGreaterThanOrEqual(70);
    expect(new Set(shapes.map((s) => s.id)).size).toBe(shapes.length);
    for (const shape of shapes) {
      expect({ id: shape.id, source: shape.source.length > 10, secrets: shape.secrets.length > 0 }).toEqual({ id: shape.id, source: true, secrets: true });
      for (const secret of shape.secrets) expect({ id: shape.id, secret, long: secret.length >= 8 }).toEqual({ id: shape.id, secret, long: true });
    }
  });

  it('would leak every shape without redaction: each secret reaches a line the outputs quote or a fact', () => {
    // What the doctor reads, without its redactor: the records' lines, the evidence's facts and quoted lines, scan's sample.
    const hidden = shapes.filter((shape, index) => {
      const texts = pasteVariants(shape, index).map((v) => v.text);
      const read = texts.map((text) => [normalize(text).errors, readEvidence({ text, connectionString: shape.paste }, text, (t) => t)]);
      const unredacted = readable(JSON.stringify(read)).toLowerCase();
      return !shape.secrets.every((secret) => secretWindows(secret).some((w) => unredacted.includes(w.toLowerCase())));
    });
    expect(hidden.map((s) => s.id)).toEqual([]);
  });
});

describe.each(shapes.map((shape, index) => [shape.id, shape, index] as const))('%s', (_id, shape, index) => {
  it('leaks through no output: pasted on the error line, below it, JSON- or HTML-escaped, as evidence, in a log', async () => {
    const outputs: string[] = [];
    let pasted = '';
    const error = ERRORS[index % ERRORS.length] as string;
    const inputs = [
      ...pasteVariants(shape, index).map((variant) => ({ text: variant.text })),
      { text: error, connectionString: shape.paste },
      { text: error, evidence: [{ text: shape.paste }] },
      { text: error, evidence: [{ kind: 'connection_string' as const, text: shape.paste }] },
    ];
    for (const input of inputs) {
      const d = await doctor.diagnose(input);
      expect(diagnosisSchemaErrors(d)).toBe('');
      outputs.push(...renderings(d));
      pasted += `${JSON.stringify(input)}\n`;
    }
    const log = logWith(shape, index);
    const report = await scanLogs([{ name: 'app.log', text: log }]);
    expect(scanReportSchemaErrors(report)).toBe('');
    expect(report.signatures.length).toBeGreaterThan(0);
    outputs.push(formatScanText(report), formatScanMarkdown(report), JSON.stringify(report));
    expect(leaks([shape], outputs, `${pasted}\n${log}`)).toEqual([]);
  });
});

describe('the HTTP API', () => {
  let server: Running;
  /** Shapes per request: each on the line of an error, and a paste holds at most 50 error records. */
  const BATCH = 25;
  const batches = Array.from({ length: Math.ceil(shapes.length / BATCH) }, (_, i) => shapes.slice(i * BATCH, (i + 1) * BATCH));

  beforeAll(async () => {
    // Through a real socket: inject (light-my-request) cannot load its ESM-only dependency under Jest's VM modules.
    server = await startServer({ rateLimit: false, captureLogs: true });
  });
  afterAll(async () => {
    await server.close();
  });

  async function post(body: object, format: string): Promise<string> {
    const reply = await postDiagnose(server.url, body, { query: `?format=${format}` });
    const text = await reply.text();
    expect({ status: reply.status, text: reply.status === 200 ? '' : text }).toEqual({ status: 200, text: '' });
    return text;
  }

  it.each(batches.map((batch, i) => [i + 1, batch] as const))('leaks no shape of batch %i in JSON, Markdown, Slack or Teams', async (_n, batch) => {
    const text = batch.map((shape) => pasteVariants(shape, shapes.indexOf(shape))[0]?.text).join('\n\n');
    const evidence = batch.map((shape) => ({ text: shape.paste }));
    const outputs: string[] = [];
    for (const format of FORMATS) {
      outputs.push(await post({ text }, format));
      outputs.push(await post({ text: ERRORS[0], evidence }, format));
    }
    expect(leaks(batch, outputs, `${text}\n${batch.map((s) => s.paste).join('\n')}`)).toEqual([]);
  });

  it('echoes no secret in its error messages', async () => {
    const secret = 'Zq7EchoedInError';
    const replies = [
      await postDiagnose(server.url, {}, { raw: `{"text": "x", "connectionString": "Server=db01;Password=${secret}"` }),
      await postDiagnose(server.url, { text: 'x', [`Password=${secret}`]: 1 }),
      await postDiagnose(server.url, { text: 'x', evidence: [{ kind: `Password=${secret}`, text: 'x' }] }),
      await fetch(`${server.url}/v1/diagnose;Password=${secret}`, { method: 'POST', signal: AbortSignal.timeout(30_000) }),
    ];
    const bodies = await Promise.all(replies.map(async (r) => `${r.status} ${await r.text()}`));
    expect(bodies.map((b) => b.slice(0, 3))).toEqual(['400', '400', '400', '404']);
    expect(bodies.filter((b) => secretWindows(secret).some((w) => b.includes(w)))).toEqual([]);
  });

  it('logs no piece of any secret', () => {
    expect(server.logs.length).toBeGreaterThan(batches.length * 8);
    const log = server.logs.map((line) => JSON.stringify(line)).join('\n');
    expect(leaks([...shapes, { id: 'echo', kind: '', source: '', paste: '', secrets: ['Zq7EchoedInError'] }], [log], '')).toEqual([]);
  });
});
