// patternSet (src/pattern-set.ts) must say of every pattern what `pattern.test(text)` says: compared on random texts
// built from the words of patterns chosen to meet where a walk could miss one (two patterns starting at one position,
// one starting inside another's match, a lookbehind, case-sensitive beside case-insensitive, a surrogate pair under
// the `u` flag, one with a named group that cannot join an alternation), and on texts with more matches than the walk
// stops at.
import fc from 'fast-check';
import { MAX_WALK_STOPS, patternSet } from '../src/pattern-set.js';

const PATTERNS = [
  /login failed/i,
  /Login failed for user '[^'\n]{0,20}'/,
  /failed for/,
  /(?<!not )found/i,
  /\bx+y\b/,
  /é+b/u,
  /𝒜b/u,
  /^start/m,
  /(?<word>abc) \k<word>/,
  /user$/,
  /login failed found/,
  /ogin failed found/,
];
const pieces = ['login', 'Login', 'LOGIN', ' failed', ' for', ' user', ' ', "'", 'x', 'y', 'é', '𝒜', 'b', 'not ', 'found', 'abc', '\n', 'start', 'q'];

const occurring = patternSet(PATTERNS);
const expected = (text: string) => PATTERNS.filter((p) => p.test(text));

describe('patternSet', () => {
  it('says of each pattern what its own test says, on random texts of the words they look for', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (words) => {
        const text = words.join('');
        expect(PATTERNS.filter((p) => occurring(text).has(p))).toEqual(expected(text));
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });

  it('finds a pattern that matches only where another, listed before it, matches too', () => {
    // "login failed" (listed first) is what the alternation reports at 0; the case-sensitive one must still be tried.
    const text = "Login failed for user 'sa'";
    expect(occurring(text).has(PATTERNS[1] as RegExp)).toBe(true);
    expect(occurring(text).has(PATTERNS[2] as RegExp)).toBe(true);
  });

  it('finds what lies past the walk\'s last stop, in a text dense with matches', () => {
    const dense = 'login failed '.repeat(2 * MAX_WALK_STOPS);
    const text = `${dense}found`;
    expect(occurring(text).has(PATTERNS[3] as RegExp)).toBe(true);
    expect(occurring(`${dense}not found`).has(PATTERNS[3] as RegExp)).toBe(false);
    // The walk's last stop is tried, and the rest is read from the position right after it: a pattern that matches
    // only at that stop, and one that matches only one position later, are both found. (Stops are counted per walk,
    // one per set of flags: the filler is a case-sensitive pattern's, as the two are.)
    const atCap = `${'failed for '.repeat(MAX_WALK_STOPS - 1)}login failed found`;
    expect(occurring(atCap).has(PATTERNS[10] as RegExp)).toBe(true);
    expect(occurring(atCap).has(PATTERNS[11] as RegExp)).toBe(true);
    expect(PATTERNS.filter((p) => occurring(atCap).has(p))).toEqual(expected(atCap));
  });

  it('answers for a pattern that matches the empty string, which makes every position a stop', () => {
    const withEmpty = patternSet([/z*/, /found/, /gone/]);
    const text = `${'x'.repeat(3 * MAX_WALK_STOPS)}found`;
    expect([...withEmpty(text)].map(String)).toEqual(['/z*/', '/found/']);
  });

  it('remembers the last text only: another text is read again', () => {
    expect(occurring('found').has(PATTERNS[3] as RegExp)).toBe(true);
    expect(occurring('nothing').has(PATTERNS[3] as RegExp)).toBe(false);
  });
});
