// Login probe: a real SQL authentication login with the tedious driver, so that the driver's own error is
// diagnosed. Opt-in only; the password goes to the driver and nowhere else.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LoginOutcome } from '../schemas/probe-report.js';
import { elapsedSince } from './deadline.js';

export interface LoginRequest {
  host: string;
  port: number;
  /** The name the certificate is checked against when `host` is an address the caller resolved (TLS SNI too). */
  serverName?: string;
  user: string;
  password: string;
  /** The client's Encrypt setting when the connection names one; tedious's default (true) otherwise. */
  encrypt?: boolean | 'strict';
  trustServerCertificate?: boolean;
  database?: string;
  timeoutMs: number;
}

interface TediousConnection {
  connect(callback: (error?: Error) => void): void;
  close(): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
interface TediousModule {
  Connection: new (config: object) => TediousConnection;
}

/** tedious is an optional peer dependency: without it the probe says so instead of failing. */
async function loadTedious(): Promise<{ module: TediousModule; version: string } | undefined> {
  try {
    const module = (await import('tedious')) as unknown as TediousModule;
    // tedious's exports map hides its package.json from import(): read the installed file.
    const main = createRequire(import.meta.url).resolve('tedious');
    const { version } = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string };
    return { module, version };
  } catch {
    return undefined;
  }
}

/**
 * The error as an application logs it (class, message, code): the form the tedious normalizer reads. tedious 19's
 * ConnectionError leaves `name` as "Error", so the class name comes from its constructor.
 */
function asLogged(error: Error): string {
  const code = (error as Error & { code?: unknown }).code;
  const name = error.name === 'Error' && error.constructor.name ? error.constructor.name : error.name;
  return `${name}: ${error.message}${typeof code === 'string' ? `\n  code: '${code}'` : ''}`;
}

/** The connection's Encrypt setting (connection.encryptMode) as tedious takes it. */
export const TEDIOUS_ENCRYPT: Readonly<Record<string, boolean | 'strict'>> = { mandatory: true, optional: false, strict: 'strict' };

export async function probeLogin(request: LoginRequest): Promise<LoginOutcome> {
  const started = performance.now();
  const tedious = await loadTedious();
  if (!tedious) return { state: 'unavailable', message: 'the tedious driver is not installed (npm install tedious@19)', ms: 0 };
  const driver = `tedious ${tedious.version}`;
  const connection = new tedious.module.Connection({
    server: request.host,
    authentication: { type: 'default', options: { userName: request.user, password: request.password } },
    // Only the settings the connection names: tedious checks each option's type and refuses an undefined one.
    options: {
      port: request.port,
      connectTimeout: request.timeoutMs,
      ...(request.encrypt !== undefined ? { encrypt: request.encrypt } : {}),
      ...(request.trustServerCertificate !== undefined ? { trustServerCertificate: request.trustServerCertificate } : {}),
      ...(request.database ? { database: request.database } : {}),
      ...(request.serverName ? { serverName: request.serverName } : {}),
    },
  });
  // A socket error after connect() has called back must not become an unhandled 'error' event.
  connection.on('error', () => undefined);
  const error = await new Promise<Error | undefined>((resolve) => {
    // tedious's own connectTimeout ends the attempt; this is the backstop should it not call back.
    const backstop = setTimeout(() => resolve(new Error(`tedious did not answer within ${request.timeoutMs * 2} ms`)), request.timeoutMs * 2);
    connection.connect((err) => {
      clearTimeout(backstop);
      resolve(err);
    });
  });
  connection.close();
  const ms = elapsedSince(started);
  return error ? { state: 'failed', driver, message: asLogged(error), ms } : { state: 'succeeded', driver, ms };
}
