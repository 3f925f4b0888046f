// Harvests go-mssqldb's connection, login and TLS messages (Go `fmt.Errorf("…")` / `errors.New("…")` literals)
// across release tags: a light extractor finds every error-construction site, and a reviewed allow-list (PICKS)
// chooses the connection-relevant ones and gives each a stable key. The same extractor and picks serve the
// microsoft/go-mssqldb repository (source go-mssqldb) and its predecessor denisenkom/go-mssqldb
// (source go-mssqldb-denisenkom, see go-mssqldb-denisenkom.ts).
// CLI: npx tsx scripts/messages/harvest/go-mssqldb.ts --git-dir <snapshot> [--out messages/sources/go-mssqldb.json] [--sites]
import { concatenationParts, lastMatchBefore, lineOf, messageText, readArguments, readStatement, templateOf } from './literal-lexer.js';
import { runLiteralHarvest, type ErrorSite, type LiteralSource, type Pick } from './literal-sites.js';

// The calls that build an error text from a format or a literal. fmt.Sprintf is kept because go-mssqldb often formats
// a message first (`e := fmt.Sprintf("unable to get instances …")`) and wraps it after; the allow-list keeps only
// those that end up in an error.
const CONSTRUCTION = /\b(fmt\.Errorf|errors\.New|fmt\.Sprintf|fmt\.Fprintf|streamErrorf|badStreamPanicf)\s*\(/g;
// A prefix put before a server message: `tokenErr.Message = "login error: " + tokenErr.Message`.
const MESSAGE_PREFIX = /\.Message\s*=\s*(?=")/g;
// An Error() method, whose `return "…" + …` statements are the text of an error type.
const ERROR_METHOD = /^func\s*\([^)]*\)\s*Error\(\)\s*string\s*\{/gm;
const FUNC = /^func\s*(?:\([^)]*\)\s*)?(\w+)/gm;

/** A Go expression concatenated into a message, written as printf's %v (what fmt would print for it). */
const goPlaceholder = () => '%v';

/**
 * Every Go error construction whose message holds literal words: the format or text of fmt.Errorf, errors.New,
 * fmt.Sprintf, fmt.Fprintf, streamErrorf and badStreamPanicf (a literal, a concatenation, or a variable assigned one
 * just before: `f := "…"; fmt.Errorf(f, …)`), the literal `return` texts of Error() methods, and prefixes written
 * into a server message (`.Message = "login error: " + …`, kind fragment). Each site's context is its function.
 */
export function findGoErrorSites(src: string): ErrorSite[] {
  const sites: ErrorSite[] = [];
  const add = (kind: string, template: string | undefined, index: number) => {
    if (template === undefined) return;
    const context = lastMatchBefore(src, index, FUNC);
    sites.push({ kind, template, ...(context ? { context } : {}), line: lineOf(src, index) });
  };
  for (const match of src.matchAll(CONSTRUCTION)) {
    const { args } = readArguments(src, match.index + match[0].length - 1, 'go');
    // Fprintf's format is its second argument.
    const format = match[1] === 'fmt.Fprintf' ? args[1] : args[0];
    if (format) add(match[1]!, messageText(src, format, match.index, 'go', goPlaceholder), match.index);
  }
  for (const match of src.matchAll(MESSAGE_PREFIX)) {
    const statement = readStatement(src, match.index + match[0].length, 'go');
    add('fragment', templateOf(concatenationParts(statement, 'go'), goPlaceholder), match.index);
  }
  for (const match of src.matchAll(ERROR_METHOD)) {
    const bodyEnd = src.indexOf('\n}', match.index);
    const body = src.slice(match.index, bodyEnd === -1 ? src.length : bodyEnd);
    for (const ret of body.matchAll(/\breturn\s+([^\n]+)/g)) {
      const at = match.index + ret.index;
      if (!/^fmt\.Sprintf\(/.test(ret[1]!)) add('Error()', messageText(src, ret[1]!.trim(), at, 'go', goPlaceholder), at);
    }
  }
  return sites.sort((a, b) => a.line - b.line);
}

/** printf when the template has a verb (`%v`, `%d`, `%w`), none otherwise. */
export function goSyntax(template: string): 'printf' | 'none' {
  return /%[-+# 0-9.*]*[a-zA-Z]/.test(template.replace(/%%/g, '')) ? 'printf' : 'none';
}

// Every non-test file, in any version of either repository, that may raise a connection error.
export const GO_PATHS = [
  'accesstokenconnector.go',
  'auth_unix.go',
  'auth_windows.go',
  'azuread/configuration.go',
  'azuread/driver.go',
  'buf.go',
  'conn_str.go',
  'error.go',
  'fedauth.go',
  'integratedauth/auth.go',
  'integratedauth/channel_binding.go',
  'integratedauth/integratedauthenticator.go',
  'integratedauth/krb5/krb5.go',
  'integratedauth/ntlm/ntlm.go',
  'integratedauth/ntlm/provider.go',
  'integratedauth/winsspi/provider.go',
  'integratedauth/winsspi/winsspi.go',
  'internal/np/namedpipe_windows.go',
  ...['', '_go112', '_go112pre', '_go115', '_go115pre', '_go118', '_go118pre'].map((suffix) => `msdsn/conn_str${suffix}.go`),
  'msdsn/extensions.go',
  ...['', '_go110', '_go110pre', '_go118', '_go118pre', '_go19', '_go19pre'].map((suffix) => `mssql${suffix}.go`),
  ...['namedpipe', 'namedpipe_others', 'namedpipe_windows', 'stub'].map((base) => `namedpipe/${base}.go`),
  'net.go',
  'ntlm.go',
  'protocol.go',
  'protocol_go113.go',
  'protocol_go113pre.go',
  'session.go',
  ...['sharedmemory', 'sharedmemory_others', 'sharedmemory_windows', 'stub'].map((base) => `sharedmemory/${base}.go`),
  'sspi_windows.go',
  'tds.go',
  'token.go',
];

// Reviewed allow-list (both repositories). Query, transaction, type, bulk-copy, Always Encrypted and logging
// messages are left out, and so are internal sentinels ("skip setting up TLS") and SPN formats.
export const PICKS: Pick[] = [
  // The server's own messages and the wrappers around them (error.go, tds.go).
  {
    key: 'error.server-message',
    kind: 'Error()',
    text: /^mssql: %v$/,
    path: /^error\.go$/,
    layer: 'wrapper',
    note: "mssql.Error.Error(): the server's message (18456 …) after 'mssql: '; newer versions add the error number",
  },
  {
    key: 'error.server-message',
    kind: 'fmt.Fprintf',
    text: /^mssql: %s \(%d\)$/,
    layer: 'wrapper',
    note: "mssql.Error.Error(): the server's message (18456 …) after 'mssql: '; newer versions add the error number",
  },
  {
    key: 'login.error-prefix',
    text: /^login error: %[sv]$/i,
    layer: 'wrapper',
    note: "prefixed to the server's message (or a token error) when the login response carries an error",
  },
  { key: 'login.failed', text: /^Login failed$/, layer: 'driver', note: 'the login response ended without LOGINACK (0.9 – 0.12)' },
  { key: 'error.invalid-tds-stream', kind: 'Error()', text: /^Invalid TDS stream: /, layer: 'driver', note: 'StreamError: the bytes read are not the TDS the driver expects' },
  // Dialling, SQL Browser (protocol*.go, tds.go, namedpipe/, sharedmemory/).
  {
    key: 'dial.tcp-failed',
    text: /^unable to open tcp connection with host '%v:%v': %[vw]$/i,
    layer: 'driver',
    note: "the TCP dial failed; the inner text is Go's net error (dial tcp …: connect: connection refused, i/o timeout, no such host)",
  },
  {
    key: 'browser.query-failed',
    text: /^unable to get instances from Sql Server Browser on host %v: %v$/i,
    layer: 'driver',
    note: 'the SQL Browser (UDP 1434) lookup of a named instance failed; the inner text is the network error (read udp …: i/o timeout)',
  },
  { key: 'browser.instance-not-found', text: /^no instance matching '%v' returned from host '%v'$/i, layer: 'driver', note: 'the SQL Browser answered without that instance' },
  {
    key: 'browser.named-pipe-instance-not-found',
    text: /^no named pipe instance matching '%v' returned from host '%v'$/i,
    layer: 'driver',
    note: 'the SQL Browser answered without a named pipe for that instance',
  },
  { key: 'browser.invalid-port', text: /^invalid tcp port returned from Sql Server Browser /i, layer: 'driver', note: "the SQL Browser's tcp value is not a port" },
  {
    key: 'browser.no-matching-protocol',
    text: /^Unable to find a matching instance for any supported protocol on host /,
    layer: 'driver',
    note: 'the SQL Browser lists the instance with none of the protocols the client may use',
  },
  { key: 'protocol', slug: true, path: /^(namedpipe|sharedmemory)\//, kind: 'fmt.Errorf', text: /./, layer: 'driver', note: 'named pipe or shared memory protocol not usable for this server' },
  // PRELOGIN, TLS and packets (tds.go, net.go, buf.go, session.go).
  { key: 'prelogin.invalid-response', text: /^invalid respon(s|)es?, expected packet type 4, PRELOGIN RESPONSE$/i, layer: 'driver', note: 'the answer to PRELOGIN is not a PRELOGIN response (misspelled "respones" before 1.x)' },
  { key: 'prelogin.empty-response', text: /^invalid empty PRELOGIN response/i, layer: 'driver', note: 'the PRELOGIN response holds no option' },
  { key: 'prelogin.invalid-option', text: /^invalid buffer, invalid prelogin option$/i, layer: 'driver', note: 'a PRELOGIN response option points outside the packet' },
  { key: 'prelogin.no-terminator', text: /^cannot read data for prelogin terminator record$/i, layer: 'driver', note: 'the PRELOGIN response ends before its terminator' },
  { key: 'packet.shorter-than-header', text: /^invalid packet size, it is shorter than header size$/i, layer: 'driver', note: 'a packet header whose length is under 8 bytes: what answered does not speak TDS' },
  { key: 'packet.longer-than-buffer', text: /^invalid packet size, it is longer than buffer size$/i, layer: 'driver', note: 'a packet header whose length exceeds the negotiated packet size' },
  { key: 'tls.read-handshake-packet', text: /^cannot read handshake packet: /i, layer: 'driver', note: 'reading the TLS handshake carried in TDS PRELOGIN packets failed (EOF: the server closed the connection)' },
  { key: 'tls.send-handshake-packet', text: /^cannot send handshake packet/i, layer: 'driver', note: 'writing the TLS handshake carried in TDS packets failed' },
  { key: 'tls.unexpected-packet', text: /^unexpected packet %d, expecting prelogin$/, layer: 'driver', note: 'during the TLS handshake a packet that is not PRELOGIN came' },
  { key: 'tls.handshake-failed', text: /^TLS Handshake failed: /, layer: 'driver', note: "the inner text is Go's crypto/tls or x509 error (certificate signed by unknown authority, …)" },
  { key: 'tls.handshake-flush-failed', text: /^TLS Handshake flush failed: /, layer: 'driver', note: 'sending the end of the TLS handshake failed' },
  { key: 'tls.encrypt-negotiation-failed', text: /^encrypt negotiation failed$/i, layer: 'driver', note: 'the PRELOGIN response has no ENCRYPTION option' },
  {
    key: 'tls.server-does-not-support-encryption',
    text: /^server does not support encryption$/i,
    layer: 'driver',
    note: 'encrypt is required (true/strict) and the PRELOGIN answer is NOT_SUP or OFF',
  },
  { key: 'tls.certificate-name-mismatch', text: /^invalid certificate name %q, expected %q$/, layer: 'driver', note: 'hostnameincertificate does not match the certificate' },
  { key: 'tls.server-certificate-mismatch', text: /^server certificate doesn't match the provided certificate$/, layer: 'driver', note: 'the server certificate is not the one pinned with serverCertificate' },
  { key: 'tls.no-peer-certificates', text: /^no peer certificates provided$/, layer: 'driver', note: 'the server sent no certificate while one is pinned with serverCertificate' },
  { key: 'prelogin.unsupported-encryption-config', text: /^unsupported encryption config /i, layer: 'driver', note: 'the encrypt setting has no PRELOGIN value' },
  // Federated (Entra ID) authentication (tds.go, accesstokenconnector.go, azuread/).
  { key: 'fedauth.not-supported', text: /^federated authentication is not supported by the server$/i, layer: 'driver', note: 'Entra ID authentication was asked for and the PRELOGIN answer has no FEDAUTHREQUIRED option (not Azure SQL)' },
  { key: 'fedauth.access-token-failed', text: /^mssql: error retrieving access token: /, layer: 'driver', note: "the access-token provider callback failed; the inner text is the provider's" },
  { key: 'config.azuread', slug: true, path: /^azuread\//, text: /./, layer: 'driver', note: 'azuread driver: a fedauth setting is missing or invalid' },
  // Integrated authentication: Kerberos, NTLM, SSPI (integratedauth/**, ntlm.go, sspi_windows.go).
  { key: 'krb5', slug: true, path: /krb5/, text: /./, layer: 'driver', note: 'Kerberos (krb5) integrated authentication' },
  { key: 'ntlm', slug: true, path: /ntlm/, text: /^(NTLM protocol error|ntlm : invalid username|mssql: .*NTLMv2)/, layer: 'driver', note: 'NTLM integrated authentication' },
  { key: 'winsspi', slug: true, path: /(winsspi|sspi_windows)/, text: /./, layer: 'driver', note: 'Windows SSPI integrated authentication; %x is the SECURITY_STATUS' },
  { key: 'integratedauth.provider-not-found', text: /^provider %v not found$/, layer: 'driver', note: 'the authenticator named in the connection string is not registered' },
  // Connection-string parsing (conn_str.go, msdsn/).
  {
    key: 'config',
    slug: true,
    path: /(^|\/)conn_str[^/]*\.go$/,
    kind: 'fmt.Errorf',
    text: /./,
    layer: 'driver',
    note: 'the connection string is malformed or a value is invalid',
  },
  {
    key: 'config',
    slug: true,
    path: /(^|\/)conn_str[^/]*\.go$/,
    kind: 'errors.New',
    text: /^(cannot specify both|failed to decode PEM)/,
    layer: 'driver',
    note: 'the TLS settings of the connection string are invalid',
  },
  { key: 'config.cannot-read-certificate', path: /^tds\.go$/, text: /^cannot read certificate %q/i, layer: 'driver', note: 'the certificate file named by the connection string cannot be read' },
  { key: 'config.no-dialer', text: /^No dialer is configured for protocol /, layer: 'driver', note: 'no dialer registered for a protocol the SQL Browser named' },
];

export const GO_SELECTION =
  'Every fmt.Errorf, errors.New, fmt.Sprintf, fmt.Fprintf, streamErrorf and badStreamPanicf site whose format holds ' +
  'literal words (a literal, a concatenation, or a variable assigned one just before), the literal returns of ' +
  'Error() methods, and `.Message = "…" + …` prefixes, in the non-test files that dial, look up instances, ' +
  'negotiate PRELOGIN/TLS, log in (SQL, Entra ID, Kerberos, NTLM, SSPI) and parse connection strings ' +
  '(scripts/messages/harvest/go-mssqldb.ts GO_PATHS); kept when they match the reviewed allow-list PICKS there. ' +
  'Ids are <source>:<key> from PICKS; families of similar messages (connection-string, azuread, krb5, NTLM, SSPI, ' +
  'named pipe and shared memory errors) get <key>.<slug of the words>, so a change of case keeps the id. ' +
  'Placeholders are printf verbs as written; a concatenated Go value is written %v. The Go runtime texts inside ' +
  '(dial tcp …: connect: connection refused, x509: certificate signed by unknown authority, database/sql\'s ' +
  'driver: bad connection) are Go\'s, not harvested here. Refs: the release tags (v)X.Y.Z at which one of those ' +
  'files differs from every earlier tag (GitSnapshot.changedRefs), and HEAD.';

/** The source description of one of the two go-mssqldb repositories. */
export function goMssqldbSource(source: string, title: string, repository: string): LiteralSource {
  return {
    source,
    title,
    repository,
    licence: 'BSD-3-Clause',
    generator: `scripts/messages/harvest/${source}.ts`,
    selection: GO_SELECTION,
    tags: /^v?\d+\.\d+\.\d+$/,
    paths: GO_PATHS,
    sites: (_path, text) => findGoErrorSites(text),
    picks: PICKS,
    syntax: goSyntax,
    provider: 'go',
  };
}

export const GO_MSSQLDB = goMssqldbSource(
  'go-mssqldb',
  'go-mssqldb (Microsoft SQL Server driver for Go)',
  'https://github.com/microsoft/go-mssqldb',
);

if (import.meta.url === `file://${process.argv[1]}`) runLiteralHarvest(GO_MSSQLDB);
