// Where a secret value ends, by the quoting rules of what wrote it. Every reader walks forward from the value's
// first character, at most MAX_VALUE characters and never past the line, so the redactor stays linear: its
// patterns only find where a value starts, and the scan resumes after the value.
import type { TextIndex } from './text-index.js';

export interface ValueSpan {
  /** The span to mask, quotes included. */
  start: number;
  end: number;
  /** The secret itself: without quotes, escapes undone. */
  value: string;
}

/** A JWT of an Entra ID access token is 1.5–3 KB; nothing longer is one value. */
export const MAX_VALUE = 8192;
/** How far back a quote may open the string a setting sits in ("Server=…;Password=x" inside JSON, XML, a -e "…"). */
const ENCLOSING_LOOKBACK = 256;
/** After a value's first blank, how far a ';' that ends it is still looked for. */
const SEMICOLON_LOOKAHEAD = 256;
/**
 * A value that no ';' ends (the last of a connection string, a .env or YAML value) holds blanks only this long: a
 * passphrase. Longer, the rest is the sentence that follows on the line (the error the person pasted after it).
 */
const MAX_PASSPHRASE = 64;

export const isLineEnd = (ch: string | undefined) => ch === undefined || ch === '\n' || ch === '\r';
const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';

/** Where the line that holds a position ends. Bounded: callers resume after it, so no text is walked twice. */
export function lineEndFrom(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at <= MAX_VALUE && !isLineEnd(text[i])) i++;
  return i;
}

export function skipBlanks(text: string, at: number): number {
  let i = at;
  while (isBlank(text[i])) i++;
  return i;
}

/**
 * Where another setting or a flag begins after blanks: "x -e NEXT=1", "x user=sa", "x Error: …" (not the padding
 * of base64, "dXNlcg=="). A value that no ';' ends stops there, unless it is a connection string's (ADO.NET allows
 * blanks inside a value).
 */
const NEXT_SETTING = /[ \t]*(?:-{1,2}\p{L}|[\p{L}_][\p{L}\p{N}_.-]*[ \t]*(?:=(?![=\s])|:(?![:/\\])))/uy;

function startsNextSetting(text: string, at: number): boolean {
  NEXT_SETTING.lastIndex = at;
  return NEXT_SETTING.test(text);
}

/**
 * The quote that opened the string a setting sits in, if any: the last quote before it on its line, when what
 * precedes that quote opens a string (=, :, (, a comma, a blank, the line's start) rather than ends a word.
 */
