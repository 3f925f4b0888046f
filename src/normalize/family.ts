// Which failure family a set of error records belongs to. Several signals can be present at once
// (sqlcmd prints the refused socket error and then "Login timeout expired"); the most specific wins.
import type { ErrorRecord } from '../schemas/diagnosis.js';
import type { Facts } from '../schemas/facts.js';
import type { Family, SocketOutcome } from '../schemas/vocabulary.js';

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
};

/** Whole-text signals for pastes whose records carry no number. */
const TEXT_SIGNALS: ReadonlyArray<readonly [RegExp, Family]> = [
  // DBNETLIB's Connect() failing with OS error 53 (network path not found): the machine was not found.
  [/Error Locating Server\/Instance Specified|ConnectionOpen \(Invalid Instance\(\)\)|ConnectionOpen \(Connect\(\)\)\.?\s*\(53\)|no named pipe instance matching '[^']+'/i, 'not_found'],
  // A client asking SQL Browser for a named instance's port and getting none (tedious then dials "host:undefined").
  [/\bEINSTLOOKUP\b|Port for [^\s]+ not found|Failed to connect to [^\s:]+:undefined\b|named instance [^\s]+ failed\. Error: [^\n]{0,200}?Receive timed out/i, 'not_found'],
  // tedious's "Could not connect (sequence)": every address of the host refused the connection.
  [/ConnectionOpen \(Connect\(\)\)|Could not connect \(sequence\)/i, 'refused'],
  [/ConnectionOpen \(SEC\w+\(\)\)|certificate chain was issued by an authority that is not trusted/i, 'tls'],
  // "The target principal name is incorrect" is TLS only from the SSL provider; with SSPI it is Kerberos.
  [/SSL Provider, error: \d+ - The (?:target principal name|certificate|received certificate)|SSL Provider: |tls handshake eof|Tls\("unexpected EOF"\)|Error forming TLS connection|ssl_choose_client_version|\bERR_SSL_\w+|SSLHandshakeException|PKIX path building failed|self[- ]signed certificate|\bx509: |TLS Handshake failed: |Error opening a TLS connection|SSL routines|certificate received from the remote server was issued by an untrusted|remote certificate (?:is invalid|was rejected)|driver could not establish a secure connection/i, 'tls'],
  [/(?:Cannot|Failed to) generate SSPI context|0x80090311|KDC_ERR_S_PRINCIPAL_UNKNOWN|No authority could be contacted for authentication/i, 'sspi'],
  [/Client with IP Add?ress '[^']*' is not allowed to access the server|Deny Public Network Access is set to Yes/i, 'azure_firewall'],
  [/Cannot open (?:user default )?database|Failed to open the explicitl?y specified database|is not able to access the database "[^"]*" under the current security context/i, 'database'],
  [/Login failed for user|Login failed\. The login is from an untrusted domain|\bELOGIN\b|Unable to set system administrator password/i, 'login_failed'],
  ...localisedLoginFailed(),
  [/ConnectionOpen \(PreLoginHandshake\(\)\)|error occurred during the pre-login handshake/i, 'prelogin'],
  [/Login timeout expired|\bHYT00\b|Timeout expired\.\s+The timeout period elapsed|Connection Timeout Expired|\bETIMEOUT\b|delay in opening server connection/i, 'timeout'],
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
    /用户 ?['"“‘][^'"”’\n]{0,200}['"”’] ?登录失败/,
    /ユーザー ?['"“‘][^'"”’\n]{0,200}['"”’] ?はログインできませんでした/,
    /Ошибка входа пользователя/i,
  ].map((pattern) => [pattern, 'login_failed'] as const);
}

/** Where the attempt failed, when the text says so; order matters (a pool timeout also says "Timeout expired"). */
const PHASE_SIGNALS: ReadonlyArray<readonly [RegExp, NonNullable<Facts['error.phase']>]> = [
  [/prior to obtaining a connection from the pool/i, 'pool'],
  [/during the post-login phase/i, 'post-login'],
  [/Execution Timeout Expired|prior to completion of the operation/i, 'command'],
  [/SSL Provider|SSLHandshakeException|PKIX path building failed|\bERR_SSL_\w+|SSL routines|certificate chain was issued/i, 'tls'],
  [/pre-login handshake/i, 'prelogin'],
  [/\bEINSTLOOKUP\b|Error Locating Server\/Instance Specified|Port for [^\s]+ not found|named instance [^\s]+ failed/i, 'instance-lookup'],
  [/Login failed|\bELOGIN\b|error occurred during the login process/i, 'login'],
];

/** The phase the flat paste names, for the error.phase fact. */
export function phaseOf(flat: string): Facts['error.phase'] {
  return PHASE_SIGNALS.find(([pattern]) => pattern.test(flat))?.[1];
}

export function classifyFamily(records: readonly ErrorRecord[], flat: string): Family {
  if (records.length === 0) return 'unknown';
  const seen = new Set<Family>(['other']);
  const reset = records.some((r) => r.socket === 'reset' || r.socket === 'aborted');
  for (const record of records) {
    if (record.socket && FAMILY_OF_SOCKET[record.socket]) seen.add(FAMILY_OF_SOCKET[record.socket] as Family);
    if (record.sniError !== undefined && FAMILY_OF_SNI_ERROR[record.sniError]) seen.add(FAMILY_OF_SNI_ERROR[record.sniError] as Family);
    if (record.sniProvider === 'Named Pipes Provider' && record.sniError === 40) seen.add('named_pipes');
    // A reset reported by the SSL provider is the server dropping the handshake (prelogin), not a bad certificate.
    if (record.sniProvider === 'SSL Provider' && !reset) seen.add('tls');
    if (record.number !== undefined && FAMILY_OF_NUMBER[record.number]) seen.add(FAMILY_OF_NUMBER[record.number] as Family);
  }
  for (const [pattern, family] of TEXT_SIGNALS) if (pattern.test(flat)) seen.add(family);
  return PRECEDENCE.find((family) => seen.has(family)) ?? 'other';
}

/** The socket outcome that goes with a family, for records that only imply it. */
export function socketOfFamily(family: Family): SocketOutcome | undefined {
  return (Object.entries(FAMILY_OF_SOCKET) as Array<[SocketOutcome, Family]>).find(([, f]) => f === family)?.[0];
}

/** TLS failure texts that name their reason, most specific first. */
const TLS_REASONS: ReadonlyArray<readonly [RegExp, NonNullable<Facts['error.tlsReason']>]> = [
  [/unsupported protocol|ssl_choose_client_version|wrong version number|no protocols available|protocol version|tlsv1 alert protocol version/i, 'protocol-version'],
  [/target principal name is incorrect|ERR_TLS_CERT_ALTNAME_INVALID|certificate is valid for|does not match the host ?name|hostname mismatch|certificate name/i, 'name-mismatch'],
  [/chain was issued by an authority that is not trusted|self[- ]signed certificate|unable to (?:verify the first|get local issuer) certificate|PKIX path building failed|certificate signed by unknown authority|issued by an untrusted|root certificate which is not trusted/i, 'untrusted-certificate'],
];

/** What a TLS failure names, when its text says (used by the TLS rules, not by the family). */
export function tlsReasonOf(flat: string): Facts['error.tlsReason'] {
  return TLS_REASONS.find(([pattern]) => pattern.test(flat))?.[1];
}
