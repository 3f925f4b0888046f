// A paste with more records than diagnose() uses (a log): the first ones are read, in order, and the warning says
// the rest were left out. Each pattern reads at most MAX_MATCHES matches (src/normalize/provider.ts), which keeps a
// long paste linear without changing which records come first.
import { describe, expect, it } from '@jest/globals';
import { MAX_RECORDS, normalize } from '../../src/normalize/index.js';
import { MAX_MATCHES } from '../../src/normalize/provider.js';

/** A paste of `count` login failures, one record each: "Login failed for user 'user0'." … */
const lines = (count: number) => Array.from({ length: count }, (_, i) => `Login failed for user 'user${i}'.`).join('\n');

describe('a paste with more records than a diagnosis uses', () => {
  it.each([MAX_RECORDS + 1, MAX_MATCHES + 100])('keeps the first %i records in order and says the rest were left out', (count) => {
    const result = normalize(lines(count));
    expect(result.errors).toHaveLength(MAX_RECORDS);
    expect(result.errors.map((e) => e.message)).toEqual(Array.from({ length: MAX_RECORDS }, (_, i) => `Login failed for user 'user${i}'.`));
    expect(result.warnings).toContain(`the text holds more than ${MAX_RECORDS} error records; the first ${MAX_RECORDS} were used (for logs, use \`mssql-doctor scan\`)`);
  });

  it('gives no warning at the limit', () => {
    const result = normalize(lines(MAX_RECORDS));
    expect(result.errors).toHaveLength(MAX_RECORDS);
    expect(result.warnings.filter((w) => w.includes('error records'))).toEqual([]);
  });

  it('reads the next provider while the records so far are within the limit, and no further once past it', () => {
    // The layouts of test/fixtures/errors/sqlcmd-odbc17-login-timeout-network.txt and of the ODBC 18 login failure in
    // test/fixtures/corpus/odbc.yaml, with a login failure numbered per line.
    const sqlcmd = (i: number) => `Sqlcmd: Error: Microsoft ODBC Driver 17 for SQL Server : Login failed for user 'cmd${i}'..`;
    const odbc = (i: number) => `[Microsoft][ODBC Driver 18 for SQL Server][SQL Server]Login failed for user 'odbc${i}'. (18456) (SQLDriverConnect)`;
    const text = (odbcCount: number, sqlcmdCount: number) =>
      [...Array.from({ length: odbcCount }, (_, i) => odbc(i)), ...Array.from({ length: sqlcmdCount }, (_, i) => sqlcmd(i))].join('\n');
    const providers = (count: number[]) => normalize(text(count[0] as number, count[1] as number)).errors.map((e) => e.provider);
    // Records come provider by provider (sqlcmd's before ODBC's, src/normalize/index.ts NORMALIZERS), 50 in all.
    expect(providers([30, 30])).toEqual([...Array<string>(30).fill('sqlcmd'), ...Array<string>(20).fill('odbc')]);
    expect(providers([10, 10])).toEqual([...Array<string>(10).fill('sqlcmd'), ...Array<string>(10).fill('odbc')]);
  });
});
