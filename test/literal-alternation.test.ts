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

  it('finds the same matches as the plain alternation, longest first, with and without the i flag', () => {
    const letter = fc.constantFrom('a', 'b', 'A', 'B', '.', 'é', 'É', '😀');
    const word = fc.array(letter, { minLength: 1, maxLength: 4 }).map((l) => l.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 8 }), fc.array(fc.oneof(letter, fc.constant('x')), { maxLength: 40 }), fc.boolean(), (words, text, ignoreCase) => {
        const flags = ignoreCase ? 'iu' : 'u';
        const trie = literalAlternation(words, { ignoreCase });
        expect(matchesOf(trie, flags, text.join(''))).toEqual(matchesOf(plain(words), flags, text.join('')));
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });
});
