// Harvests tedious's connection, login and TLS messages, which are code literals (`new ConnectionError('…', 'ECODE')`),
// across its release tags: a light literal extractor finds every error-construction site, and a reviewed allow-list
// (PICKS) chooses the connection-relevant ones and gives each a stable key.
// CLI: npx tsx scripts/messages/harvest/tedious.ts --git-dir <snapshot> [--out messages/sources/tedious.json] [--sites]
// (--sites prints every candidate site and the key it got, for reviewing PICKS).
import { runLiteralHarvest, type ErrorSite, type LiteralSource, type Pick } from './literal-sites.js';

/** CoffeeScript (tedious ≤ 1.14) interpolates with `#{…}` in double quotes and comments with `#`. */
export type ScriptLanguage = 'js' | 'coffee';

/** A piece of a message expression: literal text, or an interpolated / concatenated expression. */
export type Part = { literal: string } | { expr: string };

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

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

/**
 * Reads the string literal whose opening quote is at `start`: its end (after the closing quote) and its parts, with
 * escapes decoded and interpolations (`${…}` in template literals, `#{…}` in CoffeeScript double quotes) as expressions.
 */
export function scanString(src: string, start: number, lang: ScriptLanguage): { end: number; parts: Part[] } {
  const quote = src[start]!;
  const interpolation = quote === '`' ? '$' : quote === '"' && lang === 'coffee' ? '#' : undefined;
  const parts: Part[] = [];
  let text = '';
  let i = start + 1;
  while (i < src.length && src[i] !== quote) {
    const c = src[i]!;
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (next === 'u' && src[i + 2] === '{') {
        const close = src.indexOf('}', i);
        text += String.fromCodePoint(parseInt(src.slice(i + 3, close), 16));
        i = close + 1;
      } else if (next === 'u' || next === 'x') {
        const length = next === 'u' ? 4 : 2;
        text += String.fromCharCode(parseInt(src.slice(i + 2, i + 2 + length), 16));
        i += 2 + length;
      } else if (next === '\n') {
        i += 2; // a line continuation
      } else {
        text += SIMPLE_ESCAPES[next] ?? next;
        i += 2;
      }
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

/** When a string literal or comment starts at `i`, the index just after it; otherwise `i`. */
function skipLiteralOrComment(src: string, i: number, lang: ScriptLanguage): number {
  const c = src[i];
  if (c === '"' || c === "'" || c === '`') return scanString(src, i, lang).end;
  if (lang === 'js' && c === '/' && src[i + 1] === '/') return lineEnd(src, i);
  if (lang === 'js' && c === '/' && src[i + 1] === '*') return src.indexOf('*/', i + 2) + 2 || src.length;
  if (lang === 'coffee' && c === '#') return lineEnd(src, i);
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
  return pieces.flatMap((raw): Part[] => {
    const piece = raw.trim();
    const quote = piece[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      const { end, parts } = scanString(piece, 0, lang);
      if (end === piece.length) return parts;
    }
    return [{ expr: piece }];
  });
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

/** The message text of some parts, placeholders written `${name}`; undefined when it holds no literal word. */
export function templateOf(parts: readonly Part[]): string | undefined {
  const text = parts.map((part) => ('literal' in part ? part.literal : `\${${placeholderName(part.expr)}}`)).join('');
  return parts.some((part) => 'literal' in part && /[A-Za-z]{2}/.test(part.literal)) ? text : undefined;
}

// Error constructions, and callbacks handed a message string (tedious ≤ 11's instance lookup: `callback('Port for …')`).
const CONSTRUCTION = /\b(?:new\s+)?(ConnectionError|RequestError|AggregateError|TypeError|RangeError|Error|callback)\s*\(/g;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function lineOf(src: string, index: number): number {
  let line = 1;
  for (let i = src.indexOf('\n'); i !== -1 && i < index; i = src.indexOf('\n', i + 1)) line++;
  return line;
}

// A parameter list: `(message, port) =>`, `function (message: string) {`, CoffeeScript `(message) ->`.
const PARAMETERS = /(?<!\b(?:if|while|for|switch)\s*)\(([^()]*)\)\s*(?::[^={}]+)?(?:=>|->|\{)/g;

/**
 * The expression last assigned to `name` before `before` (`const message = …`), if it is near (3,000 characters) and
 * no function declared `name` as a parameter after it (then the text comes from a caller: not a literal here).
 */
function lastAssignment(src: string, name: string, before: number, lang: ScriptLanguage): string | undefined {
  const from = Math.max(0, before - 3000);
  const window = src.slice(from, before);
  const assignment = new RegExp(`(?:^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\s*=(?![=>])`, 'g');
  let found: number | undefined;
  for (const match of window.matchAll(assignment)) found = match.index + match[0].length;
  const parameter = new RegExp(`(?:^|,)\\s*${name.replace(/\$/g, '\\$')}\\s*[?:,=]|(?:^|,)\\s*${name.replace(/\$/g, '\\$')}\\s*$`);
  for (const match of window.matchAll(PARAMETERS)) {
    if (parameter.test(match[1]!) && (found === undefined || match.index > found)) return undefined;
  }
  return found === undefined ? undefined : readStatement(src, from + found, lang);
}

/** The text of a message argument: a literal, a concatenation, or an identifier assigned one shortly before. */
function messageText(src: string, arg: string, at: number, lang: ScriptLanguage): string | undefined {
  const expression = IDENTIFIER.test(arg) ? lastAssignment(src, arg, at, lang) : arg;
  return expression === undefined ? undefined : templateOf(concatenationParts(expression, lang));
}

function literalCode(arg: string | undefined, lang: ScriptLanguage): string | undefined {
  if (!arg) return undefined;
  const parts = concatenationParts(arg, lang);
  const [only] = parts;
  return parts.length === 1 && only && 'literal' in only && /^[A-Z][A-Z0-9_]+$/.test(only.literal) ? only.literal : undefined;
}

/**
 * Every error construction in a JavaScript, TypeScript or CoffeeScript file whose message holds literal words, plus
 * the assignments to the variables named in `fragments` (message pieces such as tedious's `routingMessage`).
 */
export function findErrorSites(src: string, lang: ScriptLanguage, fragments: readonly string[] = []): ErrorSite[] {
  const sites: ErrorSite[] = [];
  for (const match of src.matchAll(CONSTRUCTION)) {
    const kind = match[1]!;
    const { args, end } = readArguments(src, match.index + match[0].length - 1, lang);
    const messageArg = kind === 'AggregateError' ? args[1] : args[0];
    if (!messageArg) continue;
    const template = messageText(src, messageArg, match.index, lang);
    if (template === undefined) continue;
    const code =
      kind === 'AggregateError'
        ? undefined
        : (literalCode(args[1], lang) ?? /^[^\n]*\n[^\n]*\.code\s*=\s*['"]([A-Z0-9_]+)['"]/.exec(src.slice(end))?.[1]);
    // The class is printed before the text ("ConnectionError: Failed to connect …"), so the note keeps it.
    const label = /^(Connection|Request)Error$/.test(kind) ? kind : undefined;
    sites.push({ kind, template, ...(code ? { code } : {}), ...(label ? { label } : {}), line: lineOf(src, match.index) });
  }
  for (const name of fragments) {
    for (const match of src.matchAll(new RegExp(`\\b${name}\\s*=(?![=>])`, 'g'))) {
      const statement = readStatement(src, match.index + match[0].length, lang);
      // A fragment is chosen by a condition (`this.routingData ? \` (redirected from …)\` : ''`): keep each literal arm.
      for (const arm of statement.split(/\s[?:]\s/)) {
        const template = templateOf(concatenationParts(arm, lang));
        if (template !== undefined) sites.push({ kind: 'fragment', template, line: lineOf(src, match.index) });
      }
    }
  }
  return sites.sort((a, b) => a.line - b.line);
}

// The files that raise tedious's connection errors, in each language tedious was written in.
const BASES = [
  'connection',
  'instance-lookup',
  'connector',
  'message-io',
  'incoming-message-stream',
  'ntlm',
  'ntlm-payload',
  'sender',
  'token/handler',
  'token/token-stream-parser',
  'tedious',
];
const PATHS = BASES.flatMap((base) => ['ts', 'js', 'coffee'].map((ext) => `src/${base}.${ext}`));

// Reviewed allow-list: every site whose text matches none of these is left out (query, bulk-load, type, config-type
// and state-machine messages). `--sites` prints every candidate site and the key it got, for review.
export const PICKS: Pick[] = [
  // Connecting (src/connection.*: the connect timer, wrapSocketError; src/connector.*).
  {
    key: 'connection.connect-timeout',
    kind: 'ConnectionError',
    text: /^Failed to connect to .* in \$\{\w+\}ms$/,
    layer: 'driver',
    note: 'the connect timer (connectTimeout) fired; it runs from the instance lookup to the end of login, and names host\\instance when no port is set',
  },
  {
    key: 'connection.connect-failed',
    kind: 'ConnectionError',
    text: /^Failed to connect to .* - \$\{message\}$/,
    layer: 'driver',
    note: "wrapSocketError while connecting or negotiating TLS: the inner text is Node's (ECONNREFUSED, ENOTFOUND, OpenSSL) or tedious's own",
  },
  {
    key: 'connection.redirected-from',
    kind: 'fragment',
    text: /^ \(redirected from /,
    layer: 'driver',
    note: 'routingMessage, inserted after the host in connect-timeout and connect-failed when the server routed the client elsewhere (Azure SQL redirect, read-only routing)',
  },
  {
    key: 'connection.connection-lost',
    kind: 'ConnectionError',
    text: /^Connection lost - /,
    layer: 'driver',
    note: 'wrapSocketError after the connection was established',
  },
  {
    key: 'connection.closed-before-established',
    text: /^Connection closed before the connection was established\.$/,
    layer: 'driver',
    note: 'close() was called while connecting',
  },
  {
    key: 'connection.closed-before-request-completed',
    text: /^Connection closed before request completed\.$/,
    layer: 'driver',
    note: 'the connection ended while a request was running',
  },
  {
    key: 'connection.socket-hang-up',
    text: /^socket hang up$/,
    code: 'ECONNRESET',
    layer: 'driver',
    note: "tedious's own error when the server ends the socket (Node's http wording), shown inside connect-failed or connection-lost",
  },
  {
    key: 'connector.could-not-connect-sequence',
    text: /^Could not connect \(sequence\)$/,
    layer: 'driver',
    note: 'every address the host resolved to failed, tried one after another; shown inside connect-failed',
  },
  {
    key: 'connector.could-not-connect-parallel',
    text: /^Could not connect \(parallel\)$/,
    layer: 'driver',
    note: 'every address failed, tried at once (multiSubnetFailover); shown inside connect-failed',
  },
  {
    key: 'message-io.unexpected-end',
    text: /^unexpected end of message stream$/,
    layer: 'driver',
    note: 'the server closed the connection while tedious waited for a message; shown inside connect-failed or connection-lost',
  },
  {
    key: 'incoming-message.unprocessable-packet',
    text: /^Unable to process incoming packet$/,
    layer: 'driver',
    note: 'a packet header with a length under 8 bytes: what answered does not speak TDS',
  },
  // SQL Server Browser lookup of a named instance (src/instance-lookup.*), raised by the connection as EINSTLOOKUP.
  {
    key: 'instance-lookup.no-response',
    text: /^Failed to get response from SQL Server Browser on /,
    code: 'EINSTLOOKUP',
    layer: 'driver',
    note: 'no answer on UDP 1434 after every retry',
  },
  {
    key: 'instance-lookup.failed',
    text: /^Failed to lookup instance on /,
    code: 'EINSTLOOKUP',
    layer: 'driver',
    note: 'the UDP request failed (the inner text is Node\'s: a DNS or socket error)',
  },
  {
    key: 'instance-lookup.port-not-found',
    text: /^Port for .* not found in /,
    code: 'EINSTLOOKUP',
    layer: 'driver',
    note: 'the Browser answered without a TCP port for that instance',
  },
  // Encryption and login (src/connection.*, src/token/handler.ts).
  {
    key: 'tls.encryption-required',
    text: /^Server requires encryption, set 'encrypt' config option to true\.$/,
    layer: 'driver',
    note: 'the PRELOGIN answer is ON or REQ while encrypt is false; no TLS handshake is attempted',
  },
  {
    key: 'login.failed',
    text: /^Login failed\.$/,
    layer: 'driver',
    note: "the login ended without LOGINACK; the server's own message (18456 …) is emitted as errorMessage beside it",
  },
  {
    key: 'login.ntlm-md4-unsupported',
    text: /^Node 17 now uses OpenSSL 3, which considers md4 encryption a legacy type\./,
    layer: 'driver',
    note: 'NTLM needs MD4, which OpenSSL 3 disables (ERR_OSSL_EVP_UNSUPPORTED)',
  },
  {
    key: 'login.fqdn-failed',
    text: /^Error getting Fqdn\. /,
    layer: 'driver',
    note: 'Windows integrated authentication (useWindowsIntegratedAuth) could not resolve the host\'s FQDN for the SPN',
  },
  {
    key: 'login.fedauth-token-rejected',
    text: /^Security token could not be authenticated or authorized\.$/,
    layer: 'driver',
    note: 'tedious could not get an access token from Azure AD / Entra ID for the login (the credential call failed); the server was not asked',
  },
  {
    key: 'login.fedauth-ack-missing',
    text: /^Did not receive Active Directory authentication acknowledgement$/,
    layer: 'driver',
    note: 'Azure AD authentication was requested but the server did not acknowledge it (not Azure SQL, or no Azure AD admin)',
  },
  {
    key: 'login.fedauth-ack-extra-data',
    text: /^Active Directory authentication acknowledgment for .* authentication method includes extra data$/,
    layer: 'driver',
    note: 'FEDAUTH feature acknowledgement carries data tedious does not expect',
  },
  {
    key: 'login.fedauth-ack-unrequested',
    text: /^Did not request Active Directory authentication, but received the acknowledgment$/,
    layer: 'driver',
    note: 'FEDAUTH feature acknowledgement without a request',
  },
  {
    key: 'login.unknown-feature-ack',
    text: /^Received acknowledgement for unknown feature$/,
    layer: 'driver',
    note: 'FEATUREEXTACK names a feature tedious did not request',
  },
  {
    key: 'login.unknown-tds-version',
    text: /^Server responded with unknown TDS version\.$/,
    layer: 'driver',
    note: 'LOGINACK with a TDS version tedious does not know',
  },
  {
    key: 'login.unsupported-interface',
    text: /^Server responded with unsupported interface\.$/,
    layer: 'driver',
    note: 'LOGINACK interface is not SQL (e.g. a Sybase server)',
  },
  // Connection configuration (src/connection.*: the Connection constructor).
  {
    key: 'config.server-required',
    text: /^The "config\.server" property is required/,
    layer: 'driver',
    note: 'config.server missing or not a string',
  },
  {
    key: 'config.invalid-server',
    text: /^Invalid server: /,
    layer: 'driver',
    note: 'config.server missing (tedious 1.15 – 2.x)',
  },
  {
    key: 'config.port-range',
    text: /^(Port (must|should) be > 0 and < 65536|The "config\.options\.port" property must be > 0 and < 65536)/,
    layer: 'driver',
    note: 'config.options.port out of range',
  },
  {
    key: 'config.port-and-instance',
    text: /^Port and instanceName are mutually exclusive/,
    layer: 'driver',
    note: 'both config.options.port and config.options.instanceName were set',
  },
  {
    key: 'config.encrypt-value',
    text: /^The "encrypt" property must be set to "strict", or of type boolean\.$/,
    layer: 'driver',
    note: 'config.options.encrypt is neither a boolean nor "strict"',
  },
  {
    key: 'config.authentication-type',
    text: /^The "(config\.authentication\.)?type" property must one of /,
    layer: 'driver',
    note: 'config.authentication.type names no method this version supports (the list grows with versions)',
  },
];

/** What `selection` says in the source file. */
export const SELECTION =
  'Every `new ConnectionError|RequestError|Error|TypeError|RangeError|AggregateError(…)` and `callback(…)` whose ' +
  'message is a string literal, a template literal, a concatenation of them, or a variable assigned one shortly ' +
  'before, in src/{connection,instance-lookup,connector,message-io,incoming-message-stream,ntlm,ntlm-payload,sender,' +
  'token/handler,token/token-stream-parser,tedious}.{ts,js,coffee}, plus the routingMessage fragment; kept when it ' +
  'matches the reviewed allow-list PICKS in scripts/messages/harvest/tedious.ts (connecting, socket, instance lookup, ' +
  'encryption, login and federated authentication, and the connection-configuration errors about server, port, ' +
  'instance, encrypt and authentication type); query, bulk-load, transaction, option-type and state-machine ' +
  "messages are left out. Ids are tedious:<key> from PICKS, so a reworded message keeps its id. Placeholders are " +
  'named after the last identifier of the interpolated expression (`${this.config.server}` → `${server}`). The ' +
  "error code tedious attaches (ETIMEOUT, ESOCKET, EINSTLOOKUP, ELOGIN, EENCRYPT, EFEDAUTH, ECLOSE, ETDS, …) is in " +
  "each entry's note. Server messages (ELOGIN with the server's 18456 text, EREQUEST) are the server's, not " +
  'harvested here. Refs: the release tags vX.Y.Z (pre-releases left out) at which one of those files differs from ' +
  'every earlier tag (GitSnapshot.changedRefs), and HEAD.';

/** The language of a script file. */
export function languageOf(path: string): ScriptLanguage {
  return path.endsWith('.coffee') ? 'coffee' : 'js';
}

export const TEDIOUS: LiteralSource = {
  source: 'tedious',
  title: 'tedious (Node.js TDS driver)',
  repository: 'https://github.com/tediousjs/tedious',
  licence: 'MIT',
  generator: 'scripts/messages/harvest/tedious.ts',
  selection: SELECTION,
  tags: /^v\d+\.\d+\.\d+$/,
  paths: PATHS,
  sites: (path, text) => findErrorSites(text, languageOf(path), ['routingMessage']),
  picks: PICKS,
  syntax: (template) => (template.includes('${') ? 'js' : 'none'),
  provider: 'tedious',
};

if (import.meta.url === `file://${process.argv[1]}`) runLiteralHarvest(TEDIOUS);
