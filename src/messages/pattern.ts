// The pattern the catalogue build derives from a template: its literal text word by word, its placeholders as
// bounded wildcards, every word after the first optional so that a paste cut anywhere still matches as far as it
// goes. Linear by construction: each wildcard is bounded and lazy and is always followed by a required word, and
// an optional group, once it fails, is skipped rather than retried (nothing follows it to force a retry).
import { composeRegex } from '../compose-regex.js';
import { foldCase, isUnspaced } from './tokens.js';

export { foldCase };
import type { TemplatePart } from './template.js';

/** The longest text a placeholder may stand for: a host, a login, an OS message inside a driver's sentence. */
export const MAX_HOLE_TEXT = 300;
/** The longest number a numeric placeholder may stand for ("-2146893019", "0x80090325"). */
export const MAX_HOLE_NUMBER = 24;
/** Unspaced scripts are cut into units of this many characters, where a paste may have been truncated. */
const UNSPACED_UNIT = 3;

/** Every quotation mark translators and terminals use for another: ' " ‘ ’ ‚ ‛ “ ” „ ‟ « » ‹ › ` ´ and CJK corner brackets. */
const QUOTE_CLASS = "['\"\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB\u2039\u203A`\u00B4\u300C\u300D\u300E\u300F]";
const QUOTES = composeRegex(QUOTE_CLASS);
/** What has a meaning in a pattern and is escaped to stand for itself. */
const SYNTAX = /[\^$\\.*+?()[\]{}|/]/;

/**
 * Patterns run without the `i` and `u` flags, which made V8 compile every Unicode class with its case closure
 * (hundreds of megabytes for a catalogue): the text is case-folded before matching (foldCase) and the literal
 * wording at build time, so both sides are lower case.
 */
export const PATTERN_FLAGS = 'd';


function escapeChar(ch: string): string {
  if (QUOTES.test(ch)) return QUOTE_CLASS;
  return SYNTAX.test(ch) ? `\\${ch}` : ch;
}

/** A literal cut into the units a paste may end after: words, or short runs of an unspaced script. */
export function literalUnits(literal: string): string[] {
  const units: string[] = [];
  for (const word of literal.split(/\s+/)) {
    if (word === '') continue;
    let run = '';
    for (const ch of word) {
      if (isUnspaced(ch) && run.length >= UNSPACED_UNIT) {
        units.push(run);
        run = '';
      }
      run += ch;
    }
    if (run !== '') units.push(run);
  }
  return units;
}

/**
 * Units of one literal: whether a space separates each from the one before (so ` ?` goes between), and whether it
 * starts or ends a word, where a letter or digit of the paste may not touch it ("in" must not match inside
 * "winhost"). A unit that touches a placeholder without a space ("{0}ms") has no boundary on that side.
 */
interface Unit {
  text: string;
  spaced: boolean;
  wordStart: boolean;
  wordEnd: boolean;
}

function unitsOf(literal: string, atTemplateStart: boolean, atTemplateEnd: boolean): Unit[] {
  const units: Unit[] = [];
  const words = literal.split(/\s+/);
  words.forEach((word, w) => {
    if (word === '') return;
    const spaceBefore = w > 0 || atTemplateStart;
    const spaceAfter = w < words.length - 1 || atTemplateEnd;
    const pieces = literalUnits(word);
    pieces.forEach((text, i) =>
      units.push({ text, spaced: w > 0 && i === 0 && units.length > 0, wordStart: i === 0 && spaceBefore, wordEnd: i === pieces.length - 1 && spaceAfter }),
    );
  });
  return units;
}

/**
 * Letters and digits of the spaced scripts in lower case: ASCII, and one range from Latin-1's letters through Latin
 * Extended, Greek, Cyrillic, Armenian, Hebrew, Arabic, Thai and the Latin/Greek extended blocks, plus Hangul. What
 * a word boundary may not touch. Written as ranges, not \p{L}, for the reason PATTERN_FLAGS gives; short, because
 * it is repeated in every pattern. Unspaced scripts have no boundaries.
 */
const WORDISH = '0-9a-z\\u00c0-\\u1fff\\uac00-\\ud7af';
const WORD_EDGE = composeRegex(`^[${WORDISH}]$`);
const NOT_BEFORE = `(?<![${WORDISH}])`;
const NOT_AFTER = `(?![${WORDISH}])`;

/**
 * A unit's pattern, with word boundaries where it may otherwise match inside a longer word: at the pattern's two
 * ends and beside a placeholder, whose lazy wildcard stops at the first place the unit fits. Between two literal
 * words the next word must follow at once, which no longer word does by chance.
 */
function unitPattern(unit: Unit, edgeBefore: boolean, edgeAfter: boolean): string {
  const chars = [...foldCase(unit.text)];
  const first = chars[0] as string;
  const last = chars[chars.length - 1] as string;
  const before = edgeBefore && unit.wordStart && WORD_EDGE.test(first) ? NOT_BEFORE : '';
  const after = edgeAfter && unit.wordEnd && WORD_EDGE.test(last) ? NOT_AFTER : '';
  return `${before}${chars.map(escapeChar).join('')}${after}`;
}

/**
 * How much a text weighs as evidence: a character of an unspaced script carries about as much as a short word of a
 * spaced one, so it counts three; a Hangul syllable two. Thresholds on matched wording are in this weight.
 */
export function textWeight(text: string): number {
  let weight = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    // ASCII, most of any paste, without a regex per character: whitespace is tab to carriage return and space.
    if (code < 128) weight += code === 32 || (code >= 9 && code <= 13) ? 0 : 1;
    else if (!/\s/.test(ch)) weight += isUnspaced(ch) ? 3 : isHangul(ch) ? 2 : 1;
  }
  return weight;
}

