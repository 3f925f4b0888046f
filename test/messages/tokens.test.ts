// Recognition folds a paste a piece at a time (FoldedText, src/messages/tokens.ts): every piece must be what folding
// the whole text gives there, and the tokens those pieces make the tokens of the whole folded text.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FoldedText, foldCase, forEachToken, type Token } from '../../src/messages/tokens.js';

/**
 * Characters whose lower case is not one plain letter for one: Σ (σ or ς by its neighbours), İ, ẞ, ǅ, a capital of
 * two UTF-16 units (𐐀, Deseret), and around them; the texts are put behind a run of filler that brings them across
 * the boundary of FoldedText's 4,096-character blocks.
 */
const piece = fc.constantFrom('Σ', 'ΟΔΟΣ', 'ς', 'σ', 'İ', 'I', 'ẞ', 'ǅ', 'Ω', '𐐀', '😀', 'A', 'a', ' ', '.', "'", '-', 'Ж', '中文', 'Login', 'FAILED', '1');
const texts = fc
  .tuple(fc.constantFrom(0, 4090, 4094, 4095, 4096, 8190), fc.array(piece, { maxLength: 30 }))
  .map(([filler, pieces]) => 'X'.repeat(filler) + pieces.join(''));

/**
 * The tokens as the definition says, one UTF-16 unit at a time with a Unicode property test each: words of letters,
 * digits and marks (not of an unspaced script, not a surrogate half), at least three long and not all ASCII digits,
 * lower-cased; and each pair of neighbouring characters of an unspaced script.
 */
function referenceTokens(text: string): Array<[Token, number]> {
  const unspaced = (ch: string) => /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/.test(ch);
  const wordChar = (ch: string) => !unspaced(ch) && /^[\p{L}\p{N}\p{M}]$/u.test(ch);
  const found: Array<[Token, number]> = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i] ?? '';
    if (ch && wordChar(ch)) {
      if (start < 0) start = i;
      continue;
    }
    const word = start < 0 ? '' : text.slice(start, i);
    if (word.length >= 3 && !/^[0-9]+$/.test(word)) found.push([foldCase(word), start]);
    start = -1;
    if (ch && unspaced(ch) && i > 0 && unspaced(text[i - 1] as string)) found.push([text.charCodeAt(i - 1) * 0x10000 + text.charCodeAt(i), i - 1]);
  }
  return found;
}

describe('forEachToken', () => {
  it('finds the tokens the definition gives, in order, in any mix of scripts, digits, marks and surrogates', () => {
    const piece = fc.constantFrom('a', 'z', 'A', 'Z', '0', '9', '@', '[', '`', '{', '/', ':', '٣', 'é', 'e\u0301', 'Ж', 'ß', 'İ', '中', '文', 'カ', 'ｶ', 'ー', '😀', '\ud800', ' ', '-', '.', '_', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const found: Array<[Token, number]> = [];
        forEachToken(text, (token, index) => found.push([token, index]));
        expect(found).toEqual(referenceTokens(text));
      }),
      { seed: 20261204, numRuns: 5000 },
    );
  });
});

describe('FoldedText', () => {
  it('gives every piece of a text as folding the whole text gives it', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (text, a, b) => {
        // Pieces near the end, where the filler meets the interesting characters, and anywhere.
        const near = (n: number) => (n % 2 ? Math.max(0, text.length - (n % 64)) : n % (text.length + 1));
        const [start, end] = [near(a), near(b)].sort((x, y) => x - y) as [number, number];
        expect(new FoldedText(text).slice(start, end)).toBe(foldCase(text).slice(start, end));
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });

  it('makes the tokens of the whole folded text', () => {
    const tokens = (text: string, fold?: (start: number, end: number) => string) => {
      const found: Array<[Token, number]> = [];
      forEachToken(text, (token, index) => found.push([token, index]), fold);
      return found;
    };
    fc.assert(
      fc.property(texts, (text) => {
        const folded = new FoldedText(text);
        const whole = foldCase(text);
        expect(tokens(text, (start, end) => folded.slice(start, end))).toEqual(tokens(text, (start, end) => whole.slice(start, end)));
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });

  it('folds Σ by its neighbours, as the whole text does: a final sigma stays final in a piece that ends with it', () => {
    const text = 'ΟΔΟΣ ΑΣΑ';
    expect(foldCase(text)).toBe('οδος ασα');
    expect(new FoldedText(text).slice(1, 4)).toBe('δος');
    expect(new FoldedText(text).slice(5, 7)).toBe('ασ');
  });
});
