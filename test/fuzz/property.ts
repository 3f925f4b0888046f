// A fuzz property: a named fast-check property over one part of the doctor, built on first use (its generators read
// the fixtures), which the CI sample (sample.test.ts) and the long runs (scripts/fuzz.ts) both run.
import fc from 'fast-check';
import { silent, silentAsync } from './oracles.js';

export interface FuzzProperty {
  /** "area/what", unique: `npm run fuzz -- --only` and failure reports name it. */
  name: string;
  /** Cases of the fixed-seed sample `npm test` runs. */
  sample: number;
  /** The share of a long run's time it gets against the others' (properties/index.ts: the entry points get most). */
  weight: number;
  build(): fc.IRawProperty<[unknown], boolean>;
}

/**
 * The slowest case since the last reset, which the long runs report per property, and the bound on one case: a case
 * slower than `limitMs` fails (a quadratic pattern on a 256 KiB paste takes seconds; a hang never ends, and the
 * runner's watchdog kills its worker). No bound by default: the CI sample is no timing test.
 */
export const caseClock = {
  slowestMs: 0,
  limitMs: Number.POSITIVE_INFINITY,
  reset() {
    caseClock.slowestMs = 0;
  },
  record(since: number) {
    const elapsed = performance.now() - since;
    caseClock.slowestMs = Math.max(caseClock.slowestMs, elapsed);
    if (elapsed > caseClock.limitMs) throw new Error(`the case took ${Math.round(elapsed)} ms, over the bound of ${caseClock.limitMs} ms`);
  },
};

/** A property whose check runs synchronously; writing to stdout, stderr or the console fails it. */
export function syncProperty<T>(name: string, sample: number, input: () => fc.Arbitrary<T>, check: (value: T) => void): FuzzProperty {
  const silenced = silent(check);
  const timed = (value: T) => {
    const since = performance.now();
    silenced(value);
    caseClock.record(since);
  };
  return { name, sample, weight: 1, build: () => fc.property(input(), timed) as unknown as fc.IRawProperty<[unknown], boolean> };
}

/** A property whose check waits (diagnose, scanLogs); writing to stdout, stderr or the console fails it. */
export function asyncProperty<T>(name: string, sample: number, input: () => fc.Arbitrary<T>, check: (value: T) => Promise<void>): FuzzProperty {
  const silenced = silentAsync(check);
  const timed = async (value: T) => {
    const since = performance.now();
    await silenced(value);
    caseClock.record(since);
  };
  return { name, sample, weight: 1, build: () => fc.asyncProperty(input(), timed) as unknown as fc.IRawProperty<[unknown], boolean> };
}
