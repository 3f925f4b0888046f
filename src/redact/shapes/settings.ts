// Secrets stated as settings: NAME=value and NAME: value in connection strings, .env files, YAML, JSON, code,
// headers and T-SQL; name/value pairs (Kubernetes env, ECS, appSettings, Hibernate); XML elements; Dockerfile ENV
// and setx; .netrc lines.
import { codeTest } from '../../char-class.js';
import { composeRegex } from '../../compose-regex.js';
import { isSecretName } from '../secret-name.js';
import { indentationAt, isLineEnd, lineEndFrom, readArgument, readElementContent, readIndentedBlock, readSettingValue, readStatedWord, skipBlanks } from '../values.js';
import type { Shape } from './shape.js';

/** A word and a blank before a label ("Admin Password:", "administrator password:"): what follows may be a sentence. */
const AFTER_A_WORD = /\p{L}[ \t]$/u;
/** "Password validation failed.": a label followed by words is a sentence, not a setting. */
const SENTENCE_AFTER_LABEL = /^\p{L}+[ \t]+\p{L}/u;

// NAME=value, NAME: value, "NAME": value, 'NAME' => value, [NAME] => value, NAME := value.
const SETTING = /(?<![\p{L}\p{N}_.\-])(["'`[]?)(\p{L}[\p{L}\p{N}_.\-]*|_[\p{L}\p{N}_.\-]+)(["'`\]]?)\]?[ \t]*(:=|=>|=|:)(?![=:>/\\])/gu;
const SETTING_HERE = composeRegex(SETTING.source, 'uy');
const NAME_CHAR = /^[\p{L}\p{N}_.\-]$/u;
const OPENING_QUOTES = '"\'`[';
/** How far before its separator a setting's name may start: names are looked up only up to 80 characters (src/redact/secret-name.ts). */
const MAX_NAME_REACH = 128;

/** NAME_CHAR's answer for one UTF-16 code, looked up once per code. */
const isNameCode = codeTest(NAME_CHAR);

/** Whether the character (one UTF-16 code, or the surrogate pair ending) before `at` belongs to a name; its length if so. */
function nameCharBefore(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 45 ? 1 : 0;
  if (code >= 0xdc00 && code <= 0xdfff && at >= 2 && (text.charCodeAt(at - 2) & 0xfc00) === 0xd800) return NAME_CHAR.test(text.slice(at - 2, at)) ? 2 : 0;
  return isNameCode(code) ? 1 : 0;
}

const isBlank = (code: number) => code === 0x20 || code === 0x09;
/** `"`, `'`, `` ` `` and `]`: what may close a name before its separator. */
const isNameCloser = (code: number) => code === 0x22 || code === 0x27 || code === 0x60 || code === 0x5d;

/**
 * The name before a separator: back over blanks, a closing `]` and quote, then the name's characters (a surrogate pair
 * as one). Every match of SETTING ends at a separator and starts where its name does or at the quote before.
 */
function nameBefore(text: string, separator: number): { start: number; end: number } {
  let at = separator;
  while (at > 0 && isBlank(text.charCodeAt(at - 1))) at--;
  for (let closing = 0; closing < 2 && at > 0 && isNameCloser(text.charCodeAt(at - 1)); closing++) at--;
  const end = at;
  const stop = Math.max(0, at - MAX_NAME_REACH);
  for (let length = nameCharBefore(text, at); at > stop && length > 0; length = at > 0 ? nameCharBefore(text, at) : 0) at -= length;
  return { start: at, end };
}

const SEPARATOR = /[=:]/g;

/** The first `=` or `:` at or after `from`. */
function nextSeparator(text: string, from: number): number {
  SEPARATOR.lastIndex = from;
  return SEPARATOR.exec(text)?.index ?? -1;
}

/**
 * SETTING's matches found from its separators: the pattern opens with a lookbehind and a letter class, which V8 tests
 * at every position of the text (11 ms for 256 KiB without a single `=` or `:`), while `=` and `:` are found at once.
 * At each separator whose name is a secret's, the pattern runs where that name starts, and at the quote before: the
 * first of those that matches is the match `exec` would have found. Matches of other names, which `read` would
 * return no value for, are not returned.
 */
function findSetting(text: string, from: number): RegExpExecArray | null {
  for (let separator = nextSeparator(text, from); separator >= 0; separator = nextSeparator(text, separator + 1)) {
    const name = nameBefore(text, separator);
    // A name that is no secret's is passed over here: its match would be read as no value (setting.read below).
    if (name.end === name.start || !isSecretName(text.slice(name.start, name.end))) continue;
    const quoted = OPENING_QUOTES.includes(text[name.start - 1] as string);
    for (let start = quoted ? name.start - 1 : name.start; start <= name.start; start++) {
      if (start < from) continue;
      SETTING_HERE.lastIndex = start;
      const m = SETTING_HERE.exec(text);
      if (m) return m;
    }
  }
  return null;
}

export const setting: Shape = {
  name: 'setting',
  pattern: SETTING,
  find: findSetting,
  read(text, m, index) {
    const [, opening = '', name = '', closing = '', written = ''] = m;
    const nameStart = m.index + opening.length;
    const end = m.index + m[0].length;
    if (!isSecretName(name)) return { values: [], resume: nameStart + name.length };
    const separator = written === ':=' ? '=' : written;
    // "password": is a quoted name; the quote of "MSSQL_SA_PASSWORD=x" (docker run -e "…") opens the string it sits in.
    const quotedKey = opening !== '' && opening !== '[' && closing === opening;
    if (separator !== '=' && !quotedKey) {
      const start = skipBlanks(text, end);
      if ((text[start] === '|' || text[start] === '>') && /^[|>][+-]?\d?[ \t]*$/.test(text.slice(start, lineEndFrom(text, start)))) {
        const block = readIndentedBlock(text, lineEndFrom(text, start), indentationAt(text, m.index));
        return { values: block ? [block] : [], resume: block?.end ?? end };
      }
      if (AFTER_A_WORD.test(text.slice(Math.max(0, nameStart - 2), nameStart))) {
        if (SENTENCE_AFTER_LABEL.test(text.slice(start, start + 200))) return { values: [], resume: end };
        const word = readStatedWord(text, start);
        return { values: word ? [word] : [], resume: word?.end ?? end };
      }
    }
    const value = readSettingValue(text, end, { index, keyStart: nameStart, separator, quotedKey });
    return { values: value ? [value] : [], resume: value?.end ?? end };
  },
};

/** Element names that carry a setting's name; the value is an attribute of the same element or its content. */
const NAME_CARRIER = /(?<![\p{L}\p{N}_])(?:name|key)(["']?)[ \t]*[:=][ \t]*(["']?)([\p{L}_][\p{L}\p{N}_.\-]*)\2/giu;
const NEXT_NAME_CARRIER = /(?<![\p{L}\p{N}_])(?:name|key)["']?[ \t]*[:=]/iu;
const VALUE_CARRIER = /(?<![\p{L}\p{N}_])value(["']?)[ \t]*[:=][ \t]*/iu;
/** How far after a name its value may be: the next line or two of YAML, the rest of an XML element. */
const PAIR_WINDOW = 400;

/** The name of the XML element whose start tag holds a position (the nearest of '<' and '>' before it is '<'), if any. */
function elementAround(text: string, at: number): string | undefined {
  for (let i = at - 1; i >= 0 && at - i <= 256; i--) {
    if (text[i] === '>' || isLineEnd(text[i])) return undefined;
    if (text[i] === '<') return /^[\p{L}_][\p{L}\p{N}_.:-]*/u.exec(text.slice(i + 1, at))?.[0];
  }
  return undefined;
}

export const namedPair: Shape = {
  name: 'named-pair',
  // - name: MSSQL_SA_PASSWORD / value: "…" (Kubernetes), {"name": "SA_PASSWORD", "value": "…"} (ECS),
  // <add key="DbPassword" value="…"/>, <property name="hibernate.connection.password">…</property>.
  pattern: NAME_CARRIER,
  read(text, m, index) {
    const end = m.index + m[0].length;
    if (!isSecretName(m[3] as string)) return { values: [], resume: end };
    let window = text.slice(end, end + PAIR_WINDOW);
    const next = NEXT_NAME_CARRIER.exec(window);
    if (next) window = window.slice(0, next.index);
    const element = elementAround(text, m.index);
    if (element !== undefined) {
      const tagEnd = window.indexOf('>');
      const inTag = tagEnd < 0 ? window : window.slice(0, tagEnd);
      const attribute = VALUE_CARRIER.exec(inTag);
      if (attribute) {
        const value = readSettingValue(text, end + attribute.index + attribute[0].length, { index, keyStart: end + attribute.index, separator: '=', quotedKey: false });
        return { values: value ? [value] : [], resume: value?.end ?? end };
      }
      if (tagEnd < 0 || window[tagEnd - 1] === '/') return { values: [], resume: end };
      const content = readElementContent(text, end + tagEnd + 1, element);
      return { values: content ? [content] : [], resume: content?.end ?? end };
    }
    const carrier = VALUE_CARRIER.exec(window);
    if (!carrier) return { values: [], resume: end };
    // The window stops before the next name: no other pair starts between this name and its value.
    const value = readSettingValue(text, end + carrier.index + carrier[0].length, {
      index,
      keyStart: end + carrier.index,
      separator: ':',
      quotedKey: carrier[1] !== '',
    });
    return { values: value ? [value] : [], resume: value?.end ?? end };
  },
};

export const xmlElement: Shape = {
  name: 'xml-element',
  // <password>…</password>, <Password>…</Password>, <sa_password>…</sa_password>.
  pattern: /<(\p{L}[\p{L}\p{N}_.:\-]*)(?:[ \t][^<>\n]*)?>/gu,
  read(text, m) {
    const end = m.index + m[0].length;
    if (!isSecretName(m[1] as string)) return { values: [], resume: end };
    const content = readElementContent(text, end, m[1] as string);
    return { values: content ? [content] : [], resume: content?.end ?? end };
  },
};

export const environmentCommand: Shape = {
  name: 'environment-command',
  // Dockerfile's ENV NAME value (the form without =) and Windows's setx NAME value.
  pattern: /(?<![\p{L}\p{N}_])(?:ENV|setx)[ \t]+([\p{L}_][\p{L}\p{N}_]*)[ \t]+(?![=\s])/gu,
  read(text, m) {
    const end = m.index + m[0].length;
    if (!isSecretName(m[1] as string)) return { values: [], resume: end };
    const value = readArgument(text, end);
    return { values: value ? [value] : [], resume: value?.end ?? end };
  },
};

export const netrc: Shape = {
  name: 'netrc',
  // machine db01 login sa password X (.netrc, .pgpass-like files, FTP scripts).
  pattern: /(?<![\p{L}\p{N}_])login[ \t]+\S+[ \t]+password[ \t]+/gu,
  read(text, m) {
    const value = readArgument(text, m.index + m[0].length);
    return { values: value ? [value] : [], resume: value?.end };
  },
};

