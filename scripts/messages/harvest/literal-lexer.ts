// A light lexer for the string literals of JavaScript/TypeScript, CoffeeScript, Go and Rust: enough to read the
// message argument of an error-construction call (a literal, a concatenation, an interpolation) without a parser.

/**
 * The literal rules of a language: JavaScript '…' "…" `…${x}…`; CoffeeScript '…' "…#{x}…" and # comments; Go "…",
 * raw `…` and runes '…'; Rust "…" (a `\` at a line end also skips the next line's indentation), raw r#"…"# and chars.
 */
export type ScriptLanguage = 'js' | 'coffee' | 'go' | 'rust';

/** A piece of a message expression: literal text, or an interpolated / concatenated expression. */
export type Part = { literal: string } | { expr: string };

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', 0: '\0' };

/**
 * Walks `src` from `start` past string literals and comments, calling `visit` with every other character, its index
 * and the bracket depth before it, until `visit` returns true; returns that index (or the length of `src`).
 */
function walk(src: string, start: number, lang: ScriptLanguage, visit: (c: string, i: number, depth: number) => boolean | void): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const skipped = skipLiteralOrComment(src, i, lang);
    if (skipped > i) {
      i = skipped - 1;
      continue;
    }
    const c = src[i]!;
    if (visit(c, i, depth)) return i;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return src.length;
}

/** Where the balanced `{…}` opened at `open` closes (the index of `}`), skipping strings and comments inside. */
function closingBrace(src: string, open: number, lang: ScriptLanguage): number {
  return walk(src, open, lang, (c, _i, depth) => c === '}' && depth === 1);
}

/** Decodes the escape at `src[i] === '\\'`: the text it stands for and the index after it. */
function escape(src: string, i: number, lang: ScriptLanguage): { text: string; end: number } {
  const next = src[i + 1] ?? '';
  if (next === 'u' && src[i + 2] === '{') {
    const close = src.indexOf('}', i);
    return { text: String.fromCodePoint(parseInt(src.slice(i + 3, close), 16)), end: close + 1 };
  }
  if (next === 'u' || next === 'x' || (next === 'U' && lang === 'go')) {
    const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
    return { text: String.fromCodePoint(parseInt(src.slice(i + 2, i + 2 + length), 16)), end: i + 2 + length };
  }
  if (next === '\r' || next === '\n') {
    // A line continuation; Rust also drops the next line's leading whitespace.
    let end = i + (next === '\r' && src[i + 2] === '\n' ? 3 : 2);
    if (lang === 'rust') while (/\s/.test(src[end] ?? '')) end++;
    return { text: '', end };
  }
  return { text: SIMPLE_ESCAPES[next] ?? next, end: i + 2 };
}

/**
 * Reads the string literal whose opening quote is at `start`: its end (after the closing quote) and its parts, with
 * escapes decoded and interpolations (`${…}` in template literals, `#{…}` in CoffeeScript double quotes) as expressions.
 * Go's backquoted strings are raw.
 */
export function scanString(src: string, start: number, lang: ScriptLanguage): { end: number; parts: Part[] } {
  const quote = src[start]!;
  const raw = quote === '`' && lang === 'go';
  const interpolation = quote === '`' && lang === 'js' ? '$' : quote === '"' && lang === 'coffee' ? '#' : undefined;
  const parts: Part[] = [];
  let text = '';
  let i = start + 1;
  while (i < src.length && src[i] !== quote) {
    const c = src[i]!;
    if (c === '\\' && !raw) {
      const decoded = escape(src, i, lang);
      text += decoded.text;
      i = decoded.end;
    } else if (c === interpolation && src[i + 1] === '{') {
      const close = closingBrace(src, i + 1, lang);
      if (text) parts.push({ literal: text });
      text = '';
      parts.push({ expr: src.slice(i + 2, close).trim() });
      i = close + 1;
    } else {
      text += c;
      i++;
    }
  }
  if (text) parts.push({ literal: text });
  return { end: i + 1, parts };
}

// Rust: a raw string r"…" / r#"…"# (after a non-identifier character), and a char literal (not a lifetime 'a).
const RUST_RAW = /r(#*)"/y;
const RUST_CHAR = /'(?:\\(?:u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)|[^'\\\n])'/y;

