// Which failure family a set of error records belongs to. Several signals can be present at once
// (sqlcmd prints the refused socket error and then "Login timeout expired"); the most specific wins.
import type { ErrorRecord } from '../schemas/diagnosis.js';
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
  'login_failed',
  'database',
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

/** SQL Server and client-library error numbers that name a family by themselves. */
const FAMILY_OF_NUMBER: Record<number, Family> = {
  18456: 'login_failed',
  18452: 'login_failed',
  18470: 'login_failed',
  18487: 'login_failed',
  18488: 'login_failed',
  4060: 'database',
  4064: 'database',
  40615: 'azure_firewall',
  20003: 'timeout', // FreeTDS SYBETIME
  20017: 'prelogin', // FreeTDS SYBESEOF: unexpected EOF from the server
};

/** Whole-text signals for pastes whose records carry no number. */
const TEXT_SIGNALS: ReadonlyArray<readonly [RegExp, Family]> = [
  // DBNETLIB's Connect() failing with OS error 53 (network path not found): the machine was not found.
  [/Error Locating Server\/Instance Specified|ConnectionOpen \(Invalid Instance\(\)\)|ConnectionOpen \(Connect\(\)\)\.?\s*\(53\)|no named pipe instance matching '[^']+'/i, 'not_found'],
  [/ConnectionOpen \(Connect\(\)\)/i, 'refused'],
  [/ConnectionOpen \(SEC\w+\(\)\)|certificate chain was issued by an authority that is not trusted/i, 'tls'],
  [/Cannot generate SSPI context/i, 'sspi'],
  [/Login failed for user/i, 'login_failed'],
  [/ConnectionOpen \(PreLoginHandshake\(\)\)|error occurred during the pre-login handshake/i, 'prelogin'],
  [/Login timeout expired|\bHYT00\b|Timeout expired\. The timeout period elapsed|delay in opening server connection/i, 'timeout'],
];

export function classifyFamily(records: readonly ErrorRecord[], flat: string): Family {
  if (records.length === 0) return 'unknown';
  const seen = new Set<Family>(['other']);
  for (const record of records) {
    if (record.socket && FAMILY_OF_SOCKET[record.socket]) seen.add(FAMILY_OF_SOCKET[record.socket] as Family);
    if (record.sniError !== undefined && FAMILY_OF_SNI_ERROR[record.sniError]) seen.add(FAMILY_OF_SNI_ERROR[record.sniError] as Family);
    if (record.sniProvider === 'Named Pipes Provider' && record.sniError === 40) seen.add('named_pipes');
    if (record.number !== undefined && FAMILY_OF_NUMBER[record.number]) seen.add(FAMILY_OF_NUMBER[record.number] as Family);
  }
  for (const [pattern, family] of TEXT_SIGNALS) if (pattern.test(flat)) seen.add(family);
  return PRECEDENCE.find((family) => seen.has(family)) ?? 'other';
}

/** The socket outcome that goes with a family, for records that only imply it. */
export function socketOfFamily(family: Family): SocketOutcome | undefined {
  return (Object.entries(FAMILY_OF_SOCKET) as Array<[SocketOutcome, Family]>).find(([, f]) => f === family)?.[0];
}
