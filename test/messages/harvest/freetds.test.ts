import { readFileSync } from 'node:fs';
import {
  dumpLiterals,
  parseClientMsgLiterals,
  parseMessageTable,
  parseNumbers,
  parseOdbcLiterals,
  parseSqlMsgMap,
  printfLiterals,
  readFreetds,
  serverMessageText,
} from '../../../scripts/messages/harvest/freetds.js';

const fixture = (name: string) => readFileSync(`test/fixtures/messages/freetds/${name}`, 'utf8');

/** The files of one ref as readFreetds takes them, from the excerpts (the rest absent). */
function masterFiles(): Map<string, string> {
  return new Map([
    ['src/dblib/dblib.c', fixture('dblib-master.c')],
    ['src/dblib/dbutil.c', fixture('dbutil-master.c')],
    ['include/sybdb.h', fixture('sybdb-master.h')],
    ['include/syberror.h', fixture('syberror-master.h')],
    ['src/tds/util.c', fixture('util-master.c')],
    ['include/freetds/tds.h', fixture('tds-master.h')],
    ['src/odbc/error.c', fixture('odbc-error-master.c')],
    ['src/odbc/odbc.c', fixture('odbc-master.c')],
    ['src/odbc/connectparams.c', fixture('connectparams-master.c')],
    ['src/apps/tsql.c', fixture('tsql-master.c')],
    ['src/tds/net.c', fixture('net-master.c')],
    ['src/tds/gssapi.c', fixture('gssapi-master.c')],
  ]);
}

const byId = (entries: ReturnType<typeof readFreetds>, id: string) => entries.filter((e) => e.id === id);

describe('parseMessageTable', () => {
  it('splits a db-lib row at "\\0" into the template and the dbstrbuild formats, joining continued literals', () => {
    const rows = parseMessageTable(fixture('dblib-master.c'), 'dblib_error_messages');
    expect(rows.find((r) => r.symbol === 'SYBECONN')).toEqual({
      symbol: 'SYBECONN',
      severity: 'EXCOMM',
      text: 'Unable to connect: TDS server is unavailable or does not exist',
      formats: '',
    });
    expect(rows.find((r) => r.symbol === 'SYBEICONVAVAIL')).toMatchObject({
      text: "Character set conversion is not available between client character set '%1!' and server character set '%2!'",
      formats: '%s %s',
    });
  });

  it('reads rows without a "\\0" (FreeTDS 0.64) and libtds rows, stopping at the end of the array', () => {
    const old = parseMessageTable(fixture('dblib-R0_64.c'), 'dblib_error_messages');
    expect(old.map((r) => [r.symbol, r.text, r.formats])).toEqual([
      ['SYBEICONVAVAIL', "Character set conversion is not available between client character set '%.*s' and server character set '%.*s'", undefined],
      ['SYBECONN', 'Unable to connect: Adaptive Server is unavailable or does not exist', undefined],
    ]);
    const libtds = parseMessageTable(fixture('util-master.c'), 'tds_error_messages');
    expect(libtds.find((r) => r.symbol === 'TDSECONF')?.text).toBe('Local configuration error.  Check TDSDUMPCONFIG log for details.');
    expect(parseMessageTable(fixture('util-master.c'), 'no_such_table')).toEqual([]);
  });
});

describe('parseNumbers', () => {
  it('reads #define and enum numbers', () => {
    expect(parseNumbers(fixture('sybdb-master.h')).get('SYBEUHST')).toBe(20013);
    expect(parseNumbers(fixture('sybdb-master.h')).get('SYBEVERDOWN')).toBe(100);
    expect(parseNumbers(fixture('tds-master.h')).get('TDSECONN')).toBe(20009);
    expect(parseNumbers(fixture('tds-master.h')).has('TDSEINPROGRESS')).toBe(false);
    expect(parseNumbers(fixture('syberror-master.h')).get('EXCOMM')).toBe(9);
  });
});

describe('the ODBC driver, tsql and TDSDUMP literals', () => {
  it('reads SqlMsgMap rows and odbc_errs_add literals with their SQLSTATE', () => {
    expect(parseSqlMsgMap(fixture('odbc-error-master.c'))).toContainEqual({ state: '08001', text: 'Unable to connect to data source' });
    const literals = parseOdbcLiterals(fixture('odbc-master.c'));
    expect(literals).toContainEqual({ state: '08001', text: 'User canceled login' });
    expect(literals.some((l) => l.text === 'NULL')).toBe(false);
  });

  it('reads printf formats and TDSDUMP lines, including the GSS texts gssapi.c assigns', () => {
    expect(printfLiterals(fixture('tsql-master.c'))).toEqual(
      expect.arrayContaining(['Error %d (severity %d):\n\t%s\n', '\tOS error %d, "%s"\n', 'There was a problem connecting to the server\n']),
    );
    expect(dumpLiterals(fixture('gssapi-master.c'))).toEqual(
      expect.arrayContaining([
        'GSS_S_NO_CRED: The supplied credential handle does not refer to a valid credential, the supplied credential is not',
        'gss_import_name: GSS_S_COMPLETE: gss_import_name completed successfully.\n',
      ]),
    );
  });

  it('reads the literals libtds passed before its table (FreeTDS ≤ 0.64)', () => {
    expect(parseClientMsgLiterals(fixture('login-R0_63.c'))).toEqual([
      { msgno: '20009', severity: '9', text: 'Server is unavailable or does not exist.' },
      { msgno: '20009', severity: '9', text: 'Server is unavailable or does not exist.' },
      { msgno: '20014', severity: '9', text: 'Login incorrect.' },
    ]);
  });

  it('finds the literal db-lib really prints with SYBESMSG', () => {
    expect(serverMessageText(fixture('dbutil-master.c'))).toBe('General SQL Server error: Check messages from the SQL Server');
  });

});

