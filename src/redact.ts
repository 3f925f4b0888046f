// Secrets in pasted text, connection strings and evidence never reach any output. Values are masked where
// they are recognised by their key, and every masked value is also swept from the final output.

export const MASK = '***';

const SECRET_KEYS = String.raw`(?:password|passwd|pwd|pass|secret|client[ _]?secret|access[ _]?token|api[ _]?key|account[ _]?key|shared[ _]?access[ _]?key|sharedaccesssignature|token)`;

/** Connection-string style: Password=…; with ADO.NET quoting rules ("…", '…', {…}). */
const KEY_VALUE = new RegExp(String.raw`(\b${SECRET_KEYS}\s*=\s*)("(?:[^"]|"")*"|'(?:[^']|'')*'|\{(?:[^}]|\}\})*\}|[^;\s"'&]+)`, 'gi');
/**
 * JSON, YAML, JS object literals, PHP print_r: "password": "…", password: '…', [password] => … A key that ends a
 * phrase ("Unable to set system administrator password: Password validation failed") is prose, not a setting:
 * masking the next word would sweep "Password" out of every sentence of the output.
 */
const KEY_COLON = new RegExp(String.raw`((?<![A-Za-z] )["']?\b${SECRET_KEYS}["']?\]?\s*(?::|=>)\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;}\]]+)`, 'gi');
/** Credentials in URLs: scheme://user:secret@host */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(?=@)/gi;
/** sqlcmd / bcp / tsql command lines: -P secret */
const DASH_P = /((?:^|\s)-P\s*)("[^"]*"|'[^']*'|[^\s-][^\s]*)/g;
const BEARER = /(\bBearer\s+)([A-Za-z0-9._~+/-]{8,}=*)/g;

const PATTERNS = [KEY_VALUE, KEY_COLON, URL_CREDENTIALS, DASH_P, BEARER];

export interface Redacted {
  text: string;
  secrets: string[];
}

const unquote = (value: string) => value.replace(/^(["'{])([\s\S]*)(["'}])$/, '$2');

export function redactText(text: string): Redacted {
  const secrets = new Set<string>();
  let out = text;
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (_, key: string, value: string) => {
      if (value === MASK || unquote(value) === MASK) return `${key}${value}`;
      secrets.add(value);
      secrets.add(unquote(value));
      return `${key}${MASK}`;
    });
  }
  return { text: out, secrets: [...secrets].filter((s) => s.length >= 3 && s !== MASK) };
}

/**
 * Below this length a secret is swept only where it stands as a word of its own. A short password is often a
 * piece of ordinary words: "pass" swept everywhere turned the cause id login_wrong_password into
 * login_wrong_***word and every "password" of the fixes into "***word". A longer one is swept wherever it is.
 */
const MIN_UNBOUNDED_SECRET = 8;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern of one secret: a short one may not touch a letter, digit or underscore on a side where it has one. */
function secretPattern(secret: string): string {
  if (secret.length >= MIN_UNBOUNDED_SECRET) return escapeRegExp(secret);
  const before = /^[\p{L}\p{N}_]/u.test(secret) ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = /[\p{L}\p{N}_]$/u.test(secret) ? '(?![\\p{L}\\p{N}_])' : '';
  return `${before}${escapeRegExp(secret)}${after}`;
}

/** Replaces every occurrence of the given secrets in every string inside a JSON-like value. */
export function sweepSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  // Longest first: where one secret holds another, the whole of it is masked.
  const pattern = new RegExp([...new Set(secrets)].sort((a, b) => b.length - a.length).map(secretPattern).join('|'), 'gu');
  const sweep = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, MASK);
    if (Array.isArray(v)) return v.map(sweep);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sweep(x)]));
    return v;
  };
  return sweep(value) as T;
}
