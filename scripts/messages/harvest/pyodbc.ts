// Harvests pyodbc's own texts around a connection failure (the layout it gives every ODBC diagnostic record, and the
// few sentences it raises itself) at every release tag into messages/sources/pyodbc.json.
//   npx tsx scripts/messages/harvest/pyodbc.ts --git-dir <mkleehammer/pyodbc snapshot> [--out messages/sources/pyodbc.json]
import { cStringLiterals } from './c-literal.js';
import type { GitSnapshot, RefInfo } from './git-snapshot.js';
import { harvestCli, harvestRefs, refsByDate } from './harvest-cli.js';
import type { Reading, SourceFile } from './source-file.js';

type Entry = Reading['entries'][number];

export const PYODBC_PATHS = ['src/errors.cpp', 'src/connection.cpp', 'src/pyodbcmodule.cpp'];

interface Selector {
  key: string;
  match: RegExp;
  layer: Entry['layer'];
  note: string;
}

export const PYODBC_SELECTORS: readonly Selector[] = [
  {
    key: 'diag.first',
    match: /^\[%s\] %[sV] \(%ld\) \(%s\)$/,
    layer: 'wrapper',
    note: 'the first ODBC diagnostic record: [SQLSTATE] driver text (native error) (ODBC function); the exception args are (SQLSTATE, this text). 08001, 08S01, HYT00 … raise OperationalError, 28000 and IM00x InterfaceError',
  },
  { key: 'diag.more', match: /^; \[%s\] %[sV] \(%ld\)$/, layer: 'wrapper', note: 'each further diagnostic record, appended to the first' },
  { key: 'no-error', match: /^The driver did not supply an error!$/, layer: 'wrapper', note: 'the call failed and SQLGetDiagRec returned nothing (SQLSTATE HY000)' },
  { key: 'closed-connection', match: /^Attempt to use a closed connection\.$/, layer: 'driver', note: 'ProgrammingError on a closed Connection' },
  { key: 'no-connection-info', match: /^no connection information was passed$/, layer: 'driver', note: 'pyodbc.connect() with neither a string nor keywords' },
  { key: 'sqlallocenv-failed', match: /SQLAllocEnv failed/, layer: 'driver', note: 'importing pyodbc: the ODBC driver manager could not allocate an environment' },
  { key: 'odbc-version-attribute', match: /^Unable to set SQL_ATTR_ODBC_VERSION attribute\.$/, layer: 'driver', note: 'importing pyodbc: the driver manager refused ODBC 3' },
  { key: 'connection-pooling-attribute', match: /^Unable to set SQL_ATTR_CONNECTION_POOLING attribute\.$/, layer: 'driver', note: 'importing pyodbc with pooling on' },
];

export function readPyodbc(files: ReadonlyMap<string, string | undefined>): Entry[] {
  const entries: Entry[] = [];
  for (const path of PYODBC_PATHS) {
    const literals = new Set(cStringLiterals(files.get(path) ?? '').map((l) => l.value));
    for (const selector of PYODBC_SELECTORS) {
      for (const template of [...literals].filter((l) => selector.match.test(l))) {
        entries.push({
          id: `pyodbc:${selector.key}`,
          locale: 'en',
          template,
          // %V is PyUnicode_FromFormat's "object or char*": printf-like.
          syntax: /%[sdV]|%ld/.test(template) ? 'printf' : 'none',
          layer: selector.layer,
          provider: 'odbc',
          path,
          note: selector.note,
        });
      }
    }
  }
  return entries;
}

export function pyodbcRefs(snapshot: GitSnapshot): RefInfo[] {
  return refsByDate(snapshot, [...snapshot.tags(/^\d/), 'master']);
}

export function harvestPyodbc(snapshot: GitSnapshot): SourceFile {
  const refs = pyodbcRefs(snapshot);
  return {
    source: 'pyodbc',
    title: 'pyodbc',
    repository: 'https://github.com/mkleehammer/pyodbc',
    licence: 'MIT-0',
    generator: 'scripts/messages/harvest/pyodbc.ts',
    selection: `String literals of ${PYODBC_PATHS.join(', ')} matching the keys of PYODBC_SELECTORS: the diagnostic-record layout ("[%s] %s (%ld) (%s)", with %V from 4.0.18), the no-diagnostic text, and the connection and driver-manager sentences pyodbc raises itself. The driver's text inside comes from the ODBC driver (msodbcsql, FreeTDS …). Refs: every version tag (the "lost-wide" tag left out) and master.`,
    harvested: refs,
    entries: harvestRefs(snapshot, refs, PYODBC_PATHS, readPyodbc),
  };
}

harvestCli(import.meta.url, 'pyodbc', (snapshot) => harvestPyodbc(snapshot));
