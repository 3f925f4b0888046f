// patternSet (src/pattern-set.ts) must say of every pattern what `pattern.test(text)` says: compared on random texts
// built from the words of patterns chosen to meet where a walk by openings could miss one (two patterns opening at
// one position, one opening inside another's match or with a prefix of another's opening, a lookbehind, case-sensitive
// beside case-insensitive, openings through a group or a class, the characters that Unicode case folding maps to
// ASCII letters, a surrogate pair under the `u` flag, a named group and backreference), and on texts where a pattern's
// opening occurs more often than the walk tries it.
import fc from 'fast-check';
import { MAX_TRIES, patternSet } from '../src/pattern-set.js';

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
  /\bLog(?:in|on) fail/i,
  /[ÉE]chec/i,
  /sk/iu,
  /ks/i,
  /\d+ found/,
];
const pieces = ['login', 'Login', 'LOGIN', 'logon', ' failed', ' fail', ' for', ' user', ' ', "'", 'x', 'y', 'é', 'É', 'E', 'chec', '𝒜', 'b', 'not ', 'found', 'abc', '\n', 'start', 'q', 's', 'k', 'K', '\u212a', 'ſ', 'ı', 'İ', '7'];

const occurring = patternSet(PATTERNS);
const expected = (text: string) => PATTERNS.filter((p) => p.test(text));

describe('patternSet', () => {
  it('says of each pattern what its own test says, on random texts of the words they look for', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (words) => {
        const text = words.join('');
        expect(PATTERNS.filter((p) => occurring(text).has(p))).toEqual(expected(text));
      }),
      { seed: 20261204, numRuns: 4000 },
    );
  });

  it('finds a pattern that matches only where another, listed before it, matches too', () => {
    // "login failed" (listed first) opens at 0 too; the case-sensitive one must still be tried.
    const text = "Login failed for user 'sa'";
    expect(occurring(text).has(PATTERNS[1] as RegExp)).toBe(true);
    expect(occurring(text).has(PATTERNS[2] as RegExp)).toBe(true);
  });

  it('finds a match past the tries of its opening, in a text where the opening occurs far more often', () => {
    // The opening "Login failed for user '" without the closing quote within 20 characters, again and again.
    const misses = "Login failed for user 'xxxxxxxxxxxxxxxxxxxxxxxxx ".repeat(2 * MAX_TRIES);
    expect(occurring(`${misses}Login failed for user 'sa'`).has(PATTERNS[1] as RegExp)).toBe(true);
    expect(occurring(misses).has(PATTERNS[1] as RegExp)).toBe(false);
    // The match at the very occurrence where the tries run out, and at the one before.
    for (const before of [MAX_TRIES - 1, MAX_TRIES]) {
      const text = `${"Login failed for user 'xxxxxxxxxxxxxxxxxxxxxxxxx ".repeat(before)}Login failed for user 'sa'`;
      expect(occurring(text).has(PATTERNS[1] as RegExp)).toBe(true);
    }
  });

  it('reads every UTF-16 unit that a case-insensitive ASCII opening matches, under `i` and under `iu`', () => {
    // Which units match an ASCII letter or digit ignoring case (with `u`, Unicode case folding adds K and ſ).
    for (const flags of ['i', 'iu']) {
      const units = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).filter((ch) => new RegExp('[a-z0-9]', flags).test(ch));
      for (const ch of units) {
        const letter = [...'abcdefghijklmnopqrstuvwxyz0123456789'].find((l) => new RegExp(l, flags).test(ch)) as string;
        const pattern = new RegExp(`${letter}q`, flags);
        expect([ch, flags, patternSet([pattern])(`${ch}Q`).has(pattern)]).toEqual([ch, flags, true]);
      }
    }
  });

  it('answers for a pattern that may match the empty string or opens with no fixed text, which it reads on its own', () => {
    const [empty, found, gone, numbered] = [/z*/, /found/, /gone/, /\d+ found/] as const;
    const occurs = patternSet([empty, found, gone, numbered]);
    const text = `${'x'.repeat(3 * MAX_TRIES)}found`;
    expect([empty, found, gone, numbered].map((p) => occurs(text).has(p))).toEqual([true, true, false, false]);
    expect([empty, found, gone, numbered].map((p) => occurs('12 found').has(p))).toEqual([true, true, false, true]);
  });

  it('remembers the last text only: another text is read again', () => {
    expect(occurring('found').has(PATTERNS[3] as RegExp)).toBe(true);
    expect(occurring('nothing').has(PATTERNS[3] as RegExp)).toBe(false);
  });
});
