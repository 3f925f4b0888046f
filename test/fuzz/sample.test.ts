// The fuzz properties' CI sample: every property of test/fuzz/properties/ with a fixed seed and a few cases each, so
// that `npm test` is repeatable. Long runs with fresh seeds: `npm run fuzz -- --minutes N` (scripts/fuzz.ts).
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { FUZZ_PROPERTIES } from './properties/index.js';

/** Fixed, so that a red CI run is the same run on a laptop. */
const SAMPLE_SEED = 20261124;

describe('fuzz sample (fixed seed)', () => {
  it.each(FUZZ_PROPERTIES.map((property) => [property.name, property] as const))(
    '%s',
    async (_name, property) => {
      await fc.assert(property.build(), { seed: SAMPLE_SEED, numRuns: property.sample });
    },
    120_000, // generous: a loaded CI machine must not turn a property into a timing test
  );
});
