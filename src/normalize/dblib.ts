// DB-Library, Microsoft's ("DB-Library: Unable to connect…", "Net-Library error 10061: ConnectionOpen
// (Connect())") and FreeTDS's as tsql, bsqldb, pymssql, PDO_DBLIB and tds_fdw print it
// ("Error 20009 (severity 9): … OS error 111, "Connection refused"", "bsqldb: Msg 20009, Level 9 (OS error 111:
// Connection refused)Unable to connect: …", "DB #: 20009, … OS #: 111").
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { readInteger } from '../read-integer.js';
import { parseServerSpec } from '../target/server-spec.js';
import { compact, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';
import { composeRegex } from '../compose-regex.js';

/** The phrase on its own, but not inside an ODBC record ("[FreeTDS][SQL Server]Unable to connect: …"), which is odbc's. */
const UNABLE_TO_CONNECT = /(?<!\[(?:SQL Server|FreeTDS)\]\s*)Unable to connect: (?:SQL|Adaptive) Server is unavailable or does not exist/i;
/** bsqldb (and freebcp, defncopy): "PROG: Msg 20009, Level 9"; SQL Server's own messages go on ", State N". */
const LEVEL_LAYOUT = String.raw`(?<![A-Za-z])Msg (\d{4,5}), Level (\d+)(?!\d|, State)`;
const SIGNATURE = composeRegex(
  String.raw`DB-Library(?: error)?:|Net-Library error \d+|DB-Lib error|Adaptive Server connection|(?<![A-Za-z])(?:Error|Msg) \d{4,5},? \(?severity|${LEVEL_LAYOUT}|${UNABLE_TO_CONNECT.source}`,
  'i',
);

// A message runs to the next record or the end of the (flat, one-line) text: [\s\S]*?, which only the next record or
// the end can stop, so every start that gets this far matches and no text is scanned twice. With .*?, a line break
// (none in the flat text, but the pattern cannot know) stopped it short of both, and the attempt failed after
// scanning the rest of its line, from every start: quadratic.
const MS_DBLIB = /DB-Library: ([\s\S]*?)(?= Net-Library error| DB-Library:|$)/g;
const NETLIB = /Net-Library error (\d+): ([\s\S]*?)(?= DB-Library:| Net-Library error|$)/g;

/**
 * "DB-Lib error message 20009, severity 9:", "Error 20009 (severity 9):", "Msg 20009 (severity 9)". tsql's login
 * timer prints a seconds counter on the same line ("\r 1\r 2…16Error 20009"), so a digit may touch "Error". The
 * message stops before tsql's own closing lines ("There was a problem connecting…", "locale is…").
 */
const NUMBERED_END = String.raw` DB-Lib error message|\bNet-Lib error|\bOperating System error| OS error|\bError \d|\bMsg \d|\bThere was a problem connecting|\blocale is\b|['"]`;
const NUMBERED = composeRegex(
  String.raw`(?:DB-Lib error message|(?<![A-Za-z])Error|(?<![A-Za-z])Msg) (\d{4,5})(?!, Level)(?:,? \(?severity (\d+)\)?:? ([\s\S]*?))?(?=${NUMBERED_END}|$)`,
  'g',
);
/** bsqldb: the OS error in parentheses, then the message glued on, up to the next "PROG: Msg". */
const LEVELLED = composeRegex(String.raw`${LEVEL_LAYOUT}(?: \(OS error (\d+): ([^()]*)\))?([\s\S]*?)(?= [\w.-]+: Msg \d|$)`, 'g');
/**
 * pymssql's exception arguments: "(18456, b'DB-Lib error message 20018, severity 14:…')". The first is the last
 * message number pymssql saw, the server's (18456) when the server answered, else DB-Library's own (20009).
 */
const PYMSSQL_ARGS = /\((\d{3,6}), b?['"](?=DB-Lib error message|Unable to connect|Adaptive Server|TDS server)/g;
/** tds_fdw: "DB #: 20009, DB Msg: …, OS #: 111, OS Msg: Connection refused, Level: 9". */
const TDS_FDW = /DB #: (\d+), DB Msg: ((?:(?!, OS #: |DB #: ).)*), OS #: (\d+), OS Msg: ((?:(?!, Level: |DB #: ).)*), Level: (\d+)/g;
/** The OS error under a DB-Lib message, in its several spellings (in the flat text, one space stands for any whitespace). */
const OS_ERROR =
  /(?<!\()OS error (\d+),? "?((?:(?!OS error \d)[^"])*?)"?(?= ?$| (?:Error|Msg|DB-Lib|There was)\b)|(?:Net-Lib|Operating System) error during ((?:(?!error during ).)*?) \((\d+)\)|Net-Lib error during (?:(?!Net-Lib error during ).)*? Error (\d+) - ((?:(?!Net-Lib error during ).)*?)(?= ?$| \S+:)/g;

/**
 * FreeTDS appends the server it tried: "does not exist (db01:1433)", "timed out (10.1.2.3)", "Unknown host machine
 * name (db01)". A bare number there is an ODBC native error ("does not exist (20009)"), not a server.
 */
const SERVER_SUFFIX = /(?:does not exist|connection failed|timed out|machine name|from the server) \(((?!\d+\))[^()\s]+)\)/i;
/** DBD::Sybase's CT-Library messages name the server as given: "Server 127.0.0.1:1433, database master". */
const CTLIB_SERVER = /NUMBER = \(\d{1,6}\) Server ([^\s,]{1,300}), database\b/;

