// Client libraries that reject their own settings before any connection is attempted: a connection string
// they cannot parse, a keyword they do not know, a LocalDB name on a platform without LocalDB. No server
// was contacted, so these texts carry no socket, SNI or server error number to read.
import type { Facts } from '../schemas/facts.js';

type ConfigError = NonNullable<Facts['error.configError']>;

/** go-mssqldb's message for a connection-string value it cannot read (older versions capitalise "Invalid"). */
export const GO_DSN_VALUE = /\b[Ii]nvalid (?:tcp port|packet size|connection timeout|dial timeout|timezone) '[^'\n]{0,300}': [^\n]{1,300}/;

/** Most specific first; the wordings are the clients' own (System.Data.Common, the ODBC driver manager, managed SNI). */
const CONFIG_SIGNALS: ReadonlyArray<readonly [RegExp, ConfigError]> = [
  // Managed SNI (SqlClient on Linux and macOS) has no LocalDB: it names the platform, not the server.
  [/LocalDB is not supported on this platform/i, 'localdb-unsupported'],
  // ADO.NET's parser: an unquoted ';' or '=' in a value, a missing "Server=", a connection string *name* passed as the string.
  [/Format of the initialization string does not conform to specification starting at index \d+/i, 'connection-string-format'],
  [/Keyword not supported: '[^'\n]{0,80}'/i, 'keyword-not-supported'],
  // go-mssqldb's parser (msdsn): a value that does not parse, as when a URL-style DSN lands in the port
  // ("invalid tcp port '1433 user=teste …': strconv.ParseUint: parsing …: invalid syntax").
  [GO_DSN_VALUE, 'connection-string-format'],
  // The ODBC driver manager and drivers: SQLSTATE 01S00 with this text.
  [/Invalid connection string attribute/i, 'invalid-attribute'],
];

/** What the client said about its own settings, and where in the flat text it said it. */
export function configErrorIn(flat: string): { error: ConfigError; index: number } | undefined {
  for (const [pattern, error] of CONFIG_SIGNALS) {
    const m = pattern.exec(flat);
    if (m) return { error, index: m.index };
  }
  return undefined;
}
