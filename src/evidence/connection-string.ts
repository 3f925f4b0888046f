// Connection strings in every form people paste → target and connection.* facts. Passwords are never
// read out: the text was redacted before it gets here, and no fact holds a credential.
import { parse } from '@tediousjs/connection-string';
import { parseServerSpec } from '../target/server-spec.js';
import { parseConfigObject } from './connection-config.js';
import { settingsToFacts, toBool, toSeconds, type ConnectionSettings } from './connection-settings.js';
import { parseJdbcUrl, parseServerUrl } from './connection-url.js';
import { parseSqlcmdArgs } from './sqlcmd-args.js';
import { neverThrowing, type EvidenceResult } from './types.js';

/** ADO.NET / ODBC / OLE DB keywords, each with the synonyms drivers accept. */
const KEYS = {
  server: ['data source', 'server', 'address', 'addr', 'network address'],
  database: ['initial catalog', 'database'],
  driver: ['driver', 'provider'],
  encrypt: ['encrypt'],
  trust: ['trustservercertificate', 'trust server certificate'],
  integrated: ['integrated security', 'trusted_connection'],
  authentication: ['authentication'],
  timeout: ['connect timeout', 'connection timeout', 'timeout', 'logintimeout'],
} as const;

function keywordForm(text: string): { settings?: ConnectionSettings; warning?: string } {
  let entries: ReadonlyMap<string, unknown>;
  try {
    entries = parse(text.trim()) as ReadonlyMap<string, unknown>;
  } catch (error) {
    return { warning: `connection string could not be read: ${(error as Error).message}` };
  }
  const get = (keys: readonly string[]) => {
    const key = keys.find((k) => typeof entries.get(k) === 'string');
    return key === undefined ? undefined : String(entries.get(key)).trim();
  };
  const serverValue = get(KEYS.server);
  if (serverValue === undefined) return { warning: 'connection string names no server (Server=, Data Source=, Address=)' };
  const server = parseServerSpec(serverValue);
  if (!server) return { warning: 'connection string server value could not be read' };
  const settings: ConnectionSettings = { server };
  const driver = get(KEYS.driver);
  if (driver) settings.driver = driver.replace(/^\{|\}$/g, '');
  const database = get(KEYS.database);
  if (database) settings.database = database;
  const encrypt = get(KEYS.encrypt);
  if (encrypt !== undefined) settings.encrypt = encrypt;
  const trust = toBool(get(KEYS.trust));
  if (trust !== undefined) settings.trustServerCertificate = trust;
  const integrated = toBool(get(KEYS.integrated));
  if (integrated !== undefined) settings.integratedSecurity = integrated;
  const authentication = get(KEYS.authentication);
  if (authentication) settings.authentication = authentication;
  const timeout = toSeconds(get(KEYS.timeout));
  if (timeout !== undefined) settings.connectTimeout = timeout;
  return { settings };
}

/** A config object literal, not an ODBC string whose values happen to be in braces (Driver={…}). */
function looksLikeObject(text: string): boolean {
  return /^[^{;]*\{\s*["']?\w+["']?\s*:/.test(text);
}

/**
 * Any connection string form people paste: JDBC and jTDS URLs, mssql:// and sqlserver:// URLs, a
 * tedious / node-mssql config object, a sqlcmd command line, or ADO.NET / ODBC keywords.
 */
export function parseConnectionString(text: string): EvidenceResult {
  const trimmed = text.trim();
  const other =
    parseJdbcUrl(trimmed) ?? parseServerUrl(trimmed) ?? parseSqlcmdArgs(trimmed) ?? (looksLikeObject(trimmed) ? parseConfigObject(trimmed) : undefined);
  if (other) {
    return other.server
      ? { facts: settingsToFacts(other), warnings: [] }
      : { facts: settingsToFacts(other), warnings: ['the connection string names no server'] };
  }
  const { settings, warning } = keywordForm(trimmed);
  return { facts: settings ? settingsToFacts(settings) : {}, warnings: warning ? [warning] : [] };
}

const SIGNATURES = /^\s*(?:jdbc:(?:sqlserver|jtds:sqlserver):\/\/|mssql(?:\+\w+)?:\/\/|sqlserver:\/\/)|(?:^|;)\s*(?:data source|server|address|initial catalog|driver)\s*=/i;

function detectConnectionString(text: string): number {
  const sample = text.slice(0, 4096);
  if (SIGNATURES.test(sample)) return 0.9;
  if (/^[ \t]*(?:\S*[\\/])?sqlcmd(?:\.exe)?\s(?:.*\s)?-S/im.test(sample)) return 0.6;
  return looksLikeObject(sample.trim()) && /["']?server["']?\s*:/.test(sample) ? 0.6 : 0;
}

export const connectionString = neverThrowing(
  'connection_string',
  detectConnectionString,
  parseConnectionString,
  'the connection string could not be read',
);
