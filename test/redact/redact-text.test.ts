// redactText(): what each shape masks, where (in the text as written, escapes and all), and what it leaves alone.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MASK, redactText } from '../../src/redact/index.js';
import { decodeLayer, type Layer } from '../../src/redact/layers.js';
import { fixture } from '../helpers.js';
import { ERRORS, secretShapes } from './secrets-corpus.js';

const masked = (text: string) => redactText(text).text;

describe('redactText', () => {
  it.each([
    // Connection strings, by their own quoting rules.
    ['Server=db01;User Id=sa;Password=S3cr3t!x;Database=app', 'Server=db01;User Id=sa;Password=***;Database=app'],
    ['Server=db01;Pwd={p;a}}ss};Database=app', 'Server=db01;Pwd=***;Database=app'],
    ['Data Source=db01;password="quoted;""secret";x=1', 'Data Source=db01;password=***;x=1'],
    ["Data Source=db01;password='it''s;secret';x=1", 'Data Source=db01;password=***;x=1'],
    ['Server=db01;Password=correct horse&battery"staple;Database=app', 'Server=db01;Password=***;Database=app'],
    // Names with anything glued before them.
    ['MSSQL_SA_PASSWORD=Zq7-docker', 'MSSQL_SA_PASSWORD=***'],
    ['SA_PASSWORD=Zq7-docker', 'SA_PASSWORD=***'],
    ['DB_PASSWORD=Zq7-laravel', 'DB_PASSWORD=***'],
    ['export SQLCMDPASSWORD=Zq7-sqlcmd', 'export SQLCMDPASSWORD=***'],
    ['AWS_SECRET_ACCESS_KEY=Zq7/aws+key', 'AWS_SECRET_ACCESS_KEY=***'],
    ['spring.datasource.password=Zq7-spring', 'spring.datasource.password=***'],
    ['"clientSecret": "Zq7~client"', '"clientSecret": ***'],
    ['Keyword not supported: \'pasword\'. Server=db01;Pasword=Zq7-typo', "Keyword not supported: 'pasword'. Server=db01;Pasword=***"],
    // JSON, JavaScript, PHP, YAML, T-SQL.
    ['{"user":"sa","password":"js0n-secret"}', '{"user":"sa","password":***}'],
    ["config = { password: 'tedious-pass', server: 'db' }", "config = { password: ***, server: 'db' }"],
    ['[password] => php-pr1nt-r', '[password] => ***'],
    ["CREATE LOGIN app WITH PASSWORD = N'Zq7-login'", 'CREATE LOGIN app WITH PASSWORD = ***'],
    ['password: |\n  Zq7-block\nhost: db01', 'password: |\n  ***\nhost: db01'],
    ['- name: MSSQL_SA_PASSWORD\n  value: "Zq7-k8s"', '- name: MSSQL_SA_PASSWORD\n  value: ***'],
    ['<add key="DbPassword" value="Zq7-appsetting" />', '<add key="DbPassword" value=*** />'],
    ['<password>Zq7-xml</password>', '<password>***</password>'],
    // Command lines.
    ['sqlcmd -S db01 -U sa -P cmdline-secret -Q "select 1"', 'sqlcmd -S db01 -U sa -P *** -Q "select 1"'],
    ['sqlcmd -S db01 -U sa -P -dash-first', 'sqlcmd -S db01 -U sa -P ***'],
    ['sqlcmd -Sdb01 -Usa -PZq7glued', 'sqlcmd -Sdb01 -Usa -P***'],
    ["Invoke-Sqlcmd -ServerInstance db01 -Password 'Zq7-invoke'", 'Invoke-Sqlcmd -ServerInstance db01 -Password ***'],
    ['az sql server create -n s -g rg -u admin -p Zq7-az', 'az sql server create -n s -g rg -u admin -p ***'],
    ["$s = ConvertTo-SecureString 'Zq7-secure' -AsPlainText -Force", '$s = ConvertTo-SecureString *** -AsPlainText -Force'],
    ['mssql-scripter --password Zq7-long -S db01', 'mssql-scripter --password *** -S db01'],
    ['new PDO("sqlsrv:Server=db01", "sa", "Zq7-pdo")', 'new PDO("sqlsrv:Server=db01", "sa", ***)'],
    // URLs: the host follows the last @; the user may be empty; / and ? may be in the password.
    ['mssql+pyodbc://sa:url-secret@db01/app?driver=ODBC+Driver+18', 'mssql+pyodbc://sa:***@db01/app?driver=ODBC+Driver+18'],
    ['mssql://sa:P@ssw0rdSecret@db01', 'mssql://sa:***@db01'],
    ['mssql://:Zq7-nouser@db01', 'mssql://:***@db01'],
    ['mssql://sa:Zq7/slash@db01/app', 'mssql://sa:***@db01/app'],
    ['sqlserver://sa:Zq7?q@db01?database=app', 'sqlserver://sa:***@db01?database=app'],
    // Headers and tokens.
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig', 'Authorization: ***'],
    ['token=Bearer Zq7-opaque-1', 'token=***'],
    ['-H "Authorization: Basic ZGJhZG1pbjpacTdCYXNpYw=="', '-H "Authorization: ***"'],
    ['x-api-key: Zq7-api-key', 'x-api-key: ***'],
    ['https://acct.blob.core.windows.net/c/b.bak?sv=2022-11-02&sig=Zq7%2Fsig%3D&se=2024', 'https://acct.blob.core.windows.net/c/b.bak?sv=2022-11-02&sig=***&se=2024'],
    ['AccessToken=abc.def.ghi;Server=x', 'AccessToken=***;Server=x'],
    // Placeholders in angle brackets are values, not XML elements: what follows them stays.
    ['Uid=<username>;Pwd=<password>;Encrypt=yes;Connection Timeout=30;', 'Uid=<username>;Pwd=***;Encrypt=yes;Connection Timeout=30;'],
    ['sqlcmd -S localhost -U sa -P <password> -d master', 'sqlcmd -S localhost -U sa -P *** -d master'],
    // Sentences.
    ['Admin Password: Zq7-admin!', 'Admin Password: ***'],
    ['I am sure the password is Zq7-prose. it works', 'I am sure the password is *** it works'],
  ])('masks %j', (text, expected) => {
    expect(masked(text)).toBe(expected);
  });

  it('masks a value found in the decoded text where the paste writes it, escapes and all', () => {
    expect(masked('{\\"user\\":\\"sa\\",\\"password\\":\\"Zq7-esc\\"}')).toBe('{\\"user\\":\\"sa\\",\\"password\\":***}');
    expect(masked('&quot;password&quot;: &quot;Zq7&amp;html&quot;')).toBe('&quot;password&quot;: ***');
    expect(masked('{"\\u0070assword": "Zq7-uni"}')).toBe('{"\\u0070assword": ***}');
    expect(masked('odbc_connect=UID%3Dsa%3BPWD%3DZq7pct%3B')).toBe('odbc_connect=UID%3Dsa%3BPWD%3D***%3B');
  });

  it('returns the secrets as they are written and as they decode, for the sweep', () => {
    expect(redactText('{"password":"Zq7\\"quote"}').secrets).toEqual(expect.arrayContaining(['Zq7"quote']));
    expect(redactText('mssql://sa:Zq7%40pct@db01').secrets).toEqual(expect.arrayContaining(['Zq7%40pct', 'Zq7@pct']));
    expect(redactText('Authorization: Basic ZGJhZG1pbjpacTdCYXNpYw==').secrets).toEqual(expect.arrayContaining(['ZGJhZG1pbjpacTdCYXNpYw==']));
  });

  it('ends a value that no ";" ends before the error pasted after it on the same line', () => {
    const error = 'Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred';
    expect(masked(`SA_PASSWORD=Zq7-env ${error}`)).toBe(`SA_PASSWORD=*** ${error}`);
    expect(masked('MSSQL_SA_PASSWORD=correct horse battery')).toBe('MSSQL_SA_PASSWORD=***');
    expect(masked('docker run -e "MSSQL_SA_PASSWORD=Zq7-run" -p 1433:1433 -d image')).toBe('docker run -e "MSSQL_SA_PASSWORD=***" -p 1433:1433 -d image');
  });

  it('leaves ports, names and sentences that only look like secrets alone', () => {
    for (const text of [
      'docker run -p 1433:1433 -d mcr.microsoft.com/mssql/server',
      'ERROR: Unable to set system administrator password: Password validation failed. The password does not meet SQL Server password policy requirements.',
      'The password is incorrect. The password is not complex enough.',
      'SharedAccessKeyName=RootManageSharedAccessKey;Authentication=ActiveDirectoryPassword;DB_PASSWORD_FILE=/run/secrets/db',
      'at ConnectionTds.AttemptOneLogin(ServerInfo serverInfo, String newPassword, SecureString newSecurePassword)',
      'Basic authentication failed; Bearer token expired',
      // isql's own message, and a tool named in a sentence: no command line.
      '[ISQL]ERROR: Could not SQLDriverConnect',
      'I ran isql fails to connect from the app server',
    ]) {
      expect(redactText(text)).toEqual({ text, secrets: [] });
    }
  });

  it('leaves text without secrets alone', () => {
    const text = fixture('seed/sqlclient.txt');
    expect(redactText(text)).toEqual({ text, secrets: [] });
  });

  it('is idempotent: what it masked stays masked and adds no secret', () => {
    const once = masked('Server=db01;Password=Zq7-twice;x-api-key: Zq7-key -P Zq7-p');
    expect(once).toContain(MASK);
    expect(redactText(once)).toEqual({ text: once, secrets: [] });
  });

  it('finds in the lines around escapes what it finds in whole decoded layers', () => {
    // Pastes of many lines, some of them escaped (a JSON log line holding several lines of a message, an HTML page,
    // a URL), most of them plain, so that the layers below hold only stretches of the text.
    const plain = fc.constantFrom(...ERRORS, ...secretShapes().map((shape) => shape.paste), '', 'at System.Data.SqlClient.SqlConnection.Open()');
    const escaped = fc.oneof(
      fc.array(plain, { minLength: 1, maxLength: 3 }).map((lines) => JSON.stringify({ message: lines.join('\n') })),
      plain.map((line) => line.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')),
      plain.map((line) => encodeURIComponent(line)),
      plain.map((line) => JSON.stringify(JSON.stringify(line))),
    );
    const paste = fc.array(fc.oneof({ arbitrary: plain, weight: 6 }, { arbitrary: escaped, weight: 1 }), { minLength: 1, maxLength: 40 });
    let restricted = 0;
    fc.assert(
      fc.property(paste, fc.constantFrom('\n', '\r\n'), (lines, lineBreak) => {
        const text = lines.join(lineBreak);
        const top: Layer = { text };
        if ((decodeLayer(top, [])?.text.length ?? Infinity) < (decodeLayer(top)?.text.length ?? 0)) restricted++;
        expect(redactText(text)).toEqual(redactText(text, { wholeLayers: true }));
      }),
      { seed: 20261204, numRuns: 1500 },
    );
    // The comparison is worth something only where the stretches were less than the whole.
    expect(restricted).toBeGreaterThan(300);
  });
});
