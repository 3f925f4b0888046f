// A shape of secret in pasted text: a pattern that finds where one may start, and a reader that finds where it
// ends (src/redact/values.ts). Every pattern is anchored where a word, flag or token starts, so that it tries each
// position once; a reader resumes the scan after what it read. Both keep the redaction linear in the length of the
// text (test/redact/regex-safety.test.ts checks each pattern with recheck; bench/redact.bench.ts times them).
import type { FindMatch } from '../match-finder.js';
import type { TextIndex } from '../text-index.js';
import type { ValueSpan } from '../values.js';

export interface Shape {
  readonly name: string;
  /** Global: run over the whole text, from where the last match's reader said to resume. */
  readonly pattern: RegExp;
  read(text: string, match: RegExpExecArray, index: TextIndex): { values: ValueSpan[]; resume?: number };
  /** Finds the pattern's next match faster than `exec` does, with the same result; by default matchFinder(pattern). */
  readonly find?: FindMatch;
}

export const NONE = { values: [] };

/** A shape whose pattern finds the whole secret: the match is the value. */
export function wholeMatch(name: string, pattern: RegExp): Shape {
  return {
    name,
    pattern,
    read(_text, m) {
      return { values: [{ start: m.index, end: m.index + m[0].length, value: m[0] }] };
    },
  };
}
