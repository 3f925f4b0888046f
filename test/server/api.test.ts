// The HTTP API as clients meet it: the real server on an ephemeral loopback port, spoken to over HTTP.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { createDoctor } from '../../src/doctor.js';
import { formatMarkdown } from '../../src/format/markdown.js';
import { formatSlack } from '../../src/format/slack.js';
import { formatTeams } from '../../src/format/teams.js';
import { loadRulePack } from '../../src/rules/rule-pack.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import { diagnosisSchemaErrors, fixture } from '../helpers.js';
import { postDiagnose, startServer, type Running } from './server-harness.js';

const SEED = fixture('seed/sqlclient.txt');
const library = createDoctor();
const ERROR_DIR = new URL('../fixtures/errors/', import.meta.url);
const PASTES = readdirSync(ERROR_DIR).filter((name) => name.endsWith('.txt')).sort().map((name) => readFileSync(new URL(name, ERROR_DIR), 'utf8'));

let server: Running;
beforeAll(async () => {
  server = await startServer({ rateLimit: { max: 100_000, windowMs: 60_000 }, captureLogs: true });
});
afterAll(async () => {
  await server.close();
});

describe('POST /v1/diagnose', () => {
  it('answers the Diagnosis as JSON, the same as the library', async () => {
    const response = await postDiagnose(server.url, { text: SEED });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const diagnosis = (await response.json()) as Diagnosis;
    expect(diagnosisSchemaErrors(diagnosis)).toBe('');
    expect(diagnosis.family).toBe('refused');
    expect(diagnosis).toEqual(await library.diagnose({ text: SEED }));
  });

  it('answers Markdown for Accept: text/markdown and for ?format=markdown', async () => {
    const expected = formatMarkdown(await library.diagnose({ text: SEED }));
    const byAccept = await postDiagnose(server.url, { text: SEED }, { headers: { accept: 'text/markdown' } });
    expect(byAccept.headers.get('content-type')).toMatch(/^text\/markdown; charset=utf-8/);
    expect(await byAccept.text()).toBe(expected);
    const byQuery = await postDiagnose(server.url, { text: SEED }, { query: '?format=markdown' });
    expect(await byQuery.text()).toBe(expected);
    // q-values: JSON preferred over Markdown here.
    const preferJson = await postDiagnose(server.url, { text: SEED }, { headers: { accept: 'text/markdown;q=0.5, application/json' } });
    expect(preferJson.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers a Slack Block Kit message for ?format=slack and a Teams Adaptive Card for ?format=teams', async () => {
    const diagnosis = await library.diagnose({ text: SEED });
    const slack = await postDiagnose(server.url, { text: SEED }, { query: '?format=slack' });
    expect(slack.status).toBe(200);
    expect(await slack.json()).toEqual(JSON.parse(JSON.stringify(formatSlack(diagnosis))));
    const teams = await postDiagnose(server.url, { text: SEED }, { query: '?format=teams' });
    expect(teams.status).toBe(200);
    expect(await teams.json()).toEqual(JSON.parse(JSON.stringify(formatTeams(diagnosis))));
  });

  it('takes a text/plain body as the pasted text', async () => {
    const response = await postDiagnose(server.url, undefined, { raw: SEED, headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(await library.diagnose({ text: SEED }));
  });

  it('carries evidence and a connection string, and keeps the password out of the answer', async () => {
    const input = { text: SEED, connectionString: 'Server=tcp:db01,1433;User ID=app;Password=S3cret-Hunter2;', evidence: [{ kind: 'errorlog' as const, text: fixture('seed/artefacts/errorlog.txt') }] };
    const response = await postDiagnose(server.url, input);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).not.toContain('S3cret-Hunter2');
    expect(JSON.parse(body)).toEqual(await library.diagnose(input));
  });
});

describe('refusals name what to fix', () => {
  it.each([
    ['not JSON', 400, '{"text": "x"', /not valid JSON/i],
    ['a text that is not a string', 400, JSON.stringify({ text: 5 }), /^body\/text must be string$/],
    ['an unknown property', 400, JSON.stringify({ txt: 'x' }), /^body has an unknown property "txt"$/],
    ['an unknown evidence kind', 400, JSON.stringify({ text: 'x', evidence: [{ kind: 'pcapng', text: '' }] }), /^body\/evidence\/0\/kind must be one of: .*netstat/],
    ['a probe deadline over the limit', 400, JSON.stringify({ text: 'x', probe: { timeoutMs: 600_000 } }), /^body\/probe/],
  ])('%s → %i', async (_what, status, raw, message) => {
    const response = await postDiagnose(server.url, undefined, { raw });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { statusCode: number; error: string; message: string };
    expect(body).toEqual({ statusCode: status, error: 'Bad Request', message: expect.stringMatching(message) });
  });

  it('an unknown format → 400 listing the formats', async () => {
    const response = await postDiagnose(server.url, { text: 'x' }, { query: '?format=pdf' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe('querystring/format must be one of: json, markdown, slack, teams');
  });

  it('a body over 256 KiB → 413', async () => {
    const response = await postDiagnose(server.url, { text: 'x'.repeat(256 * 1024) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ statusCode: 413, error: 'Payload Too Large', message: expect.stringMatching(/too large/i) });
  });

  it('an unknown route → 404 in the same shape', async () => {
    const response = await fetch(`${server.url}/v2/diagnose`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'no route GET /v2/diagnose' });
  });

  it('probes asked for while they are off → 403, and nothing probed', async () => {
    const response = await postDiagnose(server.url, { text: SEED, probe: true });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/live probes are off on this server.*server\.probes\.allow/);
  });
});

describe('GET /v1/rules, /healthz, /openapi.json', () => {
  it('/v1/rules is the loaded pack: version, causes, checks and every rule with its origin', async () => {
    const pack = loadRulePack();
    const response = await fetch(`${server.url}/v1/rules`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { version: string; causes: Array<{ id: string }>; checks: unknown[]; rules: Array<{ id: string; origin: { file: string; line: number }; disabled: boolean }> };
    expect(body.version).toBe((JSON.parse(readFileSync(new URL('../../rules/pack.json', import.meta.url), 'utf8')) as { version: string }).version);
    expect(body.causes.map((c) => c.id).sort()).toEqual([...pack.causes.keys()].sort());
    expect(body.checks).toHaveLength(pack.checks.size);
    expect(body.rules.map((r) => r.id)).toEqual(pack.rules.map((r) => r.id));
    expect(body.rules[0]).toMatchObject({ disabled: false, origin: pack.origins.get(pack.rules[0]?.id ?? '') });
  });

  it('/healthz says ok, and that the server is not shedding load', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok', version: expect.any(String), rulePack: loadRulePack().version, overloaded: false });
  });

  it('/openapi.json is a valid OpenAPI 3.1 document describing the routes', async () => {
    const spec = (await (await fetch(`${server.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const result = await new Validator().validate(spec as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths).sort()).toEqual(['/v1/diagnose', '/v1/rules']);
    expect(Object.keys(spec.paths['/v1/diagnose']?.post?.responses ?? {}).sort()).toEqual(['200', '400', '403', '413', '415', '429', '503']);
  });
});

describe('request ids and logs', () => {
  it('gives every answer an X-Request-Id, keeping a plain one the client sent', async () => {
    const own = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bot-42.7' } });
    expect(own.headers.get('x-request-id')).toBe('bot-42.7');
    const hostile = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'a b\u00e9{"level":60}' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs requests with their id and status, never the pasted text, the query string or a secret', async () => {
    const marker = 'PASTE-MARKER-7f3a';
    const secret = 'Pa55-in-the-paste';
    const before = server.logs.length;
    const response = await postDiagnose(server.url, { text: `${SEED}\n${marker} Password=${secret};`, connectionString: `Server=db01;Password=${secret}` }, { query: `?format=markdown&${marker}=1`, headers: { 'x-request-id': 'log-check-1' } });
    expect(response.status).toBe(400); // the unknown query parameter is refused
    await postDiagnose(server.url, { text: `${marker} Password=${secret};` }, { headers: { 'x-request-id': 'log-check-2' } });
    const lines = server.logs.slice(before);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(marker);
    expect(text).not.toContain(secret);
    expect(lines.filter((l) => l.reqId === 'log-check-2').map((l) => (l.res as { statusCode?: number } | undefined)?.statusCode).filter(Boolean)).toEqual([200]);
    expect(lines.find((l) => l.reqId === 'log-check-1' && l.msg === 'incoming request')).toMatchObject({ req: { method: 'POST', path: '/v1/diagnose' } });
  });
});

describe('concurrency', () => {
  it('gives 200 requests in flight the same answers as one at a time', async () => {
    const inputs = Array.from({ length: 200 }, (_, i) => ({ text: PASTES[i % PASTES.length] as string }));
    const sequential: string[] = [];
    for (const input of inputs.slice(0, PASTES.length)) sequential.push(await (await postDiagnose(server.url, input)).text());
    const parallel = await Promise.all(inputs.map(async (input) => {
      const response = await postDiagnose(server.url, input);
      expect(response.status).toBe(200);
      return response.text();
    }));
    parallel.forEach((answer, i) => expect(answer).toBe(sequential[i % PASTES.length]));
    expect(new Set(sequential).size).toBeGreaterThan(10);
  }, 60_000);
});

describe('limits of a server configured tighter', () => {
  it('the 4th request in the window from one client → 429 with Retry-After', async () => {
    const tight = await startServer({ rateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await postDiagnose(tight.url, { text: 'Login failed for user sa.' })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await postDiagnose(tight.url, { text: 'x' });
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await limited.json()).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/^rate limit: at most 3 requests per 60 s from one client; retry in \d+ s$/) });
    } finally {
      await tight.close();
    }
  });

  it('the paste page and its assets do not count towards the rate limit, and stay served past it', async () => {
    const tight = await startServer({ rateLimit: { max: 2, windowMs: 60_000 } });
    try {
      const page = () => Promise.all(['/', '/assets/page.js', '/assets/page.css'].map((path) => fetch(`${tight.url}${path}`).then((r) => r.status)));
      // Five page loads (fifteen requests) leave the allowance of two diagnoses untouched…
      for (let i = 0; i < 5; i++) expect(await page()).toEqual([200, 200, 200]);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await postDiagnose(tight.url, { text: 'Login failed for user sa.' })).status);
      expect(statuses).toEqual([200, 200, 429]);
      // …and a client past it still gets the page, not a JSON refusal.
      const after = await fetch(`${tight.url}/`);
      expect(after.status).toBe(200);
      expect(after.headers.get('content-type')).toMatch(/^text\/html/);
    } finally {
      await tight.close();
    }
  });

  it('behind a trusted proxy, each forwarded client has its own rate limit', async () => {
    const proxied = await startServer({ rateLimit: { max: 1, windowMs: 60_000 }, trustProxy: ['127.0.0.1'] });
    try {
      const from = (client: string) => fetch(`${proxied.url}/v1/rules`, { headers: { 'x-forwarded-for': client } }).then((r) => r.status);
      expect([await from('198.51.100.1'), await from('198.51.100.2'), await from('198.51.100.1')]).toEqual([200, 200, 429]);
    } finally {
      await proxied.close();
    }
  });

  it('a configured body limit → 413 above it', async () => {
    const small = await startServer({ bodyLimit: 2048 });
    try {
      expect((await postDiagnose(small.url, { text: 'x'.repeat(1000) })).status).toBe(200);
      expect((await postDiagnose(small.url, { text: 'x'.repeat(3000) })).status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('a request whose body never finishes → 408 at the request timeout', async () => {
    const slow = await startServer({ requestTimeoutMs: 1000 });
    try {
      const port = Number(new URL(slow.url).port);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write('POST /v1/diagnose HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"te'));
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString()));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
        setTimeout(() => socket.destroy(), 4_000);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toContain('"statusCode":408');
    } finally {
      await slow.close();
    }
  });
});
