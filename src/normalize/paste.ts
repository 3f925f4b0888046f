// A pasted text made searchable: unescaped, whitespace-folded, with every match traceable to its line.
import { decodeHTML } from 'entities';
import { composeRegex } from '../compose-regex.js';
import { rememberingLast } from '../lazy.js';

export interface Paste {
  /** The prepared text, line structure kept (what evidence lines quote). */
  readonly text: string;
  /** The same text with every run of whitespace folded to one space: wrapped messages match. */
  readonly flat: string;
  /** The prepared line that holds position `flatIndex` of `flat`, trimmed (long lines: a window). */
  lineAt(flatIndex: number): string;
  /** The same for a position of `text`. */
  lineAtText(textIndex: number): string;
  /** True where the space at `flatIndex` of `flat` stands for whitespace that held a line break. */
  isLineBreak(flatIndex: number): boolean;
}

/** How much of a line around a match an evidence quote shows, each side. */
const MAX_QUOTE = 240;

/** Characters that are never part of an error text: C0 controls but tab and newlines, and DEL. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** The same, not global: does a text hold one (a global regex's test() would move its lastIndex). */
const CONTROL_CHAR = composeRegex(CONTROL_CHARS.source);

/**
 * Signs that a paste went through JSON or a log shipper that escaped it. A lone "\t" or "\n" is no sign: Windows
 * paths are full of them (C:\app\node_modules\tedious\lib); an escaped stack trace shows "\n    at" or "\n\tat".
 */
const ESCAPED_SIGNS = /\\r\\n|\\"|\\u[0-9a-fA-F]{4}|\\n(?:\\t| +)at |\\n\\n/;

