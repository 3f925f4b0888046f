// The contract every provider normalizer implements, and helpers they share.
import type { ErrorRecord } from '../schemas/diagnosis.js';
import type { Provider } from '../schemas/vocabulary.js';
import { lookupOsError, symbolicOutcomeIn, type OsPlatform } from './os-errors.js';
import type { Paste } from './paste.js';
import { outcomeFromPhrase } from './phrases.js';

export interface ProviderNormalizer {
  readonly provider: Provider;
  /** Cheap test: does the paste carry this provider's signature? */
  detect(paste: Paste): boolean;
  /** Every record of this provider in the paste, in order of appearance. */
  parse(paste: Paste): ErrorRecord[];
  /**
   * A weaker signature that counts only when no other provider recognised the paste (a bare
   * "Login failed for user 'sa'." could come from any client).
   */
  detectAlone?(paste: Paste): boolean;
  /**
   * Providers whose reading of the same text this one replaces when it claims the paste: go-mssqldb
   * messages outside sqlcmd are the driver's, not sqlcmd's.
   */
  readonly supersedes?: readonly Provider[];
}

/**
 * Fills `socket` from the OS error number, else from a symbolic errno in the message (Node's
 * "connect ECONNREFUSED", Go's and Rust's wordings carry none), else from the message wording.
 */
export function withSocketOutcome(record: ErrorRecord, hint?: OsPlatform): ErrorRecord {
  if (record.socket) return record;
  const fromNumber = record.osError !== undefined ? lookupOsError(record.osError, hint)?.outcome : undefined;
  const socket = fromNumber ?? symbolicOutcomeIn(record.message) ?? outcomeFromPhrase(record.message);
  return socket ? { ...record, socket } : record;
}

/**
 * How many matches of one pattern a normalizer reads. A paste with more records than this is a log (diagnose()
 * uses its first 50 records, normalize/index.ts); past it, reading them all only made a long paste slow. Each
 * pattern's first matches are kept, so the first records of the paste, in any order a normalizer sorts them, are
 * the same as with no cap.
 */
export const MAX_MATCHES = 200;

/** The first `limit` matches of a global regex in a text (String.matchAll works on its own copy of the pattern). */
export function* firstMatches(text: string, pattern: RegExp, limit = MAX_MATCHES): Generator<RegExpExecArray> {
  let count = 0;
  for (const m of text.matchAll(pattern)) {
    if (count++ === limit) return;
    yield m;
  }
}

/**
 * The first matches of a global regex over the flat text, with their positions; over the text with its line
 * breaks (`where: 'text'`) for one-line messages whose end is the end of their line.
 */
export function matchAll(paste: Paste, pattern: RegExp, where: 'flat' | 'text' = 'flat'): Generator<RegExpExecArray> {
  return firstMatches(paste[where], pattern);
}

/** Drops undefined fields so records compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
