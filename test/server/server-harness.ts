// Starts the real server (createServer) on an ephemeral loopback port for a test, and closes it afterwards.
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createServer, type CreateServerOptions } from '../../src/server/app.js';

export interface Running {
  app: FastifyInstance;
  url: string;
  /** Log lines the server wrote (JSON, parsed), when started with captureLogs. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startServer(options: CreateServerOptions & { captureLogs?: boolean } = {}): Promise<Running> {
  const logs: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const { captureLogs, ...serverOptions } = options;
  // Load shedding only where a test asks for it: the test's own work (the library computing expected answers) runs on
  // the server's event loop and would read as load.
  const app = await createServer({ logger: captureLogs ? { level: 'info', stream } : false, overload: false, ...serverOptions });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, logs, close: () => app.close() };
}

/** POST /v1/diagnose with a JSON body (or a raw body and content type). */
export function postDiagnose(url: string, body: unknown, init: { query?: string; headers?: Record<string, string>; raw?: string } = {}): Promise<Response> {
  return fetch(`${url}/v1/diagnose${init.query ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.raw ?? JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
}
