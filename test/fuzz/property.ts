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

/** The slowest case since the last reset: the long runs report each property's (a slow case is no failure here). */
export const caseClock = {
  slowestMs: 0,
  reset() {
    caseClock.slowestMs = 0;
  },
  record(since: number) {
    caseClock.slowestMs = Math.max(caseClock.slowestMs, performance.now() - since);
  },
};

/** A property whose check runs synchronously; writing to stdout, stderr or the console fails it. */
export function syncProperty<T>(name: string, sample: number, input: () => fc.Arbitrary<T>, check: (value: T) => void): FuzzProperty {
  const silenced = silent(check);
  const timed = (value: T) => {
    const since = performance.now();
    try {
      silenced(value);
    } finally {
      caseClock.record(since);
    }
  };
  return { name, sample, weight: 1, build: () => fc.property(input(), timed) as unknown as fc.IRawProperty<[unknown], boolean> };
}

/** A property whose check waits (diagnose, scanLogs); writing to stdout, stderr or the console fails it. */
export function asyncProperty<T>(name: string, sample: number, input: () => fc.Arbitrary<T>, check: (value: T) => Promise<void>): FuzzProperty {
  const silenced = silentAsync(check);
  const timed = async (value: T) => {
    const since = performance.now();
    try {
      await silenced(value);
    } finally {
      caseClock.record(since);
    }
  };
  return { name, sample, weight: 1, build: () => fc.asyncProperty(input(), timed) as unknown as fc.IRawProperty<[unknown], boolean> };
}
