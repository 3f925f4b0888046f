// SNI ("SQL Server Network Interfaces") message tails shared by sqlcmd and the ODBC drivers:
// "TCP Provider: Error code 0x2749", "Named Pipes Provider: Could not open a connection to SQL Server [53]",
// "SQL Network Interfaces: Error Locating Server/Instance Specified [xFFFFFFFF]".
import { meaningOf } from '../messages/meaning.js';
import { recognizeMessages } from '../messages/recognize.js';
import { readCode, readInteger } from '../read-integer.js';

export interface SniDetails {
  sniProvider?: string;
  sniError?: number;
  osError?: number;
}

/**
 * Canonical English names for SNI provider tags, also when the tag itself was translated: the English words, and
 * else the tag looked up in the message catalogue, whose SqlClient provider names (SNI_PNn, every shipped language)
 * mean their English name ("Zprostředkovatel pojmenovaných kanálů" is the Named Pipes Provider).
 */
export function canonicalSniProvider(tag: string): string {
  const t = tag.trim();
  if (/tcp/i.test(t)) return 'TCP Provider';
  if (/pipe/i.test(t)) return 'Named Pipes Provider';
  if (/shared memory/i.test(t)) return 'Shared Memory Provider';
  if (/ssl|tls/i.test(t)) return 'SSL Provider';
  if (/network interfaces|\bSNI\b/i.test(t)) return 'SQL Network Interfaces';
  const named = recognizeMessages(t).find((m) => meaningOf(m.id)?.['error.sniProvider'] !== undefined);
  return (named && meaningOf(named.id)?.['error.sniProvider']) ?? t;
}

const PROVIDER_PREFIX = /\b(TCP Provider|Named Pipes Provider|Shared Memory Provider|SSL Provider|SQL (?:Server )?Network Interfaces)\s*:/i;

export function parseSniMessage(message: string): SniDetails {
  const details: SniDetails = {};
  const prefix = PROVIDER_PREFIX.exec(message);
  if (prefix) details.sniProvider = canonicalSniProvider(prefix[1] as string);
  const code = /Error code (0x[0-9A-Fa-f]+|\d+)/i.exec(message);
  const osError = readCode(code?.[1], 'osError');
  if (osError !== undefined) details.osError = osError;
  if (/\[xFFFFFFFF\]/i.test(message)) details.sniError = -1;
  const bracketed = /\[(\d{1,5})\][\s.]*$/.exec(message);
  if (bracketed && details.osError === undefined) details.osError = readInteger(bracketed[1], 'osError');
  return details;
}

/** "Microsoft ODBC Driver 17 for SQL Server" as sqlcmd prints it → "ODBC Driver 17 for SQL Server", as ODBC tags it. */
export function odbcDriverName(name: string): string {
  return name.trim().replace(/^Microsoft\s+/i, '');
}
