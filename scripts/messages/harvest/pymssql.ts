// Harvests pymssql's own connection texts (the layouts its db-lib error and message handlers wrap FreeTDS's text in,
// and the few sentences it raises itself) at every release tag into messages/sources/pymssql.json.
//   npx tsx scripts/messages/harvest/pymssql.ts --git-dir <pymssql/pymssql snapshot> [--out messages/sources/pymssql.json]
import { cStringLiterals } from './c-literal.js';
import type { GitSnapshot, RefInfo } from './git-snapshot.js';
import { harvestCli, harvestRefs, refsByDate } from './harvest-cli.js';
import type { Reading, SourceFile } from './source-file.js';

type Entry = Reading['entries'][number];

/** Where pymssql kept its code: the C module (1.x), then Cython at the root, in src/, and in src/pymssql/. */
export const PYMSSQL_PATHS = [
  'mssqldbmodule.c',
  'pymssql.py',
  '_mssql.pyx',
  'pymssql.pyx',
  'src/_mssql.pyx',
  'src/pymssql.pyx',
  'src/pymssql/_mssql.pyx',
  'src/pymssql/_pymssql.pyx',
];

interface Selector {
  key: string;
  match: RegExp;
  layer: Entry['layer'];
  note: string;
}

/** The texts kept, by their key; matched against every string literal of the files above. */
export const PYMSSQL_SELECTORS: readonly Selector[] = [
  {
    key: 'dblib-error.netlib',
    match: /DB-Lib error message %d, severity %d:\n%s\nNet-Lib error during %s \(%d\)/,
    layer: 'wrapper',
    note: 'err_handler, severity EXCOMM with an OS error: FreeTDS text, then strerror text and errno; the leading %s is the messages collected before',
  },
  {
    key: 'dblib-error.os',
    match: /DB-Lib error message %d, severity %d:\n%s\nOperating System error during %s \(%d\)/,
    layer: 'wrapper',
    note: 'err_handler, other severities with an OS error',
  },
  {
    key: 'dblib-error',
    match: /^(?:%s ?)?DB-Lib error message %d, severity %d:\n%s\n$/,
    layer: 'wrapper',
    note: 'err_handler without an OS error; the message is the FreeTDS db-lib text (20009, 20002 …)',
  },
  {
    key: 'server-message.procedure',
    match: /^SQL Server message %l?d, severity %d, state %d, procedure %s, line %d:\n%s/,
    layer: 'wrapper',
    note: 'the server message (18456 …) as MSSQLDatabaseException.message',
  },
  {
    key: 'server-message',
    match: /^SQL Server message %l?d, severity %d, state %d, line %d:\n%s/,
    layer: 'wrapper',
    note: 'the server message (18456 …) as MSSQLDatabaseException.message',
  },
  {
    key: 'connect-failed-unknown',
    match: /^Connection to the database failed for an unknown reason\.$/,
    layer: 'driver',
    note: 'dbopen() returned NULL and no error handler text was collected',
  },
  { key: 'dblogin-failed', match: /^dblogin\(\) failed$/, layer: 'driver', note: 'allocating the LOGINREC failed' },
  { key: 'dbinit-failed', match: /^dbinit\(\) failed$/, layer: 'driver', note: 'initialising FreeTDS db-lib failed' },
  { key: 'not-connected', match: /^Not connected to any MS SQL server$/, layer: 'driver', note: 'a call on a closed or never-opened connection' },
  { key: 'connection-closed', match: /^Connection is closed\.$/, layer: 'driver', note: 'pymssql.Connection used after close (InterfaceError)' },
  { key: 'connection-properties', match: /^Could not set connection properties$/, layer: 'driver', note: 'the SET commands pymssql sends after login failed' },
  { key: 'unrecognized-tds-version', match: /^unrecognized tds version: %s$/, layer: 'driver', note: 'tds_version argument not known' },
  { key: 'encryption-option', match: /^'encryption' option should be /, layer: 'driver', note: 'encryption argument not one of the FreeTDS levels' },
];

/**
 * pymssql 1.x and 2.0 built the OS-error line from two literals ("%s error during %s" with "Net-Lib" or "Operating
 * System"; 1.x added "Error %d - %s"): the lines they printed, composed from the literals present.
 */
export function composedErrorDuring(literals: readonly string[]): Array<{ key: string; template: string }> {
  const format = literals.find((l) => /^%s error during %s ?$/.test(l));
  if (!format) return [];
  // 1.x: snprintf("%s error during %s ", …) then snprintf("Error %d - %s", …) right after it.
  const line = literals.includes('Error %d - %s') ? `${format}Error %d - %s` : format.trimEnd();
  const words = literals.filter((l) => /^(?:Net-Lib|Operating [Ss]ystem)$/.test(l));
  return words.map((word) => ({
    key: word === 'Net-Lib' ? 'error-during.netlib' : 'error-during.os',
    template: line.replace('%s', word),
  }));
}

