// How the redactor finds a shape's next match. A pattern that opens with a lookbehind (`(?<![\p{L}\p{N}_])password…`)
// makes V8 test the lookbehind's class, a Unicode property lookup, at every position of the text before it looks at the
// literal words that follow: 256 KiB without a single match took 5 ms for one pattern. The same pattern without its
// lookbehind opens with those words, which V8 skips to. So the rest of the pattern finds where a match may start, and
// the lookbehind, run at that one position, confirms it: the same matches in the same order, several times faster.
import { composeRegex } from '../compose-regex.js';

/** The first match of a shape's pattern starting at or after `from`, as `pattern.exec` from `lastIndex = from` gives it. */
export type FindMatch = (text: string, from: number) => RegExpExecArray | null;

/** The characters of a pattern's source that are its syntax: outside character classes, not escaped; with their index. */
function* syntaxOf(source: string): Generator<[number, string]> {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else yield [i, ch];
  }
}

/** Where the lookbehind that opens `source` ends (the index after its closing parenthesis), if it opens with one. */
export function leadingLookbehindEnd(source: string): number | undefined {
  if (!source.startsWith('(?<!') && !source.startsWith('(?<=')) return undefined;
  let depth = 0;
  for (const [i, ch] of syntaxOf(source)) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return undefined;
}

/** Whether a piece of pattern holds a capturing group (which would renumber the groups after it if cut off). */
function capturesIn(source: string): boolean {
  for (const [i, ch] of syntaxOf(source)) {
    if (ch !== '(') continue;
    if (source[i + 1] !== '?' || (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!')) return true;
  }
  return false;
}

/** Finds matches of a global pattern by plain `exec`. */
export function plainFinder(pattern: RegExp): FindMatch {
  return (text, from) => {
    pattern.lastIndex = from;
    return pattern.exec(text);
  };
}

/**
 * The finder of a global pattern: by its rest and then its opening lookbehind where it opens with one (see above),
 * else by plain `exec`. Built when a shape's module loads (the regexes it composes are checked by the ReDoS test,
 * which is what says that the rest, without the lookbehind that bounded where it starts, is still linear).
 */
export function matchFinder(pattern: RegExp): FindMatch {
  const end = leadingLookbehindEnd(pattern.source);
  if (end === undefined || capturesIn(pattern.source.slice(0, end))) return plainFinder(pattern);
  const flags = pattern.flags.replace(/[gy]/g, '');
  const guard = composeRegex(pattern.source.slice(0, end), `${flags}y`);
  const rest = composeRegex(pattern.source.slice(end), `${flags}g`);
  return (text, from) => {
    for (let at = from; at <= text.length; ) {
      rest.lastIndex = at;
      const m = rest.exec(text);
      if (!m) return null;
      guard.lastIndex = m.index;
      if (guard.test(text)) return m;
      at = m.index + 1;
    }
    return null;
  };
}

/**
 * A shape whose pattern opens with a lookbehind and then with literal words, found by those words first. Only such
 * shapes: a pattern that opens with a character class after its lookbehind (the flag shape's `-\p{L}…`) would,
 * without it, scan a run such as "-A-A-A…" from each of its positions.
 */
export function wordFirst<S extends { readonly pattern: RegExp }>(shape: S): S & { readonly find: FindMatch } {
  return { ...shape, find: matchFinder(shape.pattern) };
}
