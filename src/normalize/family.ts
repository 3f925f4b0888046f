// Which failure family a set of error records belongs to. Several signals can be present at once
// (sqlcmd prints the refused socket error and then "Login timeout expired"); the most specific wins.
import type { ErrorRecord } from '../schemas/diagnosis.js';
import type { Facts } from '../schemas/facts.js';
import type { Family, SocketOutcome } from '../schemas/vocabulary.js';
import { freetdsFamily } from './freetds.js';
import { composeRegex } from '../compose-regex.js';

/** Most specific first: a refused socket explains a later login timeout, not the other way round. */
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
  18452: 'login_failed',
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
 * tedious (and node-mssql over it) when the server's PRELOGIN answer says ENCRYPT_ON or ENCRYPT_REQ (Force Encryption,
 * or Azure SQL) while `options.encrypt` is false: tedious 19's lib/connection.js throws ConnectionError("Server
 * requires encryption, set 'encrypt' config option to true.", 'EENCRYPT') right after reading that answer, before any
 * TLS handshake (`encrypt: 'strict'` skips the check: TDS 8 starts TLS before the pre-login). A logged object or JSON
 * dump may carry only the code.
 */
const TEDIOUS_ENCRYPTION_REFUSED = String.raw`Server requires encryption, set 'encrypt' config option to true|\bEENCRYPT\b`;

/**
 * Whole-text signals for pastes whose records carry no number. A gap between two parts of a signal is bounded and
 * stops at the signal's next start, (?:(?!start).){0,n}: a text of many starts costs each one only up to the next.
 */
