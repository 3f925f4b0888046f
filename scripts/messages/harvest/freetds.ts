// Harvests FreeTDS's connection messages (db-lib's dblib_error_messages, libtds's tds_error_messages and the literals
// libtds passed before it had that table, the ODBC driver's SQLSTATE texts and literals, tsql/bsqldb/freebcp layouts,
// and the TDSDUMP lines that name a socket, TLS, Kerberos or lookup failure) at every release tag into
// messages/sources/freetds.json.
//   npx tsx scripts/messages/harvest/freetds.ts --git-dir <FreeTDS/freetds snapshot> [--out messages/sources/freetds.json]
import { literalArguments, readCStrings } from './c-literal.js';
import type { GitSnapshot, RefInfo } from './git-snapshot.js';
import { harvestCli, harvestRefs, refsByDate } from './harvest-cli.js';
import { literalKey, type Reading, type SourceFile } from './source-file.js';

type Entry = Reading['entries'][number];

/**
 * db-lib messages a connection attempt can raise (dbperror, and libtds errors re-raised through
 * _dblib_handle_err_message). Rows whose number no FreeTDS version raises are left out although they read like
 * connection errors: SYBEPWD (only 0.64's libtds literal "Login incorrect." was printed), SYBEPORT (its tdserror is
 * commented out), SYBECAP, SYBENEG, SYBEUTDS, SYBEFRES, SYBEOPIN, SYBEINLN, SYBEUNT, SYBEUNAM, SYBEITIM.
 */
export const DBLIB_SELECTED = [
  'SYBEVERDOWN', // 100: TDS version downgraded to 7.1 (0.91, TDS 7.2+ with a client charset)
  'SYBEICONVAVAIL', // 2401: no conversion between client and server charset (tds_iconv_open at login; EINVAL later)
  'SYBEFCON', // 20002: the login sequence failed after the socket connected
  'SYBETIME', // 20003: a read or write waited past the timeout
  'SYBEREAD', // 20004
  'SYBEWRIT', // 20006
  'SYBESOCK', // 20008: socket(2) failed
  'SYBECONN', // 20009: no TCP connection (connect(2) failed, or no port)
  'SYBEINTF', // 20012: server name neither in freetds.conf/interfaces nor resolvable
  'SYBEUHST', // 20013: no address for the server
  'SYBESEOF', // 20017: the server closed the connection (recv returned 0)
  'SYBEDDNE', // 20047: DBPROCESS is dead
  'SYBECLOS', // 20056
  'SYBEUSCT', // 20058: socket could not be made non-blocking
  'SYBEDBPS', // no more DBPROCESSes
  'SYBENTLL', // LOGINREC field too long
  'SYBEIVERS', // illegal TDS version level (dbsetlversion)
];

/** libtds messages (ODBC, ct-lib and tsql print these; db-lib maps the number to its own table). Never-raised ones left out as above. */
export const LIBTDS_SELECTED = [
  'TDSEVERDOWN',
  'TDSEICONVAVAIL',
  'TDSEFCON',
  'TDSETIME',
  'TDSEREAD',
  'TDSEWRIT',
  'TDSESOCK',
  'TDSECONN',
  'TDSEINTF',
  'TDSEUHST',
  'TDSESEOF',
  'TDSECLOS',
  'TDSEUSCT',
  'TDSECONF',
];

/** The db-lib numbers whose FreeTDS ≤ 0.64 libtds literals are kept: the selected ones, and "Login incorrect." (20014) and the server-message notice (20018). */
const OLD_LITERAL_SYMBOLS = [...DBLIB_SELECTED, 'SYBEPWD', 'SYBESMSG'];

/** FreeTDS ODBC SQLSTATE texts that name a connection, login or configuration failure. */
export const ODBC_STATES = ['01S00', '08001', '08002', '08003', '08004', '08007', '08S01', '28000', 'HY501', 'HYT00', 'HYT01', 'IM007'];

