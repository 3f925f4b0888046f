// Word tokens of a text, the same way for catalogue templates (at build time) and pastes (at run time): the
// prefilter finds candidate entries by their anchor tokens before any pattern runs.
import { codeTest } from '../char-class.js';

/**
 * Scripts written without spaces between words (Han, Hiragana, Katakana): their text is cut into bigrams instead of
 * words. Told by code point ranges, which a per-character Unicode property test made ten times slower.
 */
function isUnspacedCode(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana (with the prolonged sound mark)
    (code >= 0x3400 && code <= 0x4dbf) || // CJK Extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK Unified Ideographs
    (code >= 0xf900 && code <= 0xfaff) || // CJK Compatibility Ideographs
    (code >= 0xff66 && code <= 0xff9f) // halfwidth Katakana
  );
}
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Whether a UTF-16 code is a word character (a surrogate half never is: tokens are of the BMP, as they always were). */
const isWordCode = codeTest(WORD_CHAR);

/** Shortest word of a spaced script that is worth an index entry: "to", "of", "de" would make everything a candidate. */
export const MIN_WORD_TOKEN = 3;

/**
 * A token: a lower-cased word, or a pair of adjacent characters of an unspaced script as a number (its two UTF-16
 * codes), which spares a string per character of a Chinese or Japanese paste. `tokenKey` gives either form's key.
 */
export type Token = string | number;

/** The key of a token as anchors are indexed: bigrams as numbers, words as they are. */
export function tokenKey(token: string): Token {
  return token.length === 2 && isUnspacedCode(token.charCodeAt(0)) && isUnspacedCode(token.charCodeAt(1))
    ? token.charCodeAt(0) * 0x10000 + token.charCodeAt(1)
    : token;
}

/**
 * Calls `each(token, index)` for every token of `text`, in order: lower-cased words of at least MIN_WORD_TOKEN letters
 * or digits (digits alone excluded: they are placeholders' values), and every pair of adjacent characters of an
 * unspaced script. One pass, no backtracking. `fold(start, end)`: the folded text of a word (by default foldCase of
 * it; recognition passes its FoldedText's, which agrees with folding the whole text).
 */
export function forEachToken(
  text: string,
  each: (token: Token, index: number) => void,
  fold: (start: number, end: number) => string = (start, end) => foldCase(text.slice(start, end)),
): void {
  // One loop with its state in locals: a helper closure that flushed each word kept that state in a context object,
  // and read and wrote it there for every character (a third of the time of a 256 KiB paste's tokens).
  const length = text.length;
  /** Where the last character of an unspaced script was: a bigram is two such characters side by side. */
  let unspaced = -2;
  for (let i = 0; i < length; ) {
    const start = i;
    let digitsOnly = true;
    /** The word holds a character folding may change (an ASCII capital, anything past ASCII): else it is its own fold. */
    let foldable = false;
    let code = text.charCodeAt(i);
    for (;;) {
      // ASCII is most of every paste: decided by its code, without a Unicode property test.
      if (code < 0x80) {
        if (code >= 97 && code <= 122) digitsOnly = false;
        else if (code >= 65 && code <= 90) {
          digitsOnly = false;
          foldable = true;
        } else if (code < 48 || code > 57) break;
      } else if (isUnspacedCode(code) || !isWordCode(code)) {
        break;
      } else {
        digitsOnly = false;
        foldable = true;
      }
      if (++i === length) break;
      code = text.charCodeAt(i);
    }
    if (i > start) {
      if (i - start >= MIN_WORD_TOKEN && !digitsOnly) each(foldable ? fold(start, i) : text.slice(start, i), start);
      continue;
    }
    // Not a word character: a character of an unspaced script pairs with the one before it.
    if (code >= 0x80 && isUnspacedCode(code)) {
      if (unspaced === i - 1) each(text.charCodeAt(i - 1) * 0x10000 + code, i - 1);
      unspaced = i;
    }
    i++;
  }
}

/** Every token of a text with its position, in order, bigrams written as their two characters. */
export function tokensOf(text: string): Array<{ token: string; index: number }> {
  const tokens: Array<{ token: string; index: number }> = [];
  forEachToken(text, (token, index) => tokens.push({ token: typeof token === 'number' ? text.slice(index, index + 2) : token, index }));
  return tokens;
}

export function isUnspaced(ch: string): boolean {
  return isUnspacedCode(ch.charCodeAt(0));
}

/**
 * A text in lower case, position for position. toLowerCase changes a length only for U+0130 (İ, whose lower case is
 * i + a combining dot), which becomes a plain i first.
 */
export function foldCase(text: string): string {
  return (text.includes('\u0130') ? text.replace(/\u0130/g, 'i') : text).toLowerCase();
}

/** Σ: the one letter whose lower case depends on its neighbours (σ, or ς at the end of a word). */
const CAPITAL_SIGMA = '\u03a3';
const SURROGATE = /[\ud800-\udfff]/;

/** Characters folded at a time: a window or a word is a slice of one block, or of two. */
const BLOCK = 4096;

/**
 * The folded text of a paste, a block at a time as its pieces are asked for: equal to folding the whole text
 * (foldCase is position for position, and no letter's lower case depends on what lies outside its block), but no
 * folded copy of a 256 KiB paste is made, which cost this machine 2 ms for its pages. Where a letter's lower case
 * could depend on more (Σ, by its neighbours; a letter of two UTF-16 units that a block boundary could cut), the text
 * is folded whole, once.
 */
export class FoldedText {
  readonly #whole: string | undefined;
  readonly #blocks: Array<string | undefined> = [];

  constructor(readonly original: string) {
    this.#whole = original.includes(CAPITAL_SIGMA) || SURROGATE.test(original) ? foldCase(original) : undefined;
  }

  #block(index: number): string {
    let block = this.#blocks[index];
    if (block === undefined) this.#blocks[index] = block = foldCase(this.original.slice(index * BLOCK, (index + 1) * BLOCK));
    return block;
  }

  slice(start: number, end: number): string {
    if (this.#whole !== undefined) return this.#whole.slice(start, end);
    if (end <= start) return '';
    const first = Math.floor(start / BLOCK);
    const last = Math.floor((end - 1) / BLOCK);
    let folded = '';
    for (let index = first; index <= last; index++) {
      const offset = index * BLOCK;
      folded += this.#block(index).slice(Math.max(start, offset) - offset, Math.min(end, offset + BLOCK) - offset);
    }
    return folded;
  }
}
