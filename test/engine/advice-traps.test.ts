// The errors issue 15 found answered wrongly (each reproduced from a clean clone there), and what a senior DBA would
// say to each, written beside the test. The texts are the clients' own messages: SqlClient's and SSMS's (catalogue
// sources mds/sds/netfx and ssms), msodbcsql's Kerberos message, mssql-jdbc's TLS sentence, SQL Server's and Azure
// SQL's server messages (sqlserver, azuresql), Go's resolver error; each is recognised by its catalogue entry, so a
// test here fails when the reading or the advice regresses, not when a wording is retyped.
import { createDoctor } from '../../src/doctor.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';

const doctor = createDoctor();
const diagnose = (text: string) => doctor.diagnose(text);
const ids = (d: Diagnosis) => d.causes.map((c) => c.id);
/** Every fix step and check command the answer shows, as one text. */
const advice = (d: Diagnosis) =>
  JSON.stringify([d.causes.map((c) => c.fixes), d.nextChecks.map((c) => c.commands)]);

describe('advice a senior DBA would sign', () => {
  it('a Windows machine account is never told its password is wrong', async () => {
    // CORP\WEB01$ is a computer's account (a service running as Network Service or an application pool identity):
    // no password of its was checked. It needs a login of its own, or the service a domain account with one.
    const d = await diagnose("Login failed for user 'CORP\\WEB01$'. (Microsoft SQL Server, Error: 18456)");
    expect(d.family).toBe('login_failed');
    expect(ids(d)[0]).toBe('login_unknown_user');
    expect(ids(d)).not.toContain('login_wrong_password');
    expect(d.causes[0]?.evidence.join(' ')).toMatch(/machine account/);
  });

  it('an Entra token login leads with the Entra configuration', async () => {
    // "<token-identified principal>" is a login made with an access token: the identity's access (a database
    // user FROM EXTERNAL PROVIDER, the server's Entra admin) is the question, never a password.
    const d = await diagnose("Login failed for user '<token-identified principal>'. (Microsoft SQL Server, Error: 18456)");
    expect(ids(d)[0]).toBe('entra_auth_misconfigured');
    expect(ids(d)).not.toContain('login_wrong_password');
  });

  it('ANONYMOUS LOGON leads with Kerberos delegation (the double hop)', async () => {
    const d = await diagnose("Login failed for user 'NT AUTHORITY\\ANONYMOUS LOGON'. (Microsoft SQL Server, Error: 18456)");
    expect(ids(d)[0]).toBe('kerberos_delegation');
    expect(ids(d)).not.toContain('login_wrong_password');
  });

  it('18452 leads with the untrusted domain', async () => {
    const d = await diagnose(
      'Login failed. The login is from an untrusted domain and cannot be used with Integrated authentication. (Microsoft SQL Server, Error: 18452)',
    );
    expect(ids(d)[0]).toBe('untrusted_domain');
    expect(ids(d)).not.toContain('login_wrong_password');
  });

  it('a session that broke after login is never told to weaken TLS', async () => {
    // "when receiving results from the server" is a read on a session that had logged in: the TLS handshake
    // worked, so OpenSSL's MinProtocol/SECLEVEL or any TLS version change would only weaken a working connection.
    const d = await diagnose(
      'A transport-level error has occurred when receiving results from the server. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)',
    );
    expect(d.family).not.toBe('prelogin');
    expect(ids(d)[0]).toBe('connection_broken_mid_session');
    expect(ids(d)).not.toContain('tls_version_mismatch');
    expect(advice(d)).not.toMatch(/MinProtocol|SECLEVEL|TLSv1/);
  });

  it("mssql-jdbc's refused TLS 1.0 is fixed in the JDK's java.security, not in OpenSSL", async () => {
    // The JDK (since 8u291 and 11.0.11) disables TLS 1.0 and 1.1 in jdk.tls.disabledAlgorithms; Java does not use
    // the system OpenSSL, so only the JDK's policy (or, better, the server's TLS 1.2) changes anything.
    const d = await diagnose(
      'com.microsoft.sqlserver.jdbc.SQLServerException: The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. Error: "The server selected protocol version TLS10 is not accepted by client preferences [TLS13, TLS12]".',
    );
    expect(ids(d)[0]).toBe('tls_version_mismatch');
    const fixes = JSON.stringify(d.causes[0]?.fixes);
    expect(fixes).toMatch(/jdk\.tls\.disabledAlgorithms/);
    expect(fixes).toMatch(/java\.security/);
  });

  it('Azure SQL 10928 gets Azure fixes only: no sp_configure, no dedicated administrator connection', async () => {
    // Azure SQL Database has no "user connections" setting and no DAC to the instance: the limit is the service
    // objective's workers or sessions, met by scaling up or cutting concurrency.
    const d = await diagnose(
      "Resource ID : 1. The request limit for the database is 30 and has been reached. See 'http://go.microsoft.com/fwlink/?LinkId=267637' for assistance. (Microsoft SQL Server, Error: 10928)",
    );
    expect(ids(d)[0]).toBe('azure_resource_limit');
    expect(ids(d)).not.toContain('server_connection_limit');
    expect(advice(d)).not.toMatch(/sp_configure|admin:|user connections'/);
    expect(advice(d)).toMatch(/sys\.dm_db_resource_stats/);
  });

  it("SSMS's error 233 over shared memory is a closed login, not a missing pipe or a foreign listener", async () => {
    // "successfully established … during the login process": the pipe reached sqlservr (shared memory reaches
    // nothing else) and the server closed it during the login; its usual reasons are a full "user connections"
    // and a SQL login on an instance in Windows-only mode.
    const d = await diagnose(
      'A connection was successfully established with the server, but then an error occurred during the login process. (provider: Shared Memory Provider, error: 0 - No process is on the other end of the pipe.) (Microsoft SQL Server, Error: 233)',
    );
    expect(d.family).toBe('prelogin');
    expect(ids(d).slice(0, 2).sort()).toEqual(['server_connection_limit', 'sql_auth_disabled']);
    expect(ids(d)).not.toContain('not_sql_server');
  });

  it('Linux ODBC without a Kerberos ticket is told to run kinit and klist', async () => {
    // msodbcsql on Linux uses the user's credential cache; "No Kerberos credentials available" means no TGT there:
    // kinit first. The SPN is only in question once a ticket exists.
    const d = await diagnose('[Microsoft][ODBC Driver 18 for SQL Server]SSPI Provider: No Kerberos credentials available (default cache: FILE:/tmp/krb5cc_1000)');
    expect(d.family).toBe('sspi');
    expect(ids(d)[0]).toBe('kerberos_no_ticket');
    expect(JSON.stringify(d.causes[0]?.fixes)).toMatch(/kinit .*klist|klist.*kinit/s);
  });

  it("Go's resolver error is a DNS failure", async () => {
    const d = await diagnose('dial tcp: lookup db on 127.0.0.53:53: no such host');
    expect(d.family).toBe('dns');
    expect(ids(d)[0]).toBe('dns_resolution_failure');
  });
});
