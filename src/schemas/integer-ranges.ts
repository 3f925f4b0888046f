// The whole numbers each numeric field can hold, and where each bound comes from: one source for the schemas
// (ErrorRecord, facts) and for reading numbers out of pasted text (src/read-integer.ts).

export interface IntegerRange {
  readonly minimum: number;
  readonly maximum: number;
}

const INT32 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 };
const UINT32_MAX = 2 ** 32 - 1;

export const INTEGER_RANGES = {
  /** SQL Server message ids are int (user messages run to 2,147,483,647); SqlClient numbers its own errors -1, -2. */
  errorNumber: INT32,
  /** Win32 and Winsock codes are DWORDs (up to 0xFFFFFFFF); some runtimes report errno negated. */
  osError: { minimum: INT32.minimum, maximum: UINT32_MAX },
  /** An HRESULT as sqlcmd prints it: 32 bits, written signed ("-2147467259") or as hex ("0x80004005"). */
  hresult: { minimum: INT32.minimum, maximum: UINT32_MAX },
  /** SNI keeps its error numbers (0 to about 60, and -1) in an int. */
  sniError: INT32,
  /** A SQL Server error's state is a tinyint: RAISERROR takes 0 to 255. */
  state: { minimum: 0, maximum: 255 },
  /** Severity ("Level", "Class"): SQL Server's run from 0 to 25, DB-Library's are below that. */
  severity: { minimum: 0, maximum: 25 },
  port: { minimum: 0, maximum: 65535 },
  /** A process ID: a DWORD on Windows, smaller elsewhere. */
  pid: { minimum: 0, maximum: UINT32_MAX },
  /** A TCP sequence number is 32 bits (RFC 9293). */
  tcpSequence: { minimum: 0, maximum: UINT32_MAX },
  /** A timeout in seconds or milliseconds: ADO.NET, JDBC and tedious keep it in an int. */
  timeout: { minimum: 0, maximum: INT32.maximum },
  /** How many of something a log or a scan counted: lines, occurrences, names (a JavaScript array's length at most). */
  count: { minimum: 0, maximum: 2 ** 32 - 1 },
  /** A major or minor release number (SQL Server 8 to 17, mssql-jdbc 12, FreeTDS's 1.00 minor 0): never near 10,000. */
  version: { minimum: 0, maximum: 9999 },
} as const satisfies Record<string, IntegerRange>;

export type IntegerField = keyof typeof INTEGER_RANGES;
