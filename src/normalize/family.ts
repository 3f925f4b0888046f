// Which failure family a set of error records belongs to. Several signals can be present at once
// (sqlcmd prints the refused socket error and then "Login timeout expired"); the most specific wins.
import type { Layer } from '../messages/catalogue.js';
import type { ErrorRecord } from '../schemas/diagnosis.js';
import type { Facts } from '../schemas/facts.js';
import type { Family, SocketOutcome } from '../schemas/vocabulary.js';
import { freetdsFamily } from './freetds.js';
import { symbolicOutcomeIn } from './os-errors.js';
import { composeRegex } from '../compose-regex.js';
import { patternSet } from '../pattern-set.js';

/**
 * The written precedence of the layers of a paste (docs/catalogue.md "Layers"), most specific first. Where signals
 * conflict, a family named by a more specific layer wins: the TLS library's reason, then how the socket ended, then
 * the SNI layer's number, then what the server said (a server message needs a working connection, so beside a
 * transport failure it belongs to another attempt), then the driver's sentence around them, and a wrapper last.
 * So OpenSSL's "unsupported protocol" (tls) beats tedious's "Failed to connect to host:undefined" wording (driver),
 * and a refused socket (os) explains a later "Login timeout expired" (driver).
 */
export const LAYER_PRECEDENCE: readonly Layer[] = ['tls', 'os', 'sni', 'server', 'driver', 'wrapper'];

/** A family some part of a paste names, and the layer that part belongs to. */
export interface FamilySignal {
  family: Family;
  layer: Layer;
}

/** Within one layer, most specific first: a refused socket explains a later login timeout, not the other way round. */
const PRECEDENCE: readonly Family[] = [
  'dns',
  'not_found',
  'refused',
  'named_pipes',
  'tls',
  'sspi',
  'azure_firewall',
  // 4060/4064 arrive together with 18456 "Login failed": the database is the specific part.
  'database',
  'login_failed',
  'prelogin',
  'timeout',
  'other',
];

const FAMILY_OF_SOCKET: Partial<Record<SocketOutcome, Family>> = {
  refused: 'refused',
  timeout: 'timeout',
  unreachable: 'timeout',
  dns: 'dns',
  reset: 'prelogin',
  aborted: 'prelogin',
  pipe_not_found: 'named_pipes',
  pipe_busy: 'named_pipes',
  pipe_closed: 'named_pipes',
  // Linux msodbcsql's "Error code 0x2749" (WSAENOTCONN): connect() failed, nearly always refused.
  not_connected: 'refused',
  // The peer ended the connection in an orderly way before the handshake was done.
  closed: 'prelogin',
};

/** SNI error numbers ("error: N") that name a family by themselves. */
const FAMILY_OF_SNI_ERROR: Record<number, Family> = { 26: 'not_found', 28: 'not_found', [-1]: 'not_found' };

/**
 * SQL Server and client-library error numbers that name a family by themselves. Azure SQL's 40613
 * ("Database … is not currently available") is a database that cannot be opened right now, so
 * `database`; 40532 ("Cannot open server … requested by the login. The login failed.") is the gateway
 * rejecting the login name's server part, so `login_failed`.
 */
const FAMILY_OF_NUMBER: Record<number, Family> = {
  18456: 'login_failed',
  // Windows authentication the server could not complete is sspi (ARCHITECTURE.md): its fix is on the Kerberos side.
  18452: 'sspi', // the login is from an untrusted domain
  17806: 'sspi', // SSPI handshake failed
  18470: 'login_failed',
  18487: 'login_failed',
  18488: 'login_failed',
  18486: 'login_failed', // locked out
  18401: 'login_failed', // script upgrade mode: the server is still starting
  18451: 'login_failed', // only administrators may connect now
  18461: 'login_failed', // single user mode
  17892: 'login_failed', // a logon trigger rolled the login back
  40532: 'login_failed',
  4060: 'database',
  4062: 'database',
  4064: 'database',
  916: 'database',
  40613: 'database',
  40615: 'azure_firewall',
  40914: 'azure_firewall',
  47073: 'azure_firewall',
  20003: 'timeout', // FreeTDS SYBETIME
  20017: 'prelogin', // FreeTDS SYBESEOF: unexpected EOF from the server
  20013: 'dns', // FreeTDS SYBEUHST "Unknown host machine name.": the server name did not resolve
};

