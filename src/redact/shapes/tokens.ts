// Secrets that are tokens or credentials by their own form: a URL's user information, Bearer and Basic
// credentials, JWTs, the token formats of the catalogue, PEM private keys.
import { composeRegex } from '../../compose-regex.js';
import { TOKEN_PREFIXES } from '../catalogue.js';
import { NONE, wholeMatch, type Shape } from './shape.js';

/** A token in a URL's user information is one when it is long and not a word: Azure DevOps and GitHub tokens as the user name. */
const TOKEN_AS_USER = /^(?=.*\d)[A-Za-z0-9_~.%-]{20,}$/;
/** How much of a URL after "scheme://" may be its user information: passwords are at most 128 characters in SQL Server. */
const MAX_USERINFO = 512;
/** A URL scheme (RFC 3986 3.1: a letter, then letters, digits, + . -) of at most 32 characters ends at `colon`. */
function hasScheme(text: string, colon: number): boolean {
  let i = colon;
  while (i > 0 && colon - i < 32 && /[\p{L}\p{N}+.-]/u.test(text[i - 1] as string)) i--;
  return i < colon && /\p{L}/u.test(text[i] as string) && (i === 0 || !/[\p{L}\p{N}+.-]/u.test(text[i - 1] as string));
}

/** What ends a URL pasted in text. */
const URL_ENDS = new Set([' ', '\t', '"', "'", '<', '>', '`']);

export const urlCredentials: Shape = {
  name: 'url',
  // scheme://user:secret@host, scheme://:secret@host, with @ and / in the secret: the host follows the last @.
  // Found by its "://", the cheapest thing to look for; the scheme before it is checked by hand.
  pattern: /:\/\//g,
  read(text, m) {
    const from = m.index + m[0].length;
    if (!hasScheme(text, m.index)) return { values: [], resume: from };
    // The host follows the last @ before the query; with none before it, the first @ after it ("sa:p?ss@db01").
    let query = -1;
    let at = -1;
    let i = from;
    for (; i < text.length && i - from < MAX_USERINFO; i++) {
      const ch = text[i] as string;
      if (URL_ENDS.has(ch) || ch === '\n' || ch === '\r') break;
      if (ch === '?' || ch === '#') {
        if (at >= 0) break;
        if (query < 0) query = i;
      }
      if (ch === '@' && /[\p{L}\p{N}[_]/u.test(text[i + 1] ?? '')) {
        at = i;
        if (query >= 0) break;
      }
    }
    // No @ up to here: no URL that starts inside this stretch has its user information in it either.
    if (at < 0) return { values: [], resume: i };
    const userinfo = text.slice(from, at);
    const colon = userinfo.indexOf(':');
    if (colon < 0) return { values: TOKEN_AS_USER.test(userinfo) ? [{ start: from, end: at, value: userinfo }] : [], resume: at + 1 };
    if (colon === userinfo.length - 1) return { values: [], resume: at + 1 };
    return { values: [{ start: from + colon + 1, end: at, value: userinfo.slice(colon + 1) }], resume: at + 1 };
  },
};

export const bearer: Shape = {
  name: 'bearer',
  // Bearer <token> wherever it stands (token=Bearer …, a curl -H, a log line); "Bearer authentication" is no token.
  pattern: /(?<![\p{L}\p{N}_])Bearer[ \t]+([A-Za-z0-9._~+/\-]{8,}=*)/gu,
  read(text, m) {
    const token = m[1] as string;
    if (!/\d/.test(token) && token.length < 32) return NONE;
    const start = m.index + m[0].length - token.length;
    return { values: [{ start, end: start + token.length, value: token }], resume: start + token.length };
  },
};

export const basic: Shape = {
  name: 'basic',
  // Basic <base64 of user:password>; "Basic authentication" is no credential: the token must decode to user:password.
  pattern: /(?<![\p{L}\p{N}_])Basic[ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/gu,
  read(text, m) {
    const token = m[1] as string;
    const decoded = Buffer.from(token, 'base64').toString('latin1');
    if (!decoded.includes(':') || !/^[\x20-\x7e]*$/.test(decoded)) return NONE;
    const start = m.index + m[0].length - token.length;
    return { values: [{ start, end: start + token.length, value: token }], resume: start + token.length };
  },
};

export const jwt = wholeMatch('jwt', /(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]*/g);

export const knownToken = wholeMatch(
  'token',
  composeRegex(`(?<![A-Za-z0-9_\\-])(?:${TOKEN_PREFIXES.map((t) => `${t.prefix}${t.body}`).join('|')})(?![A-Za-z0-9_\\-])`, 'g'),
);

/** How far a PEM block may run before its END line. */
const MAX_PEM = 64 * 1024;

export const privateKey: Shape = {
  name: 'private-key',
  pattern: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/g,
  read(text, m) {
    const from = m.index + m[0].length;
    const window = text.slice(from, from + MAX_PEM);
    const endAt = window.indexOf('-----END');
    const end = from + (endAt < 0 ? window.length : endAt);
    return { values: [{ start: from, end, value: text.slice(from, end).trim() }], resume: end };
  },
};

