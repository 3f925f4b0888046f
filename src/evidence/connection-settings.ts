// What any form of connection string says, in one shape, and the facts it becomes.
import { integerFrom } from '../read-integer.js';
import type { Facts } from '../schemas/facts.js';
import type { Protocol } from '../schemas/vocabulary.js';
import { isLocalHost, parseServerSpec, type ServerSpec } from '../target/server-spec.js';

export interface ConnectionSettings {
  server?: ServerSpec;
  driver?: string;
  database?: string;
  encrypt?: string;
  trustServerCertificate?: boolean;
  integratedSecurity?: boolean;
  authentication?: string;
  connectTimeout?: number;
}

const TRUE_WORDS = new Set(['true', 'yes', 'sspi', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

/** "True", "yes", "SSPI" → true; "False", "no" → false; anything else → undefined. */
export function toBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const word = String(value).trim().toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
}

/** A timeout as written (seconds, or tedious's milliseconds): a whole number an int holds, else undefined. */
export function toSeconds(value: unknown): number | undefined {
  return integerFrom(value, 'timeout');
}

/** A server spec from separate host / instance / port values (JDBC properties, config objects). */
export function specFrom(host: unknown, instance?: unknown, port?: unknown, protocol?: Protocol): ServerSpec | undefined {
  if (typeof host !== 'string' || !host.trim()) return undefined;
  const spec = parseServerSpec(host);
  if (!spec) return undefined;
  if (typeof instance === 'string' && instance.trim()) spec.instance = instance.trim();
  const portNumber = integerFrom(port, 'port');
  if (portNumber !== undefined && portNumber > 0) spec.port = portNumber;
  if (protocol && !spec.protocol) spec.protocol = protocol;
  return spec;
}

export function settingsToFacts(settings: ConnectionSettings): Facts {
  const facts: Facts = {};
  const { server } = settings;
  if (server) {
    facts['target.host'] = server.host;
    facts['target.isLocal'] = isLocalHost(server.host);
    if (server.instance) facts['target.instance'] = server.instance;
    if (server.port !== undefined) facts['target.port'] = server.port;
    if (server.protocol) facts['target.protocol'] = server.protocol;
  }
  if (settings.driver) facts['connection.driver'] = settings.driver;
  if (settings.database) facts['connection.database'] = settings.database;
  if (settings.encrypt !== undefined) facts['connection.encrypt'] = settings.encrypt;
  if (settings.trustServerCertificate !== undefined) facts['connection.trustServerCertificate'] = settings.trustServerCertificate;
  if (settings.integratedSecurity !== undefined) facts['connection.integratedSecurity'] = settings.integratedSecurity;
  if (settings.authentication) facts['connection.authentication'] = settings.authentication;
  if (settings.connectTimeout !== undefined) facts['connection.connectTimeout'] = settings.connectTimeout;
  return facts;
}