/**
 * SQL Browser lookups that ended without a port, in the words three signals below share (the family, the phase and
 * error.instanceLookup): tedious names host\\INSTANCE (or, before 2023, "host:undefined") when its deadline passed
 * during the lookup; go-mssqldb says the lookup failed, and that the answer held no such instance.
 */
const TEDIOUS_LOOKUP_TIMEOUT = String.raw`Failed to connect to (?:[^\s\\]{1,255}\\[^\s:\\]{1,128}|[^\s:\\]{1,255}:undefined) in \d{1,7}ms`;
const GO_LOOKUP_FAILED = 'unable to get instances from Sql Server Browser';
const GO_INSTANCE_MISSING = String.raw`no instance matching '[^'\n]{0,128}' returned from host`;
/**
 * Go's net.OpError for the Browser query's read: the host answered the UDP datagram to 1434 with ICMP port unreachable,
 * which Linux reports as ECONNREFUSED ("read udp 10.0.0.9:40580->10.0.0.5:1434: read: connection refused") and Windows
 * as WSAECONNRESET on the recv ("…:1434: wsarecv: An existing connection was forcibly closed…"): nothing listens on
 * UDP 1434 there. The refusal is the Browser's, not a TCP connect's.
 */
const BROWSER_PORT_REFUSED = String.raw`\bread udp [^\s>]{1,64}->[^\s]{1,64}:1434: (?:read: connection refused|wsarecv: )`;

/**
 * tedious (and node-mssql over it) when the server's PRELOGIN answer says ENCRYPT_ON or ENCRYPT_REQ (Force Encryption,
 * or Azure SQL) while `options.encrypt` is false: tedious 19's lib/connection.js throws ConnectionError("Server
 * requires encryption, set 'encrypt' config option to true.", 'EENCRYPT') right after reading that answer, before any
 * TLS handshake (`encrypt: 'strict'` skips the check: TDS 8 starts TLS before the pre-login). A logged object or JSON
 * dump may carry only the code.
 */
const TEDIOUS_ENCRYPTION_REFUSED = String.raw`Server requires encryption, set 'encrypt' config option to true|\bEENCRYPT\b`;

/**
 * Whole-text signals for pastes whose records carry no number, each with the layer of the words it reads. A gap
 * between two parts of a signal is bounded and stops at the signal's next start, (?:(?!start).){0,n}: a text of many
 * starts costs each one only up to the next.
 */
