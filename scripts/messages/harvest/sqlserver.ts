// Harvests SQL Server's own connection and login messages (sys.messages: 18456 and its "Reason:" texts, 4060, 17806,
// 17809, …) from the "Database engine events and errors" tables of MicrosoftDocs/sql-docs into
// messages/sources/sqlserver.json. sql-docs is over the snapshot limit, so the script reads a local directory holding
// the files of SQL_DOCS_FILES (whole, or excerpts with the rows it selects) at their repository paths, read through the
// search index at the commits listed there. The reader of those Markdown files is shared with the azuresql harvester.
//
//   npx tsx scripts/messages/harvest/sqlserver.ts --dir <directory of sql-docs files> [--out messages/sources/sqlserver.json]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { mergeReadings, writeSourceFile, type PlaceholderSyntax, type Reading, type SourceFile } from './source-file.js';

const INCLUDES = 'docs/relational-databases/errors-events/includes';

/** The sql-docs files read through the search index, each at the one commit the index holds (no dates known). */
export const SQL_DOCS_FILES = [
  { path: `${INCLUDES}/database-engine-events-and-errors-0-999.md`, commit: 'daba6cc7721b42a8c75a3850fb22f6064a2958be' },
  { path: `${INCLUDES}/database-engine-events-and-errors-4000-4999.md`, commit: '3855272a0d69f74aaefe57b5fae6826bda17f476' },
  { path: `${INCLUDES}/database-engine-events-and-errors-15000-15999.md`, commit: 'a20020146e449dcba48c383cbe2b95968a5eca75' },
  { path: `${INCLUDES}/database-engine-events-and-errors-16000-17999.md`, commit: '01da85c5f8a85ebdc8b195d62016222e71b60430' },
  { path: `${INCLUDES}/database-engine-events-and-errors-18000-18999.md`, commit: '65c1fac6496ba1da0b36784d2151378767c553d0' },
  { path: `${INCLUDES}/sql-server-2022-database-engine-events-and-errors-16000-17999.md`, commit: '85661292bbfed0400109a76a366311911929b1d8' },
  { path: `${INCLUDES}/sql-server-2022-database-engine-events-and-errors-18000-18999.md`, commit: '2063e24ec67ecf760d837e53ffed1904369455f7' },
  { path: `${INCLUDES}/sql-server-2022-database-engine-events-and-errors-31000-41399.md`, commit: '050debc44006163d57e46a793c451e67b2c03448' },
  { path: `${INCLUDES}/sql-server-2022-database-engine-events-and-errors-41400-49999.md`, commit: '5347a38d086663e907b2f6d34ee73a842b33bc33' },
  { path: 'azure-sql/database/troubleshoot-common-errors-issues.md', commit: '04dd1b357482db16636f67c0109c05b598dc8bef' },
  { path: 'azure-sql/database/connectivity-settings.md', commit: '07cabaeab86d38dcb28d3b57be15ab3a22a3f84e' },
] as const;

export type SqlDocsPath = (typeof SQL_DOCS_FILES)[number]['path'];

// ---------------------------------------------------------------------------------------------------------------
// Markdown

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', bull: '•' };

/** HTML character references as the docs write them (`%.&#x2a;ls` is `%.*ls`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * A table cell's text as the page shows it: links reduced to their text, backslash escapes of punctuation (`%.\*ls`,
 * `\[CLIENT: …\]`, `\@name`) and character references decoded. Runs of spaces stay: the product texts have them.
 */
