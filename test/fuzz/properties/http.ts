// Fuzz properties of the HTTP API (createServer, as `mssql-doctor serve` runs it, listening on loopback in the
// fuzzing process; light-my-request's inject() does not load under jest's ESM): request bodies of every shape, media type, charset and encoding, formats and Accept headers, and
// random paths and queries. Every answer has a documented status (never 5xx); a 200 is a schema-valid Diagnosis (or
// the format asked for), a refusal is the API's one-line error object; no planted secret reaches the response, its
// headers or the server's log lines. Probes are refused (no allowlist): nothing leaves the process.
import fc from 'fast-check';
import { Agent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Writable } from 'node:stream';
import { once } from '../../../src/lazy.js';
import { createServer } from '../../../src/server/app.js';
import { FORMATS } from '../../../src/server/formats.js';
import { anyPaste, errorPaste, evidencePaste, junk, randomBytes, randomText, structuredInput } from '../arbitraries.js';
import { expectNoLeak, expectValidDiagnosis, fail } from '../oracles.js';
import { asyncProperty, type FuzzProperty } from '../property.js';
import { plantedSecret } from '../secrets.js';
import { outputWords } from '../outputs.js';

/** The statuses the API documents (routes.ts errorResponses, plus 404 and 405 for what is not a route); never a 5xx. */
const DOCUMENTED_STATUSES = new Set([200, 400, 403, 404, 405, 406, 413, 415]);

interface Server {
  /** Sends one request and waits for the whole answer (30 s at most). */
  send(method: string, path: string, headers: OutgoingHttpHeaders, body?: Buffer): Promise<{ status: number; headers: string; body: string }>;
  /** The server's log lines since the last take(). */
  takeLogs(): string;
}

const REQUEST_LIMIT_MS = 30_000;

