// examples/chat-bot runs as a process against the real server on an ephemeral loopback port: two turns of a
// conversation, the second carrying the evidence the first answer's next checks asked for.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../src/server/app.js';
import { runNodeAsync } from '../helpers.js';

const BOT = 'examples/chat-bot/bot.mjs';
const PASTE = 'test/fixtures/seed/sqlclient.txt';
const NETSTAT = 'test/fixtures/seed/artefacts/netstat.txt';
const CONNECTION = 'Data Source=server\\instance;Integrated Security=SSPI';

let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  app = await createServer({ logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app.close();
});

const bot = (...args: string[]) => runNodeAsync([BOT, '--url', url, ...args]);

describe('examples/chat-bot', () => {
  it('prints the Markdown answer and how to send the evidence the next checks ask for', async () => {
    const turn = await bot('--connection-string', CONNECTION, PASTE);
    expect(turn.stderr).toBe('');
    expect(turn.code).toBe(0);
    expect(turn.stdout).toMatch(/^\*\*Family:\*\* `refused`/);
    expect(turn.stdout).toContain('### Likely causes');
    expect(turn.stdout).toContain(`--evidence netstat=FILE ${PASTE}`);
    expect(turn.stdout).toContain('(with the same --connection-string)');
  });

  it('sends the evidence on the next turn: the check it answers is no longer asked for', async () => {
    const first = await bot('--connection-string', CONNECTION, PASTE);
    const second = await bot('--connection-string', CONNECTION, '--evidence', `netstat=${NETSTAT}`, PASTE);
    expect(second.code).toBe(0);
    expect(first.stdout).toContain('netstat=FILE');
    expect(second.stdout).not.toContain('netstat=FILE');
    // The evidence already given is carried into every suggested next turn.
    expect(second.stdout).toContain(`--evidence netstat=${NETSTAT} --evidence errorlog=FILE ${PASTE}`);
  });

  it('takes the URL from MSSQL_DOCTOR_URL', async () => {
    const turn = await runNodeAsync([BOT, PASTE], { env: { MSSQL_DOCTOR_URL: url } });
    expect(turn.code).toBe(0);
    expect(turn.stdout).toContain('### Likely causes');
  });

  it('refuses an evidence kind the API does not know, before any request', async () => {
    const turn = await bot('--evidence', `nmap=${NETSTAT}`, PASTE);
    expect(turn.code).toBe(2);
    expect(turn.stderr).toContain('unknown evidence kind "nmap"');
  });
});
