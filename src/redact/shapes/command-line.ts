// Secrets on command lines: password flags (--password X, -Password 'X', /TargetPassword:X, sqlcmd's -P), the
// tools whose one-letter flags or positions are passwords (az -p, mysql -pX, isql DSN USER PASSWORD, curl -u
// user:X), PowerShell's ConvertTo-SecureString, calls that take a password by position, and net use.
import { composeRegex } from '../../compose-regex.js';
import { literalAlternation } from '../../literal-alternation.js';
import { PASSWORD_LETTER_FLAGS, POSITIONAL_CALLS, TOOLS } from '../catalogue.js';
import { escapeRegExp } from '../escape-regexp.js';
import { isSecretName } from '../secret-name.js';
import { TOOL_FLAGS, TOOL_ON_LINE } from '../text-index.js';
import { isLineEnd, MAX_VALUE, readArgument, readQuoted, skipBlanks, type ValueSpan } from '../values.js';
import { NONE, type Shape } from './shape.js';

export const flag: Shape = {
  name: 'flag',
  // --password X, --password=X, -Password 'X', -Password:$x, /TargetPassword:X, -P X (sqlcmd), -p X (az, mysql).
  pattern: /(?<![\p{L}\p{N}_\-/])(-{1,2}|\/)(\p{L}[\p{L}\p{N}_\-]*)(?:([=:])|[ \t]+)/gu,
  read(text, m, index) {
    const [, dash, name = '', separator] = m;
    const end = m.index + m[0].length;
    const skip = { values: [], resume: m.index + (dash as string).length + name.length };
    if (dash === '/' && separator !== ':') return skip;
    let dashValueAllowed = false;
    if (name.length === 1) {
      const byTool = index.toolReadsLetterBefore(name, m.index);
      if (!byTool && !(PASSWORD_LETTER_FLAGS as readonly string[]).includes(name)) return skip;
      dashValueAllowed = byTool;
    } else if (!isSecretName(name)) {
      return skip;
    }
    const value = readArgument(text, end);
    if (!value || value.value.startsWith('(') || (!dashValueAllowed && value.value.startsWith('-') && separator === undefined)) return skip;
    return { values: [value], resume: value.end };
  },
};

/**
 * Words of a command line, quoted ones whole, up to the end of the command (a pipe, &&, the line's end) or the
 * first word `stop` refuses (the next tool's name: that command is read on its own).
 */
function commandWords(text: string, from: number, stop: (word: string) => boolean = () => false): { words: ValueSpan[]; end: number } {
  const words: ValueSpan[] = [];
  let i = from;
  while (i < text.length && i - from <= MAX_VALUE) {
    i = skipBlanks(text, i);
    const ch = text[i];
    if (isLineEnd(ch) || ch === '|' || (ch === '&' && text[i + 1] === '&')) break;
    const word = readArgument(text, i);
    if (!word || stop(word.value)) break;
    words.push(word);
    i = word.end;
  }
  return { words, end: i };
}

const isToolName = (word: string) => TOOL_FLAGS.has(word.toLowerCase().replace(/\.exe$/, ''));

type Tool = (typeof TOOLS)[number];
const TOOL_ENTRIES = new Map<string, Tool[]>();
for (const tool of TOOLS) for (const name of tool.names) TOOL_ENTRIES.set(name, [...(TOOL_ENTRIES.get(name) ?? []), tool]);

/** `-Psecret` (and `-P"secret"`): a one-letter flag with its value glued to it. */
function gluedValue(text: string, word: ValueSpan, letter: string): ValueSpan | undefined {
  if (word.value.length <= 2 || text[word.start] !== '-' || text[word.start + 1] !== letter) return undefined;
  const first = text[word.start + 2];
  return first === '"' || first === "'" ? readQuoted(text, word.start + 2) : { start: word.start + 2, end: word.end, value: word.value.slice(2) };
}

/** curl's `-u user:secret`, `-uuser:secret`, `--user=user:secret`, `--user user:secret`: what follows the first colon. */
function afterColonValue(words: readonly ValueSpan[], index: number, letter: string): ValueSpan | undefined {
  const word = words[index] as ValueSpan;
  const long = letter.length > 1;
  const separate = word.value === (long ? `--${letter}` : `-${letter}`);
  const holder = separate ? words[index + 1] : word;
  if (!holder) return undefined;
  const prefix = separate ? 0 : long ? letter.length + 3 : 2;
  if (!separate && !(long ? word.value.startsWith(`--${letter}=`) : word.value.startsWith(`-${letter}`) && word.value.length > 2)) return undefined;
  // Quotes around the word are not part of it: the credentials start after them.
  const opening = holder.value.length < holder.end - holder.start ? 1 : 0;
  const colon = holder.value.indexOf(':', prefix);
  if (colon < 0 || colon === holder.value.length - 1) return undefined;
  return { start: holder.start + opening + colon + 1, end: holder.start + opening + holder.value.length, value: holder.value.slice(colon + 1) };
}

/**
 * What may precede a command on its line: blanks, a shell or PowerShell prompt, sudo, the tool's own path. Words
 * after a tool named in a sentence ("isql fails to connect") are no arguments.
 */