/** Hangul syllables: Korean spaces its words, but each syllable block carries about two Latin letters' worth. */
const isHangul = (ch: string) => ch >= '\uac00' && ch <= '\ud7af';

/** Parts without leading or trailing placeholders, adjacent placeholders merged: literal, hole, literal, … */
export function coreParts(parts: readonly TemplatePart[]): TemplatePart[] {
  const core: TemplatePart[] = [];
  for (const part of parts) {
    if ('literal' in part) {
      if (part.literal.trim() === '') continue;
      core.push(part);
    } else if (core.length > 0) {
      const last = core[core.length - 1] as TemplatePart;
      if ('hole' in last) {
        if (part.hole === 'text') core[core.length - 1] = part;
      } else {
        core.push(part);
      }
    }
  }
  while (core.length > 0 && 'hole' in (core[core.length - 1] as TemplatePart)) core.pop();
  return core;
}

export interface DerivedPattern {
  /** RegExp source, for PATTERN_FLAGS, matching case-folded text. Group n is placeholder n's value; the last group is empty and set only
   * when the whole template matched. */
  source: string;
  /** How many placeholders (capture groups before the last). */
  holes: number;
  /** Weight of the template's literal text (textWeight). */
  literalLength: number;
}

/**
 * Wording a placeholder's wildcard must find whole before it stops: with only the next word, it stopped at the first
 * "." of a host name ("connection to {0}. Server is not found") and the match ended there.
 */
const REQUIRED_AFTER_HOLE = 8;

/**
 * The text's end, after at most part of one more word: a cut inside the words a placeholder requires. A look-ahead,
 * so that the cut word is not counted as the template's wording.
 */
const CUT_END = '(?= ?\\S{0,30}$)';

/** Marks the units after each placeholder that must follow it together, up to REQUIRED_AFTER_HOLE of wording. */
function markRequiredAfterHoles(steps: Array<{ unit: Unit; required?: boolean } | { hole: 'number' | 'text' }>): void {
  let weight = Infinity;
  for (const step of steps) {
    if ('hole' in step) {
      weight = 0;
      continue;
    }
    if (weight > 0 && weight < REQUIRED_AFTER_HOLE) step.required = true;
    weight += textWeight(step.unit.text);
  }
}

const holePattern = (kind: 'number' | 'text') => (kind === 'number' ? `(\\S{0,${MAX_HOLE_NUMBER}}?)` : `(.{0,${MAX_HOLE_TEXT}}?)`);

/**
 * The pattern of a template's core parts. From the end backwards: each unit wraps everything after it in an
 * optional group, and a placeholder travels with the first unit after it, so the wildcard only grows while it
 * looks for that unit.
 */
export function derivePattern(parts: readonly TemplatePart[]): DerivedPattern | undefined {
  const core = coreParts(parts);
  if (core.length === 0) return undefined;
  const meaningful = parts.filter((p) => !('literal' in p) || p.literal.trim() !== '');
  const leadingHole = meaningful.length > 0 && 'hole' in (meaningful[0] as TemplatePart);
  const trailingHole = meaningful.length > 0 && 'hole' in (meaningful[meaningful.length - 1] as TemplatePart);
  // Walk forwards to a flat list of steps: a unit, or a placeholder (always followed by a unit), noting where the
  // template puts a space on either side of a placeholder ("port %d and", "Msg %d,").
  type Step = { unit: Unit; required?: boolean } | { hole: 'number' | 'text'; spaceBefore: boolean; spaceAfter: boolean };
  const steps: Step[] = [];
  let literalLength = 0;
  core.forEach((part, i) => {
    if ('hole' in part) {
      const before = core[i - 1] as { literal: string };
      const after = core[i + 1] as { literal: string };
      steps.push({ hole: part.hole, spaceBefore: /\s$/.test(before.literal), spaceAfter: /^\s/.test(after.literal) });
      return;
    }
    // A literal's edge is a word edge where the template puts a space, or where it starts or ends the template
    // itself; not where a placeholder touches it ("0x{0}", "{0}ms").
    const atStart = /^\s/.test(part.literal) || (i === 0 && !leadingHole);
    const atEnd = /\s$/.test(part.literal) || (i === core.length - 1 && !trailingHole);
    for (const unit of unitsOf(part.literal.trim(), atStart, atEnd)) {
      steps.push({ unit });
      literalLength += textWeight(unit.text);
    }
  });
  markRequiredAfterHoles(steps);
  let tail = '';
  let holes = 0;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i] as Step;
    if ('hole' in step) continue; // emitted with the unit after it
    const before = steps[i - 1];
    const after = steps[i + 1];
    const unit = unitPattern(step.unit, i === 0 || (before !== undefined && 'hole' in before), after === undefined || 'hole' in after);
    let lead = step.unit.spaced ? ' ?' : '';
    if (before && 'hole' in before) {
      lead = `${before.spaceBefore ? ' ?' : ''}${holePattern(before.hole)}${before.spaceAfter ? ' ?' : ''}`;
      holes++;
    }
    const next = steps[i + 1];
    // A word a placeholder requires may also be where the text stops, cut after at most part of a word: "SQL Server
    // version db01 is not sup" still reads as far as "not".
    const rest = tail === '' ? '()' : next && 'unit' in next && next.required ? `(?:${tail}|${CUT_END})` : `(?:${tail})?`;
    tail = `${lead}${unit}${rest}`;
  }
  // The first step is a unit (leading placeholders were dropped): its group is not optional.
  return { source: tail, holes, literalLength };
}
