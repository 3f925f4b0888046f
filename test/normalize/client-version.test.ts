// Versions read from the places pastes show them: lines as they appear in public issue threads (named beside each),
// and the templates that name an old SQL Server without being about the server at hand.
import { describe, expect, it } from '@jest/globals';
import { clientVersionIn, serverMajorVersionIn, tdsVersionIn, versionFactsIn } from '../../src/normalize/client-version.js';
import { normalize } from '../../src/normalize/index.js';

describe('clientVersionIn', () => {
  it.each([
    // Spring Boot / logback frames (microsoft/mssql-jdbc#2318)
    ['\tat com.microsoft.sqlserver.jdbc.SQLServerConnection.terminate(SQLServerConnection.java:3806) ~[mssql-jdbc-11.2.3.jre17.jar:na]', 'mssql-jdbc', '11.2.3', 11, 2],
    ['implementation "com.microsoft.sqlserver:mssql-jdbc:12.4.2.jre11"', 'mssql-jdbc', '12.4.2', 12, 4],
    // DBeaver's connection summary (dbeaver/dbeaver#6048)
    ['- Driver name: mssql-jdbc RELEASE 7.2.1.jre8', 'mssql-jdbc', '7.2.1', 7, 2],
    ['Microsoft JDBC Driver 12.2 for SQL Server', 'mssql-jdbc', '12.2', 12, 2],
    ['jtds-1.3.1.jar', 'jtds', '1.3.1', 1, 3],
    // The SqlClient issue template (dotnet/SqlClient#1394)
    ['Microsoft.Data.SqlClient version: 4.0', 'Microsoft.Data.SqlClient', '4.0', 4, 0],
    ['<PackageReference Include="Microsoft.Data.SqlClient" Version="5.2.0" />', 'Microsoft.Data.SqlClient', '5.2.0', 5, 2],
    ['/root/.nuget/packages/microsoft.data.sqlclient/5.1.5/lib/net6.0/Microsoft.Data.SqlClient.dll', 'Microsoft.Data.SqlClient', '5.1.5', 5, 1],
    ['System.Data.SqlClient 4.8.5', 'System.Data.SqlClient', '4.8.5', 4, 8],
    ['    at Connection.socketError (/app/node_modules/.pnpm/tedious@16.6.1/node_modules/tedious/lib/connection.js:1395:28)', 'tedious', '16.6.1', 16, 6],
    ['/app/.yarn/cache/tedious-npm-15.1.0-4f1a2b3c4d-8e7f.zip/node_modules/tedious/lib/connection.js', 'tedious', '15.1.0', 15, 1],
    ['    "tedious": "^18.2.0",', 'tedious', '18.2.0', 18, 2],
    ['github.com/microsoft/go-mssqldb v1.6.0', 'go-mssqldb', '1.6.0', 1, 6],
    ['Successfully installed pymssql-2.1.5', 'pymssql', '2.1.5', 2, 1],
    // rails-sqlserver/tiny_tds#277
    ["from /prod_path/shared/bundle/ruby/2.1.0/gems/tiny_tds-1.0.2/lib/tiny_tds/client.rb:43:in `connect'", 'tiny_tds', '1.0.2', 1, 0],
    // FreeTDS/freetds#153
    ['[TinyTds][v1.0.5][tsql]: /usr/local/bin/tsql', 'tiny_tds', '1.0.5', 1, 0],
    ['                            Version: freetds v1.3.17', 'freetds', '1.3.17', 1, 3],
    ['log.c:167:Starting log file for FreeTDS 1.00.59', 'freetds', '1.00.59', 1, 0],
    // microsoft/msphpsql#835
    ['libmsodbcsql-17.3.so.1.1', 'msodbcsql', '17.3.1.1', 17, 3],
    ['ii  msodbcsql18    18.3.2.1-1    amd64', 'msodbcsql', '18.3.2.1', 18, 3],
  ])('reads %j', (text, library, version, major, minor) => {
    expect(clientVersionIn(text)).toMatchObject({ library, version, major, minor });
  });

  it('takes only the major version from a driver name or an assembly identity, whose other numbers are not the release', () => {
    expect(clientVersionIn('[Microsoft][ODBC Driver 18 for SQL Server]SSL Provider')).toEqual({ library: 'msodbcsql', version: '18', major: 18, index: 12 });
    const assembly = clientVersionIn('Microsoft.Data.SqlClient, Version=5.0.0.0, Culture=neutral, PublicKeyToken=23ec7fc2d6eaa4a5');
    expect(assembly).toMatchObject({ library: 'Microsoft.Data.SqlClient', version: '5', major: 5 });
    expect(assembly?.minor).toBeUndefined();
  });

  it('prefers a package version to a driver name of the same library', () => {
    const text = '[unixODBC][Microsoft][ODBC Driver 17 for SQL Server]TCP Provider: Error code 0x2714\n## Microsoft ODBC Driver version\nlibmsodbcsql-17.3.so.1.1';
    expect(clientVersionIn(text)).toMatchObject({ version: '17.3.1.1', minor: 3 });
  });

  it('names the TDS driver when a paste shows it under an ODBC driver name, and a FreeTDS wrapper before FreeTDS', () => {
    expect(clientVersionIn('[Microsoft][ODBC Driver 17 for SQL Server] … ~[mssql-jdbc-9.4.1.jre8.jar:na]')?.library).toBe('mssql-jdbc');
    expect(clientVersionIn('Version: freetds v1.1.6 … gems/tiny_tds-2.1.2/lib/tiny_tds/client.rb')?.library).toBe('tiny_tds');
  });

  it('reads nothing from names without a version or from neighbouring packages', () => {
    for (const text of [
      '   at Microsoft.Data.SqlClient.SqlConnection.Open()',
      'Microsoft.Data.SqlClient.SNI 5.2.0',
      'at Connection.socketError (C:\\app\\node_modules\\tedious\\lib\\connection.js:1641:56)',
      'System.Data.SqlClient.SqlException (0x80131904): Login failed',
      'TDS version: 7.3',
      '[FreeTDS][SQL Server]Unable to connect to data source',
    ]) {
      expect(clientVersionIn(text)).toBeUndefined();
    }
  });
});