describe('readFreetds', () => {
  const entries = readFreetds(masterFiles());

  it('keeps the selected db-lib rows with their number, severity, server suffix and 1.5 wording noted', () => {
    const [conn] = byId(entries, 'freetds:SYBECONN');
    expect(conn).toMatchObject({
      template: 'Unable to connect: TDS server is unavailable or does not exist',
      syntax: 'none',
      layer: 'driver',
      provider: 'dblib',
      path: 'src/dblib/dblib.c',
    });
    expect(conn?.note).toContain('db-lib error 20009, severity 9 (EXCOMM)');
    expect(conn?.note).toContain('" (<server>)"');
    expect(conn?.note).toContain('1.5+ wording');
    expect(byId(entries, 'freetds:SYBEICONVAVAIL')[0]).toMatchObject({ syntax: 'printf' });
    expect(byId(entries, 'freetds:SYBEICONVAVAIL')[0]?.note).toContain('argument formats "%s %s"');
    expect(byId(entries, 'freetds:SYBEICONVIU')).toEqual([]);
    expect(byId(entries, 'freetds:SYBEBADPK')).toEqual([]);
    // No FreeTDS version raises the table's 20014 "Login incorrect" (0.64's libtds literal was printed instead).
    expect(byId(entries, 'freetds:SYBEPWD')).toEqual([]);
  });

  it('takes SYBESMSG from dbutil.c, not from the table row db-lib never prints', () => {
    expect(byId(entries, 'freetds:SYBESMSG').map((e) => e.template)).toEqual(['General SQL Server error: Check messages from the SQL Server']);
  });

  it('gives libtds texts to the ODBC provider, and keeps the ODBC prefix, SQLSTATE texts and connection literals', () => {
    expect(byId(entries, 'freetds:TDSECONN')[0]).toMatchObject({ provider: 'odbc', template: 'Unable to connect: TDS server is unavailable or does not exist' });
    expect(byId(entries, 'freetds:TDSEBTOK')).toEqual([]);
    expect(byId(entries, 'freetds:odbc.prefix')[0]).toMatchObject({ template: '[FreeTDS][SQL Server]', layer: 'wrapper', provider: 'odbc' });
    expect(byId(entries, 'freetds:odbc.08S01')[0]?.template).toBe('Communication link failure');
    expect(byId(entries, 'freetds:odbc.08001.user-canceled-login')).toHaveLength(1);
    expect(byId(entries, 'freetds:odbc.HY000.syntax-error-in-connection-string')).toHaveLength(1);
    expect(byId(entries, 'freetds:odbc.IM007.could-not-find-servername-or-server-parameter')).toHaveLength(1);
    // A buffer-length check is a programming error; "Timeout expired" is already the HYT00 text.
    expect(entries.some((e) => e.template === 'Invalid DSN buffer length')).toBe(false);
    expect(entries.filter((e) => e.template === 'Timeout expired').map((e) => e.id)).toEqual(['freetds:odbc.HYT00']);
  });

  it('keeps tsql layouts as dblib wrappers and the selected TDSDUMP lines without a provider', () => {
    expect(byId(entries, 'freetds:tsql.error')[0]).toMatchObject({ template: 'Error %d (severity %d):\n\t%s\n', layer: 'wrapper', provider: 'dblib' });
    expect(byId(entries, 'freetds:tsql.message')[0]?.template).toBe('Msg %d (severity %d, state %d) from %s');
    expect(byId(entries, 'freetds:tsql.connect-failed')).toHaveLength(1);
    const dump = entries.filter((e) => e.id.startsWith('freetds:log.'));
    expect(dump.map((e) => e.template)).toEqual(
      expect.arrayContaining(['tds_setup_socket: connect(2) returned "%s"\n', 'tds7_get_instance_port: timed out on try %d of 16\n']),
    );
    expect(dump.some((e) => /Connecting to|GSS_S_COMPLETE/.test(e.template))).toBe(false);
    expect(dump.every((e) => e.provider === undefined)).toBe(true);
  });

  it('notes the pre-1.5 wording', () => {
    const old = readFreetds(new Map([['src/dblib/dblib.c', fixture('dblib-v1.4.27.c')]]));
    expect(byId(old, 'freetds:SYBEFCON')[0]).toMatchObject({ template: 'Adaptive Server connection failed' });
    expect(byId(old, 'freetds:SYBEFCON')[0]?.note).toContain('pre-1.5 wording');
  });

  it('keeps the old libtds literals under the db-lib id of their number', () => {
    const old = readFreetds(new Map([['src/tds/login.c', fixture('login-R0_63.c')]]), parseNumbers(fixture('sybdb-master.h')));
    expect(old.map((e) => [e.id, e.template, e.provider])).toEqual([
      ['freetds:SYBECONN', 'Server is unavailable or does not exist.', 'dblib'],
      ['freetds:SYBECONN', 'Server is unavailable or does not exist.', 'dblib'],
      ['freetds:SYBEPWD', 'Login incorrect.', 'dblib'],
    ]);
  });
});
