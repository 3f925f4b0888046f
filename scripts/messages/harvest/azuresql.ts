// Harvests the Azure SQL Database gateway and service messages a connection can meet (40613, 40615, 40532, 47073, the
// resource-governance 10928/10929, …) from MicrosoftDocs/sql-docs into messages/sources/azuresql.json: the rows of
// the SQL Server 2022 sys.messages tables that are Azure's, the tables of the Azure troubleshooting page, and the
// error examples of the connectivity-settings page. Same local directory and reader as the sqlserver harvester.
//
//   npx tsx scripts/messages/harvest/azuresql.ts --dir <directory of sql-docs files> [--out messages/sources/azuresql.json]
import type { SourceFile } from './source-file.js';
import { docsSourceFile, runDocsHarvester, SQL_DOCS_FILES, type DocsSelection, type SqlDocsPath } from './sqlserver.js';

/** The messages chosen, by topic (the ids are the error numbers). */
export const AZURESQL_NUMBERS = {
  firewallAndNetwork: [40615, 40914, 40969, 40635, 47037, 47049, 47055, 47073, 47074],
  login: [40531, 40532, 40607, 40608, 40620, 40623, 40697, 40971, 47035, 47070, 47071, 47077, 47078, 47085, 47087],
  tls: [47072],
  passwordPolicy: [40630, 40632],
  unavailable: [
    40197, 40501, 40540, 40545, 40613, 40642, 40675, 40903, 49918, 40184, 40892, 40925, 40979, 47034, 47040, 4221, 615,
  ],
  resourceGovernance: [10928, 10929, 10936, 40544, 40549, 40550, 40551, 40552, 40553],
} as const;

const SELECTED = new Set<number>(Object.values(AZURESQL_NUMBERS).flat());

/** The files read: the Azure rows of the 2022 tables, the troubleshooting page's tables, the connectivity examples. */
export const AZURESQL_PATHS: readonly SqlDocsPath[] = SQL_DOCS_FILES.map(({ path }) => path).filter(
  (path) => path.startsWith('azure-sql/') || path.endsWith('31000-41399.md') || path.endsWith('41400-49999.md'),
);

export const AZURESQL_SELECTION: DocsSelection = {
  source: 'azuresql',
  // 4221 and 615 are box numbers too: taken only from the Azure troubleshooting page, which lists them as transient.
  selects: (row, path) => SELECTED.has(row.number) && (row.number >= 10000 || path.startsWith('azure-sql/')),
};

const SELECTION = [
  'Azure SQL Database messages a connection can meet (gateway firewall and public-network denials, login and token',
  'failures, the minimal TLS version, transient unavailability, resource governance), English: the rows of the',
  'sql-server-2022 sys.messages tables 31000–41399 and 41400–49999 (Azure messages are part of sys.messages), the',
  'transient-fault, resource-governance and elastic-pool tables of azure-sql/database/troubleshoot-common-errors-issues.md',
  '(the message is the code span of the description; syntax printf, %.&#x2a;ls decoded) and the "Error 47073"/"Error',
  '47072" examples of azure-sql/database/connectivity-settings.md (syntax none, lines joined). Chosen by reading those',
  `tables and keeping what a connection attempt can print; numbers by topic in AZURESQL_NUMBERS of the generator`,
  `(${SELECTED.size} numbers). Where the pages word a message differently (40613 "provide them with the" / "provide them`,
  'the", 40501 with or without the final stop, 40544 with or without the database name, 47073 "since Deny Public Network',
  'Access…" / "The public network interface on this server is not accessible.") each wording is an entry. The "denied',
  'because Deny Public Network Access is set to Yes" wording seen in pastes is in no page read. Refs name the file read,',
  'at the commit the search index holds (no dates); the files are excerpts holding the selected rows.',
].join(' ');

export const harvestAzureSql = (dir: string): SourceFile =>
  docsSourceFile(dir, AZURESQL_PATHS, AZURESQL_SELECTION, {
    title: 'Azure SQL Database gateway and service messages',
    selection: SELECTION,
  });

runDocsHarvester(import.meta.url, 'messages/sources/azuresql.json', harvestAzureSql);