export function decodeCell(cell: string): string {
  const unlinked = cell.replace(/\[((?:[^\][\\]|\\.)*)\]\([^()\s]*\)/g, '$1');
  return decodeEntities(unlinked.replace(/\\([!-/:-@[-`{-~])/g, '$1'));
}

/** The cells of a Markdown table row, split at the pipes that are not escaped, outer empty cells dropped. */
export function splitRow(line: string): string[] {
  const cells = line.trim().split(/(?<!\\)\|/);
  if (cells[0]?.trim() === '') cells.shift();
  if (cells.at(-1)?.trim() === '') cells.pop();
  return cells.map((cell) => cell.trim());
}

/** One message row of an errors table. */
export interface MessageRow {
  number: number;
  /** The message text, decoded (the code span of the cell when the description holds one). */
  text: string;
}

/**
 * The message rows of every errors table in a page: "| Error | Severity | Event Logged | Description |" (the
 * sys.messages dumps, whose description is the text) and "| Error code | Severity | Description | … |" (the Azure
 * pages, whose description starts with the text in a code span, then explains it). Rows whose first cell is not an
 * error number (`17083`, `[17083](link)`) are skipped: the Azure pages have a "TBD".
 */
export function parseMessageTables(markdown: string): MessageRow[] {
  const rows: MessageRow[] = [];
  let description = -1;
  for (const line of markdown.split(/\r?\n/)) {
    if (!line.trimStart().startsWith('|')) {
      description = -1;
      continue;
    }
    const cells = splitRow(line);
    const header = cells.findIndex((cell) => /^description$/i.test(cell));
    if (header >= 0 && /^error/i.test(cells[0] ?? '')) {
      description = header;
      continue;
    }
    const number = /^\[?(\d{1,6})\]?(?:\([^)]*\))?$/.exec(cells[0] ?? '')?.[1];
    const cell = cells[description];
    if (description < 0 || number === undefined || cell === undefined) continue;
    const code = /`([^`]+)`/.exec(cell)?.[1];
    const text = code === undefined ? decodeCell(cell) : decodeEntities(code);
    if (text !== '') rows.push({ number: Number(number), text });
  }
  return rows;
}

/**
 * The error examples of a page: fenced blocks whose first line is "Error <number>", the message on the lines after it
 * (the docs wrap one message over several lines; they are joined with a space).
 */
export function parseErrorExamples(markdown: string): MessageRow[] {
  const rows: MessageRow[] = [];
  for (const [, body] of markdown.matchAll(/^```[\w-]*\r?\n([\s\S]*?)^```/gm)) {
    const [first = '', ...rest] = body!.split(/\r?\n/).map((line) => line.trim());
    const number = /^Error (\d{1,6})$/.exec(first)?.[1];
    const text = rest.filter(Boolean).join(' ');
    if (number !== undefined && text !== '') rows.push({ number: Number(number), text });
  }
  return rows;
}

/**
 * True for a description the docs table cut at about 255 characters (976: "…To allow read-only access to this and
 * other d"): long, and ending in a letter rather than a full stop or a placeholder.
 */
export function looksCutShort(text: string): boolean {
  return text.length >= 250 && text.length <= 260 && /[A-Za-z]$/.test(text) && !/%[-.*\w]*[a-zA-Z]$/.test(text.slice(-8));
}

// ---------------------------------------------------------------------------------------------------------------
// Harvest

/** How one source picks its messages from the rows of a file. */
export interface DocsSelection {
  source: string;
  /** Whether a row of this file is one of the source's messages. */
  selects: (row: MessageRow, path: SqlDocsPath) => boolean;
}

/** The entries one file gives: table rows as printf templates (sys.messages' own placeholders), examples as plain text. */
export function docsEntries(path: SqlDocsPath, markdown: string, selection: DocsSelection): Reading['entries'] {
  const base = { locale: 'en', layer: 'server', provider: 'server', path } as const;
  const rows: Array<MessageRow & { syntax: PlaceholderSyntax }> = [
    ...parseMessageTables(markdown).map((row) => ({ ...row, syntax: 'printf' as const })),
    ...parseErrorExamples(markdown).map((row) => ({ ...row, syntax: 'none' as const })),
  ];
  return rows
    .filter((row) => selection.selects(row, path))
    .map((row) => ({
      ...base,
      id: `${selection.source}:${row.number}`,
      template: row.text,
      syntax: row.syntax,
      ...(looksCutShort(row.text) ? { note: 'the docs table cuts this description short at about 255 characters' } : {}),
      ...(row.syntax === 'none' ? { note: 'an example of the message a docs page quotes, not its template' } : {}),
    }));
}

/** One Reading a file, in SQL_DOCS_FILES order; the ref is the file's name, since each file is one table version. */
export function readDocs(dir: string, paths: readonly SqlDocsPath[], selection: DocsSelection): Reading[] {
  return SQL_DOCS_FILES.filter(({ path }) => paths.includes(path)).map(({ path, commit }) => {
    const file = join(dir, path);
    if (!existsSync(file)) throw new Error(`missing ${path} under ${dir}`);
    const ref = { ref: path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, ''), commit, date: '' };
    return { ref, entries: docsEntries(path, readFileSync(file, 'utf8'), selection) };
  });
}

/** The messages chosen from the box product's tables, by topic (the ids are the error numbers). */
export const SQLSERVER_NUMBERS = {
  database: [916, 921, 922, 923, 924, 926, 942, 945, 976, 978, 979, 982, 983, 4060, 4061, 4062, 4063, 4064],
  session: [4014, 18056],
  passwordPolicy: [15113, 15114, 15115, 15116, 15117, 15118, 15119, 33062, 33063, 33064],
  availability: [
    17126, 17142, 17144, 17182, 17187, 17188, 17189, 17191, 17197, 17198, 17305, 17658, 17813, 17826, 18401, 18451, 18461,
  ],
  limits: [17809, 17810, 17889, 18458, 18459, 18460, 18489],
  preloginAndTls: [
    17194, 17802, 17803, 17819, 17821, 17827, 17828, 17829, 17830, 17832, 17835, 17836, 17896, 17897, 17898, 17899, 17900,
  ],
  login: [
    17806, 17892, 17893, 18452, 18456, 18462, 18463, 18464, 18465, 18466, 18467, 18468, 18470, 18471, 18486, 18487, 18488,
    18493, 18494, 18495,
  ],
  federatedAuth: [33147, 33154, 33155, 33156],
} as const;

const SQLSERVER_SELECTED = new Set<number>(Object.values(SQLSERVER_NUMBERS).flat());

/** The "Reason: …" texts SQL Server writes after an 18456 (18300–18399), not the words 18369/18370 ("attach"). */
export const isLoginReason = (row: MessageRow): boolean =>
  row.number >= 18300 && row.number <= 18399 && /^\.? ?Reason: /.test(row.text);

export const SQLSERVER_SELECTION: DocsSelection = {
  source: 'sqlserver',
  selects: (row, path) => !path.startsWith('azure-sql/') && (SQLSERVER_SELECTED.has(row.number) || isLoginReason(row)),
};

/** The files the sqlserver source reads (the Azure pages and the 41400–49999 table hold only Azure messages). */
export const SQLSERVER_PATHS: readonly SqlDocsPath[] = SQL_DOCS_FILES.map(({ path }) => path).filter(
  (path) => !path.startsWith('azure-sql/') && !path.endsWith('41400-49999.md'),
);

const SELECTION = [
  'SQL Server messages (sys.messages, English) a connection or login can meet, from the "Database engine events and',
  'errors" tables of sql-docs: the unversioned tables (the wording of older builds: "Windows Authentication") and the',
  'sql-server-2022 tables ("Integrated authentication", 17806 with state and reason, 17830 with SSL/SSPI timings, the',
  'strict-encryption 17819/17821, the contained and Azure "Reason:" texts 18358–18399). Chosen by reading the ranges',
  '0–999, 4000–4999, 15000–15999, 16000–17999, 18000–18999 and 31000–41399 with a keyword filter (login, connect,',
  'password, SSPI, encrypt, SSL/TLS, session, user connections, single-user, recover, paused, shutting down, network,',
  'database … cannot be opened) and keeping by hand what a connection attempt can print or log; every "Reason:" text',
  `18300–18399; numbers by topic in SQLSERVER_NUMBERS of the generator (${SQLSERVER_SELECTED.size} numbers). Refs name`,
  'the table file read, at the commit the search index holds (sql-docs is over the snapshot limit; no dates); the files',
  'are excerpts holding the selected rows. Templates use sys.messages placeholders (printf: %.*ls, %d, %S_MSG); texts',
  'the docs cut at about 255 characters are noted. The azuresql source holds the Azure SQL Database messages.',
].join(' ');

/** A source file of sql-docs messages: the files of `paths` read from `dir`, the rows `selection` picks. */
export function docsSourceFile(
  dir: string,
  paths: readonly SqlDocsPath[],
  selection: DocsSelection,
  about: { title: string; selection: string },
): SourceFile {
  const readings = readDocs(dir, paths, selection);
  return {
    source: selection.source,
    title: about.title,
    repository: 'https://github.com/MicrosoftDocs/sql-docs',
    licence: 'CC-BY-4.0',
    generator: `scripts/messages/harvest/${selection.source}.ts`,
    selection: about.selection,
    harvested: readings.map(({ ref }) => ref),
    entries: mergeReadings(readings),
  };
}

export const harvestSqlServer = (dir: string): SourceFile =>
  docsSourceFile(dir, SQLSERVER_PATHS, SQLSERVER_SELECTION, {
    title: 'SQL Server connection and login messages (sys.messages)',
    selection: SELECTION,
  });

/** The thin main of the two sql-docs harvesters: --dir, --out, write, print one line. Runs only as a script. */
export function runDocsHarvester(moduleUrl: string, defaultOut: string, harvest: (dir: string) => SourceFile): void {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const { values } = parseArgs({ options: { dir: { type: 'string' }, out: { type: 'string' } } });
  if (!values.dir) throw new Error(`usage: --dir <directory of MicrosoftDocs/sql-docs files> [--out ${defaultOut}]`);
  const out = values.out ?? defaultOut;
  const file = harvest(values.dir);
  writeSourceFile(out, file);
  console.log(`${out}: ${file.entries.length} entries from ${file.harvested.length} files`);
}

runDocsHarvester(import.meta.url, 'messages/sources/sqlserver.json', harvestSqlServer);
