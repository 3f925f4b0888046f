// Harvests PHP's PDO_DBLIB layouts around FreeTDS db-lib errors ("SQLSTATE[01002] Adaptive Server connection failed
// (severity 9)") and its TDS-version texts into messages/sources/php-pdo-dblib.json. php-src is too large for a
// snapshot here, so the files are read from a local directory holding ext/pdo_dblib/*.c as the search index stores
// them, with a manifest.json naming each file's commit:
//   npx tsx scripts/messages/harvest/php-pdo-dblib.ts --dir <dir> [--out messages/sources/php-pdo-dblib.json]
//   manifest.json: {"files": [{"path": "ext/pdo_dblib/dblib_driver.c", "commit": "<sha>", "date": "YYYY-MM-DD or empty"}]}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { literalArguments } from './c-literal.js';
import type { RefInfo } from './git-snapshot.js';
import { isMain } from './harvest-cli.js';
import { mergeReadings, writeSourceFile, type Reading, type SourceFile } from './source-file.js';

type Entry = Reading['entries'][number];

/** Calls whose format or message literal is kept, with the argument it sits in. */
const CALLS: ReadonlyArray<[name: string, argument: number]> = [
  ['zend_throw_exception_ex', 2],
  ['spprintf', 2],
  ['pdo_raise_impl_error', 3],
  ['printf', 0],
];

interface Selector {
  key: string;
  match: RegExp;
  layer: Entry['layer'];
  note: string;
}

export const PDO_DBLIB_SELECTORS: readonly Selector[] = [
  {
    key: 'connect-exception',
    match: /^SQLSTATE\[%s\] %s \(severity %d\)$/,
    layer: 'wrapper',
    note: 'the PDOException new PDO("dblib:…") throws: the SQLSTATE pdo_dblib_error_handler chose (01002 for SYBEFCON 20002 and SYBESEOF 20017, 28000 for SYBEPWD 20014, HY001 for SYBEMEM, else HY000), the last FreeTDS db-lib text, its severity',
  },
  {
    key: 'error-info',
    match: /^%s \[%d\] \(severity %d\)/,
    layer: 'wrapper',
    note: 'errorInfo()[2] after a failed call: the last server or db-lib message, the db-lib number, its severity and the query',
  },
  { key: 'version-set-failed', match: /^PDO_DBLIB: Failed to set version/, layer: 'driver', note: 'SQLSTATE HY000: dbsetlversion refused the DSN\'s version' },
  { key: 'invalid-version', match: /^PDO_DBLIB: Invalid version/, layer: 'driver', note: 'SQLSTATE HY000: the DSN\'s version= is not one PDO_DBLIB knows' },
  { key: 'invalid-version-printf', match: /^Invalid version '%s'/, layer: 'driver', note: 'printed to standard output before the invalid-version error' },
];

export function readPdoDblib(files: ReadonlyMap<string, string | undefined>): Entry[] {
  const entries: Entry[] = [];
  for (const [path, source] of files) {
    if (source === undefined) continue;
    const literals = new Set(CALLS.flatMap(([name, argument]) => literalArguments(source, name, argument).map((l) => l.value)));
    for (const selector of PDO_DBLIB_SELECTORS) {
      for (const template of [...literals].filter((l) => selector.match.test(l))) {
        entries.push({
          id: `php-pdo-dblib:${selector.key}`,
          locale: 'en',
          template,
          syntax: /%[sd]/.test(template) ? 'printf' : 'none',
          layer: selector.layer,
          provider: 'dblib',
          path,
          note: selector.note,
        });
      }
    }
  }
  return entries;
}

interface Manifest {
  files: Array<{ path: string; commit: string; date?: string }>;
}

export function harvestPdoDblib(dir: string): SourceFile {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const readings: Reading[] = manifest.files.map((file) => ({
    ref: { ref: `${file.path}@master`, commit: file.commit, date: file.date ?? '' },
    entries: readPdoDblib(new Map([[file.path, readFileSync(join(dir, file.path), 'utf8')]])),
  }));
  const harvested: RefInfo[] = readings.map((r) => r.ref);
  return {
    source: 'php-pdo-dblib',
    title: 'PHP PDO_DBLIB (php-src ext/pdo_dblib)',
    repository: 'https://github.com/php/php-src',
    licence: 'PHP-3.01',
    generator: 'scripts/messages/harvest/php-pdo-dblib.ts',
    selection: `Format and message literals of ${CALLS.map(([name]) => name).join(', ')} in ext/pdo_dblib/dblib_driver.c and pdo_dblib.c matching the keys of PDO_DBLIB_SELECTORS: the connect exception and errorInfo layouts around FreeTDS's db-lib text, and the TDS-version errors. php-src (877 MB) is over the snapshot limit, so one stored version of each file (the default branch at the commit named in harvested; commit dates not known to the index) was read from the public search index; the same layouts are in PHP 5.x (with TSRMLS_CC), per the index's older copies. The text inside is FreeTDS's (source freetds).`,
    harvested,
    entries: mergeReadings(readings),
  };
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, out: { type: 'string' } } });
  if (!values.dir) {
    console.error('usage: npx tsx scripts/messages/harvest/php-pdo-dblib.ts --dir <dir with manifest.json> [--out messages/sources/php-pdo-dblib.json]');
    process.exit(2);
  }
  const out = values.out ?? 'messages/sources/php-pdo-dblib.json';
  const file = harvestPdoDblib(values.dir);
  writeSourceFile(out, file);
  console.log(`${out}: ${file.entries.length} entries from ${file.harvested.length} refs`);
}
