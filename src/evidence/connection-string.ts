// Connection strings (ADO.NET and ODBC key=value forms) → target facts. Passwords are never read out.
import { parse } from '@tediousjs/connection-string';
import type { Facts } from '../schemas/facts.js';
import { isLocalHost, parseServerSpec } from '../target/server-spec.js';
import type { EvidenceResult } from './types.js';

/** Keys that name the server, in the order ADO.NET and ODBC drivers honour them. */
const SERVER_KEYS = ['data source', 'server', 'address', 'addr', 'network address'];

export function parseConnectionString(text: string): EvidenceResult {
  let entries: ReadonlyMap<string, unknown>;
  try {
    entries = parse(text.trim()) as ReadonlyMap<string, unknown>;
  } catch (error) {
    return { facts: {}, warnings: [`connection string could not be read: ${(error as Error).message}`] };
  }
  const serverKey = SERVER_KEYS.find((key) => typeof entries.get(key) === 'string');
  if (!serverKey) return { facts: {}, warnings: ['connection string names no server (Server=, Data Source=, Address=)'] };

  const spec = parseServerSpec(String(entries.get(serverKey)));
  if (!spec) return { facts: {}, warnings: [`connection string server value could not be read`] };
  const facts: Facts = { 'target.host': spec.host, 'target.isLocal': isLocalHost(spec.host) };
  if (spec.instance) facts['target.instance'] = spec.instance;
  if (spec.port !== undefined) facts['target.port'] = spec.port;
  if (spec.protocol) facts['target.protocol'] = spec.protocol;
  return { facts, warnings: [] };
}

/**
 * Finds the server part of a connection string embedded in a pasted error or log
 * ("…Data Source=tcp:db01\SQLEXPRESS,1234;…") and returns it as a one-key connection string.
 */
export function findServerSetting(text: string): string | undefined {
  const match = /\b(data source|server|address|addr|network address)\s*=\s*("[^"\n]*"|'[^'\n]*'|[^;"'\s)]+)/i.exec(text);
  return match ? `${match[1]}=${match[2]}` : undefined;
}