describe('serverMajorVersionIn', () => {
  it.each([
    // dbeaver/dbeaver#6048
    ['SQL Server version 8 is not supported by this driver. ClientConnectionId:d4ef36de-cff9-4525-b38d-d3881da6b020', 8],
    // microsoft/vscode-mssql#880
    ['Sqlcmd: Error: Microsoft ODBC Driver 13 for SQL Server : ODBC Driver 13 for SQL Server does not support connections to SQL Server 2000 or earlier versions..', 8],
    ['Microsoft SQL Server  2000 - 8.00.2039 (Intel X86)', 8],
    ['Microsoft SQL Server 2017 (RTM) - 14.0.1000.169 (X64)', 14],
    ['- Database name and version: `Microsoft SQL Server 2000 8.00.766.00; SP3a`', 8],
    ['I am trying to connect to a local MS SQL server that is version 2005 (9.0.4053 SP3). ProductVersion 9.00.4035', 9],
    ['Connecting to SQL Server 2008 R2 from Ubuntu', 10],
    ['TDS version downgraded to 7.1!', 8],
  ])('reads %j as %i', (text, major) => {
    expect(serverMajorVersionIn(text)?.major).toBe(major);
  });

  it('does not take a template that names an old release for the server at hand', () => {
    for (const text of [
      '(provider: Shared Memory Provider, error: 36 - The Shared Memory dll used to connect to SQL Server 2000 was not found)',
      '(provider: Shared Memory Provider, error: 37 - The SQL Server 2000 Shared Memory client dll appears to be invalid/corrupted)',
      'An error has occurred while establishing a connection to the server. When connecting to SQL Server 2005, this failure may be caused by the fact that under the default settings SQL Server does not allow remote connections.',
      'Verify the server and instance names and check that no firewall is blocking UDP traffic to port 1434. For SQL Server 2005 or later, verify that the SQL Server Browser Service is running on the host.',
      'com.microsoft.sqlserver.jdbc.SQLServerDriver (Microsoft SQL Server 2005 JDBC Driver 1.2)',
      // The same mssql-jdbc advice as it ships in Chinese and German (SQLServerResource_zh_CN, _de).
      '并检查防火墙没有阻止到端口 1434 的 UDP 通信，而且对于 SQL Server 2005 或更高版本，还要验证 SQL Server Browser 服务正在主机上运行。',
      'Überprüfen Sie für SQL Server 2005 oder höher, ob der SQL Server-Browser-Dienst auf dem Host ausgeführt wird',
      'dotnet --version 8.0.100',
      'Windows 10.0.19045',
    ]) {
      expect(serverMajorVersionIn(text)).toBeUndefined();
    }
  });

  it('reads past an excluded mention to one about the server', () => {
    const text = 'When connecting to SQL Server 2005, this failure may be caused … The server is SQL Server 2000 SP4.';
    expect(serverMajorVersionIn(text)?.major).toBe(8);
  });
});

