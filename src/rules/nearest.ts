// "Did you mean …?": the allowed name nearest to a misspelling, when it is near enough to be the likely intent.
import { closest, distance } from 'fastest-levenshtein';

export function nearestName(value: string, allowed: Iterable<string>): string | undefined {
  const best = closest(value, [...allowed]);
  return best && distance(value, best) <= Math.max(2, Math.floor(value.length / 4)) ? best : undefined;
}

/** `; did you mean "x"?` for a message, or nothing when no allowed name is near. */
export function didYouMean(value: string, allowed: Iterable<string>): string {
  const near = nearestName(value, allowed);
  return near ? `; did you mean "${near}"?` : '';
}