/** Old libtds literals without a SYBE symbol: 10018 "The connection was closed", 10020 "No server specified!". */
const OLD_CLIENT_NUMBERS = new Set([10018, 10020]);
/** Below this, old libtds literals are conversion messages (24xx) that reused numbers the later table gives other meanings. */
const OLD_CLIENT_MIN = 10000;

/** The TDSDUMP lines kept: socket, lookup, TLS, Kerberos and login failures (never shown to the application). */
export const DUMP_SELECTED =
  /connect\(2\)|instance_port|timed out on try|getsockopt\(2\)|socket creation|tds_open_socket\(\) failed|IP address pointer|not found!|No server specified|invalid port|^login packet|not supported using TDS|GSS authentication but not|Unknown protocol version|Certificate hostname|verifying certificate|Certificate status|handshake failed|name resolution failed|cannot specify both port|Failed to find \[|no such version|GSS_S_(?!COMPLETE|CONTINUE)|min_stat|kerberos name/i;

const DBLIB = 'src/dblib/dblib.c';
const DBUTIL = 'src/dblib/dbutil.c';
const SYBDB = 'include/sybdb.h';
const SYBERROR = 'include/syberror.h';
const UTIL = 'src/tds/util.c';
const TDS_HEADERS = ['include/freetds/tds.h', 'include/tds.h'];
const ODBC_ERROR = 'src/odbc/error.c';
const ODBC_LITERAL_FILES = ['src/odbc/odbc.c', 'src/odbc/connectparams.c'];
const DUMP_FILES = ['src/tds/net.c', 'src/tds/login.c', 'src/tds/tls.c', 'src/tds/config.c', 'src/tds/gssapi.c'];
const OLD_LIBTDS_FILES = ['login', 'net', 'read', 'write', 'token', 'util', 'iconv', 'query', 'mem', 'config'].map((f) => `src/tds/${f}.c`);
const APP_FILES = ['src/apps/tsql.c', 'src/apps/bsqldb.c', 'src/apps/freebcp.c'];
export const FREETDS_PATHS = [DBLIB, DBUTIL, SYBDB, SYBERROR, UTIL, ...TDS_HEADERS, ODBC_ERROR, ...ODBC_LITERAL_FILES, ...DUMP_FILES, ...OLD_LIBTDS_FILES, ...APP_FILES];

/** `#define NAME 123` and `NAME = 123` (enum members): the numbers behind SYBExxx, TDSExxx and EXxxx. */
export function parseNumbers(header: string): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const m of header.matchAll(/^[ \t]*#[ \t]*define[ \t]+([A-Z][A-Z0-9_]*)[ \t]+(-?\d+)\b/gm)) numbers.set(m[1] as string, Number(m[2]));
  for (const m of header.matchAll(/\b([A-Z][A-Z0-9_]*)[ \t]*=[ \t]*(-?\d+)[ \t]*[,}\n]/g)) {
    if (!numbers.has(m[1] as string)) numbers.set(m[1] as string, Number(m[2]));
  }
  return numbers;
}

export interface TableRow {
  symbol: string;
  severity: string;
  text: string;
  /** dbstrbuild argument formats, the part after "\0" (db-lib only; '' when the message has no placeholders). */
  formats?: string;
}