const PY_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\u0007', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Decodes a Python string body: \n \t \\ \' \xNN \uXXXX (raw strings are returned as written). */
export function decodePythonString(body: string, raw: boolean): string {
  if (raw) return body;
  return body.replace(/\\(\n|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|[\s\S])/g, (whole, escape: string) => {
    if (escape === '\n') return '';
    if (escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return PY_ESCAPES[escape] ?? whole;
  });
}

/**
 * Every string literal of Python or Cython source, adjacent ones joined ('a' 'b', across backslash-newlines and
 * newlines inside brackets); comments skipped. Prefixes r, b, u, f are accepted (an f-string keeps its {…} as written).
 */
export function pythonStringLiterals(source: string): string[] {
  const literals: Array<{ value: string; start: number; end: number }> = [];
  const token = /#[^\n]*|([rRbBuUfF]{0,2})('''|"""|'|")/g;
  for (let m = token.exec(source); m; m = token.exec(source)) {
    if (m[0].startsWith('#')) continue;
    const quote = m[2] as string;
    const bodyStart = m.index + m[0].length;
    const close = findClose(source, bodyStart, quote);
    if (close < 0) break;
    const value = decodePythonString(source.slice(bodyStart, close), /r/i.test(m[1] as string));
    const end = close + quote.length;
    const previous = literals[literals.length - 1];
    if (previous && /^(?:\s|\\\n)*$/.test(source.slice(previous.end, m.index))) {
      previous.value += value;
      previous.end = end;
    } else literals.push({ value, start: m.index, end });
    token.lastIndex = end;
  }
  return literals.map((l) => l.value);
}

function findClose(source: string, from: number, quote: string): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source.startsWith(quote, i)) return i;
    else if (quote.length === 1 && source[i] === '\n') return -1;
  }
  return -1;
}

/** The entries one ref's files give. */
export function readPymssql(files: ReadonlyMap<string, string | undefined>): Entry[] {
  const entries: Entry[] = [];
  for (const path of PYMSSQL_PATHS) {
    const source = files.get(path);
    if (source === undefined) continue;
    const literals = path.endsWith('.c') ? cStringLiterals(source).map((l) => l.value) : pythonStringLiterals(source);
    const add = (key: string, template: string, layer: Entry['layer'], note: string) =>
      entries.push({
        id: `pymssql:${key}`,
        locale: 'en',
        template,
        syntax: /\{[^}]*\}/.test(template) && !/%[sd]/.test(template) ? 'python' : /%[-0-9.]*l?[sdr]/.test(template) ? 'printf' : 'none',
        layer,
        provider: 'dblib',
        path,
        note,
      });
    for (const selector of PYMSSQL_SELECTORS) {
      for (const literal of new Set(literals.filter((l) => selector.match.test(l)))) add(selector.key, literal, selector.layer, selector.note);
    }
    for (const { key, template } of composedErrorDuring(literals)) {
      add(key, template, 'wrapper', 'pymssql ≤ 2.0 composed this line from "%s error during %s" and the word; in 2.0 it replaced the DB-Lib line instead of following it');
    }
  }
  return entries;
}

export function pymssqlRefs(snapshot: GitSnapshot): RefInfo[] {
  return refsByDate(snapshot, [...snapshot.tags(/^v?\d/), 'master']);
}

export function harvestPymssql(snapshot: GitSnapshot): SourceFile {
  const refs = pymssqlRefs(snapshot);
  return {
    source: 'pymssql',
    title: 'pymssql',
    repository: 'https://github.com/pymssql/pymssql',
    licence: 'LGPL-2.1-or-later',
    generator: 'scripts/messages/harvest/pymssql.ts',
    selection: `String literals of ${PYMSSQL_PATHS.join(', ')} matching the keys of PYMSSQL_SELECTORS: the err_handler layouts ("DB-Lib error message %d, severity %d:" with its Net-Lib / Operating System line), the server message layout, and pymssql's own connection sentences; 1.x and 2.0 composed the OS-error line from two literals, kept as the composed text. The texts inside (20009 …) are FreeTDS's (source freetds): the bundled FreeTDS version decides "Adaptive Server" or "TDS server". Refs: every tag named like a version (the non-release tag "greenish" left out) and master.`,
    harvested: refs,
    entries: harvestRefs(snapshot, refs, PYMSSQL_PATHS, readPymssql),
  };
}

harvestCli(import.meta.url, 'pymssql', (snapshot) => harvestPymssql(snapshot));
