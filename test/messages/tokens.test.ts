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