const server = once(async (): Promise<Server> => {
  let logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  // No rate limit and no load shedding: the fuzzer's own pace is no client's and would read as abuse or load.
  const app = await createServer({ logger: { level: 'info', stream }, rateLimit: false, overload: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // Neither the listening socket nor the connections the keep-alive agent leaves open (the server keeps an idle one
  // for 72 s) may keep a worker or jest alive once the cases are done: on two cores jest runs the suites in its own
  // process, which then printed "did not exit one second after the test run has completed" when the fuzz sample
  // was among the last minute's suites.
  app.server.unref();
  app.server.on('connection', (socket: Socket) => socket.unref());
  const { port } = app.server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send: Server['send'] = (method, path, headers, body) =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent, timeout: REQUEST_LIMIT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: JSON.stringify(res.headers), body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_LIMIT_MS / 1000} s`)));
      req.on('error', reject);
      req.end(body);
    });
  return {
    send,
    takeLogs: () => {
      const taken = logs.join('');
      logs = [];
      return taken;
    },
  };
});

/** A header value node can send: visible ASCII and spaces (it refuses line breaks and controls, as a client does). */
const headerValue = (text: string) => text.replace(/[^\x20-\x7e]/g, '');

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=UTF-16LE',
  'application/json; charset="iso-8859-1"', 'application/json; charset=koi8-r', 'text/plain', 'text/plain; charset=utf-16be',
  'text/plain; charset=windows-1252', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream',
  'text/markdown', '', 'application/json;;charset', 'APPLICATION/JSON',
];

/** How the body's text becomes bytes: as UTF-8, as UTF-16 (either order, with or without a byte order mark), as Latin-1. */
const ENCODE: Record<string, (text: string) => Buffer> = {
  utf8: (text) => Buffer.from(text, 'utf8'),
  utf16le: (text) => Buffer.from(text, 'utf16le'),
  'utf16le-bom': (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  'utf16be-bom': (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
  latin1: (text) => Buffer.from(text, 'latin1'),
};

/** JSON of the value, or fast-check's printing of one JSON cannot hold (a bigint, a cycle): a body that is no JSON. */
const asJson = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return fc.stringify(value);
  }
};

/** A body's text: the library input (well-typed or not), JSON of any value, JSON cut short, a paste. */
const bodyText = once(() =>
  fc.oneof(
    structuredInput().map(asJson),
    fc.jsonValue({ maxDepth: 3 }).map(asJson),
    fc.tuple(structuredInput().map(asJson), fc.nat()).map(([json, at]) => json.slice(0, at % (json.length + 1))),
    anyPaste(),
    fc.record({ text: errorPaste(), connectionString: evidencePaste('connection_string') }, { requiredKeys: ['text'] }).map(asJson),
  ),
);

const headers = fc.record(
  {
    'content-type': fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.string({ maxLength: 30 })),
    'content-encoding': fc.constantFrom('gzip', 'identity', 'br, gzip', ''),
    accept: fc.constantFrom('application/json', 'text/markdown', 'text/html', '*/*', 'application/json;q=0, text/markdown', ''),
    'x-request-id': fc.oneof(fc.constantFrom('abc-123', ''), fc.string({ maxLength: 20 })),
  },
  { requiredKeys: [] },
);

const query = fc.oneof(fc.constant(''), fc.constantFrom(...FORMATS, 'xml', '', 'JSON').map((f) => `?format=${f}`), fc.string({ maxLength: 20 }).map((q) => `?${encodeURIComponent(wellFormed(q))}`));

/** A request of any shape; the body is bytes, so a charset label may lie about them. */
const request = once(() =>
  fc.record({
    body: fc.oneof(
      { weight: 6, arbitrary: fc.tuple(bodyText(), fc.constantFrom(...Object.keys(ENCODE))).map(([text, encoding]) => ENCODE[encoding]?.(text) ?? Buffer.from(text)) },
      { weight: 1, arbitrary: randomBytes.map((bytes) => Buffer.from(bytes)) },
    ),
    headers,
    query,
  }),
);

/** A planted secret in the body's paste, connection string or evidence, sent as JSON or as the text/plain paste. */
const secretRequest = once(() =>
  fc.tuple(plantedSecret(), fc.constantFrom('json-text', 'json-connection-string', 'json-evidence', 'text/plain'), errorPaste(), query).map(([planted, route, error, q]) => {
    const input =
      route === 'json-text'
        ? { text: planted.paste }
        : route === 'json-connection-string'
          ? { text: error, connectionString: planted.shape }
          : { text: error, evidence: [{ text: planted.paste }] };
    const plain = route === 'text/plain';
    return {
      planted,
      background: `${planted.background}\n${error}`,
      body: Buffer.from(plain ? planted.paste : JSON.stringify(input)),
      headers: { 'content-type': plain ? 'text/plain' : 'application/json' },
      query: q,
    };
  }),
);

/** The text with lone surrogates replaced (encodeURIComponent throws on them; a URL carries UTF-8). */
const wellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

interface Answer {
  status: number;
  body: string;
  /** The response headers as JSON. */
  headers: string;
  logs: string;
}

async function post(body: Buffer, headers: Record<string, string>, q: string): Promise<Answer> {
  const { send, takeLogs } = await server();
  takeLogs();
  const sendable = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, headerValue(value)]));
  const answer = await send('POST', `/v1/diagnose${q}`, { ...sendable, 'content-length': body.length }, body);
  return { ...answer, logs: takeLogs() };
}

/** A documented status, and the body it promises: a Diagnosis (or its rendering) for 200, the error object otherwise. */
function expectDocumentedAnswer(answer: Answer, contentType: string | undefined): void {
  if (!DOCUMENTED_STATUSES.has(answer.status)) fail(`answered ${answer.status}`, answer.body);
  const isJson = /^application\/json/.test(contentType ?? '');
  if (answer.status === 200) {
    if (!isJson) return;
    const value = JSON.parse(answer.body) as { family?: unknown };
    // Slack and Teams messages have their own shapes; a Diagnosis is the one with a family.
    if (value.family !== undefined) expectValidDiagnosis(value);
    return;
  }
  if (!isJson) fail(`a ${answer.status} that is not JSON`, { contentType, body: answer.body });
  const error = JSON.parse(answer.body) as { statusCode?: unknown; error?: unknown; message?: unknown };
  if (error.statusCode !== answer.status || typeof error.error !== 'string' || typeof error.message !== 'string') fail('an error answer without statusCode, error and message', answer.body);
  if (!error.message.trim() || /[\r\n]/.test(error.message)) fail('an error message that is not one line', error.message);
  if (/\n\s+at /.test(answer.body)) fail('an error answer with a stack trace', answer.body);
}

export const HTTP_PROPERTIES: FuzzProperty[] = [
  asyncProperty('http/diagnose-bodies', 60, request, async ({ body, headers: given, query: q }) => {
    const headersSent = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const answer = await post(body, headersSent, q);
    expectDocumentedAnswer(answer, JSON.parse(answer.headers)['content-type'] as string | undefined);
  }),

  asyncProperty('http/secrets', 40, secretRequest, async ({ planted, background, body, headers: h, query: q }) => {
    const answer = await post(body, h, q);
    expectDocumentedAnswer(answer, JSON.parse(answer.headers)['content-type'] as string | undefined);
    // The query string is the client's own text, not the paste: an answer may name what it holds (an unknown format).
    const sentQuery = (() => {
      try {
        return decodeURIComponent(q);
      } catch {
        return q;
      }
    })();
    expectNoLeak(planted.secrets, [answer.body, answer.headers, answer.logs], `${background}\n${sentQuery}`, await outputWords());
  }),

  asyncProperty(
    'http/paths',
    40,
    () => fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'), fc.constantFrom('/', '/v1/diagnose', '/v1/rules', '/healthz', '/openapi.json', '/v1/', '/%', '/%E0%A4%A'), fc.oneof(randomText(30), junk.map(asJson)), plantedSecret({ corpus: false })),
    async ([method, path, tail, planted]) => {
      const { send, takeLogs } = await server();
      takeLogs();
      // A secret in the query string: a client's mistake that must not reach the logs.
      const url = `${path}${encodeURIComponent(wellFormed(tail)).slice(0, 60)}?p=${encodeURIComponent(planted.secrets[0] ?? '')}`;
      const response = await send(method, url, {});
      if (response.status >= 500) fail(`answered ${response.status}`, response.body);
      // The path is logged: what it holds besides the secret is no leak.
      expectNoLeak(planted.secrets, [takeLogs()], `${path}${wellFormed(tail)}`, await outputWords());
    },
  ),
];