const TEXT_SIGNALS: ReadonlyArray<readonly [RegExp, Family, Layer]> = [
  // .NET's resolver failing under SqlClient's "error: 35 - An internal exception was caught": the stack names
  // System.Net.Dns, whatever the platform's wording ("Device not configured" on macOS, "Name or service not known").
  [/SocketException\b(?:(?!SocketException\b).){0,300}? at System\.Net\.Dns\./, 'dns', 'os'],
  // Runtime exception classes that name a socket outcome whatever their message says (an invariant token: the class
  // name is never translated): Java's resolver and timeouts, Python's getaddrinfo error, Go's *net.DNSError.
  [/\bjava\.net\.UnknownHostException\b|\bsocket\.gaierror\b|\*net\.DNSError\b/, 'dns', 'os'],
  // Not where mssql-jdbc quotes it as the reason a named instance's lookup failed ("The connection to the host h, named
  // instance i failed. Error: "java.net.SocketTimeoutException: Receive timed out""): that is SQL Browser not
  // answering on UDP 1434, the instance lookup's failure (not_found, below), not the connection's.
  [/(?<!named instance \S{1,128} failed\. Error: "?)\bjava\.net\.(?:SocketTimeoutException|NoRouteToHostException)\b/, 'timeout', 'os'],
  [/Error Locating Server\/Instance Specified|ConnectionOpen \(Invalid Instance\(\)\)|no named pipe instance matching '[^']+'/i, 'not_found', 'sni'],
  // DBNETLIB's Connect() failing with OS error 53 (network path not found): the machine was not found. The OS error
  // read in DBNETLIB's terms, so it stands in the os layer beside (and before, by PRECEDENCE) the number's outcome.
  [/ConnectionOpen \(Connect\(\)\)\.?\s*\(53\)/i, 'not_found', 'os'],
  // A refused Browser query (UDP 1434) is the instance lookup failing, in the os layer beside (and before, by
  // PRECEDENCE) the refusal its words name.
  [composeRegex(BROWSER_PORT_REFUSED, 'i'), 'not_found', 'os'],
  // A client asking SQL Browser for a named instance's port and getting none (tedious then dials "host:undefined").
  [/\bEINSTLOOKUP\b|Port for [^\s]+ not found|Failed to connect to [^\s:]+:undefined\b|named instance [^\s]+ failed\. Error: [^\n]{0,200}?Receive timed out/i, 'not_found', 'driver'],
  // A Browser lookup that gave no port, unless the client went on to dial a default port (go-sqlcmd does, a few lines
  // on), whose failure is then the story.
  [composeRegex(`${TEDIOUS_LOOKUP_TIMEOUT}|${GO_LOOKUP_FAILED}(?![\\s\\S]{0,2000}unable to open tcp connection)|${GO_INSTANCE_MISSING}`, 'i'), 'not_found', 'driver'],
  // tedious's "Could not connect (sequence)": every address of the host refused the connection.
  [/ConnectionOpen \(Connect\(\)\)|Could not connect \(sequence\)/i, 'refused', 'driver'],
  [/ConnectionOpen \(SEC\w+\(\)\)/i, 'tls', 'driver'],
  // tedious's EENCRYPT: the pre-login answer asked for encryption and the client had it turned off (see TLS_REASONS).
  [composeRegex(TEDIOUS_ENCRYPTION_REFUSED, 'i'), 'tls', 'driver'],
  // The TLS library's own words: a reason, or its error layout.
  [/certificate chain was issued by an authority that is not trusted|tls handshake eof|Tls\("unexpected EOF"\)|ssl_choose_client_version|\bERR_SSL_\w+|SSLHandshakeException|PKIX path building failed|self[- ]signed certificate|\bx509: |SSL routines|certificate received from the remote server was issued by an untrusted|remote certificate (?:is invalid|was rejected)/i, 'tls', 'tls'],
  // A driver's sentence around a TLS failure. "The target principal name is incorrect" is TLS only from the SSL
  // provider; with SSPI it is Kerberos.
  [/SSL Provider, error: \d+ - The (?:target principal name|certificate|received certificate)|SSL Provider: |Error forming TLS connection|TLS Handshake failed: |Error opening a TLS connection|driver could not establish a secure connection|\bTls\("/i, 'tls', 'driver'],
  [/(?:Cannot|Failed to) generate SSPI context|0x80090311|KDC_ERR_S_PRINCIPAL_UNKNOWN|No authority could be contacted for authentication/i, 'sspi', 'driver'],
  [/Client with IP Add?ress '[^']*' is not allowed to access the server|Deny Public Network Access is set to Yes/i, 'azure_firewall', 'server'],
  [/Cannot open (?:user default )?database|Failed to open the explicitl?y specified database|is not able to access the database "[^"]*" under the current security context/i, 'database', 'server'],
  // The Linux setup refusing the sa password ("Unable to set system administrator password") is no login failure: family other.
  [/Log(?:in|on) failed for (?:user|login)/i, 'login_failed', 'server'],
  // Windows authentication the server could not complete: an untrusted domain (18452), a failed SSPI handshake
  // (17806), or a Windows identity that arrived anonymously (Kerberos delegation, the "double hop").
  [/The login is from an untrusted domain|SSPI handshake failed|Log(?:in|on) failed for user '?NT AUTHORITY\\ANONYMOUS LOGON/i, 'sspi', 'server'],
  [/\bELOGIN\b/, 'login_failed', 'driver'],
  ...localisedLoginFailed(),
  [/ConnectionOpen \(PreLoginHandshake\(\)\)|error occurred during the pre-login handshake/i, 'prelogin', 'driver'],
  [/Login timeout expired|\bHYT00\b|Timeout expired\.\s+The timeout period elapsed|Connection Timeout Expired|\bETIMEOUT\b|delay in opening server connection/i, 'timeout', 'driver'],
  // Prisma's P1001 "Can't reach database server" hides the socket error: a refusal or a failed lookup shows up in
  // its own words when printed, so what remains is a connection attempt that went unanswered.
  [/\bP1001\b|Can't reach database server at/, 'timeout', 'wrapper'],
];

/**
 * "Login failed for user" as the localised SQL Server message catalogues print it (German, French,
 * Spanish, Portuguese, Chinese, Japanese, Russian); the number 18456 survives translation but is not
 * always pasted.
 */
function localisedLoginFailed(): ReadonlyArray<readonly [RegExp, Family, Layer]> {
  return [
    /Fehler bei der Anmeldung für den Benutzer/i,
    /[ÉE]chec de l.ouverture de session de l.utilisateur/i,
    /Error de inicio de sesión del usuario/i,
    /Falha (?:de|no) logon do usuário/i,
    /用户 ?['"“‘](?:(?!用户)[^'"”’\n]){0,200}['"”’] ?登录失败/,
    /ユーザー ?['"“‘](?:(?!ユーザー)[^'"”’\n]){0,200}['"”’] ?はログインできませんでした/,
    /Ошибка входа пользователя/i,
  ].map((pattern) => [pattern, 'login_failed', 'server'] as const);
}

/** Where the attempt failed, when the text says so; order matters (a pool timeout also says "Timeout expired"). */
const PHASE_SIGNALS: ReadonlyArray<readonly [RegExp, NonNullable<Facts['error.phase']>]> = [
  [/prior to obtaining a connection from the pool/i, 'pool'],
  [/during the post-login phase/i, 'post-login'],
  // A command ran: SqlClient's execution timeout, or the ODBC call that failed was an execution (SQLExecDirect).
  [/Execution Timeout Expired|prior to completion of the operation|\((?:SQLExecDirectW?|SQLExecute|SQLPrepareW?|SQLFetch)\)/i, 'command'],
  [/SSL Provider|SSLHandshakeException|PKIX path building failed|\bERR_SSL_\w+|SSL routines|certificate chain was issued/i, 'tls'],
  // tedious's EENCRYPT comes right after it read the server's PRELOGIN answer, before any TLS was tried.
  [composeRegex(`pre-login handshake|${TEDIOUS_ENCRYPTION_REFUSED}`, 'i'), 'prelogin'],
  [
    composeRegex(String.raw`\bEINSTLOOKUP\b|Error Locating Server\/Instance Specified|Port for [^\s]+ not found|named instance [^\s]+ failed|${TEDIOUS_LOOKUP_TIMEOUT}|${GO_LOOKUP_FAILED}`, 'i'),
    'instance-lookup',
  ],
  [/Login failed|\bELOGIN\b|error occurred during the login process/i, 'login'],
];

/**
 * How a SQL Browser lookup ended, when the text says: the Browser answered without the instance (tedious, go-mssqldb),
 * or nothing answered before the deadline (tedious names host\\INSTANCE or "host:undefined" in its timeout; go and
 * mssql-jdbc quote the UDP read timing out).
 */
const INSTANCE_LOOKUP_OUTCOMES: ReadonlyArray<readonly [RegExp, NonNullable<Facts['error.instanceLookup']>]> = [
  [composeRegex(String.raw`Port for [^\s]+ not found|${GO_INSTANCE_MISSING}`, 'i'), 'instance-missing'],
  [composeRegex(BROWSER_PORT_REFUSED, 'i'), 'refused'],
  [
    composeRegex(
      String.raw`${TEDIOUS_LOOKUP_TIMEOUT}|${GO_LOOKUP_FAILED} on host [^\s:]{1,255}: [^\n]{0,200}?(?:i\/o timeout|timed out)|named instance [^\s]+ failed\. Error: [^\n]{0,200}?Receive timed out`,
      'i',
    ),
    'unanswered',
  ],
];

export function instanceLookupOf(flat: string): Facts['error.instanceLookup'] {
  return firstNamed(INSTANCE_LOOKUP_OUTCOMES, flat);
}

/** The phase the flat paste names, for the error.phase fact. */
export function phaseOf(flat: string): Facts['error.phase'] {
  return firstNamed(PHASE_SIGNALS, flat);
}

/** The layer that carries a record's error number: SQL Server's own numbers, or a client library's (FreeTDS 20xxx). */
const numberLayer = (number: number): Layer => (number >= 20000 && number < 30000 ? 'driver' : 'server');

/**
 * What each record says by its fields: its socket outcome, SNI error, provider tag and error number. Once the text
 * says the TCP connection was made (`connected`), a pipe the server closed is the handshake failing, not a pipe
 * that could not be opened (SqlClient's "successfully established … error: 0 - No process is on the other end of
 * the pipe").
 */
function recordSignals(records: readonly ErrorRecord[], reset: boolean, connected: boolean): FamilySignal[] {
  const signals: FamilySignal[] = [];
  const add = (family: Family | undefined, layer: Layer) => family && signals.push({ family, layer });
  for (const record of records) {
    if (record.socket) add(connected && record.socket === 'pipe_closed' ? 'prelogin' : FAMILY_OF_SOCKET[record.socket], 'os');
    if (record.sniError !== undefined) add(FAMILY_OF_SNI_ERROR[record.sniError], 'sni');
    if (record.sniProvider === 'Named Pipes Provider' && record.sniError === 40) add('named_pipes', 'sni');
    // A reset reported by the SSL provider is the server dropping the handshake (prelogin), not a bad certificate.
    if (record.sniProvider === 'SSL Provider' && !reset) add('tls', 'sni');
    if (record.number !== undefined) add(FAMILY_OF_NUMBER[record.number], numberLayer(record.number));
  }
  add(freetdsFamily(records), 'driver');
  return signals;
}

/**
 * The family of a paste, from every signal its parts give: the records' fields, whole-text wordings, and the
 * catalogue messages recognised in it (`messageSignals`). The most specific layer with a signal decides
 * (LAYER_PRECEDENCE); within a layer, PRECEDENCE. With no record and no signal, text nobody recognises stays
 * `unknown`; a record with nothing specific is `other`.
 */
export function classifyFamily(
  records: readonly ErrorRecord[],
  flat: string,
  messageSignals: readonly FamilySignal[] = [],
  connected = false,
  messagePhase?: Facts['error.phase'],
): Family {
  const reset = records.some((r) => r.socket === 'reset' || r.socket === 'aborted');
  let signals = [...recordSignals(records, reset, connected), ...messageSignals];
  const found = wordingsIn(flat);
  for (const [pattern, family, layer] of TEXT_SIGNALS) if (found.has(pattern)) signals.push({ family, layer });
  // A TLS failure that names its reason is the TLS layer's word, even where the socket closed under it ("cannot read
  // handshake packet: EOF").
  // "The target principal name is incorrect" is a TLS reason only where SSPI is not named: with SSPI it is Kerberos.
  const tlsReason = tlsReasonOf(flat);
  if (tlsReason && !(tlsReason === 'name-mismatch' && found.has(SSPI_NAMED))) signals.push({ family: 'tls', layer: 'tls' });
  // A symbolic errno is an invariant token: "connect ECONNREFUSED" names the socket outcome whoever printed it.
  const symbolic = symbolicOutcomeIn(flat);
  if (symbolic && FAMILY_OF_SOCKET[symbolic]) signals.push({ family: FAMILY_OF_SOCKET[symbolic] as Family, layer: 'os' });
  // A connection that broke while a command ran had been made and logged in: a reset then is no handshake failure.
  // The phase is the text's own words, else what its recognised messages mean (SqlClient's "A transport-level error
  // has occurred when receiving results from the server" is a read on a session that was working).
  const phase = phaseOf(flat) ?? messagePhase;
  if (phase === 'command' || phase === 'post-login') {
    signals = signals.map((s) => (s.family === 'prelogin' && s.layer === 'os' ? { ...s, family: 'other' } : s));
  }
  // A reset inside a TLS wrapper that names no TLS reason ("Error opening a TLS connection: … Connection reset by
  // peer") is the server dropping the handshake: the pre-login family, as with the SSL provider above.
  if (reset && !tlsReason) signals = signals.filter((s) => s.family !== 'tls');
  for (const layer of LAYER_PRECEDENCE) {
    const named = new Set(signals.filter((s) => s.layer === layer).map((s) => s.family));
    const family = PRECEDENCE.find((f) => named.has(f));
    if (family) return family;
  }
  return records.length > 0 || signals.length > 0 ? 'other' : 'unknown';
}

/**
 * The family a message's meaning names: its own `error.family`, else what its socket outcome (read as recordSignals
 * reads it, `connected` or not), SNI error, number, TLS reason or instance lookup imply.
 */
export function familyOfMeaning(facts: Partial<Facts>, connected = false): Family | undefined {
  if (facts['error.family']) return facts['error.family'];
  // As recordSignals reads a record: once the text says the connection was made, a pipe closed under it is the
  // handshake failing (SSMS's error 233, "No process is on the other end of the pipe", after "successfully established").
  if (facts['error.socket']) return connected && facts['error.socket'] === 'pipe_closed' ? 'prelogin' : FAMILY_OF_SOCKET[facts['error.socket']];
  if (facts['error.sniError'] !== undefined && FAMILY_OF_SNI_ERROR[facts['error.sniError']]) return FAMILY_OF_SNI_ERROR[facts['error.sniError']];
  const numbered = (facts['error.numbers'] ?? []).map((n) => FAMILY_OF_NUMBER[n]).find((f) => f !== undefined);
  if (numbered) return numbered;
  if (facts['error.tlsReason']) return facts['error.tlsReason'] === 'peer-closed' ? 'prelogin' : 'tls';
  if (facts['error.instanceLookup']) return 'not_found';
  if (facts['error.kerberos']) return 'sspi';
  if (facts['error.notTds']) return 'prelogin';
  // Connected, then failed, with nothing more specific said: the handshake (ARCHITECTURE.md's prelogin).
  if (facts['error.tcpConnected']) return 'prelogin';
  return undefined;
}

/** The socket outcome that goes with a family, for records that only imply it. */
export function socketOfFamily(family: Family): SocketOutcome | undefined {
  return (Object.entries(FAMILY_OF_SOCKET) as Array<[SocketOutcome, Family]>).find(([, f]) => f === family)?.[0];
}

/** TLS failure texts that name their reason, most specific first. */
const TLS_REASONS: ReadonlyArray<readonly [RegExp, NonNullable<Facts['error.tlsReason']>]> = [
  // No handshake happened at all: the server required encryption and the client refused it (tedious's EENCRYPT).
  [composeRegex(TEDIOUS_ENCRYPTION_REFUSED, 'i'), 'encryption-refused'],
  // "protocol version" only as an alert ("tlsv1 alert protocol version", Java's "protocol_version") or as the JDK
  // refusing one ("The server selected protocol version TLS10 is not accepted by client preferences", "Server chose
  // TLSv1, but that protocol version is not enabled"): an ERRORLOG's "Allowed TLS protocol versions are […]" at
  // start-up is no failure.
  [/unsupported protocol|ssl_choose_client_version|wrong version number|no protocols available|alert protocol[ _]version|\bprotocol_version\b|protocol version \w{2,12} is not accepted|that protocol version is not/i, 'protocol-version'],
  [/target principal name is incorrect|ERR_TLS_CERT_ALTNAME_INVALID|certificate is valid for|does not match the host ?name|hostname mismatch|certificate name/i, 'name-mismatch'],
  [/chain was issued by an authority that is not trusted|self[- ]signed certificate|unable to (?:verify the first|get local issuer) certificate|PKIX path building failed|certificate signed by unknown authority|issued by an untrusted|root certificate which is not trusted/i, 'untrusted-certificate'],
  // The server hung up mid-handshake without an alert: what a server does when it shares no protocol version or
  // cipher with the client, or does not expect TLS at all; a certificate the client rejects fails on the client's side.
  // Only in TLS wording: FreeTDS's "Unexpected EOF from the server" (20017) is the TDS pre-login, not TLS.
  [/handshake eof|handshake packet: EOF|TLS connection: unexpected EOF|Tls\("unexpected EOF"\)|EOF (?:during|in) (?:the )?(?:TLS )?handshake|connection closed via error/i, 'peer-closed'],
];

/** What a TLS failure names, when its text says (used by the TLS rules, not by the family). */
export function tlsReasonOf(flat: string): Facts['error.tlsReason'] {
  return firstNamed(TLS_REASONS, flat);
}

const SSPI_NAMED = /\bSSPI\b/i;

/** Every whole-text wording above, read from a paste in one pass (src/pattern-set.ts): which of them occur in it. */
const wordingsIn = patternSet(
  [TEXT_SIGNALS, PHASE_SIGNALS, TLS_REASONS, INSTANCE_LOOKUP_OUTCOMES].flatMap((list: ReadonlyArray<readonly [RegExp, ...unknown[]]>) => list.map(([pattern]) => pattern)).concat(SSPI_NAMED),
);

/** What the first of `signals` (most specific first) that occurs in the paste names. */
function firstNamed<T>(signals: ReadonlyArray<readonly [RegExp, T]>, flat: string): T | undefined {
  const found = wordingsIn(flat);
  return signals.find(([pattern]) => found.has(pattern))?.[1];
}
