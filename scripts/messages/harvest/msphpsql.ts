// Harvests the PHP SQL Server drivers' own connection texts (sqlsrv's and pdo_sqlsrv's IMSSP tables: driver missing,
// connection options, access tokens, authentication keywords …, and pdo_sqlsrv's exception layout) at every release
// tag into messages/sources/msphpsql.json. Network and login failures themselves pass through from the ODBC driver.
//   npx tsx scripts/messages/harvest/msphpsql.ts --git-dir <microsoft/msphpsql snapshot> [--out messages/sources/msphpsql.json]
import { readCStrings } from './c-literal.js';
import type { GitSnapshot, RefInfo } from './git-snapshot.js';
import { harvestCli, harvestRefs, refsByDate } from './harvest-cli.js';
import type { Reading, SourceFile } from './source-file.js';

type Entry = Reading['entries'][number];

/** Each extension's error table, in the layouts of 3.x (no source/ folder) and 4.3+. */
export const MSPHPSQL_FILES: ReadonlyArray<{ path: string; extension: 'sqlsrv' | 'pdo_sqlsrv' }> = [
  { path: 'sqlsrv/util.cpp', extension: 'sqlsrv' },
  { path: 'source/sqlsrv/util.cpp', extension: 'sqlsrv' },
  { path: 'pdo_sqlsrv/pdo_util.cpp', extension: 'pdo_sqlsrv' },
  { path: 'source/pdo_sqlsrv/pdo_util.cpp', extension: 'pdo_sqlsrv' },
];

/** Table keys kept: the driver, connection options and strings, DSN, authentication, access tokens, key stores. */
export const MSPHPSQL_SELECTED =
  /DRIVER_NOT_INSTALLED|SPECIFIED_DRIVER_NOT_FOUND|CONNECT_INVALID_DRIVER|CE_DRIVER_REQUIRED|_INVALID_OPTION$|INVALID_OPTION_KEY$|INVALID_OPTION_TYPE_(?:INT|STRING)$|CONNECT_|CONN_OPTS|CONNECTION_KEY|UID_PWD|DSN|SERVER_NOT_SPECIFIED|AUTHENTICATION_OPTION|ACCESS_TOKEN|AAD_MSI|KEYSTORE|AKV|UNKNOWN_SERVER_VERSION/;

export interface ErrorRow {
  key: string;
  sqlstate: string;
  text: string;
  code: number;
}

/** Rows `{ KEY, { IMSSP, (SQLCHAR*) "text" "more", -49, true } }` of an msphpsql error table. */
export function parseErrorTable(source: string): ErrorRow[] {
  const rows: ErrorRow[] = [];
  const head = /\{\s*([A-Z][A-Z0-9_]*)\s*,\s*\{\s*(\w+|"\w+")\s*,\s*\(\s*SQLCHAR\s*\*\s*\)\s*(?=")/g;
  for (const m of source.matchAll(head)) {
    const literal = readCStrings(source, (m.index ?? 0) + m[0].length);
    const code = literal && /^\s*,\s*(-?\d+)/.exec(source.slice(literal.end, literal.end + 40));
    if (!literal || !code) continue;
    rows.push({ key: m[1] as string, sqlstate: (m[2] as string).replace(/"/g, ''), text: literal.value, code: Number(code[1]) });
  }
  return rows;
}

/** `const char EXCEPTION_MSG_TEMPLATE[] = "SQLSTATE[%s]: %s";` and the like. */
export function parseTemplates(source: string): Array<{ name: string; text: string }> {
  const found: Array<{ name: string; text: string }> = [];
  for (const m of source.matchAll(/\bconst\s+char\s+([A-Z_]*TEMPLATE)\s*\[\s*\]\s*=\s*(?=")/g)) {
    const literal = readCStrings(source, (m.index ?? 0) + m[0].length);
    if (literal) found.push({ name: m[1] as string, text: literal.value });
  }
  return found;
}

const TEMPLATE_NOTES: Readonly<Record<string, string>> = {
  EXCEPTION_MSG_TEMPLATE: 'the PDOException message: SQLSTATE and the driver text ("SQLSTATE[08001]: [Microsoft][ODBC Driver 18 for SQL Server]…", "SQLSTATE[IMSSP]: …")',
  WARNING_TEMPLATE: 'the warning pdo_sqlsrv emits in PDO::ERRMODE_WARNING',
};

const syntaxOf = (text: string): Entry['syntax'] => (/%(?:\d+!\w+!|[sd])/.test(text) ? 'printf' : 'none');

export function readMsphpsql(files: ReadonlyMap<string, string | undefined>): Entry[] {
  const entries: Entry[] = [];
  for (const { path, extension } of MSPHPSQL_FILES) {
    const source = files.get(path);
    if (source === undefined) continue;
    for (const row of parseErrorTable(source).filter((r) => MSPHPSQL_SELECTED.test(r.key))) {
      entries.push({
        id: `msphpsql:${extension}.${row.key}`,
        locale: 'en',
        template: row.text,
        syntax: syntaxOf(row.text),
        layer: 'driver',
        provider: 'odbc',
        path,
        note: `${extension} error: SQLSTATE ${row.sqlstate}, code ${row.code}`,
      });
    }
    for (const template of parseTemplates(source).filter((t) => TEMPLATE_NOTES[t.name])) {
      entries.push({
        id: `msphpsql:${extension}.${template.name}`,
        locale: 'en',
        template: template.text,
        syntax: 'printf',
        layer: 'wrapper',
        provider: 'odbc',
        path,
        note: TEMPLATE_NOTES[template.name],
      });
    }
  }
  return entries;
}

export function msphpsqlRefs(snapshot: GitSnapshot): RefInfo[] {
  return refsByDate(snapshot, [...snapshot.tags(/\d/), 'dev']);
}

export function harvestMsphpsql(snapshot: GitSnapshot): SourceFile {
  const refs = msphpsqlRefs(snapshot);
  const paths = MSPHPSQL_FILES.map((f) => f.path);
  return {
    source: 'msphpsql',
    title: 'Microsoft Drivers for PHP for SQL Server (sqlsrv, pdo_sqlsrv)',
    repository: 'https://github.com/microsoft/msphpsql',
    licence: 'MIT',
    generator: 'scripts/messages/harvest/msphpsql.ts',
    selection: `Rows of the error tables in ${paths.join(', ')} whose key matches ${MSPHPSQL_SELECTED.source} (ODBC driver missing or not found, invalid connection options and option types, connection-string and DSN syntax, braces in UID/PWD, Authentication keywords, Azure AD access tokens, managed identity, Always Encrypted key-store options, the server version check after connecting), ids <extension>.<key> because sqlsrv and pdo_sqlsrv word and number the same key differently; plus pdo_sqlsrv's exception and warning layouts. Placeholders are %1!s! (sqlcmd style). Network, TLS and login failures are the ODBC driver's text (msodbcsql, closed source) passed through. Refs: every tag and the default branch dev (v4.0.1-Linux and v4.0.2-Linux hold binaries only, v4.0.0 and v4.0.3 sqlsrv only).`,
    harvested: refs,
    entries: harvestRefs(snapshot, refs, paths, readMsphpsql),
  };
}

harvestCli(import.meta.url, 'msphpsql', (snapshot) => harvestMsphpsql(snapshot));
