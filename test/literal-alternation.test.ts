// literalAlternation: the trie matches what the plain alternation of the words, longest first, matches.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { literalAlternation } from '../src/literal-alternation.js';
import { escapeRegExp } from '../src/redact/escape-regexp.js';

/**
 * Every match of `source` in `text`, each either followed by an x or not: the first alternative makes the engine back
 * off from a longer word to a shorter one that an x follows, which is where a wrong order of the words would show.
 */
const matchesOf = (source: string, flags: string, text: string) =>
  [...text.matchAll(new RegExp(`(${source})(?=x)|(${source})`, `${flags}g`))].map((m) => [m.index, m[0], m[1] !== undefined]);

const plain = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');

describe('literalAlternation', () => {
  it('shares prefixes and makes a word that is a prefix of others an optional end', () => {
    expect(literalAlternation(['mysql', 'mysqladmin', 'mysqldump', 'mssql-cli'])).toBe('m(?:ysql(?:admin|dump)?|ssql-cli)');
    expect(literalAlternation(['a.b', 'a*'])).toBe('a(?:\\.b|\\*)');
  });

  it('folds case only when asked, so that "PDO" and "pdo" share a branch under the i flag', () => {
    expect(literalAlternation(['PDO', 'pdo'])).toBe('PDO|pdo');
    expect(literalAlternation(['PDO', 'pdo'], { ignoreCase: true })).toBe('pdo');
  });

  it('refuses an empty word, which would match everywhere', () => {
    expect(() => literalAlternation(['a', ''])).toThrow(/empty word/);
  });

  it('finds the same matches as the plain alternation, longest first, with and without the i and u flags', () => {
    // The Kelvin sign and the long s, which Unicode case folding (the `u` flag) takes for k and s. Without `u`, V8
    // answers for them one way for a lone atom and another inside an alternation (/\u212a/i misses "K", /\u212a|x/i
    // finds it), which no rewriting could follow: they are left out there.
    const runs = fc.constantFrom('', 'i', 'u', 'iu').chain((flags) => {
      const letter = fc.constantFrom('a', 'b', 'A', 'B', '.', 'é', 'É', '😀', '😁', 'k', 'K', 's', ...(flags.includes('u') ? ['\u212a', '\u017f'] : []));
      const word = fc.array(letter, { minLength: 1, maxLength: 4 }).map((l) => l.join(''));
      return fc.tuple(fc.uniqueArray(word, { minLength: 1, maxLength: 8 }), fc.array(fc.oneof(letter, fc.constant('x')), { maxLength: 40 }), fc.constant(flags));
    });
    fc.assert(
      fc.property(runs, ([words, text, flags]) => {
        const trie = literalAlternation(words, { ignoreCase: flags.includes('i') });
        expect(matchesOf(trie, flags, text.join(''))).toEqual(matchesOf(plain(words), flags, text.join('')));
      }),
      { seed: 20261204, numRuns: 4000 },
    );
  });
});
