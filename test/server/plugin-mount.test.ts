// The plugin inside a team's own Fastify service, under a prefix: the API, the page and the OpenAPI document
// all answer below the prefix, and the team's other routes are untouched by its limits and error shapes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { mssqlDoctor } from '../../src/server/index.js';
import { fixture } from '../helpers.js';

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = Fastify({ logger: false });
  app.get('/team/ping', async () => ({ pong: true }));
  app.post('/team/echo', async (request) => request.body);
  await app.register(mssqlDoctor, { prefix: '/doctor', rateLimit: { max: 4, windowMs: 60_000 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
});

describe('mssqlDoctor mounted under /doctor', () => {
  it('diagnoses at /doctor/v1/diagnose and serves the page at /doctor/', async () => {
    const response = await fetch(`${base}/doctor/v1/diagnose`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: fixture('seed/odbc.txt') });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { family: string }).family).toBe('refused');
    const page = await fetch(`${base}/doctor/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('assets/page.js');
  });

  it('documents its routes under the prefix', async () => {
    const spec = (await (await fetch(`${base}/doctor/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths).sort()).toEqual(['/doctor/v1/diagnose', '/doctor/v1/rules']);
  });

  it('keeps its rate limit to its own routes', async () => {
    // An app of its own, so that what other tests asked does not count against its limit (they may run in any order).
    const limited = Fastify({ logger: false });
    limited.get('/team/ping', async () => ({ pong: true }));
    await limited.register(mssqlDoctor, { prefix: '/doctor', rateLimit: { max: 2, windowMs: 60_000 } });
    await limited.listen({ host: '127.0.0.1', port: 0 });
    try {
      const at = `http://127.0.0.1:${(limited.server.address() as AddressInfo).port}`;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${at}/doctor/v1/rules`)).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await fetch(`${at}/team/ping`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('keeps its body parsers to its own routes: the team\'s JSON routes still get Fastify\'s', async () => {
    const echo = await fetch(`${base}/team/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a": [1]}' });
    expect(await echo.json()).toEqual({ a: [1] });
    const text = await fetch(`${base}/team/echo`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'plain' });
    expect(await text.text()).toBe('plain');
  });
});
