// MYCIN certainty factors: how several rules' support for one cause combines.

/** Combines two certainty factors in [-1, 1] (Shortliffe & Buchanan, 1975). */
export function combineCertainty(a: number, b: number): number {
  if (a >= 0 && b >= 0) return a + b * (1 - a);
  if (a < 0 && b < 0) return a + b * (1 + a);
  const denominator = 1 - Math.min(Math.abs(a), Math.abs(b));
  return denominator === 0 ? 0 : (a + b) / denominator;
}

/** Folds a list of certainty factors. The result does not depend on the order. */
export function combineAll(factors: readonly number[]): number {
  // Positives and negatives are folded apart, then once together: MYCIN's mixed-sign formula is not
  // associative, and evaluation order must never change a ranking.
  const positive = factors.filter((f) => f >= 0).reduce(combineCertainty, 0);
  const negative = factors.filter((f) => f < 0).reduce((acc, f) => combineCertainty(acc, f), 0);
  return negative === 0 ? positive : combineCertainty(positive, negative);
}
