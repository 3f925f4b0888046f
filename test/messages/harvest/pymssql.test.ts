import { readFileSync } from 'node:fs';
import { composedErrorDuring, decodePythonString, pythonStringLiterals, readPymssql } from '../../../scripts/messages/harvest/pymssql.js';

const fixture = (name: string) => readFileSync(`test/fixtures/messages/pymssql/${name}`, 'utf8');
const templates = (files: Array<[string, string]>) => readPymssql(new Map(files)).map((e) => [e.id, e.template]);

describe('pythonStringLiterals', () => {
  it('joins literals continued with a backslash and decodes escapes, keeping f-string braces', () => {
    const literals = pythonStringLiterals(fixture('_mssql-master.pyx'));
    expect(literals).toContain('SQL Server message %d, severity %d, state %d, procedure %s, line %d:\n%s');
    expect(literals).toContain("'encryption' option should be {TDS_ENCRYPTION_LEVEL.keys()} or None.");
  });

  it("skips comments, so an apostrophe in one does not open a string", () => {
    expect(pythonStringLiterals("# don't\nx = 'a' 'b'  # it's\ny = r'\\n'")).toEqual(['ab', '\\n']);
  });

  it('decodes \\x and \\u escapes', () => {
    expect(decodePythonString('\\x41\\u00e9\\t', false)).toBe('Aé\t');
  });
});

describe('readPymssql', () => {
  it('keeps the err_handler layouts and the server message layout of 2.1+', () => {
    expect(templates([['src/pymssql/_mssql.pyx', fixture('_mssql-master.pyx')]])).toEqual(
      expect.arrayContaining([
        ['pymssql:dblib-error.netlib', '%sDB-Lib error message %d, severity %d:\n%s\nNet-Lib error during %s (%d)\n'],
        ['pymssql:dblib-error.os', '%sDB-Lib error message %d, severity %d:\n%s\nOperating System error during %s (%d)\n'],
        ['pymssql:dblib-error', '%sDB-Lib error message %d, severity %d:\n%s\n'],
        ['pymssql:server-message.procedure', 'SQL Server message %d, severity %d, state %d, procedure %s, line %d:\n%s'],
        ['pymssql:connect-failed-unknown', 'Connection to the database failed for an unknown reason.'],
      ]),
    );
    const netlib = readPymssql(new Map([['src/pymssql/_mssql.pyx', fixture('_mssql-master.pyx')]])).find((e) => e.id === 'pymssql:dblib-error.netlib');
    expect(netlib).toMatchObject({ syntax: 'printf', layer: 'wrapper', provider: 'dblib' });
  });

  it('composes the OS-error line 2.0 and 1.x built from two literals', () => {
    expect(templates([['_mssql.pyx', fixture('_mssql-v2.0.0.pyx')]])).toEqual([
      ['pymssql:dblib-error', '%s DB-Lib error message %d, severity %d:\n%s\n'],
      ['pymssql:error-during.netlib', 'Net-Lib error during %s'],
      ['pymssql:error-during.os', 'Operating System error during %s'],
    ]);
    expect(templates([['mssqldbmodule.c', fixture('mssqldbmodule-v1.0.2.c')]])).toEqual([
      ['pymssql:dblib-error', 'DB-Lib error message %d, severity %d:\n%s\n'],
      ['pymssql:error-during.netlib', 'Net-Lib error during %s Error %d - %s'],
      ['pymssql:error-during.os', 'Operating system error during %s Error %d - %s'],
    ]);
  });

  it('composes nothing without the "%s error during %s" literal', () => {
    expect(composedErrorDuring(['Net-Lib', 'Error %d - %s'])).toEqual([]);
  });
});