const ESCAPED_CHAR: Readonly<Record<string, string>> = { n: '\n', r: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** A backslash, or a carriage return that decodeJsonEscapes turns into a line break as it goes. */
const BACKSLASH_OR_CR = /[\\\r]/g;

/**
 * JSON's escapes, read left to right in one pass, so that "\\tedious" stays a backslash and "tedious"; "\r\n" is one
 * line break. A loop over the backslashes, not a replace() with a callback: a paste of escapes calls it per escape.
 * `lineBreaks`: carriage returns ("\r\n", "\r") become "\n" in the same pass, as unescapePaste's first step would
 * have made them: every new copy of a 256 KiB paste costs this machine about 2 ms, whatever the copy does.
 */
function decodeJsonEscapes(text: string, lineBreaks: boolean): string {
  // Pieces joined once at the end: `out +=` per escape built a rope that the first regex over it had to flatten.
  const out: string[] = [];
  let copied = 0;
  const next = lineBreaks ? BACKSLASH_OR_CR : undefined;
  const find = (from: number) => {
    if (!next) return text.indexOf('\\', from);
    next.lastIndex = from;
    return next.exec(text)?.index ?? -1;
  };
  for (let at = find(0); at >= 0 && at < text.length; at = find(at)) {
    let decoded: string | undefined;
    let length = 2;
    if (text[at] === '\r') {
      decoded = '\n';
      length = text[at + 1] === '\n' ? 2 : 1;
    } else if (at === text.length - 1) {
      break;
    } else {
      const escaped = text[at + 1] as string;
      if (escaped === 'u' && HEX4.test(text.slice(at + 2, at + 6))) {
        decoded = String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
        length = 6;
      } else if (escaped === 'r' && text.startsWith('\\n', at + 2)) {
        decoded = '\n';
        length = 4;
      } else {
        decoded = ESCAPED_CHAR[escaped];
      }
    }
    if (decoded === undefined) {
      at += 1;
      continue;
    }
    out.push(text.slice(copied, at), decoded);
    copied = at + length;
    at = copied;
  }
  if (copied === 0) return text;
  out.push(text.slice(copied));
  return out.join('');
}

/**
 * CI and log-shipper line prefixes that carry no meaning: `##[error]`, `::error::`, and the container name
 * `docker compose logs` puts before every line ("api_1  | ", "api-1  | "), which otherwise ends up inside a
 * message that wraps onto the next line.
 */
const NOISE_PREFIXES = /^[ \t]*(?:##\[(?:error|warning)\]|::(?:error|warning)[^:]*::|[\w.-]+[_-]\d+ +\| ?)/gm;
/** The same, not global, for the test before the rewrite. */
const NOISE_PREFIX = composeRegex(NOISE_PREFIXES.source, 'm');

/** Undoes what transport did to a paste: JSON escapes, HTML entities, CI prefixes, control bytes. */
export function unescapePaste(raw: string): string {
  // Each rewrite below is made only where a test finds work for it, and line breaks are unified in the JSON pass
  // where there is one: a rewrite builds a new copy of a 256 KiB paste even where it changes little, which costs this
  // machine about 2 ms (the pages of the copy), whatever the rewrite does.
  let text = raw;
  let carriageReturns = raw.includes('\r');
  const unifyLineBreaks = () => {
    if (carriageReturns) text = text.replace(/\r\n?/g, '\n');
    carriageReturns = false;
  };
  if (/&(?:quot|amp|lt|gt|#x?[0-9a-fA-F]+|apos);/.test(text)) {
    // Before decoding: a "&#13;" it decodes is text, not the paste's own line break.
    unifyLineBreaks();
    text = decodeHTML(text);
  }
  // A carriage return is in none of these signs: the test reads the same before line breaks are unified.
  if (ESCAPED_SIGNS.test(text)) {
    text = decodeJsonEscapes(text, carriageReturns);
    carriageReturns = false;
  } else {
    unifyLineBreaks();
    // A lone literal "\n" is only a line break when it cannot be part of a path like SERVER\newinst.
    if (text.includes('\\n')) text = text.replace(/\\n(?=[\s[(A-Z]|$)/g, '\n');
    // "host\\instance" typed as a C# or JSON string: keep UNC paths (\\host\pipe) intact. Looked for first: the
    // lookbehind is tried at every position of a text, which costs a 256 KiB paste a millisecond.
    if (text.includes('\\\\')) text = text.replace(/(?<=\w)\\\\(?=\w)/g, '\\');
  }
  if (NOISE_PREFIX.test(text)) text = text.replace(NOISE_PREFIXES, '');
  return CONTROL_CHAR.test(text) ? text.replace(CONTROL_CHARS, ' ') : text;
}

/**
 * Whitespace runs other than a single space, which become one space each in the flat text (a lone space stays as it
 * is: replacing each of a paste's spaces by itself made a copy of the whole text per paste, and on a 256 KiB text
 * cost more than the rest of the flattening); and the runs of two or more, which shift positions.
 */
const WHITESPACE = / \s+|[^\S ]\s*/g;
const FOLDED_RUN = /\s{2,}/g;

/**
 * Maps positions of the flat text back to the text. Each run of two or more whitespace characters became one
 * space, shifting what follows by its length less one: a position's shift is the sum over the runs before it.
 */
function flatToText(text: string): (flatIndex: number) => number {
  const runStarts: number[] = [];
  const shiftAfter: number[] = [];
  let shift = 0;
  for (const run of text.matchAll(FOLDED_RUN)) {
    runStarts.push(run.index - shift);
    shift += run[0].length - 1;
    shiftAfter.push(shift);
  }
  return (flatIndex) => {
    // The runs that start before flatIndex (binary search: runStarts ascend).
    let lo = 0;
    let hi = runStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((runStarts[mid] as number) < flatIndex) lo = mid + 1;
      else hi = mid;
    }
    return flatIndex + (lo === 0 ? 0 : (shiftAfter[lo - 1] as number));
  };
}

/** The paste of a text, the last one kept: splitting a paste into parts and reading its error part make it from the same text. */
export const makePaste: (raw: string) => Paste = rememberingLast(prepare);

function prepare(raw: string): Paste {
  const text = unescapePaste(raw);
  const flat = text.replace(WHITESPACE, ' ');
  // Built on the first quote only: most pastes are quoted a few times, and the map costs a pass over the text.
  let toText: ((flatIndex: number) => number) | undefined;
  return {
    text,
    flat,
    lineAt(flatIndex: number): string {
      toText ??= flatToText(text);
      return quoteLine(text, toText(Math.min(Math.max(flatIndex, 0), Math.max(flat.length - 1, 0))));
    },
    lineAtText(textIndex: number): string {
      return quoteLine(text, Math.min(Math.max(textIndex, 0), text.length));
    },
    isLineBreak(flatIndex: number): boolean {
      if (flat[flatIndex] !== ' ') return false;
      toText ??= flatToText(text);
      // The whitespace run this space stands for, read in the text up to its end.
      for (let at = toText(flatIndex); at < text.length && /\s/.test(text[at] as string); at++) if (text[at] === '\n') return true;
      return false;
    },
  };
}

/** The line around `at`, walking no further than a quote can show so one-line pastes stay cheap. */
function quoteLine(text: string, at: number): string {
  let start = at;
  while (start > 0 && at - start < MAX_QUOTE && text[start - 1] !== '\n') start--;
  let end = at;
  while (end < text.length && end - at < MAX_QUOTE && text[end] !== '\n') end++;
  const cutBefore = start > 0 && text[start - 1] !== '\n';
  const cutAfter = end < text.length && text[end] !== '\n';
  return `${cutBefore ? '…' : ''}${text.slice(start, end).trim()}${cutAfter ? '…' : ''}`;
}