const TEXT_SIGNALS: ReadonlyArray<readonly [RegExp, Family]> = [
  // .NET's resolver failing under SqlClient's "error: 35 - An internal exception was caught": the stack names
  // System.Net.Dns, whatever the platform's wording ("Device not configured" on macOS, "Name or service not known").
  [/SocketException\b(?:(?!SocketException\b).){0,300}? at System\.Net\.Dns\./, 'dns'],
  // DBNETLIB's Connect() failing with OS error 53 (network path not found): the machine was not found.
  [/Error Locating Server\/Instance Specified|ConnectionOpen \(Invalid Instance\(\)\)|ConnectionOpen \(Connect\(\)\)\.?\s*\(53\)|no named pipe instance matching '[^']+'/i, 'not_found'],
  // A client asking SQL Browser for a named instance's port and getting none (tedious then dials "host:undefined").
  [/\bEINSTLOOKUP\b|Port for [^\s]+ not found|Failed to connect to [^\s:]+:undefined\b|named instance [^\s]+ failed\. Error: [^\n]{0,200}?Receive timed out/i, 'not_found'],
  // A Browser lookup that gave no port, unless the client went on to dial a default port (go-sqlcmd does, a few lines
  // on), whose failure is then the story.
  [composeRegex(`${TEDIOUS_LOOKUP_TIMEOUT}|${GO_LOOKUP_FAILED}(?![\\s\\S]{0,2000}unable to open tcp connection)|${GO_INSTANCE_MISSING}`, 'i'), 'not_found'],
  // tedious's "Could not connect (sequence)": every address of the host refused the connection.
  [/ConnectionOpen \(Connect\(\)\)|Could not connect \(sequence\)/i, 'refused'],
  [/ConnectionOpen \(SEC\w+\(\)\)|certificate chain was issued by an authority that is not trusted/i, 'tls'],
  // tedious's EENCRYPT: the pre-login answer asked for encryption and the client had it turned off (see TLS_REASONS).
  [composeRegex(TEDIOUS_ENCRYPTION_REFUSED, 'i'), 'tls'],
  // "The target principal name is incorrect" is TLS only from the SSL provider; with SSPI it is Kerberos.
  [/SSL Provider, error: \d+ - The (?:target principal name|certificate|received certificate)|SSL Provider: |tls handshake eof|Tls\("unexpected EOF"\)|Error forming TLS connection|ssl_choose_client_version|\bERR_SSL_\w+|SSLHandshakeException|PKIX path building failed|self[- ]signed certificate|\bx509: |TLS Handshake failed: |Error opening a TLS connection|SSL routines|certificate received from the remote server was issued by an untrusted|remote certificate (?:is invalid|was rejected)|driver could not establish a secure connection/i, 'tls'],
  [/(?:Cannot|Failed to) generate SSPI context|0x80090311|KDC_ERR_S_PRINCIPAL_UNKNOWN|No authority could be contacted for authentication/i, 'sspi'],
  [/Client with IP Add?ress '[^']*' is not allowed to access the server|Deny Public Network Access is set to Yes/i, 'azure_firewall'],
  [/Cannot open (?:user default )?database|Failed to open the explicitl?y specified database|is not able to access the database "[^"]*" under the current security context/i, 'database'],
  // The Linux setup refusing the sa password ("Unable to set system administrator password") is no login failure: family other.
  [/Log(?:in|on) failed for (?:user|login)|Login failed\. The login is from an untrusted domain|\bELOGIN\b/i, 'login_failed'],
  ...localisedLoginFailed(),
  [/ConnectionOpen \(PreLoginHandshake\(\)\)|error occurred during the pre-login handshake/i, 'prelogin'],
  [/Login timeout expired|\bHYT00\b|Timeout expired\.\s+The timeout period elapsed|Connection Timeout Expired|\bETIMEOUT\b|delay in opening server connection/i, 'timeout'],
  // Prisma's P1001 "Can't reach database server" hides the socket error: a refusal or a failed lookup shows up in
  // its own words when printed, so what remains is a connection attempt that went unanswered.
  [/\bP1001\b|Can't reach database server at/, 'timeout'],
];

/**
 * "Login failed for user" as the localised SQL Server message catalogues print it (German, French,
 * Spanish, Portuguese, Chinese, Japanese, Russian); the number 18456 survives translation but is not
 * always pasted.
 */
function localisedLoginFailed(): ReadonlyArray<readonly [RegExp, Family]> {
  return [
    /Fehler bei der Anmeldung für den Benutzer/i,
    /[ÉE]chec de l.ouverture de session de l.utilisateur/i,
    /Error de inicio de sesión del usuario/i,
    /Falha (?:de|no) logon do usuário/i,
    /用户 ?['"“‘](?:(?!用户)[^'"”’\n]){0,200}['"”’] ?登录失败/,
    /ユーザー ?['"“‘](?:(?!ユーザー)[^'"”’\n]){0,200}['"”’] ?はログインできませんでした/,
    /Ошибка входа пользователя/i,
  ].map((pattern) => [pattern, 'login_failed'] as const);
}

/** Where the attempt failed, when the text says so; order matters (a pool timeout also says "Timeout expired"). */
const PHASE_SIGNALS: ReadonlyArray<readonly [RegExp, NonNullable<Facts['error.phase']>]> = [
  [/prior to obtaining a connection from the pool/i, 'pool'],
  [/during the post-login phase/i, 'post-login'],
  [/Execution Timeout Expired|prior to completion of the operation/i, 'command'],
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
  [
    composeRegex(
      String.raw`${TEDIOUS_LOOKUP_TIMEOUT}|${GO_LOOKUP_FAILED} on host [^\s:]{1,255}: [^\n]{0,200}?(?:i\/o timeout|timed out)|named instance [^\s]+ failed\. Error: [^\n]{0,200}?Receive timed out`,
      'i',
    ),
    'unanswered',
  ],
];

export function instanceLookupOf(flat: string): Facts['error.instanceLookup'] {
  return INSTANCE_LOOKUP_OUTCOMES.find(([pattern]) => pattern.test(flat))?.[1];
}

/** The phase the flat paste names, for the error.phase fact. */
export function phaseOf(flat: string): Facts['error.phase'] {
  return PHASE_SIGNALS.find(([pattern]) => pattern.test(flat))?.[1];
}

/**
 * The family of a paste. With no record from any provider, only the whole-text signals count: a bare
 * "Cannot generate SSPI context." still names its family, but text nobody recognises stays `unknown`.
 */
export function classifyFamily(records: readonly ErrorRecord[], flat: string): Family {
  const seen = new Set<Family>(records.length > 0 ? ['other'] : []);
  const reset = records.some((r) => r.socket === 'reset' || r.socket === 'aborted');
  for (const record of records) {
    if (record.socket && FAMILY_OF_SOCKET[record.socket]) seen.add(FAMILY_OF_SOCKET[record.socket] as Family);
    if (record.sniError !== undefined && FAMILY_OF_SNI_ERROR[record.sniError]) seen.add(FAMILY_OF_SNI_ERROR[record.sniError] as Family);
    if (record.sniProvider === 'Named Pipes Provider' && record.sniError === 40) seen.add('named_pipes');
    // A reset reported by the SSL provider is the server dropping the handshake (prelogin), not a bad certificate.
    if (record.sniProvider === 'SSL Provider' && !reset) seen.add('tls');
    if (record.number !== undefined && FAMILY_OF_NUMBER[record.number]) seen.add(FAMILY_OF_NUMBER[record.number] as Family);
  }
  const freetds = freetdsFamily(records);
  if (freetds) seen.add(freetds);
  for (const [pattern, family] of TEXT_SIGNALS) if (pattern.test(flat)) seen.add(family);
  // A reset inside a TLS wrapper that names no TLS reason ("Error opening a TLS connection: … Connection reset by
  // peer") is the server dropping the handshake: the pre-login family, as with the SSL provider above.
  if (reset && !tlsReasonOf(flat)) seen.delete('tls');
  return PRECEDENCE.find((family) => seen.has(family)) ?? (records.length > 0 ? 'other' : 'unknown');
}

/** The socket outcome that goes with a family, for records that only imply it. */
export function socketOfFamily(family: Family): SocketOutcome | undefined {
  return (Object.entries(FAMILY_OF_SOCKET) as Array<[SocketOutcome, Family]>).find(([, f]) => f === family)?.[0];
}

/** TLS failure texts that name their reason, most specific first. */
const TLS_REASONS: ReadonlyArray<readonly [RegExp, NonNullable<Facts['error.tlsReason']>]> = [
  // No handshake happened at all: the server required encryption and the client refused it (tedious's EENCRYPT).
  [composeRegex(TEDIOUS_ENCRYPTION_REFUSED, 'i'), 'encryption-refused'],
  [/unsupported protocol|ssl_choose_client_version|wrong version number|no protocols available|protocol version|tlsv1 alert protocol version/i, 'protocol-version'],
  [/target principal name is incorrect|ERR_TLS_CERT_ALTNAME_INVALID|certificate is valid for|does not match the host ?name|hostname mismatch|certificate name/i, 'name-mismatch'],
  [/chain was issued by an authority that is not trusted|self[- ]signed certificate|unable to (?:verify the first|get local issuer) certificate|PKIX path building failed|certificate signed by unknown authority|issued by an untrusted|root certificate which is not trusted/i, 'untrusted-certificate'],
  // The server hung up mid-handshake without an alert: what a server does when it shares no protocol version or
  // cipher with the client, or does not expect TLS at all; a certificate the client rejects fails on the client's side.
  // Only in TLS wording: FreeTDS's "Unexpected EOF from the server" (20017) is the TDS pre-login, not TLS.
  [/handshake eof|handshake packet: EOF|TLS connection: unexpected EOF|Tls\("unexpected EOF"\)|EOF (?:during|in) (?:the )?(?:TLS )?handshake|connection closed via error/i, 'peer-closed'],
];

/** What a TLS failure names, when its text says (used by the TLS rules, not by the family). */
export function tlsReasonOf(flat: string): Facts['error.tlsReason'] {
  return TLS_REASONS.find(([pattern]) => pattern.test(flat))?.[1];
}