/** A Rust raw string starting at `i`: its end and text, or undefined. */
function rustRawString(src: string, i: number): { end: number; text: string } | undefined {
  if (/[\w]/.test(src[i - 1] ?? '')) return undefined;
  RUST_RAW.lastIndex = i;
  const match = RUST_RAW.exec(src);
  if (!match) return undefined;
  const close = src.indexOf(`"${match[1]}`, i + match[0].length);
  const end = close === -1 ? src.length : close + 1 + match[1]!.length;
  return { end, text: src.slice(i + match[0].length, close === -1 ? src.length : close) };
}

/** When a string literal or comment starts at `i`, the index just after it; otherwise `i`. */
function skipLiteralOrComment(src: string, i: number, lang: ScriptLanguage): number {
  const c = src[i];
  if (lang === 'rust') {
    if (c === 'r') return rustRawString(src, i)?.end ?? i;
    if (c === "'") {
      RUST_CHAR.lastIndex = i;
      return RUST_CHAR.test(src) ? RUST_CHAR.lastIndex : i;
    }
  }
  if (c === '"' || c === "'" || (c === '`' && lang !== 'rust')) return scanString(src, i, lang).end;
  if (lang === 'coffee') return c === '#' ? lineEnd(src, i) : i;
  if (c === '/' && src[i + 1] === '/') return lineEnd(src, i);
  if (c === '/' && src[i + 1] === '*') return src.indexOf('*/', i + 2) + 2 || src.length;
  return i;
}

function lineEnd(src: string, i: number): number {
  const end = src.indexOf('\n', i);
  return end === -1 ? src.length : end;
}

/** The arguments of the call whose `(` is at `open`, as raw source text, and the index after the closing `)`. */
export function readArguments(src: string, open: number, lang: ScriptLanguage): { args: string[]; end: number } {
  const args: string[] = [];
  let start = open + 1;
  const close = walk(src, open + 1, lang, (c, i, depth) => {
    if (depth !== 0 || (c !== ',' && c !== ')')) return false;
    const arg = src.slice(start, i).trim();
    if (arg) args.push(arg);
    start = i + 1;
    return c === ')';
  });
  return { args, end: close + 1 };
}

/**
 * The right-hand side of the statement that starts at `start`: up to a `;`, or a line end where the expression is
 * complete (the line does not end in `+` and the next does not start with one), at bracket depth 0.
 */
export function readStatement(src: string, start: number, lang: ScriptLanguage): string {
  const end = walk(src, start, lang, (c, i, depth) => {
    if (depth !== 0) return false;
    if (c === ')' || c === ']' || c === '}' || c === ';') return true;
    return c === '\n' && !src.slice(start, i).trimEnd().endsWith('+') && !src.slice(i + 1).trimStart().startsWith('+');
  });
  return src.slice(start, end).trim();
}

/**
 * Splits an expression into the parts of a string concatenation (`'a' + b + \`c${d}\``). An expression that is not a
 * concatenation of literals (a ternary, a call) is one expression part.
 */
export function concatenationParts(expression: string, lang: ScriptLanguage): Part[] {
  const pieces: string[] = [];
  let start = 0;
  const ternary = walk(expression, 0, lang, (c, i, depth) => {
    if (depth !== 0) return false;
    if (c === '+') {
      pieces.push(expression.slice(start, i));
      start = i + 1;
    }
    return c === '?' && expression[i + 1] !== '.' && expression[i + 1] !== '?' && expression[i - 1] !== '?';
  });
  if (ternary < expression.length) return [{ expr: expression.trim() }];
  pieces.push(expression.slice(start));
  return pieces.flatMap((rawPiece): Part[] => {
    const piece = rawPiece.trim();
    const literal = stringLiteral(piece, lang);
    return literal ?? [{ expr: piece }];
  });
}

/** The parts of `text` when it is exactly one string literal (any quoting of the language), else undefined. */
export function stringLiteral(text: string, lang: ScriptLanguage): Part[] | undefined {
  if (lang === 'rust' && text.startsWith('r')) {
    const raw = rustRawString(text, 0);
    return raw && raw.end === text.length ? [{ literal: raw.text }] : undefined;
  }
  const quote = text[0];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  const { end, parts } = scanString(text, 0, lang);
  return end === text.length ? parts : undefined;
}

