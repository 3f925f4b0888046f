// Family, phase and localised phrase classification on real message texts (source noted per case).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { ErrorRecord } from '../../src/schemas/diagnosis.js';
import type { Family } from '../../src/schemas/vocabulary.js';
import { classifyFamily, instanceLookupOf, phaseOf } from '../../src/normalize/family.js';
import { normalize } from '../../src/normalize/index.js';
import { makePaste } from '../../src/normalize/paste.js';
import { outcomeFromPhrase } from '../../src/normalize/phrases.js';

/** One record carrying only what a normalizer would surely extract, so the text signals are under test. */
function familyOf(text: string, fields: Partial<ErrorRecord> = {}): Family {
  const record: ErrorRecord = { provider: 'sqlclient', message: text, line: text, ...fields };
  return classifyFamily([record], text);
}

describe('classifyFamily on real texts', () => {
  const cases: ReadonlyArray<{ source: string; text: string; family: Family; fields?: Partial<ErrorRecord> }> = [
    {
      source: 'github.com/coderacheal/database-connection-config/issues/1',
      text: `InterfaceError: ('28000', "[28000] [Microsoft][ODBC SQL Server Driver][SQL Server]Login failed for user 'dapDB'. (18456) (SQLDriverConnect)")`,
      family: 'login_failed',
      fields: { provider: 'odbc', number: 18456 },
    },
    {
      source: 'github.com/DigitalRuby/IPBan/issues/281 (ERRORLOG / event log text)',
      text: `Login failed for user 'fail'. Reason: Could not find a login matching the name provided. [CLIENT: 127.0.0.1]`,
      family: 'login_failed',
    },
    {
      source: 'github.com/dotnet/SqlClient/issues/3235',
      text: 'Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)',
      family: 'tls',
    },
    {
      source: 'github.com/dotnet/SqlClient/issues/1522: "target principal name" from the SSL provider is TLS',
      text: 'Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The target principal name is incorrect.)',
      family: 'tls',
    },
    {
      source: 'github.com/dataplat/dbatools/issues/5666: the same words with SSPI are Kerberos',
      text: 'System.Data.SqlClient.SqlException: The target principal name is incorrect.  Cannot generate SSPI context.',
      family: 'sspi',
    },
    {
      source: 'github.com/airbytehq/airbyte/issues/20344',
      text: "com.microsoft.sqlserver.jdbc.SQLServerException: Cannot open server 'ocplxha851' requested by the login. Client with IP address '34.106.127.139' is not allowed to access the server.  To enable access, use the Windows Azure Management Portal or run sp_set_firewall_rule on the master database to create a firewall rule for this IP address or address range.",
      family: 'azure_firewall',
      fields: { provider: 'jdbc' },
    },
    {
      source: 'MSSQLSERVER_47073 wording quoted in the brief; number from the record',
      text: 'Reason: An instance-specific error occurred while establishing a connection to SQL Server. Connection was denied since Deny Public Network Access is set to Yes',
      family: 'azure_firewall',
      fields: { number: 47073 },
    },
    {
      source: 'github.com/dotnet/SqlClient/issues/413',
      text: 'System.InvalidOperationException : Timeout expired.  The timeout period elapsed prior to obtaining a connection from the pool.  This may have occurred because all pooled connections were in use and max pool size was reached.',
      family: 'timeout',
    },
    {
      source: 'github.com/tediousjs/node-mssql/issues/137',
      text: "conn err { [ConnectionError: Port for SQL2012 not found in ServerName;MyPC;InstanceName;SQL2012;IsClustered;No;Version;11.0.5058.0;;]\n  name: 'ConnectionError',\n  code: 'EINSTLOOKUP' }",
      family: 'not_found',
      fields: { provider: 'tedious' },
    },
    {
      source: 'github.com/tediousjs/tedious/issues/655: port "undefined" means the Browser lookup failed',
      text: "{ ConnectionError: Failed to connect to localhost:undefined in 15000ms\n  message: 'Failed to connect to localhost:undefined in 15000ms',\n  code: 'ETIMEOUT' }",
      family: 'not_found',
      fields: { provider: 'tedious' },
    },
    {
      source: 'github.com/BhaveshKashikar/NodeWithSql/issues/18 (second error of the paste)',
      text: "ConnectionError: Failed to connect to 10.132.196.61,8016\\Sqlexpress in 15000ms\n    at Connection.connectTimeout (node_modules\\tedious\\lib\\connection.js:1195:54) {\n  code: 'ETIMEOUT'\n}",
      // tedious prints host\\INSTANCE only when no port was set, i.e. while it waited for the SQL Browser's answer.
      family: 'not_found',
      fields: { provider: 'tedious' },
    },
    {
      source: 'MSSQLSERVER_4060 and _18456 catalogue texts, database and user names illustrative (4060 wins over 18456)',
      text: 'Cannot open database "Orders" requested by the login. The login failed.\nLogin failed for user \'app\'.',
      family: 'database',
      fields: { number: 4060 },
    },
  ];

  it.each(cases)('$family: $source', ({ text, family, fields }) => {
    expect(familyOf(text, fields)).toBe(family);
  });
});

