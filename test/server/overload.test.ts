// Load shedding (src/server/overload.ts): past its capacity the server answers 503 with Retry-After instead of
// queueing, every 200 it still gives is the right diagnosis, /healthz keeps answering, and once the load stops the
// server takes requests again. Capacity is made small through the options (a low event-loop delay threshold, a
// short sample interval), so a few clients on loopback are enough; every loop is bounded in count and time.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { createDoctor } from '../../src/doctor.js';
import { postDiagnose, startServer, type Running } from './server-harness.js';

const ERROR_DIR = new URL('../fixtures/errors/', import.meta.url);
const PASTES = readdirSync(ERROR_DIR).filter((name) => name.endsWith('.txt')).sort().map((name) => readFileSync(new URL(name, ERROR_DIR), 'utf8'));
const CLIENTS = 6;
/** Valid and slow to diagnose: each client's own mix of real pastes, about 48 KiB, so answers cannot be swapped unseen. */
const inputs = Array.from({ length: CLIENTS }, (_, client) => {
  const mix = PASTES.filter((_, i) => i % CLIENTS === client).join('\n\n');
  return { text: mix.repeat(Math.ceil((48 * 1024) / mix.length)).slice(0, 48 * 1024) };
});
const library = createDoctor();
let expected: string[];

interface Answer {
  status: number;
  retryAfter: string | null;
  body: string;
}

async function post(url: string, input: { text: string }): Promise<Answer> {
  const response = await postDiagnose(url, input);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
}

const healthz = async (url: string) => (await (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) })).json()) as { status: string; overloaded: boolean };

/** Polls /healthz until it reports `overloaded` as wanted; false if it never does within the bound. */
async function until(url: string, overloaded: boolean, polls = 200): Promise<boolean> {
  for (let i = 0; i < polls; i++) {
    if ((await healthz(url)).overloaded === overloaded) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

beforeAll(async () => {
  // What one client sees when nothing else runs: the answers every 200 under load must equal.
  expected = await Promise.all(inputs.map(async (input) => JSON.stringify(await library.diagnose(input))));
});

describe('past capacity, on loopback', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer({ rateLimit: false, overload: { maxEventLoopDelayMs: 20, sampleIntervalMs: 50, retryAfterSeconds: 3 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('sheds with 503 and Retry-After, gives only right answers, keeps /healthz up, and recovers when the load stops', async () => {
    const answers: Answer[][] = inputs.map(() => []);
    const health: Array<{ status: string; overloaded: boolean }> = [];
    const stopAt = Date.now() + 20_000;
    const enough = () => answers.flat().some((a) => a.status === 503) && answers.every((mine) => mine.some((a) => a.status === 200));
    // Each client posts its input again as soon as it has an answer, until every client had a 200 and someone a 503.
    // After a 503 it waits one sample interval (its Retry-After, scaled down), so that it cannot spend its attempts
    // inside one shedding window.
    await Promise.all(
      inputs.map(async (input, client) => {
        for (let i = 0; i < 100 && Date.now() < stopAt && !enough(); i++) {
          const answer = await post(server.url, input);
          answers[client]?.push(answer);
          if (answer.status !== 503) continue;
          health.push(await healthz(server.url));
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }),
    );

    const all = answers.flat();
    const shed = all.filter((a) => a.status === 503);
    expect(shed.length).toBeGreaterThan(0);
    expect(all.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    for (const answer of shed) {
      expect(answer.retryAfter).toBe('3');
      expect(JSON.parse(answer.body)).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.stringMatching(/^the server is too busy to take this request now \(its event loop lags (\d+|more than 50) ms behind\); retry in 3 s$/),
      });
    }
    answers.forEach((mine, client) => {
      const served = mine.filter((a) => a.status === 200);
      expect(served.length).toBeGreaterThan(0);
      for (const answer of served) expect(answer.body).toBe(expected[client]);
    });
    // The health check answered every time, busy or not.
    expect(health.length).toBe(shed.length);
    expect(health.every((h) => h.status === 'ok')).toBe(true);

    // Load stopped: the next sample finds the loop idle and the server takes requests again.
    expect(await until(server.url, false)).toBe(true);
    const after = await post(server.url, inputs[0] as { text: string });
    expect(after.status).toBe(200);
    expect(after.body).toBe(expected[0]);
  }, 60_000);
});

describe('shedding on memory, and turned off', () => {
  it('sheds every request but /healthz while the heap is above its limit, saying why', async () => {
    // A 1-byte limit: the heap is always above it once the first sample is taken.
    // The event-loop check is off, so that only memory can be why.
    const server = await startServer({ overload: { maxHeapUsedBytes: 1, maxEventLoopDelayMs: 0, sampleIntervalMs: 50, retryAfterSeconds: 7 } });
    try {
      expect(await until(server.url, true)).toBe(true);
      const response = await postDiagnose(server.url, { text: 'Login failed for user sa.' });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await response.json()).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'the server is too busy to take this request now (its memory is nearly full); retry in 7 s' });
      expect((await fetch(`${server.url}/v1/rules`)).status).toBe(503);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', overloaded: true });
    } finally {
      await server.close();
    }
  });

  it('overload: false sheds nothing, and /healthz says overloaded: false', async () => {
    const server = await startServer({ overload: false });
    try {
      expect(await healthz(server.url)).toMatchObject({ status: 'ok', overloaded: false });
      expect((await postDiagnose(server.url, { text: 'Login failed for user sa.' })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
