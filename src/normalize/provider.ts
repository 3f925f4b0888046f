// The contract every provider normalizer implements, and helpers they share.
import type { ErrorRecord } from '../schemas/diagnosis.js';
import type { Provider } from '../schemas/vocabulary.js';
import { lookupOsError, type OsPlatform } from './os-errors.js';
import type { Paste } from './paste.js';
import { outcomeFromPhrase } from './phrases.js';

export interface ProviderNormalizer {
  readonly provider: Provider;
  /** Cheap test: does the paste carry this provider's signature? */
  detect(paste: Paste): boolean;
  /** Every record of this provider in the paste, in order of appearance. */
  parse(paste: Paste): ErrorRecord[];
}

/** Parses "0x274D", "10061" or "-1" as clients print error numbers. */
export function parseNumber(text: string): number {
  return /^0x/i.test(text) ? parseInt(text, 16) : Number(text);
}

/** Fills `socket` from the OS error number, else from the message wording. */
export function withSocketOutcome(record: ErrorRecord, hint?: OsPlatform): ErrorRecord {
  if (record.socket) return record;
  const fromNumber = record.osError !== undefined ? lookupOsError(record.osError, hint)?.outcome : undefined;
  const socket = fromNumber ?? outcomeFromPhrase(record.message);
  return socket ? { ...record, socket } : record;
}

/** Every match of a global regex over the flat text, with its position. */
export function* matchAll(paste: Paste, pattern: RegExp): Generator<RegExpExecArray> {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let m = re.exec(paste.flat); m; m = re.exec(paste.flat)) {
    yield m;
    if (m[0] === '') re.lastIndex++;
  }
}

/** Drops undefined fields so records compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
