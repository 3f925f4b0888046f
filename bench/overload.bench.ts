// Prints figures, asserts nothing: `mssql-doctor serve` (its own process, on loopback) at twice its capacity, with
// load shedding off, with the defaults and with tighter thresholds, plus half its capacity with the defaults (where
// no request should be shed). On a machine other work shares, capacity drifts between phases: compare runs.
// Capacity is measured before each run (it drifts on a shared machine): requests per second that 4 clients posting
// back to back get answered, shedding off.
// The load is open (requests arrive at a fixed rate whatever the answers), as from many independent clients, each
// giving up after CLIENT_TIMEOUT_MS. Every 200 is compared with the answer the server gives when idle.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startServeProcess, type ServeProcess } from '../test/serve-process.js';

const ERROR_DIR = new URL('../test/fixtures/errors/', import.meta.url);
const PASTES = readdirSync(ERROR_DIR).filter((name) => name.endsWith('.txt')).sort().map((name) => readFileSync(new URL(name, ERROR_DIR), 'utf8'));
/** Pastes of 16 KiB, each a different mix of real errors: a long paste, not a hostile one. */
const INPUTS = Array.from({ length: 8 }, (_, k) => {
  const mix = PASTES.filter((_, i) => i % 8 === k).join('\n\n');
  return JSON.stringify({ text: mix.repeat(Math.ceil(16_384 / mix.length)).slice(0, 16_384) });
});
const CAPACITY_SECONDS = 8;
const LOAD_SECONDS = 20;
const CLIENT_TIMEOUT_MS = 10_000;

interface Outcome {
  status: number | 'timeout' | 'error';
  ms: number;
  right?: boolean;
}

async function serve(overload: Record<string, number> | false): Promise<ServeProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-overload-'));
  const config = join(dir, 'config.json');
  // The rate limit counts clients; here one process is every client.
  const server: Record<string, unknown> = { rateLimit: { max: 1_000_000, windowMs: 60_000 } };
  // The defaults are what is measured; "off" is an event-loop threshold no lag reaches and a heap check that is off.
  if (overload === false) server.overload = { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 };
  else server.overload = overload;
  writeFileSync(config, JSON.stringify({ server }));
  // A machine still busy with the previous run may take a while to start the next server.
  return startServeProcess(['--import', 'tsx', `${REPO_ROOT}src/cli/main.ts`, 'serve', '--port', '0', '--config', config], 120_000);
}

async function post(url: string, index: number, expected?: string[]): Promise<Outcome> {
  const start = performance.now();
  try {
    const response = await fetch(`${url}/v1/diagnose`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: INPUTS[index], signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
    const body = await response.text();
    const ms = performance.now() - start;
    return { status: response.status, ms, ...(response.status === 200 && expected ? { right: body === expected[index] } : {}) };
  } catch (error) {
    return { status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'error', ms: performance.now() - start };
  }
}

async function capacity(url: string): Promise<number> {
  const stopAt = performance.now() + CAPACITY_SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: 4 }, async (_, client) => {
      for (let i = client; performance.now() < stopAt; i++) if ((await post(url, i % INPUTS.length)).status === 200) done++;
    }),
  );
  return done / CAPACITY_SECONDS;
}

/** Requests at a fixed rate for LOAD_SECONDS, each on its own (an open load), then all answers or timeouts. */
async function openLoad(url: string, rate: number, expected: string[]): Promise<Outcome[]> {
  const pending: Array<Promise<Outcome>> = [];
  const start = performance.now();
  const total = Math.round(rate * LOAD_SECONDS);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(post(url, i % INPUTS.length, expected));
  }
  return Promise.all(pending);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);
};
const share = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)} %`;

function report(label: string, outcomes: Outcome[]): void {
  const count = (status: Outcome['status']) => outcomes.filter((o) => o.status === status).length;
  const ok = outcomes.filter((o) => o.status === 200);
  const ms = (values: Outcome[]) => `p50 ${percentile(values.map((o) => o.ms), 50).toFixed(0)} ms, p99 ${percentile(values.map((o) => o.ms), 99).toFixed(0)} ms`;
  const shed = outcomes.filter((o) => o.status === 503);
  console.log(
    `${label}: ${outcomes.length} requests; 200: ${share(ok.length, outcomes.length)} (${ms(ok)}), wrong answers: ${ok.filter((o) => o.right === false).length}; ` +
      `503: ${share(shed.length, outcomes.length)}${shed.length ? ` (${ms(shed)})` : ''}; client timeouts (${CLIENT_TIMEOUT_MS / 1000} s): ${count('timeout')}; ` +
      `other: ${outcomes.length - ok.length - shed.length - count('timeout')}; all answers: ${ms(outcomes.filter((o) => typeof o.status === 'number'))}`,
  );
}

/** Capacity now (measured on a server with shedding off), then `factor` times it as an open load on a fresh server. */
async function run(label: string, overload: Record<string, number> | false, factor: number, expected: string[]): Promise<void> {
  const baseline = await serve(false);
  let perSecond: number;
  try {
    perSecond = await capacity(baseline.url);
  } finally {
    await baseline.stop();
  }
  const server = await serve(overload);
  try {
    for (let i = 0; i < INPUTS.length; i++) await post(server.url, i); // warm-up
    report(`${label}: capacity ${perSecond.toFixed(1)}/s, load ${(factor * perSecond).toFixed(1)}/s for ${LOAD_SECONDS} s`, await openLoad(server.url, factor * perSecond, expected));
  } finally {
    await server.stop();
  }
}

// What each input gets from an idle server: the answer every 200 under load must equal.
const idle = await serve(false);
const expected: string[] = [];
try {
  for (const body of INPUTS) expected.push(await (await fetch(`${idle.url}/v1/diagnose`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text());
} finally {
  await idle.stop();
}
console.log(`capacity: requests/s that 4 clients posting 16 KiB pastes back to back get answered (shedding off, ${CAPACITY_SECONDS} s), measured before each run`);
await run('2× capacity, shedding off', false, 2, expected);
await run('2× capacity, shedding on (defaults: 200 ms lag, 500 ms samples)', {}, 2, expected);
await run('2× capacity, shedding on, tighter (50 ms lag, 100 ms samples)', { maxEventLoopDelayMs: 50, sampleIntervalMs: 100 }, 2, expected);
await run('½ capacity, shedding on (defaults)', {}, 0.5, expected);
