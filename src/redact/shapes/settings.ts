// Secrets stated as settings: NAME=value and NAME: value in connection strings, .env files, YAML, JSON, code,
// headers and T-SQL; name/value pairs (Kubernetes env, ECS, appSettings, Hibernate); XML elements; Dockerfile ENV
// and setx; .netrc lines.
import { isSecretName } from '../secret-name.js';
import { indentationAt, isLineEnd, lineEndFrom, readArgument, readElementContent, readIndentedBlock, readSettingValue, readStatedWord, skipBlanks } from '../values.js';
import type { Shape } from './shape.js';

/** A word and a blank before a label ("Admin Password:", "administrator password:"): what follows may be a sentence. */
const AFTER_A_WORD = /\p{L}[ \t]$/u;
/** "Password validation failed.": a label followed by words is a sentence, not a setting. */
const SENTENCE_AFTER_LABEL = /^\p{L}+[ \t]+\p{L}/u;

export const setting: Shape = {
  name: 'setting',
  // NAME=value, NAME: value, "NAME": value, 'NAME' => value, [NAME] => value, NAME := value.
  pattern: /(?<![\p{L}\p{N}_.\-])(["'`[]?)(\p{L}[\p{L}\p{N}_.\-]*|_[\p{L}\p{N}_.\-]+)(["'`\]]?)\]?[ \t]*(:=|=>|=|:)(?![=:>/\\])/gu,
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

