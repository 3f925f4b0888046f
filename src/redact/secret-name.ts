// Whether a setting's name (an identifier, a flag, a header, an XML element) names a secret, by the catalogue.
import { distance } from 'fastest-levenshtein';
import { KEY_QUALIFIERS_GLUED, KEY_QUALIFIERS_NOT_SECRET, PASSWORD_TYPO_DISTANCE, SECRET_WORD_ENDINGS, SECRET_WORDS } from './catalogue.js';

const WHOLE_WORDS = new Set<string>(SECRET_WORDS);
const NOT_SECRET_QUALIFIERS = new Set<string>(KEY_QUALIFIERS_NOT_SECRET);

const SEPARATORS = new Set([' ', '\t', '_', '.', ':', '/', '\\', '-']);
const isUpper = (ch: string | undefined) => ch !== undefined && ch !== ch.toLowerCase();
const isLowerOrDigit = (ch: string | undefined) => ch !== undefined && !isUpper(ch) && !SEPARATORS.has(ch);

/**
 * The words of a name in lower case: split at separators and at camelCase and PascalCase boundaries
 * (clientSecret, SQLPassword). Walked by hand: it runs for every name=value in a paste.
 */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i] as string;
    if (SEPARATORS.has(ch)) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    const prev = name[i - 1];
    const boundary = isUpper(ch) && word !== '' && (isLowerOrDigit(prev) || (isUpper(prev) && isLowerOrDigit(name[i + 1])));
    if (boundary) {
      words.push(word);
      word = '';
    }
    word += ch.toLowerCase();
  }
  if (word) words.push(word);
  return words;
}

/** "password" misspelled (pasword, passwrd, passowrd), as a whole word or at the end of one (SQLCMDPASWORD). */
function looksLikePassword(word: string): boolean {
  if (word.length >= 6 && word.length <= 10 && distance(word, 'password') <= PASSWORD_TYPO_DISTANCE) return true;
  if (word.length <= 8) return false;
  return [7, 8, 9].some((tail) => distance(word.slice(-tail), 'password') <= 1);
}

function isSecretKey(words: readonly string[], last: string): boolean {
  if (last === 'key') {
    const qualifier = words[words.length - 2];
    return qualifier !== undefined && !NOT_SECRET_QUALIFIERS.has(qualifier);
  }
  return last.endsWith('key') && KEY_QUALIFIERS_GLUED.some((q) => last === `${q}key`);
}

/** Names longer than this are no setting's name: they are not looked up. */
const MAX_NAME = 80;

/** Names already judged: a log repeats the same few names (Server, Password, Database) thousands of times. */
const judged = new Map<string, boolean>();
const MAX_JUDGED = 4096;

/** The name's last word decides: DB_PASSWORD is a secret, DB_PASSWORD_FILE (a path) and SharedAccessKeyName are not. */
export function isSecretName(name: string): boolean {
  if (name.length > MAX_NAME) return false;
  const known = judged.get(name);
  if (known !== undefined) return known;
  if (judged.size >= MAX_JUDGED) judged.clear();
  const verdict = judge(name);
  judged.set(name, verdict);
  return verdict;
}

function judge(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  if (WHOLE_WORDS.has(last)) return true;
  if (SECRET_WORD_ENDINGS.some((ending) => last.endsWith(ending))) return true;
  return isSecretKey(words, last) || looksLikePassword(last);
}
