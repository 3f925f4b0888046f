// The signature of a log entry: what stays the same when the same failure happens again.
import { createHash } from 'node:crypto';
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { withoutEventStamp } from './log-entries.js';

/**
 * The parts of a message that change from one occurrence to the next: GUIDs (ClientConnectionId), hex
 * addresses, IP addresses, quoted names (the login of each attempt of a brute-force run), and numbers
 * (durations, connection and process ids). What the failure is stays in the record's own fields: its
 * provider, error number, state, SNI and OS errors, SQLSTATE, server, instance and port.
 */
const VARIABLE_PARTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // An IPv6 address in brackets is at most 39 characters: the bound keeps a long run of hex and colons linear.
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b|\[(?=[0-9a-f:]*:)[0-9a-f:]{2,39}\]/gi, '<address>'],
  // A curly-quoted part ends at its closing quote or, unclosed, at the next opening one (no rescan of the rest).
  [/'[^'\n]+'|"[^"\n]+"|‘[^‘’\n]+’|“[^“”\n]+”/g, "'…'"],
];

/**
 * Numbers of three digits or more (ids, counters, durations) and any number of a duration ("in 15000ms",
 * "after 3 seconds"); short numbers are mostly names ("ODBC Driver 17", "error: 40") and stay.
 */
const NUMBER = /\d{3,}|\d+(?=\s?(?:ms|s|sec|secs|seconds|milliseconds)\b)/g;

/** The message with its variable parts masked; the record's own numbers (error, state, port…) stay readable. */
export function maskVariableParts(record: ErrorRecord): string {
  const identifying = new Set([record.number, record.state, record.sniError, record.osError, record.port].filter((n) => n !== undefined).map(String));
  let masked = record.message;
  for (const [pattern, placeholder] of VARIABLE_PARTS) masked = masked.replace(pattern, placeholder);
  masked = masked.replace(NUMBER, (digits) => (identifying.has(digits) ? digits : '<n>'));
  return masked.replace(/\s+/g, ' ').trim();
}

/** One record's part of a signature: its identifying fields and its message with the variable parts masked. */
export function recordKey(record: ErrorRecord): string {
  const fields = [record.provider, record.number, record.state, record.sniError, record.osError, record.sqlState, record.socket, record.server, record.instance, record.port, record.protocol];
  return `${fields.map((f) => f ?? '').join('|')}|${maskVariableParts(record)}`;
}

export interface EntrySignature {
  /** Stable across runs and machines: the first 12 hex digits of a SHA-256 of the key. */
  id: string;
  key: string;
}

/**
 * An entry's signature is the set of its distinct records: a client that prints the same record twice for one
 * attempt (FreeTDS's tsql prints its 20009 once per try) is still one failure of one kind.
 */
export function entrySignature(records: readonly ErrorRecord[]): EntrySignature {
  const key = [...new Set(records.map(recordKey))].sort().join('\n');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

/** A group's headline: its first record's message, variable parts masked, after the error number when the message lacks it. */
export function signatureTitle(records: readonly ErrorRecord[]): string {
  const first = records[0];
  if (!first) return '';
  const message = maskVariableParts({ ...first, message: withoutEventStamp(first.message) });
  const clipped = message.length > 200 ? `${message.slice(0, 199)}…` : message;
  return first.number !== undefined && !message.includes(String(first.number)) ? `${first.number}: ${clipped}` : clipped;
}