/**
 * The placeholder name of an interpolated expression: the last identifier of a member chain (`this.config.server` →
 * `server`, `error.message` → `message`), so that code moving a value elsewhere does not make a new wording;
 * `expr` for anything more complex.
 */
export function placeholderName(expression: string): string {
  const chain = expression.replace(/[!?]/g, '').replace(/^@/, 'this.');
  if (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(chain)) return chain.slice(chain.lastIndexOf('.') + 1);
  return 'expr';
}

/** JavaScript's way of writing a placeholder: `${name}`. */
export const jsPlaceholder = (expression: string) => `\${${placeholderName(expression)}}`;

/**
 * The message text of some parts, each expression written by `placeholder`; undefined when no literal part holds a
 * word (a message that is all placeholders tells nothing).
 */
export function templateOf(parts: readonly Part[], placeholder: (expression: string) => string = jsPlaceholder): string | undefined {
  const text = parts.map((part) => ('literal' in part ? part.literal : placeholder(part.expr))).join('');
  return parts.some((part) => 'literal' in part && /[A-Za-z]{2}/.test(part.literal)) ? text : undefined;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

// A parameter list: `(message, port) =>`, `function (message: string) {`, CoffeeScript `(message) ->`.
const PARAMETERS = /(?<!\b(?:if|while|for|switch)\s*)\(([^()]*)\)\s*(?::[^={}]+)?(?:=>|->|\{)/g;

/**
 * The expression last assigned to `name` before `before` (`const message = …`), if it is near (3,000 characters) and
 * no function declared `name` as a parameter after it (then the text comes from a caller: not a literal here).
 */
function lastAssignment(src: string, name: string, before: number, lang: ScriptLanguage): string | undefined {
  const from = Math.max(0, before - 3000);
  const window = src.slice(from, before);
  const assignment = new RegExp(`(?:^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\s*:?=(?![=>])`, 'g');
  let found: number | undefined;
  for (const match of window.matchAll(assignment)) found = match.index + match[0].length;
  const parameter = new RegExp(`(?:^|,)\\s*${name.replace(/\$/g, '\\$')}\\s*[?:,=]|(?:^|,)\\s*${name.replace(/\$/g, '\\$')}\\s*$`);
  for (const match of window.matchAll(PARAMETERS)) {
    if (parameter.test(match[1]!) && (found === undefined || match.index > found)) return undefined;
  }
  return found === undefined ? undefined : readStatement(src, from + found, lang);
}

/**
 * The text of a message argument at `at`: a literal, a concatenation, or an identifier assigned one shortly before
 * (`const message = …`, Go's `f := …`); undefined when it holds no literal word.
 */
export function messageText(
  src: string,
  arg: string,
  at: number,
  lang: ScriptLanguage,
  placeholder: (expression: string) => string = jsPlaceholder,
): string | undefined {
  const expression = IDENTIFIER.test(arg) ? lastAssignment(src, arg, at, lang) : arg;
  return expression === undefined ? undefined : templateOf(concatenationParts(expression, lang), placeholder);
}

/** The first group of the last match of `pattern` (a global RegExp) before `index`: the function a site is in. */
export function lastMatchBefore(src: string, index: number, pattern: RegExp): string | undefined {
  let found: string | undefined;
  for (const match of src.slice(0, index).matchAll(pattern)) found = match[1];
  return found;
}

// The item a Rust attribute stands on: the first name after it, past other attributes, comments and `pub struct`.
const RUST_ITEM = /^\s*(?:#\[[\s\S]*?\]\s*|\/\/[^\n]*\n\s*)*(?:pub(?:\([^)]*\))?\s+)?(?:struct\s+|enum\s+)?([A-Z]\w*)/;

/** The name of the Rust enum variant or struct that the attribute ending at `end` describes. */
export function rustItemAfter(src: string, end: number): string | undefined {
  return RUST_ITEM.exec(src.slice(end + 1))?.[1];
}

/** The 1-based line of `index` in `src`. */
export function lineOf(src: string, index: number): number {
  let line = 1;
  for (let i = src.indexOf('\n'); i !== -1 && i < index; i = src.indexOf('\n', i + 1)) line++;
  return line;
}
