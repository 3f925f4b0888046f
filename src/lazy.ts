// Packages loaded when first needed instead of at start-up. Start-up is most of what one `mssql-doctor`
// run costs (bench/probe.bench.ts), and a diagnosis with only the built-in rules needs neither the YAML
// parser, nor the schema compiler, nor the regex checker. Each of them is CommonJS, so a synchronous
// require() loads it on demand without making its callers async.
import { createRequire } from 'node:module';

export const requireOnDemand = createRequire(import.meta.url);

/** `make` runs on the first call only; later calls return its result. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * `read` remembering its last answer: where two steps of one diagnosis ask the same of one text (a 256 KiB paste) or
 * paste, the second does not read it again. One entry: another key replaces it (strings compare by content).
 */
export function rememberingLast<K, T>(read: (key: K) => T): (key: K) => T {
  let last: { key: K; value: T } | undefined;
  return (key) => {
    if (last === undefined || last.key !== key) last = { key, value: read(key) };
    return last.value;
  };
}

/** The YAML parser (rule files, the config file). */
export const yaml = once(() => requireOnDemand('yaml') as typeof import('yaml'));
