// MYCIN certainty-factor arithmetic, checked against hand-computed values.
import { describe, expect, it } from '@jest/globals';
import { combineAll, combineCertainty } from '../../src/engine/certainty.js';

describe('combineCertainty', () => {
  it('adds positive support as a + b(1 - a)', () => {
    expect(combineCertainty(0.45, 0.3)).toBeCloseTo(0.45 + 0.3 * 0.55, 10); // 0.615
    expect(combineCertainty(0.8, 0.8)).toBeCloseTo(0.96, 10);
  });

  it('adds negative evidence symmetrically: a + b(1 + a)', () => {
    expect(combineCertainty(-0.5, -0.5)).toBeCloseTo(-0.75, 10);
  });

  it('mixes signs as (a + b) / (1 - min(|a|, |b|))', () => {
    expect(combineCertainty(0.615, -0.3)).toBeCloseTo(0.315 / 0.7, 10); // 0.45
    expect(combineCertainty(0.4, -0.9)).toBeCloseTo(-0.5 / 0.6, 10);
  });

  it('never leaves [-1, 1] and treats full contradiction as no belief', () => {
    expect(combineCertainty(1, 0.7)).toBe(1);
    expect(combineCertainty(1, -1)).toBe(0);
  });
});

describe('combineAll', () => {
  it('does not depend on the order in which rules fired', () => {
    const factors = [0.45, -0.6, 0.3, 0.8, -0.2];
    const expected = combineAll(factors);
    expect(combineAll([...factors].reverse())).toBeCloseTo(expected, 12);
    expect(combineAll([0.8, -0.2, 0.45, 0.3, -0.6])).toBeCloseTo(expected, 12);
  });

  it('folds positives, then negatives, then the two', () => {
    const positive = 0.45 + 0.3 * 0.55; // 0.615
    expect(combineAll([0.45, 0.3, -0.3])).toBeCloseTo((positive - 0.3) / 0.7, 10);
    expect(combineAll([])).toBe(0);
  });
});
