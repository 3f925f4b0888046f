// What `mssql-doctor serve`, createServer() and the plugin take, with the defaults the README documents.
import type { FastifyServerOptions } from 'fastify';
import type { ServerConfig } from '../schemas/config.js';
import type { OverloadOptions } from './overload.js';
import type { ProbeAllowEntry } from './probe-allowlist.js';

export interface DoctorServerOptions {
  /** Rule directories or files loaded after the built-in rules. */
  rules?: readonly string[];
  bodyLimit?: number;
  /** Per-client limit; `false` turns it off (a team mounting the plugin behind its own limiter). */
  rateLimit?: { max: number; windowMs: number } | false;
  /**
   * Hosts and networks requests may probe, each at 1433/tcp and 1434/udp plus the ports listed with it
   * (`{ host: '10.20.0.0/16', ports: [14330, '1435/udp'] }`); probes are refused (403) when absent or empty.
   */
  probeAllow?: readonly ProbeAllowEntry[];
}

/** createServer() takes the plugin's options and those of the server around it. */
export interface CreateServerOptions extends DoctorServerOptions {
  /** pino options (level, stream, …) or false for no logs; default: info level on stdout. */
  logger?: false | Exclude<FastifyServerOptions['logger'], boolean | undefined>;
  requestTimeoutMs?: number;
  /** Trust X-Forwarded-For from these proxies (true: any), so the rate limit counts clients, not the proxy. */
  trustProxy?: boolean | string[];
  /** Load shedding (503 with Retry-After when the event loop lags or the heap is nearly full); false turns it off. */
  overload?: OverloadOptions | false;
}

export const DEFAULT_BODY_LIMIT = 256 * 1024;
export const DEFAULT_RATE_LIMIT = { max: 60, windowMs: 60_000 };
/** Long enough for the longest probe deadline the input schema allows (60 s), plus the diagnosis. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 75_000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;

/** The config file's `server` section as createServer() options (host and port go to listen()). */
export function serverOptionsFrom(config: ServerConfig): CreateServerOptions {
  return {
    ...(config.bodyLimit !== undefined ? { bodyLimit: config.bodyLimit } : {}),
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    ...(config.probes ? { probeAllow: config.probes.allow } : {}),
    ...(config.requestTimeoutMs !== undefined ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
    ...(config.overload ? { overload: config.overload } : {}),
  };
}