export const dblib: ProviderNormalizer = {
  provider: 'dblib',
  detect: (paste) => SIGNATURE.test(paste.flat),
  parse(paste) {
    const records: ErrorRecord[] = [];
    const driver = /Adaptive Server|DB-Library error: DB #|OS error \d/i.test(paste.flat) ? 'FreeTDS' : undefined;
    const push = (fields: Omit<ErrorRecord, 'provider' | 'line'>, index: number) =>
      records.push(withSocketOutcome(compact<ErrorRecord>({ provider: 'dblib', driver, ...fields, line: paste.lineAt(index) })));

    for (const m of matchAll(paste, MS_DBLIB)) push({ message: (m[1] as string).trim() }, m.index);
    for (const m of matchAll(paste, NETLIB)) push({ osError: readInteger(m[1], 'osError'), message: (m[2] as string).trim() }, m.index);
    for (const m of matchAll(paste, NUMBERED)) {
      push({ number: readInteger(m[1], 'errorNumber'), severity: readInteger(m[2], 'severity'), message: (m[3] ?? `DB-Lib error ${m[1]}`).trim() }, m.index);
    }
    for (const m of matchAll(paste, LEVELLED)) {
      push({ number: readInteger(m[1], 'errorNumber'), severity: readInteger(m[2], 'severity'), message: (m[5] as string).trim() || `DB-Lib error ${m[1]}` }, m.index);
      if (m[3]) push({ osError: readInteger(m[3], 'osError'), message: (m[4] as string).trim() }, m.index);
    }
    for (const m of matchAll(paste, TDS_FDW)) {
      push({ number: readInteger(m[1], 'errorNumber'), message: (m[2] as string).trim(), severity: readInteger(m[5], 'severity') }, m.index);
      push({ osError: readInteger(m[3], 'osError'), message: (m[4] as string).trim() }, m.index);
    }
    for (const m of matchAll(paste, OS_ERROR)) {
      const code = (m[1] ?? m[4] ?? m[5]) as string;
      push({ osError: readInteger(code, 'osError'), message: ((m[2] ?? m[3] ?? m[6]) as string).trim() || `OS error ${code}` }, m.index);
    }
    for (const m of matchAll(paste, PYMSSQL_ARGS)) {
      const number = readInteger(m[1], 'errorNumber');
      if (number !== undefined && !records.some((r) => r.number === number)) push({ number, message: `pymssql error ${number}` }, m.index);
    }
    if (records.length === 0) {
      const bare = UNABLE_TO_CONNECT.exec(paste.flat);
      if (bare) push({ message: bare[0] }, bare.index);
    }

    const named = SERVER_SUFFIX.exec(paste.flat) ?? CTLIB_SERVER.exec(paste.flat);
    const spec = named ? parseServerSpec(named[1] as string, { allowColonPort: true }) : undefined;
    const first = records[0];
    if (spec && first && !/^\*+$/.test(spec.host)) Object.assign(first, compact({ server: spec.host, instance: spec.instance, port: spec.port }));
    return records;
  },
};