describe('localised "Login failed for user"', () => {
  const cases: ReadonlyArray<{ language: string; source: string; text: string }> = [
    { language: 'German', source: 'public README, find_string id 32034672771', text: "Fehler bei der Anmeldung für den Benutzer 'DOMAIN\\ServerCheckUser'." },
    { language: 'French', source: 'public test log, find_string id 66517576095', text: "Microsoft.Data.SqlClient.SqlException : Échec de l'ouverture de session de l'utilisateur 'IHEB-PC\\ihebc'." },
    { language: 'Spanish', source: 'public write-up, find_string id 7185566013', text: "[-] ERROR(PIVOTAPI\\SQLEXPRESS): Line 1: Error de inicio de sesión del usuario 'LICORDEBELLOTA\\Kaorz'." },
    { language: 'Portuguese', source: 'public PHP sample, find_string id 16989271442', text: "SQLSTATE[28000]: [Microsoft][ODBC Driver 17 for SQL Server][SQL Server]Falha de logon do usuário 'sa'." },
    { language: 'Chinese', source: 'public blog post, find_string id 7809094957', text: "System.Data.SqlClient.SqlException (0x80131904): 用户 'sa' 登录失败。" },
    { language: 'Japanese', source: 'ja-jp SSMS troubleshooting docs, find_string id 5302281569', text: "ユーザー ' NT AUTHORITY\\ANONYMOUS LOGON' はログインできませんでした。 (Microsoft SQL Server、エラー:18456)" },
    { language: 'Russian', source: 'ru-ru SSMS troubleshooting docs, find_string id 37921590225', text: 'Ошибка входа пользователя "NT AUTHORITY\\ANONYMOUS LOGON". (Microsoft SQL Server, ошибка: 18456)' },
  ];

  it.each(cases)('$language ($source)', ({ text }) => {
    expect(familyOf(text)).toBe('login_failed');
  });
});

describe('localised socket phrases', () => {
  const cases: ReadonlyArray<{ language: string; text: string; outcome: string }> = [
    // WSAETIMEDOUT (10060), Windows wording as printed by .NET and Python (find_string ids in comments).
    { language: 'German (16031562281)', outcome: 'timeout', text: 'SocketException: Ein Verbindungsversuch ist fehlgeschlagen, da die Gegenstelle nach einer bestimmten Zeitspanne nicht richtig reagiert hat, oder die hergestellte Verbindung war fehlerhaft' },
    { language: 'French (15494594953)', outcome: 'timeout', text: "SocketException : Une tentative de connexion a échoué car la partie connectée n'a pas répondu convenablement au-delà d'une certaine durée ou une connexion établie a échoué" },
    { language: 'Spanish (56813082227)', outcome: 'timeout', text: '[WinError 10060] Se produjo un error durante el intento de conexión ya que la parte conectada no respondió adecuadamente tras un periodo de tiempo, o bien se produjo un error' },
    { language: 'Portuguese (24101086278)', outcome: 'timeout', text: 'SocketException: Uma tentativa de conexão falhou porque a parte conectada não respondeu corretamente após um período de tempo, ou conexão estabelecida falhou' },
    { language: 'Chinese (1491730382)', outcome: 'timeout', text: 'TimeoutError: [WinError 10060] 由于连接方在一段时间后没有正确答复或连接的主机没有反应，连接尝试失败。' },
    { language: 'Japanese (18116427000)', outcome: 'timeout', text: 'System.Net.Sockets.SocketException: 接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため、接続できませんでした。' },
    { language: 'Russian (24040246)', outcome: 'timeout', text: "(10060, 'Попытка установить соединение была безуспешной, т.к. от другого компьютера за требуемое время не получен нужный отклик, или было разорвано" },
    // WSAHOST_NOT_FOUND (11001).
    { language: 'German (41917547213)', outcome: 'dns', text: 'Os { code: 11001, kind: Uncategorized, message: "Der angegebene Host ist unbekannt." }' },
    { language: 'Portuguese (17873653001)', outcome: 'dns', text: 'SqlException.Number = 11001, Mensagem: "Este host não é conhecido"' },
    { language: 'Chinese (52915059681)', outcome: 'dns', text: 'failed to bundle project: io: 不知道这样的主机。 (os error 11001)' },
    { language: 'Japanese (17992157503)', outcome: 'dns', text: '(プロバイダー:TCP プロバイダー、エラー:0 - そのようなホストは不明です。) (.Net SqlClient Data Provider)' },
    { language: 'Russian (70938562706)', outcome: 'dns', text: 'network error: resolve www.localhost: Этот хост неизвестен. (os error 11001)' },
  ];

  it.each(cases)('$language → $outcome', ({ text, outcome }) => {
    expect(outcomeFromPhrase(text)).toBe(outcome);
  });
});

