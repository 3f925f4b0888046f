// Reading C (and C++) string literals out of source text: the escapes decoded and adjacent literals joined, the way
// the compiler sees them ("a" "b" is "ab"). Shared by the harvesters of upstreams whose messages are C literals.

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\u0007',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Decodes the body of one C string literal (the text between its quotes): \n \t \" \\ \xNN and octal \0 … \377. */
export function decodeCString(body: string): string {
  return body.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|[\s\S])/g, (_, escape: string) => {
    if (escape[0] === 'x') return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (/^[0-7]/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return SIMPLE_ESCAPES[escape] ?? escape;
  });
}

/** One literal, or several adjacent ones ("a" "b", across lines and comments), with its position in the text. */
export interface CStringSequence {
  value: string;
  /** Index of the first quote. */
  start: number;
  /** Index just after the last quote. */
  end: number;
}

const LITERAL = /"((?:[^"\\\n]|\\[\s\S])*)"/y;
const GAP = /(?:\s|\/\*[^]*?\*\/|\/\/[^\n]*\n)*/y;

/**
 * Reads the literal (or adjacent literals) starting at `from`, after any whitespace; undefined when the next token is
 * not a string literal. A wide or UTF-8 prefix (L"…", u8"…") is not a literal here: FreeTDS and the others use none.
 */
export function readCStrings(text: string, from: number): CStringSequence | undefined {
  let at = skipGap(text, from);
  const start = at;
  let value = '';
  let end = -1;
  for (;;) {
    LITERAL.lastIndex = at;
    const m = LITERAL.exec(text);
    if (!m) break;
    value += decodeCString(m[1] as string);
    end = LITERAL.lastIndex;
    at = skipGap(text, end);
  }
  return end < 0 ? undefined : { value, start, end };
}

/** Every string literal of a C source (adjacent ones joined), skipping comments and character literals like '"'. */
export function cStringLiterals(text: string): CStringSequence[] {
  const found: CStringSequence[] = [];
  const token = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\[\s\S])*'|"/g;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    if (m[0] !== '"') continue;
    const literal = readCStrings(text, m.index);
    if (!literal) continue;
    found.push(literal);
    token.lastIndex = literal.end;
  }
  return found;
}

function skipGap(text: string, from: number): number {
  GAP.lastIndex = from;
  GAP.exec(text);
  return GAP.lastIndex;
}

/**
 * Every call `name(…, "literal" …)` in `text` whose argument number `argument` (0-based) is a string literal, with that
 * literal (joined and decoded). Arguments before it must be simple (no nested commas inside parentheses or strings).
 */
export function literalArguments(text: string, name: string, argument: number): CStringSequence[] {
  const found: CStringSequence[] = [];
  const call = new RegExp(String.raw`\b${name}\s*\(`, 'g');
  for (const m of text.matchAll(call)) {
    let at = (m.index ?? 0) + m[0].length;
    let ok = true;
    for (let i = 0; i < argument && ok; i++) {
      const comma = skipArgument(text, at);
      if (comma < 0) ok = false;
      else at = comma + 1;
    }
    if (!ok) continue;
    const literal = readCStrings(text, at);
    if (literal) found.push(literal);
  }
  return found;
}

/** Index of the comma that ends the argument starting at `from`, or -1 when the call ends first. */
function skipArgument(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length && i < from + 2000; i++) {
    const c = text[i];
    if (c === '"') {
      const literal = readCStrings(text, i);
      if (!literal) return -1;
      i = literal.end - 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return -1;
      depth--;
    } else if (c === ',' && depth === 0) return i;
  }
  return -1;
}
