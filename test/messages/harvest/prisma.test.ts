// Prisma harvester: user-facing errors (attribute and hand-written forms, both placeholder styles) and the quaint
// SQL Server TLS text, from excerpts stored by the search index (test/fixtures/messages/prisma/SOURCES.md).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { readFiles } from '../../../scripts/messages/harvest/literal-sites.js';
import { PRISMA, findUserFacingSites, prismaSyntax } from '../../../scripts/messages/harvest/prisma.js';

const fixture = (file: string) => readFileSync(new URL(`../../fixtures/messages/prisma/${file}`, import.meta.url), 'utf8');
const entries = (path: string, file: string) =>
  readFiles(new Map([[path, fixture(file)]]), PRISMA).map((entry) => [entry.id, entry.template, entry.syntax]);

describe('findUserFacingSites', () => {
  it('reads code and message of #[user_facing], line continuations decoded', () => {
    expect(findUserFacingSites(fixture('common-08de4fc-P1001.rs.txt'))).toEqual([
      expect.objectContaining({
        code: 'P1001',
        context: 'DatabaseNotReachable',
        template:
          "Can't reach database server at `{database_host}`:`{database_port}`\n\nPlease make sure your database server is running at `{database_host}`:`{database_port}`.",
      }),
    ]);
  });

  it('reads each database arm of a hand-written impl under its ERROR_CODE', () => {
    expect(findUserFacingSites(fixture('common-08de4fc-P1003.rs.txt')).map((site) => [site.code, site.context])).toEqual([
      ['P1003', 'Sqlite'],
      ['P1003', 'Postgres'],
      ['P1003', 'Mysql'],
      ['P1003', 'Mssql'],
    ]);
  });
});

describe('prisma picks', () => {
  it('keeps the SQL Server arm of P1003 only', () => {
    expect(entries('libs/user-facing-errors/src/common.rs', 'common-08de4fc-P1003.rs.txt')).toEqual([
      ['prisma:P1003', 'Database `{database_name}` does not exist on the database server at `{database_host}:{database_port}`.', 'rust'],
    ]);
  });

  it('writes the 2019 ${name} placeholders as js syntax', () => {
    const [p1000] = entries('libs/user-facing-errors/src/common.rs', 'common-d58236e-P1000.rs.txt');
    expect(p1000?.[0]).toBe('prisma:P1000');
    expect(p1000?.[2]).toBe('js');
    expect(prismaSyntax('Server has closed the connection.')).toBe('none');
  });

  it("keeps quaint's SQL Server TLS text", () => {
    expect(entries('quaint/src/connector/mssql/native/error.rs', 'quaint-mssql-error-0a2be78.rs.txt')).toEqual([
      [
        'prisma:quaint.mssql-tls-settings',
        "The TLS settings didn't allow the connection to be established. Please review your connection string. (error: {message})",
        'rust',
      ],
    ]);
  });
});
