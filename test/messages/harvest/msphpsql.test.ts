import { readFileSync } from 'node:fs';
import { parseErrorTable, parseTemplates, readMsphpsql } from '../../../scripts/messages/harvest/msphpsql.js';

const fixture = (name: string) => readFileSync(`test/fixtures/messages/msphpsql/${name}`, 'utf8');

describe('parseErrorTable', () => {
  it('reads key, SQLSTATE, joined text and code, CRLF sources included', () => {
    const rows = parseErrorTable(fixture('util-v3.0.1.cpp'));
    expect(rows).toEqual([
      { key: 'SS_SQLSRV_ERROR_INVALID_OPTION', sqlstate: 'IMSSP', text: 'Invalid option %1!s! was passed to sqlsrv_connect.', code: -1 },
      {
        key: 'SQLSRV_ERROR_DRIVER_NOT_INSTALLED',
        sqlstate: 'IMSSP',
        text: 'This extension requires the Microsoft SQL Server 2012 Native Client. Access the following URL to download the Microsoft SQL Server 2012 Native Client ODBC driver for %1!s!: http://go.microsoft.com/fwlink/?LinkId=163712',
        code: -49,
      },
    ]);
  });
});

describe('readMsphpsql', () => {
  it('keeps the connection rows per extension and the PDO layouts, leaving the rest out', () => {
    const entries = readMsphpsql(new Map([['source/pdo_sqlsrv/pdo_util.cpp', fixture('pdo_util-dev.cpp')]]));
    expect(entries.map((e) => e.id)).toEqual([
      'msphpsql:pdo_sqlsrv.SQLSRV_ERROR_DRIVER_NOT_INSTALLED',
      'msphpsql:pdo_sqlsrv.PDO_SQLSRV_ERROR_SERVER_NOT_SPECIFIED',
      'msphpsql:pdo_sqlsrv.SQLSRV_ERROR_INVALID_OPTION_WITH_ACCESS_TOKEN',
      'msphpsql:pdo_sqlsrv.WARNING_TEMPLATE',
      'msphpsql:pdo_sqlsrv.EXCEPTION_MSG_TEMPLATE',
    ]);
    expect(entries[0]).toMatchObject({ syntax: 'printf', layer: 'driver', provider: 'odbc', note: 'pdo_sqlsrv error: SQLSTATE IMSSP, code -1' });
    expect(entries.find((e) => e.id.endsWith('EXCEPTION_MSG_TEMPLATE'))).toMatchObject({ template: 'SQLSTATE[%s]: %s', layer: 'wrapper' });
    expect(parseTemplates(fixture('pdo_util-dev.cpp')).map((t) => t.name)).toEqual(['WARNING_TEMPLATE', 'EXCEPTION_MSG_TEMPLATE']);
  });
});