describe('tdsVersionIn', () => {
  it.each([
    // FreeTDS/freetds#594
    ['[egServer90]\n host = 12.34.56.78\n tds version = 8.0\n text size = 64512', '8.0'],
    ['TDSVER=7.3 tsql -H host -p port -U user', '7.3'],
    ["conn = connect(server=args.server, port=args.port, tds_version='7.1')", '7.1'],
    ["  tds_version: '7.3'", '7.3'],
    ['Driver=FreeTDS;Server=db01;Port=1433;TDS_Version=8.0;', '8.0'],
    ['pymssql._mssql.MSSQLDriverException: unrecognized tds version: 8.0', '8.0'],
    ['                        TDS version: auto', 'auto'],
  ])('reads %j', (text, version) => {
    expect(tdsVersionIn(text)?.version).toBe(version);
  });

  it('prefers a setting to the compiled-in default it overrides', () => {
    const text = 'Compile-time settings\n                        TDS version: 5.0\n[global]\n tds version = 7.4';
    expect(tdsVersionIn(text)?.version).toBe('7.4');
  });

  it("does not read the server's advice about TDS versions as a setting", () => {
    expect(tdsVersionIn('Please use the client library which supports TDS Version 7.4 or higher')).toBeUndefined();
  });
});

describe('versionFactsIn and normalize()', () => {
  it('gives every version fact with its position', () => {
    const text = 'Microsoft SQL Server 2000 - 8.00.2039 … mssql-jdbc-12.2.0.jre11.jar … tds version = 7.1';
    expect(Object.fromEntries(versionFactsIn(text).map((f) => [f.name, f.value]))).toEqual({
      'error.clientLibrary': 'mssql-jdbc',
      'error.clientVersion': '12.2.0',
      'error.clientVersionMajor': 12,
      'error.clientVersionMinor': 2,
      'error.serverMajorVersion': 8,
      'error.tdsVersion': '7.1',
    });
  });

  it('sets the facts, quoting the line each was read from', () => {
    const { facts, sources } = normalize(
      'com.microsoft.sqlserver.jdbc.SQLServerException: The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption.\n\tat com.microsoft.sqlserver.jdbc.SQLServerConnection.terminate(SQLServerConnection.java:3806) ~[mssql-jdbc-10.2.1.jre8.jar:na]',
    );
    expect(facts).toMatchObject({ 'error.clientLibrary': 'mssql-jdbc', 'error.clientVersion': '10.2.1', 'error.clientVersionMajor': 10, 'error.clientVersionMinor': 2 });
    expect(sources['error.clientVersion']).toContain('mssql-jdbc-10.2.1.jre8.jar');
  });
});
