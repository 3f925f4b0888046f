// The literal openings of a regex: texts one of which every match of it starts with ("login failed" and "logon
// failed" for /\bLog(?:in|on) failed for/i). A text where none of a pattern's openings occurs holds no match of it,
// so many patterns can be looked for by their openings first (src/pattern-set.ts). Read from the pattern's syntax
// tree (@eslint-community/regexpp, the parser ESLint uses), never from its source text by hand.
import { parseRegExpLiteral, type AST } from '@eslint-community/regexpp';

/** Openings one pattern may expand to (a class or a group multiplies them); past this, the opening stops short. */
export const MAX_OPENINGS = 8;

interface Reading {
  /** What the elements read so far open with, each a literal text. */
  openings: string[];
  /** Whether they were read to the end: only then may what follows them extend the openings. */
  complete: boolean;
}

/** A class of single characters ([ÉE]), not negated: its characters; else undefined. */
function charactersOf(element: AST.CharacterClass): string[] | undefined {
  if (element.negate) return undefined;
  const characters: string[] = [];
  for (const member of element.elements) {
    if (member.type !== 'Character') return undefined;
    characters.push(String.fromCodePoint(member.value));
  }
  return characters;
}

/**
 * The openings of a sequence of elements. Assertions (\b, ^, lookarounds) are passed over: they consume nothing, so
 * they restrict where a match may be, never which characters it reads. An element of no fixed text (a class of
 * ranges, an optional part, a backreference) ends the openings where they are.
 */
function readElements(elements: readonly AST.Element[]): Reading {
  let openings = [''];
  const extend = (texts: readonly string[]): boolean => {
    if (texts.length === 0 || texts.includes('') || openings.length * texts.length > MAX_OPENINGS) return false;
    openings = openings.flatMap((opening) => texts.map((text) => opening + text));
    return true;
  };
  for (const element of elements) {
    if (element.type === 'Assertion') continue;
    if (element.type === 'Character') {
      extend([String.fromCodePoint(element.value)]);
      continue;
    }
    if (element.type === 'CharacterClass') {
      const characters = charactersOf(element);
      if (characters && extend(characters)) continue;
      return { openings, complete: false };
    }
    if (element.type === 'Group' || element.type === 'CapturingGroup') {
      const inner = element.alternatives.map((alternative) => readElements(alternative.elements));
      if (!extend(inner.flatMap((reading) => reading.openings))) return { openings, complete: false };
      if (inner.every((reading) => reading.complete)) continue;
      return { openings, complete: false };
    }
    // x+ and x{2,}: at least one x, and then an unknown count of them.
    if (element.type === 'Quantifier' && element.min >= 1 && element.element.type === 'Character') extend([String.fromCodePoint(element.element.value)]);
    return { openings, complete: false };
  }
  return { openings, complete: true };
}

/**
 * Texts one of which every match of `pattern` starts with, matched under the pattern's own flags (a case-insensitive
 * pattern's openings are compared ignoring case); undefined when some match may start with no fixed text (an
 * alternative that opens with \d, a class of ranges, an optional part), or with an empty one.
 */
export function openingsOf(pattern: RegExp): string[] | undefined {
  const { pattern: tree } = parseRegExpLiteral(pattern);
  const openings: string[] = [];
  for (const alternative of tree.alternatives) {
    const reading = readElements(alternative.elements);
    if (reading.openings.includes('')) return undefined;
    openings.push(...reading.openings);
  }
  return [...new Set(openings)];
}
