// The secrets corpus through real CLI processes: `diagnose` (text, JSON, Markdown) with many shapes in one paste,
// `scan` (text, JSON, Markdown) of one log holding all of them, and the one-line errors the CLI prints.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDoctor } from '../../src/doctor.js';
import { formatMarkdown } from '../../src/format/markdown.js';
import { formatScanMarkdown, formatScanText } from '../../src/format/scan.js';
import { formatText } from '../../src/format/text.js';
import { scanLogs } from '../../src/scan/scan.js';
import { runCli } from '../helpers.js';
import { ERRORS, leakedPieces, logWith, pasteVariants, readable, secretShapes, withoutSecrets, type SecretShape } from './secrets-corpus.js';

const shapes = secretShapes();
const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-secrets-'));
/**
 * Half the corpus in the paste, each shape on an error's line (a paste holds at most 50 error records); the other
 * half as evidence files, one shape each.
 */
const pasted = shapes.slice(0, Math.ceil(shapes.length / 2));
const asEvidence = shapes.slice(pasted.length);
const paste = pasted.map((shape) => pasteVariants(shape, shapes.indexOf(shape))[0]?.text).join('\n\n');
const log = shapes.map((shape, index) => logWith(shape, index)).join('');
let background = '';

function leaks(batch: readonly SecretShape[], output: string, pasted: string): Array<{ shape: string; pieces: string[] }> {
  const usual = `${background}\n${readable(withoutSecrets(pasted, batch.flatMap((s) => s.secrets)))}`;
  return batch.map((shape) => ({ shape: shape.id, pieces: [...new Set(leakedPieces(shape.secrets, readable(output), usual))] })).filter((l) => l.pieces.length > 0);
}

beforeAll(async () => {
  // What the outputs say without secrets: the errors alone, in every format.
  const doctor = createDoctor();
  const parts: string[] = [JSON.stringify([...doctor.pack.causes.values(), ...doctor.pack.checks.values(), doctor.pack.rules])];
  for (const error of ERRORS) {
    const d = await doctor.diagnose(error);
    parts.push(JSON.stringify(d), formatText(d), formatMarkdown(d));
  }
  const report = await scanLogs([{ name: 'app.log', text: ERRORS.map((e, i) => `2024-05-01 10:00:0${i} ERROR ${e}\n`).join('') }]);
  parts.push(formatScanText(report), formatScanMarkdown(report));
  background = parts.map(readable).join('\n');
});

describe('mssql-doctor diagnose', () => {
  const evidence: string[] = [];
  beforeAll(() => {
    for (const [index, shape] of asEvidence.entries()) {
      writeFileSync(join(dir, `evidence-${index}.txt`), shape.paste);
      evidence.push('--evidence', join(dir, `evidence-${index}.txt`));
    }
  });

  it.each(['text', 'json', 'markdown'])('prints no piece of any secret as %s', (format) => {
    const args = ['diagnose', '--format', format, '--connection-string', 'Server=db01;Password=Zq7CliConnString', ...evidence];
    const { code, stdout, stderr } = runCli(args, { stdin: paste });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const cli = { id: 'cli', kind: '', source: '', paste: '', secrets: ['Zq7CliConnString'] };
    expect(leaks([...shapes, cli], stdout, `${paste}\n${asEvidence.map((s) => s.paste).join('\n')}`)).toEqual([]);
  });
});

describe('mssql-doctor scan', () => {
  beforeAll(() => writeFileSync(join(dir, 'app.log'), log));

  it.each(['text', 'json', 'markdown'])('prints no piece of any secret as %s', (format) => {
    const { code, stdout, stderr } = runCli(['scan', '--format', format, join(dir, 'app.log')]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(format === 'json' ? '"signatures"' : 'distinct');
    expect(leaks(shapes, stdout, log)).toEqual([]);
  });
});

describe('the CLI errors', () => {
  it('quote no secret from an argument', () => {
    const secret = 'Zq7CliEchoed';
    const runs = [runCli(['diagnose', `--pasword=${secret}`, 'x']), runCli(['scan', `Server=db01;Password=${secret}.log`])];
    expect(runs.map((r) => r.code)).toEqual([2, 2]);
    for (const run of runs) expect(run.stderr).toMatch(/^mssql-doctor: .+\n$/);
    expect(runs.filter((r) => r.stderr.includes(secret.slice(0, 6)) || r.stderr.includes(secret.slice(-6)))).toEqual([]);
  });
});
