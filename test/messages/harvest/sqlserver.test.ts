// sqlserver and azuresql harvesters: the errors tables of sql-docs in their three shapes (padded, compact with
// Markdown escapes, Azure code spans) and the error examples, on lines of MicrosoftDocs/sql-docs in
// test/fixtures/messages/sqlserver (SOURCES.md).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AZURESQL_SELECTION } from '../../../scripts/messages/harvest/azuresql.js';
import {
  decodeCell,
  docsEntries,
  looksCutShort,
  parseErrorExamples,
  parseMessageTables,
  splitRow,
  SQLSERVER_SELECTION,
} from '../../../scripts/messages/harvest/sqlserver.js';

const dir = fileURLToPath(new URL('../../fixtures/messages/sqlserver/', import.meta.url));
const read = (name: string) => readFileSync(`${dir}${name}`, 'utf8');
const INCLUDES = 'docs/relational-databases/errors-events/includes';

describe('decodeCell and splitRow', () => {
  it('decode Markdown escapes, links and character references, keeping runs of spaces', () => {
    expect(decodeCell(String.raw`Login failed for user '%.\*ls'.  Reason: x \[Database: '%.\*ls'\]`)).toBe(
      "Login failed for user '%.*ls'.  Reason: x [Database: '%.*ls']",
    );
    expect(decodeCell('[18456](../mssqlserver-18456-database-engine-error.md)')).toBe('18456');
    expect(decodeCell("Database '%.&#x2a;ls' &amp; more")).toBe("Database '%.*ls' & more");
  });

  it('splits at unescaped pipes only', () => {
    expect(splitRow(String.raw`| 17000 | 10 | No | Usage: sp_autostats <table_name> [, {ON\|OFF}] |`)).toEqual([
      '17000',
      '10',
      'No',
      String.raw`Usage: sp_autostats <table_name> [, {ON\|OFF}]`,
    ]);
  });
});

describe('parseMessageTables', () => {
  it('reads the padded tables of the unversioned files, linked error numbers included', () => {
    const rows = parseMessageTables(read('database-engine-events-and-errors-18000-18999.md'));
    expect(rows.map((r) => r.number)).toEqual([18341, 18452, 18456, 18470]);
    expect(rows[1]?.text).toBe('Login failed. The login is from an untrusted domain and cannot be used with Windows Authentication.%.*ls');
    expect(rows[2]?.text).toBe("Login failed for user '%.*ls'.%.*ls%.*ls");
  });

  it('reads the compact tables of the 2022 files, decoding their escapes', () => {
    const rows = parseMessageTables(read('sql-server-2022-database-engine-events-and-errors-18000-18999.md'));
    expect(rows.find((r) => r.number === 18358)?.text).toBe("Reason: Could not find a user matching the name provided. [Database: '%.*ls']");
    expect(rows.find((r) => r.number === 18487)?.text).toBe("Login failed for user '%.*ls'.  Reason: The password of the account has expired.%.*ls");
    const [row] = parseMessageTables(read('sql-server-2022-database-engine-events-and-errors-41400-49999.md'));
    expect(row?.text).toContain('Deny Public Network Access is set to Yes (https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#deny-public-network-access). To connect');
  });

  it('takes the code span of the Azure tables, not the explanation after it', () => {
    const rows = parseMessageTables(read('troubleshoot-common-errors-issues.md'));
    expect(rows).toEqual([
      {
        number: 40613,
        text: "Database '%.*ls' on server '%.*ls' is not currently available. Please retry the connection later. If the problem persists, contact customer support, and provide them with the session tracing ID of '%.*ls'.",
      },
      { number: 4221, text: "Login to read-secondary failed due to long wait on 'HADR_DATABASE_WAIT_FOR_TRANSITION_TO_VERSIONING'." },
    ]);
  });
});

describe('parseErrorExamples and looksCutShort', () => {
  it('join an example wrapped over lines', () => {
    expect(parseErrorExamples(read('connectivity-settings.md'))).toEqual([
      {
        number: 47073,
        text: 'An instance-specific error occurred while establishing a connection to SQL Server. The public network interface on this server is not accessible. To connect to this server, use the Private Endpoint from inside your virtual network.',
      },
    ]);
  });

  it('tell a description the docs cut at 255 characters from one ending in a placeholder', () => {
    const [, cut] = parseMessageTables(read('database-engine-events-and-errors-0-999.md'));
    expect(looksCutShort(cut!.text)).toBe(true);
    expect(looksCutShort(`${'x'.repeat(250)} %.*ls`)).toBe(false);
    expect(looksCutShort('Login failed for user')).toBe(false);
  });
});

describe('docsEntries', () => {
  it('keeps the selected sqlserver rows as printf server entries, the 183xx reasons but not their plain words', () => {
    const path = `${INCLUDES}/sql-server-2022-database-engine-events-and-errors-18000-18999.md` as const;
    const entries = docsEntries(path, read('sql-server-2022-database-engine-events-and-errors-18000-18999.md'), SQLSERVER_SELECTION);
    expect(entries.map((e) => e.id)).toEqual(['sqlserver:18358', 'sqlserver:18487']);
    expect(entries.every((e) => e.syntax === 'printf' && e.layer === 'server' && e.provider === 'server')).toBe(true);
  });

  it('gives azuresql the Azure rows, the examples as plain text with a note, and leaves box rows to sqlserver', () => {
    const examples = docsEntries('azure-sql/database/connectivity-settings.md', read('connectivity-settings.md'), AZURESQL_SELECTION);
    expect(examples).toMatchObject([{ id: 'azuresql:47073', syntax: 'none', note: expect.stringContaining('example') }]);
    const box = `${INCLUDES}/database-engine-events-and-errors-18000-18999.md` as const;
    expect(docsEntries(box, read('database-engine-events-and-errors-18000-18999.md'), AZURESQL_SELECTION)).toEqual([]);
    const page = docsEntries('azure-sql/database/troubleshoot-common-errors-issues.md', read('troubleshoot-common-errors-issues.md'), AZURESQL_SELECTION);
    expect(page.map((e) => e.id)).toEqual(['azuresql:40613', 'azuresql:4221']);
  });
});