const COMMAND_START = /^[ \t]*(?:PS[ \t]+)?(?:\S*[$#>%][ \t]+)?(?:sudo[ \t]+)?\S*$/;

/** unixODBC's `isql DSN USER PASSWORD` on a command line, told from Sybase's isql by the absence of its -S, -U, -P flags. */
function positionalValue(words: readonly ValueSpan[], position: number, before: string): ValueSpan | undefined {
  if (before.length > 200 || !COMMAND_START.test(before) || words.some((w) => /^-[SUP]/.test(w.value))) return undefined;
  return words.filter((w) => !w.value.startsWith('-'))[position - 1];
}

export const toolCommand: Shape = {
  name: 'tool',
  // sqlcmd -Psecret, mysql -psecret, isql DSN user secret, curl -u user:secret (the separated forms are flags).
  pattern: TOOL_ON_LINE,
  read(text, m, index) {
    // A tool whose passwords are only separate flags (az -p X) is the flag shape's.
    const tools = (TOOL_ENTRIES.get((m[1] as string).toLowerCase()) ?? []).filter((t) => t.glued || t.afterColon || t.positional !== undefined);
    if (tools.length === 0) return NONE;
    const { words, end } = commandWords(text, m.index + m[0].length, isToolName);
    const values: ValueSpan[] = [];
    for (const tool of tools) {
      for (const [index, word] of words.entries()) {
        for (const letter of tool.flags) {
          const value = tool.afterColon ? afterColonValue(words, index, letter) : tool.glued ? gluedValue(text, word, letter) : undefined;
          if (value) values.push(value);
        }
      }
      const before = text.slice(Math.max(index.lineStart(m.index), m.index - 201), m.index);
      const secret = tool.positional === undefined ? undefined : positionalValue(words, tool.positional, before);
      if (secret) values.push(secret);
    }
    return { values, resume: Math.max(end, m.index + m[0].length) };
  },
};

export const secureString: Shape = {
  name: 'secure-string',
  // ConvertTo-SecureString 'X' -AsPlainText -Force, ConvertTo-SecureString -String "X" -AsPlainText -Force.
  pattern: /(?<![\p{L}\p{N}_\-])ConvertTo-SecureString(?![\p{L}\p{N}_\-])/giu,
  read(text, m) {
    const { words, end } = commandWords(text, m.index + m[0].length);
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as ValueSpan;
      const raw = text.slice(word.start, word.end);
      if (/^[)};]/.test(raw)) break;
      if (/^-String$/i.test(raw)) return { values: words[i + 1] ? [words[i + 1] as ValueSpan] : [], resume: end };
      if (/^-(?:Key|SecureKey)$/i.test(raw)) {
        i++;
        continue;
      }
      if (raw.startsWith('-')) continue;
      // ConvertTo-SecureString $plain) closes the subexpression it stands in: the parenthesis is not the value's.
      const closes = raw.endsWith(')') && !/^["']/.test(raw) ? 1 : 0;
      return { values: [{ ...word, end: word.end - closes, value: word.value.slice(0, word.value.length - closes) }], resume: end };
    }
    return { values: [], resume: end };
  },
};

/** The arguments of a call, split at top-level commas, up to its closing parenthesis; `end` is where reading stopped. */
function callArguments(text: string, from: number): { args: ValueSpan[]; end: number } {
  const args: ValueSpan[] = [];
  let depth = 0;
  let start = from;
  let i = from;
  for (; i < text.length && i - from <= MAX_VALUE; i++) {
    const ch = text[i] as string;
    if (ch === '"' || ch === "'" || ch === '`') {
      i = readQuoted(text, i).end - 1;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    else if ((ch === ',' || ch === ')') && depth === 0) {
      args.push({ start, end: i, value: text.slice(start, i) });
      if (ch === ')') return { args, end: i + 1 };
      start = i + 1;
    }
  }
  return { args, end: i };
}

export const positionalCall: Shape = {
  name: 'positional-call',
  // new PDO($dsn, "sa", "secret"), DriverManager.getConnection(url, "sa", "secret"), AuthMethod::sql_server("sa", "secret").
  pattern: composeRegex(`(?<![\\p{L}\\p{N}_])(${literalAlternation(POSITIONAL_CALLS.map((c) => c.call))})[ \\t]*\\(`, 'gu'),
  read(text, m) {
    const call = POSITIONAL_CALLS.find((c) => c.call === m[1]);
    const { args, end } = callArguments(text, m.index + m[0].length);
    const argument = call ? args[call.argument] : undefined;
    if (!argument) return { values: [], resume: end };
    const start = skipBlanks(text, argument.start);
    const literal = /^[N@$rRbBuU]?["'`]/.test(text.slice(start, start + 2)) ? readQuoted(text, /["'`]/.test(text[start] as string) ? start : start + 1) : undefined;
    return { values: literal ? [{ ...literal, start }] : [], resume: end };
  },
};

export const netUse: Shape = {
  name: 'net-use',
  // net use \\server\share /user:DOMAIN\name secret
  pattern: /(?<![\p{L}\p{N}_])net[ \t]+use(?![\p{L}\p{N}_])/giu,
  read(text, m) {
    const { words, end } = commandWords(text, m.index + m[0].length);
    const user = words.findIndex((w) => /^\/user:/i.test(w.value));
    const secret = user >= 0 ? words[user + 1] : undefined;
    return { values: secret && !secret.value.startsWith('/') && secret.value !== '*' ? [secret] : [], resume: end };
  },
};