export function enclosingQuote(index: TextIndex, keyStart: number): string | undefined {
  const { text } = index;
  const at = index.quoteBefore(keyStart, ENCLOSING_LOOKBACK);
  if (at === undefined) return undefined;
  const before = text[at - 1];
  return at === 0 || isLineEnd(before) || /[=:(,[{\s]/.test(before as string) ? text[at] : undefined;
}

/**
 * A quoted value: `"…"` or `'…'` (a doubled quote is one quote, as in ADO.NET, T-SQL and PowerShell; a backslash
 * escapes the next character, as in JSON, JavaScript and Python), `{…}` (ODBC and ADO.NET: `}}` is one brace) or
 * a backquoted template. Unterminated, it runs to the end of the line: all of that is masked.
 */
export function readQuoted(text: string, at: number): ValueSpan {
  const open = text[at] as string;
  const close = open === '{' ? '}' : open;
  let value = '';
  let i = at + 1;
  for (; i < text.length && i - at <= MAX_VALUE && !isLineEnd(text[i]); i++) {
    const ch = text[i] as string;
    if (ch === '\\' && open !== '{' && !isLineEnd(text[i + 1])) {
      value += text[i + 1] === close ? close : `\\${text[i + 1] ?? ''}`;
      i++;
      continue;
    }
    if (ch === close) {
      if (text[i + 1] === close && open !== '`') {
        value += close;
        i++;
        continue;
      }
      return { start: at, end: i + 1, value };
    }
    value += ch;
  }
  return { start: at, end: i, value };
}

const QUOTES = new Set(['"', "'", '`', '{']);

/** A value quoted in one of the ways readQuoted knows, with T-SQL's N'…' and C#'s @"…" prefixes. */
function quotedAt(text: string, at: number): ValueSpan | undefined {
  const ch = text[at] as string;
  if (QUOTES.has(ch)) return readQuoted(text, at);
  if ((ch === 'N' || ch === 'n' || ch === '@') && (text[at + 1] === "'" || text[at + 1] === '"')) {
    const quoted = readQuoted(text, at + 1);
    return { ...quoted, start: at };
  }
  return undefined;
}

/** Whether a character is a blank or line break (String.prototype.trim's set, for the ASCII and Latin-1 range that matters here). */
const isSpace = (ch: string) => /\s/.test(ch);

/** The span [start, end) less what `drop` says at its end (walked back by hand: a `[…]+$` pattern backtracks quadratically). */
function trimmedSpan(text: string, start: number, end: number, drop: (ch: string) => boolean = isSpace): ValueSpan | undefined {
  let stop = end;
  while (stop > start && drop(text[stop - 1] as string)) stop--;
  if (stop === start) return undefined;
  return { start, end: stop, value: text.slice(start, stop) };
}

export interface SettingContext {
  /** The index of the text the value is read from. */
  index: TextIndex;
  /** Where the setting's name starts: what precedes it tells a connection string (";") and an enclosing quote. */
  keyStart: number;
  /** "=" (connection strings, environment, logfmt) or ":" and "=>" (YAML, JSON, headers, PHP arrays). */
  separator: string;
  /** The name was quoted ("password": …): an unquoted value is a JSON or Python literal and ends at , } ]. */
  quotedKey: boolean;
}

/** The text before a position on its line, back to a ';' or the line's start, is blanks only after a ';'. */
function followsSemicolon(text: string, keyStart: number): boolean {
  let i = keyStart - 1;
  while (isBlank(text[i])) i--;
  return text[i] === ';';
}

/**
 * The value of `NAME=value`, `NAME: value`, `"NAME": value`, `[NAME] => value`. Unquoted, a connection string's
 * value runs to the next ';' (ADO.NET allows blanks, & and " inside it: `Password=correct horse&battery"staple;`);
 * elsewhere it runs to the end of the line, or to where another setting or flag begins.
 */
export function readSettingValue(text: string, at: number, context: SettingContext): ValueSpan | undefined {
  const start = skipBlanks(text, at);
  const quoted = quotedAt(text, start);
  if (quoted) return quoted;
  if (context.quotedKey) {
    let i = start;
    while (i < text.length && i - start <= MAX_VALUE && !/[,}\]\s]/.test(text[i] as string)) i++;
    return trimmedSpan(text, start, i);
  }
  if (context.separator === '=' && /[?&]/.test(text[context.keyStart - 1] ?? '')) {
    // A URL's query parameter (a SAS's sig=…): & ends it.
    let i = start;
    while (i < text.length && i - start <= MAX_VALUE && !/[&#\s"'<>]/.test(text[i] as string)) i++;
    return trimmedSpan(text, start, i);
  }
  const enclosing = enclosingQuote(context.index, context.keyStart);
  const inConnectionString = context.separator === '=' && followsSemicolon(text, context.keyStart);
  const endsAtSemicolon = context.separator === '=';
  let cut: number | undefined;
  let firstBlank: number | undefined;
  let i = start;
  for (; i < text.length && i - start <= MAX_VALUE; i++) {
    const ch = text[i] as string;
    // Inside a quoted string (JSON, C#, JavaScript), \" is a quote of the value, not the string's end.
    if (ch === '\\' && enclosing !== undefined && !isLineEnd(text[i + 1])) {
      i++;
      continue;
    }
    if (isLineEnd(ch) || ch === enclosing || (ch === ';' && endsAtSemicolon)) break;
    if (isBlank(ch)) {
      firstBlank ??= i;
      // Another setting or flag begins: the value ends here (a ';' after it ends that one, not this). Asked at the
      // first blank of a run only: NEXT_SETTING skips the run, so later blanks give the same answer (and asking at
      // each of 256 KiB of blanks made the value's reading quadratic until the passphrase limit).
      if (!inConnectionString && !isBlank(text[i - 1]) && startsNextSetting(text, i)) {
        cut = i;
        break;
      }
    }
    // Past a blank, only a ';' can still make the value longer than a passphrase: stop looking when none can come.
    if (firstBlank !== undefined && (endsAtSemicolon ? i - firstBlank > SEMICOLON_LOOKAHEAD : i - start > MAX_PASSPHRASE)) break;
  }
  if (text[i] === ';' && endsAtSemicolon) return trimmedSpan(text, start, i);
  // No ';' ends it: blanks belong to a short value (a passphrase), not to the sentence that follows on the line.
  let end = cut ?? i;
  if (firstBlank !== undefined && end - start > MAX_PASSPHRASE) end = firstBlank;
  return trimmedSpan(text, start, end, context.separator === '=' ? isSpace : (ch) => isSpace(ch) || ch === ',' || ch === ';');
}

/** A command-line argument: quoted, or up to the next blank. */
export function readArgument(text: string, at: number): ValueSpan | undefined {
  const start = skipBlanks(text, at);
  const quoted = quotedAt(text, start);
  if (quoted && text[start] !== '{') return quoted;
  let i = start;
  while (i < text.length && i - start <= MAX_VALUE && !/\s/.test(text[i] as string)) i++;
  return trimmedSpan(text, start, i);
}

/**
 * A word stated in a sentence or after a label ("Admin Password: X."): quoted, or up to a blank. The whole word is
 * masked; the secret is the word without the sentence's punctuation, so that it is swept with or without it.
 */
export function readStatedWord(text: string, at: number): ValueSpan | undefined {
  const word = readArgument(text, at);
  // A quoted word (its value is shorter than its span) is the secret as it is.
  if (!word || word.value.length !== word.end - word.start) return word;
  const bare = trimmedSpan(text, word.start, word.end, (ch) => '.,;:!?)]"\'”’'.includes(ch));
  return bare && { ...bare, end: word.end };
}

/**
 * The content of an XML element from after its start tag, when its end tag follows on the same line: a
 * placeholder like `Pwd=<password>;` or `-P <password>` is no element.
 */
export function readElementContent(text: string, at: number, name: string): ValueSpan | undefined {
  let i = at;
  while (i < text.length && i - at <= MAX_VALUE && text[i] !== '<' && !isLineEnd(text[i])) i++;
  if (text.slice(i, i + name.length + 2).toLowerCase() !== `</${name.toLowerCase()}`) return undefined;
  const raw = text.slice(at, i);
  const lead = raw.length - raw.trimStart().length;
  return trimmedSpan(text, at + lead, i);
}

/** The indentation of the line a position is on (blanks before its first other character), looked at no further back than ENCLOSING_LOOKBACK. */
export function indentationAt(text: string, at: number): number {
  let lineStart = at;
  while (lineStart > 0 && at - lineStart < ENCLOSING_LOOKBACK && !isLineEnd(text[lineStart - 1])) lineStart--;
  return skipBlanks(text, lineStart) - lineStart;
}

/** A YAML block scalar (`password: |`): the lines after it that are indented deeper than the key's line. */
export function readIndentedBlock(text: string, lineEnd: number, keyIndent: number): ValueSpan | undefined {
  let i = lineEnd;
  let end = lineEnd;
  while (i < text.length && i - lineEnd <= MAX_VALUE) {
    let next = i;
    if (text[next] === '\r') next++;
    if (text[next] !== '\n') break;
    next++;
    const indent = skipBlanks(text, next) - next;
    let lineStop = next + indent;
    while (lineStop < text.length && !isLineEnd(text[lineStop])) lineStop++;
    const blank = lineStop === next + indent;
    if (!blank && indent <= keyIndent) break;
    i = lineStop;
    if (!blank) end = lineStop;
  }
  if (end === lineEnd) return undefined;
  const start = skipBlanks(text, lineEnd + (text[lineEnd] === '\r' ? 2 : 1));
  return trimmedSpan(text, start, end);
}
