// A pasted text made searchable: unescaped, whitespace-folded, with every match traceable to its line.
import { decodeHTML } from 'entities';

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

/**
 * Signs that a paste went through JSON or a log shipper that escaped it. A lone "\t" or "\n" is no sign: Windows
 * paths are full of them (C:\app\node_modules\tedious\lib); an escaped stack trace shows "\n    at" or "\n\tat".
 */
const ESCAPED_SIGNS = /\\r\\n|\\"|\\u[0-9a-fA-F]{4}|\\n(?:\\t| +)at |\\n\\n/;

/** JSON's escapes, read left to right in one pass, so that "\\tedious" stays a backslash and "tedious". */
const JSON_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|(r\\n|[nrt"\\/]))/g;
const ESCAPED_CHAR: Readonly<Record<string, string>> = { 'r\\n': '\n', n: '\n', r: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/' };

/**
 * CI and log-shipper line prefixes that carry no meaning: `##[error]`, `::error::`, and the container name
 * `docker compose logs` puts before every line ("api_1  | ", "api-1  | "), which otherwise ends up inside a
 * message that wraps onto the next line.
 */
const NOISE_PREFIXES = /^[ \t]*(?:##\[(?:error|warning)\]|::(?:error|warning)[^:]*::|[\w.-]+[_-]\d+ +\| ?)/gm;

/** Undoes what transport did to a paste: JSON escapes, HTML entities, CI prefixes, control bytes. */
export function unescapePaste(raw: string): string {
  let text = raw.replace(/\r\n?/g, '\n');
  if (/&(?:quot|amp|lt|gt|#x?[0-9a-fA-F]+|apos);/.test(text)) text = decodeHTML(text);
  if (ESCAPED_SIGNS.test(text)) {
    text = text.replace(JSON_ESCAPE, (_, hex: string | undefined, escaped: string) => (hex ? String.fromCharCode(parseInt(hex, 16)) : (ESCAPED_CHAR[escaped] ?? escaped)));
  } else {
    // A lone literal "\n" is only a line break when it cannot be part of a path like SERVER\newinst.
    text = text.replace(/\\n(?=[\s[(A-Z]|$)/g, '\n');
    // "host\\instance" typed as a C# or JSON string: keep UNC paths (\\host\pipe) intact.
    text = text.replace(/(?<=\w)\\\\(?=\w)/g, '\\');
  }
  return text.replace(NOISE_PREFIXES, '').replace(CONTROL_CHARS, ' ');
}

export function makePaste(raw: string): Paste {
  const text = unescapePaste(raw);
  const flatChars: string[] = [];
  const origin: number[] = [];
  const breaks = new Set<number>();
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      if (!inSpace) {
        flatChars.push(' ');
        origin.push(i);
      }
      if (ch === '\n') breaks.add(flatChars.length - 1);
      inSpace = true;
    } else {
      flatChars.push(ch);
      origin.push(i);
      inSpace = false;
    }
  }
  const flat = flatChars.join('');
  return {
    text,
    flat,
    lineAt(flatIndex: number): string {
      return quoteLine(text, origin[Math.min(Math.max(flatIndex, 0), origin.length - 1)] ?? 0);
    },
    lineAtText(textIndex: number): string {
      return quoteLine(text, Math.min(Math.max(textIndex, 0), text.length));
    },
    isLineBreak: (flatIndex: number) => breaks.has(flatIndex),
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