describe('phaseOf', () => {
  it('reads the pool, post-login, TLS, pre-login, instance lookup and login phases', () => {
    expect(phaseOf('Timeout expired.  The timeout period elapsed prior to obtaining a connection from the pool.')).toBe('pool');
    expect(phaseOf('Connection Timeout Expired.  The timeout period elapsed during the post-login phase.')).toBe('post-login');
    expect(phaseOf('(provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)')).toBe('tls');
    expect(phaseOf('A connection was successfully established with the server, but then an error occurred during the pre-login handshake.')).toBe('prelogin');
    expect(phaseOf("ConnectionError: Port for SQL2012 not found in ServerName;MyPC; code: 'EINSTLOOKUP'")).toBe('instance-lookup');
    expect(phaseOf("Login failed for user 'dapDB'. (18456)")).toBe('login');
    expect(phaseOf('connect ECONNREFUSED 127.0.0.1:1433')).toBeUndefined();
  });
});

const readFixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

describe('instanceLookupOf', () => {
  it('reads an unanswered SQL Browser lookup from real tedious timeouts (host\\INSTANCE, or host:undefined in old tedious)', () => {
    expect(instanceLookupOf(makePaste(readFixture('real-clients/tedious-no-browser.txt')).flat)).toBe('unanswered');
    expect(instanceLookupOf(makePaste(readFixture('providers/tedious/tedious-timeout-undefined-port.txt')).flat)).toBe('unanswered');
  });

  it('reads an answer without the instance (tedious EINSTLOOKUP, go-mssqldb "no instance matching")', () => {
    expect(instanceLookupOf(makePaste(readFixture('providers/tedious/tedious-einstlookup-port-not-found.txt')).flat)).toBe('instance-missing');
    const go = normalize(readFixture('providers/go/go-no-instance-matching-telegraf.txt'));
    expect(go.family).toBe('not_found');
    expect(go.facts['error.instanceLookup']).toBe('instance-missing');
  });

  it('says nothing when the client dialled a port (no Browser lookup)', () => {
    expect(instanceLookupOf(makePaste(readFixture('real-clients/tedious-silent.txt')).flat)).toBeUndefined();
  });
});

describe('a paste without any provider layout', () => {
  it("reads a bare message template as its client's record, by the message catalogue (SqlClient's SSPI sentence)", () => {
    const result = normalize('The target principal name is incorrect. Cannot generate SSPI context.');
    expect(result.errors).toEqual([
      expect.objectContaining({ provider: 'sqlclient', messages: expect.arrayContaining(['mds:SQL_SSPIGenerateError']) }),
    ]);
    expect(result.family).toBe('sspi');
  });

  it('stays unknown for text with no signal at all', () => {
    expect(normalize('the coffee machine is broken again').family).toBe('unknown');
  });
});

describe('a reset inside a TLS wrapper', () => {
  it('is the server dropping the handshake (prelogin) when the text names no TLS reason', () => {
    expect(normalize(readFixture('providers/prisma/prisma-p1011-reset-104.txt')).family).toBe('prelogin');
  });
});

