// FreeTDS's own connection messages, shared by its DB-Library (tsql, bsqldb, pymssql) and its ODBC driver
// (isql, pyodbc). The texts and numbers are libtds's message table (FreeTDS src/tds/error.c,
// tds_error_messages) and the DB-Library numbers of include/sybdb.h.
import type { ErrorRecord } from '../schemas/diagnosis.js';
import type { Family } from '../schemas/vocabulary.js';

/**
 * Message text → DB-Library number. The ODBC driver prints the text without the number (isql -v) or with it as
 * the native error (pyodbc "(20009)"); reading the number from the text lets both layouts mean the same.
 */
const MESSAGES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^Adaptive Server connection failed/i, 20002], // SYBEFCON: the login after the TCP connect failed
  [/^Adaptive Server connection timed out/i, 20003], // SYBETIME
  [/^Unable to connect: Adaptive Server is unavailable or does not exist/i, 20009], // SYBECONN
  [/^Server name not found in configuration files/i, 20012], // SYBEINTF: not a freetds.conf entry, used as a host name
  [/^Unknown host machine name/i, 20013], // SYBEUHST: the host name did not resolve
  [/^Unexpected EOF from the server/i, 20017], // SYBESEOF
];

/** The DB-Library number of a FreeTDS message text, when the text is one of its connection messages. */
export function freetdsNumberOf(message: string): number | undefined {
  const text = message.trim();
  return MESSAGES.find(([pattern]) => pattern.test(text))?.[1];
}

const SYBEFCON = 20002;
const SYBETIME = 20003;
const SYBECONN = 20009;
const SYBESMSG = 20018;

const hasOsError = (r: ErrorRecord) => r.socket !== undefined || (r.osError !== undefined && r.osError !== 0);

/**
 * Whether the record's own line shows its number. The layouts that print DB-Library's numbers (tsql, bsqldb, pymssql,
 * tds_fdw) print the OS error beside them; those that print the message's words alone (PHP's PDO_DBLIB, Perl's
 * DBD::Sybase over CT-Library, TinyTDS) drop the OS error too, so there its absence tells nothing.
 */
const printsNumber = (r: ErrorRecord) => r.number !== undefined && r.line.includes(String(r.number));

/**
 * 20009 in words alone: where the text names the server as given, host\INSTANCE went through a Browser lookup and
 * host:port did not, so its connect() failed (a name that does not resolve ends in 20013 first, which these layouts
 * print: DBD::Sybase prints every message). With the host alone (PDO_DBLIB keeps only the last message and the host)
 * no step can be told, and the text is read as it says, a server "unavailable or does not exist": the causes of a
 * server not located include the stopped service and the wrong name or port, which is where a reader starts (and
 * how people label these pastes); `other` would rank no cause at all.
 */
function wordsOnlyConnectFamily(connect: readonly ErrorRecord[]): Family {
  if (connect.some((r) => r.instance === undefined && r.port !== undefined)) return 'refused';
  return 'not_found';
}

/**
 * The family FreeTDS's 20009 and 20002 name, which depends on what came with them, so FAMILY_OF_NUMBER cannot
 * hold it. Where libtds raises them (src/tds/login.c, tds_connect):
 * - 20009 SYBECONN carries the OS error of a failed connect(), or none when FreeTDS never called connect(): the host
 *   name did not resolve (20013 "Unknown host machine name" first, severity 2, which pymssql's min_error_severity of
 *   6 drops) or the SQL Browser lookup of host\INSTANCE gave no port. DB-Library's numbered layouts print the OS
 *   error when there is one, so their 20009 without one is an instance or server that could not be located
 *   (`not_found`); the layouts that print words alone are read by the server they name (wordsOnlyConnectFamily). The ODBC driver
 *   never passes the OS error on and raises 20009 for a refused connect and a failed lookup alike, while a name that
 *   does not resolve ends in 20013 instead: its 20009 reads as a connection nobody accepted (`refused`).
 * - 20002 SYBEFCON follows once the TCP connection is up and the login exchange failed: the handshake (`prelogin`),
 *   unless a timeout (20003, an OS error) came first, or the server answered with a message (20018, "General SQL
 *   Server error: Check messages from the SQL Server"): then the login was refused (`login_failed`).
 *
 * classifyFamily adds this family to the others it sees; a socket outcome or an OS error leaves the family to the socket.
 */
export function freetdsFamily(records: readonly ErrorRecord[]): Family | undefined {
  if (records.some((r) => hasOsError(r) || r.number === SYBETIME)) return undefined;
  // 20018 passes on a message the server sent (severity over 10) during the login: the server refused it, and its
  // own number (18456, 4060 …), where the paste has it, says why at a more specific layer.
  if (records.some((r) => r.number === SYBESMSG)) return 'login_failed';
  const connect = records.filter((r) => r.number === SYBECONN);
  if (connect.length > 0) {
    const dblib = connect.filter((r) => r.provider === 'dblib');
    if (dblib.length === 0) return 'refused';
    return dblib.some(printsNumber) ? 'not_found' : wordsOnlyConnectFamily(dblib);
  }
  return records.some((r) => r.number === SYBEFCON) ? 'prelogin' : undefined;
}
