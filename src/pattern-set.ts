// Which of many patterns occur in one text, found in one pass over it instead of one pass per pattern. The whole-text
// wordings that name a family, a phase or a TLS reason (src/normalize/family.ts) are some fifty alternations, most
// case-insensitive; each pass over a 256 KiB paste cost about half a millisecond whatever it found.
//
// Every match of a pattern starts with one of its literal openings (src/regex-openings.ts: "login failed" for
// /\bLog(?:in|on) failed/i). The openings of all the patterns, written as one trie (src/literal-alternation.ts), are
// walked from occurrence to occurrence, and at each only the patterns that open with what is there are tried. On
// 256 KiB of real pastes this took 3.9 ms where the alternation of the patterns themselves, walked the same way (the
// walk before this one), took 11.5 ms: V8 tries an alternation's hundred-odd branches at every position, and the
// trie's first letters.
import { composeRegex } from './compose-regex.js';
import { rememberingLast } from './lazy.js';
import { literalAlternation } from './literal-alternation.js';
import { openingsOf } from './regex-openings.js';

/**
 * Tries of one pattern where its openings occur, before it gets a pass of its own over the rest of the text: a text
 * dense with an opening ("login failed" thousands of times, never followed by what the pattern wants next) would
 * otherwise try it at each, and a pattern with a long bounded gap reads up to its bound at each try.
 */
export const MAX_TRIES = 256;

/** Flags that change what a pattern matches; `g`, `y` and `d` only change how it is run. */
const meaningFlags = (pattern: RegExp) => pattern.flags.replace(/[gyd]/g, '');

/**
 * The key an occurrence is looked up by: the text as a case-insensitive trie of ASCII openings matched it, folded.
 * An ASCII letter matches its two cases, and under the `u` flag also the Kelvin sign (k) and the long s (ſ), which
 * Unicode case folding maps to them (test/pattern-set.test.ts checks every UTF-16 unit under `i` and `iu`).
 */
const UNICODE_FOLDS: Readonly<Record<string, string>> = { '\u212a': 'k', '\u017f': 's' };
function foldKey(text: string): string {
  // Most occurrences are plain ASCII, folded by one native call.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let key = '';
  for (const ch of text) key += ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : (UNICODE_FOLDS[ch] ?? ch);
  return key;
}
const NON_ASCII = /[^\0-\x7f]/;

/**
 * The openings a walk can look a pattern up by: under `i`, cut before their first non-ASCII character (whose other
 * cases foldKey does not know); undefined when one of them is then empty (the pattern gets a pass of its own).
 */
function keysOf(pattern: RegExp, ignoreCase: boolean): string[] | undefined {
  const openings = openingsOf(pattern);
  if (!openings) return undefined;
  const keys = openings.map((opening) => (ignoreCase ? foldKey(opening.slice(0, opening.search(/[^\0-\x7f]|$/u))) : opening));
  return keys.includes('') ? undefined : [...new Set(keys)];
}

interface Member {
  pattern: RegExp;
  /** The pattern sticky: does it match here. */
  at: RegExp;
  /** The pattern global: does it match from here on. */
  from: RegExp;
}

interface Walk {
  /** The trie of the group's openings, global: where one of them occurs next. */
  any: RegExp;
  ignoreCase: boolean;
  members: Member[];
  /** An opening's key → the members it opens. */
  byKey: Map<string, number[]>;
  /** The lengths of the keys, ascending: the prefixes of an occurrence worth looking up. */
  lengths: number[];
}

/** Patterns of the same flags, walked by their openings; each pattern also sticky (`at`) and global (`from`). */
function walkOf(patterns: ReadonlyArray<{ pattern: RegExp; keys: string[] }>, flags: string): Walk {
  // Loops, not callbacks: the ReDoS inventory lets only the builder functions themselves compose.
  const ignoreCase = flags.includes('i');
  const members: Member[] = [];
  const byKey = new Map<string, number[]>();
  for (const { pattern, keys } of patterns) {
    for (const key of keys) byKey.set(key, [...(byKey.get(key) ?? []), members.length]);
    members.push({ pattern, at: composeRegex(pattern.source, `${flags}y`), from: composeRegex(pattern.source, `${flags}g`) });
  }
  const lengths = [...new Set([...byKey.keys()].map((key) => key.length))].sort((a, b) => a - b);
  return { any: composeRegex(literalAlternation([...byKey.keys()], { ignoreCase }), `${flags}g`), ignoreCase, members, byKey, lengths };
}

/** The next position after `at`: past a whole surrogate pair for a Unicode pattern, which would step back into it. */
function stepAt(text: string, at: number, unicode: boolean): number {
  const isPair = (text.charCodeAt(at) & 0xfc00) === 0xd800 && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
  return unicode && isPair ? 2 : 1;
}

/** The members an occurrence may open, by the longest opening the trie found there: those of each opening it starts with. */
function membersOpenedBy(key: string, byKey: ReadonlyMap<string, number[]>, lengths: readonly number[]): number[] {
  const opened: number[] = [];
  for (const length of lengths) {
    if (length > key.length) break;
    opened.push(...(byKey.get(key.slice(0, length)) ?? []));
  }
  return opened;
}

function walk({ any, ignoreCase, members, byKey, lengths }: Walk, text: string, found: Set<RegExp>): void {
  const tries = new Uint16Array(members.length);
  const done = new Uint8Array(members.length);
  // A log repeats the same few openings thousands of times: the members of each are looked up once per text.
  const opened = new Map<string, number[]>();
  let unfound = members.length;
  const settle = (index: number, matched: boolean) => {
    if (matched) found.add((members[index] as Member).pattern);
    done[index] = 1;
    unfound--;
  };
  for (any.lastIndex = 0; unfound > 0; ) {
    const next = any.exec(text);
    if (!next) return;
    const at = next.index;
    // The trie reports the longest opening here; every shorter one that occurs here is a prefix of it.
    const key = ignoreCase ? foldKey(next[0]) : next[0];
    let indexes = opened.get(key);
    if (!indexes) opened.set(key, (indexes = membersOpenedBy(key, byKey, lengths)));
    for (const index of indexes) {
      if (done[index]) continue;
      const member = members[index] as Member;
      // Every earlier occurrence of its openings has been tried: no match of it starts before `at`.
      if (++(tries[index] as number) > MAX_TRIES) {
        member.from.lastIndex = at;
        settle(index, member.from.test(text));
        continue;
      }
      member.at.lastIndex = at;
      if (member.at.test(text)) settle(index, true);
    }
    any.lastIndex = at + stepAt(text, at, any.unicode);
  }
}

/**
 * A reader of which `patterns` occur in a text (as `pattern.test(text)` would say for each), the last text's answer
 * remembered. Build it at module level: it composes the tries and patterns it walks, which the ReDoS test lists.
 */
export function patternSet(patterns: readonly RegExp[]): (text: string) => ReadonlySet<RegExp> {
  const byFlags = new Map<string, Array<{ pattern: RegExp; keys: string[] }>>();
  const alone: RegExp[] = [];
  for (const pattern of patterns) {
    const flags = meaningFlags(pattern);
    const keys = keysOf(pattern, flags.includes('i'));
    if (!keys) alone.push(pattern);
    else byFlags.set(flags, [...(byFlags.get(flags) ?? []), { pattern, keys }]);
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