/** Rows `{ SYMBOL, SEVERITY, "text" "more" }` of the C array `name[] = { … };`. */
export function parseMessageTable(source: string, name: string): TableRow[] {
  const start = source.search(new RegExp(String.raw`\b${name}\s*\[\s*\]\s*=`));
  if (start < 0) return [];
  const end = source.indexOf('};', start);
  const body = source.slice(start, end < 0 ? undefined : end);
  const rows: TableRow[] = [];
  for (const m of body.matchAll(/\{\s*([A-Z][A-Z0-9_]*)\s*,\s*([A-Z][A-Z0-9_]*)\s*,\s*(?=")/g)) {
    const literal = readCStrings(body, (m.index ?? 0) + m[0].length);
    if (!literal) continue;
    const [text = '', formats] = literal.value.split('\u0000');
    rows.push({ symbol: m[1] as string, severity: m[2] as string, text, ...(formats === undefined ? {} : { formats }) });
  }
  return rows;
}

/** `ODBCERR("08001", "Unable to connect to data source")` rows of the ODBC driver's SqlMsgMap. */
export function parseSqlMsgMap(source: string): Array<{ state: string; text: string }> {
  const rows: Array<{ state: string; text: string }> = [];
  for (const m of source.matchAll(/\bODBCERR\(\s*"(\w{5})"\s*,\s*(?=")/g)) {
    const literal = readCStrings(source, (m.index ?? 0) + m[0].length);
    if (literal) rows.push({ state: m[1] as string, text: literal.value });
  }
  return rows;
}

/** `odbc_errs_add(errs, "HY000", "literal")`: the ODBC driver's own texts, with their SQLSTATE. */
export function parseOdbcLiterals(source: string): Array<{ state: string; text: string }> {
  const rows: Array<{ state: string; text: string }> = [];
  for (const m of source.matchAll(/\bodbc_errs_add\(\s*[^,()]+(?:\([^()]*\))?[^,()]*,\s*"(\w{5})"\s*,\s*(?=")/g)) {
    const literal = readCStrings(source, (m.index ?? 0) + m[0].length);
    if (literal) rows.push({ state: m[1] as string, text: literal.value });
  }
  return rows;
}

/** FreeTDS ≤ 0.64: `tds_client_msg(ctx, tds, 20009, 9, 0, 0, "Server is unavailable or does not exist.")`. */
export function parseClientMsgLiterals(source: string): Array<{ msgno: string; severity: string; text: string }> {
  const rows: Array<{ msgno: string; severity: string; text: string }> = [];
  const call = /\btds_client_msg\(\s*(?:[\w>.-]+\s*,\s*)?[\w>.-]+\s*,\s*(\w+)\s*,\s*(\w+)\s*,\s*[^,()]+,\s*[^,()]+,\s*(?=")/g;
  for (const m of source.matchAll(call)) {
    const literal = readCStrings(source, (m.index ?? 0) + m[0].length);
    if (literal) rows.push({ msgno: m[1] as string, severity: m[2] as string, text: literal.value });
  }
  return rows;
}

/** The format literal of every printf/fprintf(stderr|stdout, …) call. */
export function printfLiterals(source: string): string[] {
  return [...literalArguments(source, 'printf', 0), ...literalArguments(source, 'fprintf', 1)].map((l) => l.value);
}

/** TDSDUMP literals: tdsdump_log(LEVEL, "…") and the GSS status texts gssapi.c assigns before logging them. */
export function dumpLiterals(source: string): string[] {
  const logged = literalArguments(source, 'tdsdump_log', 1).map((l) => l.value);
  const assigned = [...source.matchAll(/\bmsg\s*=\s*(?=")/g)]
    .map((m) => readCStrings(source, (m.index ?? 0) + m[0].length)?.value)
    .filter((text): text is string => text !== undefined && text.startsWith('GSS_S_'));
  return [...logged, ...assigned];
}

/** The placeholder syntax of a C message: printf (%s, %d) and dbstrbuild (%1!) both count as printf. */
const syntaxOf = (template: string): Entry['syntax'] => (/%(?:[-+ #0-9.*]*[a-zA-Z]|\d+!)/.test(template) ? 'printf' : 'none');

/** Notes the wording generation: 1.5 says "TDS server" where older releases said "Adaptive Server" or "SQL Server". */
function wordingNote(template: string): string | undefined {
  if (/Adaptive Server/.test(template)) return 'pre-1.5 wording ("Adaptive Server"; 1.5 says "TDS server", commit fb2e93535)';
  if (/TDS server/.test(template)) return '1.5+ wording ("TDS server"; older releases say "Adaptive Server", commit fb2e93535)';
  if (/SQL [Ss]erver/.test(template) && !/\[SQL Server\]/.test(template)) return 'FreeTDS 0.6x wording ("SQL Server")';
  return undefined;
}

/** Commit 61798559c (first in 0.95): dbperror adds the server the DBPROCESS was opened to. */
const DBPERROR_SUFFIX = 'from FreeTDS 0.95 dbperror appends " (<server>)", e.g. "… does not exist (db01:1433)"';

const joinNotes = (...notes: Array<string | undefined>) => notes.filter(Boolean).join('; ') || undefined;

interface TaggedSelector {
  key: string;
  match: RegExp;
  layer: Entry['layer'];
}

/** tsql, bsqldb and freebcp: the lines they print around a library error (all print db-lib's or libtds's text). */
export const APP_SELECTORS: Readonly<Record<string, readonly TaggedSelector[]>> = {
  'src/apps/tsql.c': [
    { key: 'tsql.connect-failed', match: /There was a problem connecting to the server/, layer: 'wrapper' },
    { key: 'tsql.error', match: /^Error %d \(severity %d\)/, layer: 'wrapper' },
    { key: 'tsql.os-error', match: /OS error %d/, layer: 'wrapper' },
    { key: 'tsql.message', match: /^Msg %d[ ,(]/, layer: 'wrapper' },
    { key: 'tsql.missing-server', match: /Missing argument -S or -H/, layer: 'driver' },
    { key: 'tsql.no-default-port', match: /no default port provided by host/, layer: 'driver' },
    { key: 'tsql.default-instance-lookup', match: /looking for default instance/, layer: 'driver' },
    { key: 'tsql.instance-port', match: /connecting to instance %s on port %d/, layer: 'driver' },
  ],
  'src/apps/bsqldb.c': [
    { key: 'bsqldb.error', match: /^%s: Msg %d, Level %d/, layer: 'wrapper' },
    { key: 'bsqldb.dblib-error', match: /^%s: DB-LIBRARY error/, layer: 'wrapper' },
    { key: 'bsqldb.os-error', match: /\(OS error %d: %s\)/, layer: 'wrapper' },
    { key: 'bsqldb.message', match: /^Msg %ld, Level %d, State %d/, layer: 'wrapper' },
  ],
  'src/apps/freebcp.c': [
    { key: 'freebcp.error', match: /^Msg %d, Level %d\n$/, layer: 'wrapper' },
    { key: 'freebcp.dblib-error', match: /^DB-LIBRARY error/, layer: 'wrapper' },
  ],
};

/**
 * Everything one ref's files say. `files` maps a repository path to its text (undefined: absent at that ref);
 * `knownNumbers` gives the db-lib numbers an old sybdb.h lacks (0.53 and 0.60 define almost none; Sybase fixed them).
 */
export function readFreetds(files: ReadonlyMap<string, string | undefined>, knownNumbers: ReadonlyMap<string, number> = new Map()): Entry[] {
  const text = (path: string) => files.get(path);
  const sybdb = new Map([...knownNumbers, ...parseNumbers(text(SYBERROR) ?? ''), ...parseNumbers(text(SYBDB) ?? '')]);
  const tdsNumbers = parseNumbers(TDS_HEADERS.map(text).find((t) => t !== undefined) ?? '');
  const util = text(UTIL);
  const utilNumbers = parseNumbers(util ?? '');
  return [
    ...tableEntries(text(DBLIB), DBLIB, 'dblib_error_messages', DBLIB_SELECTED, 'dblib', (row) =>
      joinNotes(
        numberNote('db-lib error', sybdb.get(row.symbol), row.severity, sybdb.get(row.severity)),
        row.formats ? `dbstrbuild placeholders %1!, %2!, argument formats "${row.formats}"` : undefined,
        DBPERROR_SUFFIX,
        wordingNote(row.text),
      ),
    ),
    ...tableEntries(util, UTIL, 'tds_error_messages', LIBTDS_SELECTED, 'odbc', (row) =>
      joinNotes(
        numberNote('libtds error', tdsNumbers.get(row.symbol), row.severity, utilNumbers.get(row.severity)),
        'the ODBC driver prints it after "[FreeTDS][SQL Server]", ct-lib and tsql print it bare; db-lib prints its own table\'s text for the number',
        wordingNote(row.text),
      ),
    ),
    ...(util === undefined || !/\btds_error_messages\b/.test(util) ? oldClientMessages(files, sybdb) : []),
    ...serverMessageEntries(text(DBUTIL), sybdb),
    ...odbcEntries(files),
    ...appEntries(files),
    ...dumpEntries(files),
  ];
}

/** One harvested text of FreeTDS, its syntax read from the template. */
function entry(key: string, template: string, path: string, layer: Entry['layer'], provider: string | undefined, note: string | undefined): Entry {
  return { id: `freetds:${key}`, locale: 'en', template, syntax: syntaxOf(template), layer, ...(provider ? { provider } : {}), path, ...(note ? { note } : {}) };
}

function tableEntries(
  source: string | undefined,
  path: string,
  table: string,
  selected: readonly string[],
  provider: string,
  noteOf: (row: TableRow) => string | undefined,
): Entry[] {
  if (source === undefined) return [];
  return parseMessageTable(source, table)
    .filter((row) => selected.includes(row.symbol))
    .map((row) => entry(row.symbol, row.text, path, 'driver', provider, noteOf(row)));
}

function serverMessageEntries(dbutil: string | undefined, sybdb: ReadonlyMap<string, number>): Entry[] {
  const template = serverMessageText(dbutil ?? '');
  if (template === undefined) return [];
  const note = `db-lib error ${sybdb.get('SYBESMSG') ?? 20018} with the server message's own severity: _dblib_handle_info_message passes this literal to the error handler for every server message of severity > 10 (18456 …); dblib_error_messages' SYBESMSG row ("General Adaptive/TDS server error") is never printed`;
  return [entry('SYBESMSG', template, DBUTIL, 'driver', 'dblib', note)];
}

function odbcEntries(files: ReadonlyMap<string, string | undefined>): Entry[] {
  const entries: Entry[] = [];
  const odbcError = files.get(ODBC_ERROR);
  const states = odbcError === undefined ? [] : parseSqlMsgMap(odbcError);
  for (const row of states.filter((r) => ODBC_STATES.includes(r.state))) {
    const note = `SQLSTATE ${row.state}: the ODBC driver's text when no more specific one is given, printed after "[FreeTDS][SQL Server]"`;
    entries.push(entry(`odbc.${row.state}`, row.text, ODBC_ERROR, 'driver', 'odbc', note));
  }
  const prefix = odbcError === undefined ? null : /msgprefix\[\]\s*=\s*(?=")/.exec(odbcError);
  const prefixText = prefix && readCStrings(odbcError ?? '', prefix.index + prefix[0].length)?.value;
  if (prefixText) {
    const note = "SQLGetDiagRec puts it before every FreeTDS ODBC message, the server's included";
    entries.push(entry('odbc.prefix', prefixText, ODBC_ERROR, 'wrapper', 'odbc', note));
  }
  const stateTexts = new Set(states.map((row) => `${row.state} ${row.text}`));
  for (const path of ODBC_LITERAL_FILES) {
    for (const row of parseOdbcLiterals(files.get(path) ?? '')) {
      if (!isConnectionOdbcLiteral(row.state, row.text, path) || stateTexts.has(`${row.state} ${row.text}`)) continue;
      const note = `SQLSTATE ${row.state}, printed after "[FreeTDS][SQL Server]"`;
      entries.push(entry(`odbc.${row.state}.${literalKey(row.text)}`, row.text, path, 'driver', 'odbc', note));
    }
  }
  return entries;
}

function appEntries(files: ReadonlyMap<string, string | undefined>): Entry[] {
  return Object.entries(APP_SELECTORS).flatMap(([path, selectors]) => {
    const literals = printfLiterals(files.get(path) ?? '');
    const note = `printed by ${path.replace(/^src\/apps\/|\.c$/g, '')}`;
    return selectors.flatMap((selector) =>
      literals.filter((l) => selector.match.test(l)).map((literal) => entry(selector.key, literal, path, selector.layer, 'dblib', note)),
    );
  });
}

function dumpEntries(files: ReadonlyMap<string, string | undefined>): Entry[] {
  const note = 'a TDSDUMP trace line (written to the dump file only, never shown to the application)';
  return DUMP_FILES.flatMap((path) =>
    [...new Set(dumpLiterals(files.get(path) ?? ''))]
      .filter((literal) => DUMP_SELECTED.test(literal))
      .map((literal) => entry(`log.${literalKey(literal)}`, literal, path, 'driver', undefined, note)),
  );
}

/** The literal db-lib hands to the error handler with SYBESMSG (dbutil.c, `static const char message[] = "…"`). */
export function serverMessageText(dbutil: string): string | undefined {
  const m = /\bmessage\[\]\s*=\s*(?=")/.exec(dbutil);
  return m ? readCStrings(dbutil, m.index + m[0].length)?.value : undefined;
}

function numberNote(kind: string, number: number | undefined, severity: string, severityNumber: number | undefined): string {
  const severityText = severityNumber === undefined ? severity : `${severityNumber} (${severity})`;
  return `${kind} ${number ?? '?'}, severity ${severityText}`;
}

/** ODBC literals kept: connection SQLSTATEs, connection-string parsing, and texts that name a server, login or charset. */
function isConnectionOdbcLiteral(state: string, text: string, path: string): boolean {
  if (/^(08|28|IM|HYT)/.test(state) || state === '01S00') return true;
  if (path.endsWith('connectparams.c')) return true;
  if (/buffer length/i.test(text)) return false;
  return /\bserver\b|\bDSN\b|\blogin\b|charset|character set|\bport\b|instance|encrypt|certificate|kerberos|tds version/i.test(text);
}

/** FreeTDS ≤ 0.64 passed literals from libtds straight to the client library's error handler (db-lib printed them). */
function oldClientMessages(files: ReadonlyMap<string, string | undefined>, sybdb: ReadonlyMap<string, number>): Entry[] {
  const symbolOf = new Map([...sybdb].filter(([name]) => name.startsWith('SYBE')).map(([name, n]) => [n, name]));
  const entries: Entry[] = [];
  for (const path of [...OLD_LIBTDS_FILES, DBLIB, DBUTIL]) {
    const source = files.get(path);
    if (source === undefined) continue;
    for (const row of parseClientMsgLiterals(source)) {
      const number = /^\d+$/.test(row.msgno) ? Number(row.msgno) : sybdb.get(row.msgno);
      if (number === undefined || number < OLD_CLIENT_MIN) continue;
      const symbol = symbolOf.get(number);
      const selected = symbol ? OLD_LITERAL_SYMBOLS.includes(symbol) : OLD_CLIENT_NUMBERS.has(number);
      if (!selected) continue;
      const note = joinNotes(
        `libtds literal for error ${number} (tds_client_msg), passed as is to db-lib's, ODBC's and tsql's handlers (FreeTDS ≤ 0.64)`,
        wordingNote(row.text),
      );
      entries.push(entry(symbol ?? `libtds.${number}`, row.text, path, 'driver', 'dblib', note));
    }
  }
  return entries;
}

/** Release tags (R0_53 … R1_5RC2, v1.1.1 … v1.5.x), the heads of the branches whose patch releases have no tag, and master. */
export const FREETDS_BRANCH_HEADS = ['BRANCH0_60', 'BRANCH0_61', 'BRANCH0_62', 'BRANCH0_63', 'BRANCH0_64', 'BRANCH0_82', 'Branch-0_91', 'Branch-0_95', 'Branch-1_00'];

export function freetdsRefs(snapshot: GitSnapshot): RefInfo[] {
  const names = [...snapshot.tags(/^(?:R\d|v\d)/), ...FREETDS_BRANCH_HEADS, 'master'];
  return refsByDate(snapshot, names);
}

export function harvestFreetds(snapshot: GitSnapshot): SourceFile {
  const refs = freetdsRefs(snapshot);
  const knownNumbers = new Map([...parseNumbers(snapshot.read('master', SYBERROR) ?? ''), ...parseNumbers(snapshot.read('master', SYBDB) ?? '')]);
  return {
    source: 'freetds',
    title: 'FreeTDS (db-lib, libtds, ODBC driver, tsql)',
    repository: 'https://github.com/FreeTDS/freetds',
    licence: 'LGPL-2.0-or-later',
    generator: 'scripts/messages/harvest/freetds.ts',
    selection: FREETDS_SELECTION,
    harvested: refs,
    entries: harvestRefs(snapshot, refs, FREETDS_PATHS, (files) => readFreetds(files, knownNumbers)),
  };
}

const FREETDS_SELECTION = [
  `db-lib: the rows of dblib_error_messages[] in ${DBLIB} named ${DBLIB_SELECTED.join(', ')} (connection, socket, host and server-name lookup, login, timeout, EOF/read/write, TDS version, charset at login; rows no FreeTDS version raises — SYBEPWD, SYBEPORT, SYBECAP, SYBENEG, SYBEUTDS, SYBEFRES, SYBEOPIN, SYBEINLN, SYBEUNT, SYBEUNAM, SYBEITIM, and SYBESMSG's table row — are left out); the template is the text before "\\0", the dbstrbuild formats after it go in the note; numbers from ${SYBDB}. From 0.95 dbperror appends " (<server>)" to every message.`,
  `libtds: the rows of tds_error_messages[] in ${UTIL} named ${LIBTDS_SELECTED.join(', ')} (numbers from include/freetds/tds.h or include/tds.h); provider odbc, because db-lib re-raises a libtds error with its own table's text (_dblib_handle_err_message → dbperror), so these texts reach users through the ODBC driver ("[FreeTDS][SQL Server]…"), ct-lib and tsql.`,
  `SYBESMSG (20018): the literal db-lib really passes with every server message of severity > 10 (${DBUTIL}), not the table's row.`,
  `Before libtds had that table (FreeTDS ≤ 0.64) it passed literals to the client library (tds_client_msg); those with a selected db-lib number, 20014 ("Login incorrect."), 20018, 10018 and 10020 are kept under the db-lib id of their number, provider dblib.`,
  `ODBC: SqlMsgMap[] texts of SQLSTATEs ${ODBC_STATES.join(', ')}, the "[FreeTDS][SQL Server]" prefix, and odbc_errs_add literals in ${ODBC_LITERAL_FILES.join(', ')} with an 08/28/IM/HYT/01S00 SQLSTATE, from connectparams.c, or naming a server, DSN, login, charset, port, instance or encryption.`,
  `Apps: the printf layouts tsql, bsqldb and freebcp print around a library error, and tsql's own connection lines (keys in APP_SELECTORS), provider dblib.`,
  `TDSDUMP: tdsdump_log literals (and gssapi.c's GSS_S_ status texts) in ${DUMP_FILES.join(', ')} matching ${DUMP_SELECTED.source}; no provider, they appear only in dump files.`,
  `ct-lib's own messages (src/ctlib) are API-usage errors; its connection failures are libtds texts, so none is harvested from it.`,
  `Refs: every R* and v* tag, the heads of ${FREETDS_BRANCH_HEADS.join(', ')} (the 0.6x–1.00 patch releases have no tags), and master. Tags before R0_64 have no message table (0.53–0.63 libtds literals are read the same way).`,
].join(' ');

harvestCli(import.meta.url, 'freetds', (snapshot) => harvestFreetds(snapshot));
