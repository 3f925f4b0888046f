// Which of many patterns occur in one text, found in one pass over it instead of one pass per pattern. The whole-text
// wordings that name a family, a phase or a TLS reason (src/normalize/family.ts) are some fifty alternations, most
// case-insensitive; each pass over a 256 KiB paste cost about half a millisecond whatever it found, and a paste of
// every catalogue anchor spent 20 ms on them alone. The alternation of all of them, walked from match to match, stops
// at every position where any of them matches, and only there are they tried one by one: a paste that holds a few of
// these wordings costs one pass and a few tries.
import { composeRegex } from './compose-regex.js';
import { rememberingLast } from './lazy.js';

/**
 * Stops of the walk before it gives up on it: a text dense with matches (one wording repeated thousands of times)
 * would stop it at each of them, to try every pattern still unfound. Past this many, each pattern still unfound gets
 * a pass of its own over the rest of the text, as it would have had without the set. (Walking on with an alternation
 * of only the patterns not yet found, compiled then, was tried and dropped: in bench/regex.bench.ts one text took
 * 95 ms with it and under 45 ms without, though alone it took 25 ms either way; the cause was not found.)
 */
export const MAX_WALK_STOPS = 256;

/** Flags that change what a pattern matches; `g`, `y` and `d` only change how it is run. */
const meaningFlags = (pattern: RegExp) => pattern.flags.replace(/[gyd]/g, '');

/** Backreferences and named groups: their numbers or names would clash in an alternation with other patterns. */
const CANNOT_JOIN = /\\[1-9]|\\k<|\(\?<(?![=!])/;

interface Member {
  pattern: RegExp;
  /** The pattern sticky: does it match here. */
  at: RegExp;
  /** The pattern global: does it match from here on. */
  from: RegExp;
}

interface Walk {
  /** The alternation of the group's patterns, global: where any of them matches next. */
  any: RegExp;
  members: Member[];
}

/** Patterns of the same flags, one alternation to walk; each pattern also sticky (`at`) and global (`from`). */
function walkOf(patterns: readonly RegExp[], flags: string): Walk {
  // Loops, not callbacks: the ReDoS inventory lets only the builder functions themselves compose.
  const members: Member[] = [];
  for (const pattern of patterns) members.push({ pattern, at: composeRegex(pattern.source, `${flags}y`), from: composeRegex(pattern.source, `${flags}g`) });
  return { any: composeRegex(patterns.map((p) => `(?:${p.source})`).join('|'), `${flags}g`), members };
}

/** The next position after `at`: past a whole surrogate pair for a Unicode pattern, which would step back into it. */
function stepAt(text: string, at: number, unicode: boolean): number {
  const isPair = (text.charCodeAt(at) & 0xfc00) === 0xd800 && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
  return unicode && isPair ? 2 : 1;
}

function walk({ any, members }: Walk, text: string, found: Set<RegExp>): void {
  let unfound = members;
  for (let from = 0, stops = 0; unfound.length > 0; ) {
    any.lastIndex = from;
    const next = any.exec(text);
    if (!next) return;
    const at = next.index;
    unfound = unfound.filter(({ pattern, at: sticky }) => {
      sticky.lastIndex = at;
      if (!sticky.test(text)) return true;
      found.add(pattern);
      return false;
    });
    // Every position up to `at` has been tried: the alternation matches wherever one of its patterns does.
    from = at + stepAt(text, at, any.unicode);
    if (++stops === MAX_WALK_STOPS) {
      for (const { pattern, from: rest } of unfound) {
        rest.lastIndex = from;
        if (rest.test(text)) found.add(pattern);
      }
      return;
    }
  }
}

/**
 * A reader of which `patterns` occur in a text (as `pattern.test(text)` would say for each), the last text's answer
 * remembered. Build it at module level: it composes the alternations it walks, which the ReDoS test lists.
 */
export function patternSet(patterns: readonly RegExp[]): (text: string) => ReadonlySet<RegExp> {
  const byFlags = new Map<string, RegExp[]>();
  const alone: RegExp[] = [];
  for (const pattern of patterns) {
    if (CANNOT_JOIN.test(pattern.source)) alone.push(pattern);
    else byFlags.set(meaningFlags(pattern), [...(byFlags.get(meaningFlags(pattern)) ?? []), pattern]);
  }
  const walks: Walk[] = [];
  for (const [flags, group] of byFlags) walks.push(walkOf(group, flags));
  return rememberingLast((text: string) => {
    const found = new Set<RegExp>();
    for (const w of walks) walk(w, text, found);
    for (const pattern of alone) {
      pattern.lastIndex = 0;
      if (pattern.test(text)) found.add(pattern);
    }
    return found;
  });
}
