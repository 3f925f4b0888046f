// Harvests tedious's connection, login and TLS messages, which are code literals (`new ConnectionError('…', 'ECODE')`),
// across its release tags: a light literal extractor finds every error-construction site, and a reviewed allow-list
// (PICKS) chooses the connection-relevant ones and gives each a stable key.
// CLI: npx tsx scripts/messages/harvest/tedious.ts --git-dir <snapshot> [--out messages/sources/tedious.json] [--sites]
// (--sites prints every candidate site and the key it got, for reviewing PICKS).
import { concatenationParts, lineOf, messageText, readArguments, readStatement, templateOf, type ScriptLanguage } from './literal-lexer.js';
import { runLiteralHarvest, type ErrorSite, type LiteralSource, type Pick } from './literal-sites.js';

// Error constructions, and callbacks handed a message string (tedious ≤ 11's instance lookup: `callback('Port for …')`).
const CONSTRUCTION = /\b(?:new\s+)?(ConnectionError|RequestError|AggregateError|TypeError|RangeError|Error|callback)\s*\(/g;
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
