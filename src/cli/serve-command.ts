// `mssql-doctor serve`: the HTTP API and paste page (src/server/), until SIGINT or SIGTERM. Settings come from
// the config file's `server` section; --host and --port override it. Logs are JSON lines (pino) on stdout.
import type { Command } from 'commander';
import { readConfig, userRulePaths } from '../config.js';
import { DoctorError } from '../errors.js';
import type { ServerConfig } from '../schemas/config.js';
import { collect } from './input-options.js';
import { DEFAULT_HOST, DEFAULT_PORT, serverOptionsFrom } from '../server/options.js';

interface ServeOptions {
  host?: string;
  port?: string;
  rules?: string[];
  config?: string;
}

function portFrom(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', `--port must be 0 to 65535 (0: any free port), not "${text}"`);
  return port;
}

async function runServe(options: ServeOptions): Promise<void> {
  const server: ServerConfig = options.config ? (readConfig(options.config).server ?? {}) : {};
  const rules = userRulePaths(options);
  // Loaded here, not at start-up: the other commands never need Fastify.
  const { createServer } = await import('../server/app.js');
  const app = await createServer({ ...serverOptionsFrom(server), rules });
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const host = options.host ?? server.host ?? DEFAULT_HOST;
  const port = options.port !== undefined ? portFrom(options.port) : (server.port ?? DEFAULT_PORT);
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    throw listenError(error as NodeJS.ErrnoException, host, port);
  }
}

/** What the operator can do about an address the server could not listen on, in one line; other failures as they are. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') return new DoctorError('MSSQLDOCTOR_ERR_USAGE', `port ${port} on ${host} is in use: choose another with --port (0 picks a free one)`);
  if (error.code === 'EACCES') return new DoctorError('MSSQLDOCTOR_ERR_USAGE', `port ${port} on ${host} needs privileges this process does not have: choose one above 1023 with --port`);
  if (error.code === 'EADDRNOTAVAIL') return new DoctorError('MSSQLDOCTOR_ERR_USAGE', `${host} is not an address of this machine: choose another with --host`);
  return error;
}

export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (POST /v1/diagnose, GET /v1/rules, GET /openapi.json, GET /healthz) and the paste page (GET /)')
    .option('--host <address>', `address to listen on (default ${DEFAULT_HOST}, or the config file's server.host)`)
    .option('--port <port>', `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)`)
    .option('--rules <dir>', 'extra rule directory or file, loaded after the built-in rules; repeatable', collect)
    .option('--config <file>', 'config file (JSON or YAML): rules, and the server section (limits, probe allowlist)')
    .action(runServe);
}
