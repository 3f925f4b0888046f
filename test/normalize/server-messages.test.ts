// SQL Server's own message templates are read as records with their numbers even without an "Error: N" header, and
// the reason the server wrote names the 18456 state. Texts are the templates of the engine's message catalogue
// (learn.microsoft.com "Database engine events and errors") filled in as the cited public pastes show them.
import { describe, expect, it } from '@jest/globals';
import { configErrorIn } from '../../src/normalize/client-config.js';
import { normalize } from '../../src/normalize/index.js';
import { redactText } from '../../src/redact/index.js';
import { stateOfReason } from '../../src/normalize/server.js';

const numbersOf = (text: string) => normalize(text).facts['error.numbers'];

describe('server message templates without a header', () => {
  it.each([
    // github.com/rails-sqlserver/tiny_tds/issues/446 (wrapped) and the retyped "Adress" of CelestialADB-Desktop#21.
    ["Cannot open server 'db1' requested by the login. Client with IP address '203.0.113.9'\n  is not allowed to access the server.", 40615],
    ["Cannot open server 'csql' requested by the login. Client with IP Adress 'x' is not allowed to access the server.", 40615],
    ['Cannot open server "xxx.com" requested by the login. The login failed.', 40532],
    ["Logon failed for login 'DOMAIN\\USERNAME' due to trigger execution.", 17892],
    ["Login failed for user 'sa'. Reason: Server is in script upgrade mode. Only administrator can connect at this time.", 18401],
    ["Login failed for user 'app'. Reason: Server is in single user mode. Only one administrator can connect at this time.", 18461],
    ["Could not connect because the maximum number of '1' user connections has already been reached.", 17809],
    ['SQL Server is not ready to accept new client connections. Wait a few minutes before trying again.', 17187],
    ['Resource ID : 1. The request limit for the database is 200 and has been reached.', 10928],
    ['Password validation failed. The password does not meet SQL Server password policy requirements because it is too short.', 33062],
    ['Password validation failed. The password does not meet Windows policy requirements because it is not complex enough.', 15118],
  ])('%s → %d', (text, number) => {
    expect(numbersOf(text)).toEqual([number]);
  });

  it('reads a specific template once, not also as the generic 18456 it starts like', () => {
    const { errors } = normalize("Login failed for user 'sa'. Reason: Server is in script upgrade mode. Only administrator can connect at this time.");
    expect(errors.map((e) => e.number)).toEqual([18401]);
  });

  it("reads the Linux setup's refusal of the sa password, which redaction leaves readable", () => {
    // github.com/microsoft/mssql-docker/issues/46 and #776: "password: Password validation failed" is prose, not a secret.
    const { text } = redactText(
      'ERROR: Unable to set system administrator password: Password validation failed. The password does not meet SQL Server password policy requirements because it is not complex enough.',
    );
    const policy = normalize(text);
    expect(policy.facts['error.numbers']).toEqual([33064]);
    expect(policy.family).toBe('other');
    const setup = normalize('An error occurred while setting the server administrator (SA) password: error 33064, severity 16, state 2.');
    expect(setup.errors).toMatchObject([{ provider: 'server', number: 33064, severity: 16, state: 2 }]);
  });
});

describe('the 18456 state named by the reason', () => {
  // MSSQLSERVER_18456 and messages 18301–18357; the state each reason is logged with.
  it.each([
    ['Reason: Could not find a login matching the name provided.', 5],
    ['Reason: Attempting to use an NT account name with SQL Server Authentication.', 6],
    ['Reason: An error occurred while evaluating the password.', 7],
    ['Reason: Password did not match that for the login provided.', 8],
    ['Reason: Invalid password provided.', 9],
    // A Log Viewer export at pastebin.com/n5YbWaDf pairs it with "Error: 18456, Severity: 14, State: 13."
    ['Reason: SQL Server service is paused. No new connections can be accepted at this time.', 13],
    ['Reason: Failed to open the explicitly specified database \'db\'.', 38],
    ["Reason: Failed to open the database 'db' specified in the login properties", 40],
    ['Reason: An attempt to login using SQL authentication failed. Server is configured for Windows authentication only.', 58],
  ])('%s → %d', (reason, state) => {
    expect(stateOfReason(reason)).toBe(state);
    expect(normalize(`Login failed for user 'app'. ${reason} [CLIENT: 10.0.0.5]`).facts['error.loginState']).toBe(state);
  });

  it('has no state for a reason it does not know, nor for a client message without one', () => {
    expect(stateOfReason('Reason: Something new.')).toBeUndefined();
    expect(normalize("Login failed for user 'app'.").facts['error.loginState']).toBeUndefined();
  });

  it('lets the ERRORLOG header win over the reason', () => {
    const text = "Error: 18456, Severity: 14, State: 38.\nLogin failed for user 'app'. Reason: Password did not match that for the login provided.";
    expect(normalize(text).facts['error.loginState']).toBe(38);
  });

  it('reads a Windows event XML as an 18456 for its login, with the state of its reason', () => {
    // github.com/DigitalRuby/IPBan/issues/4
    const { facts, family } = normalize(
      '<EventData> <Data>sa</Data> <Data>Reason: Password did not match that for the login provided.</Data> <Data>[CLIENT: 74.63.255.37]</Data>',
    );
    expect(family).toBe('login_failed');
    expect(facts).toMatchObject({ 'error.numbers': [18456], 'error.loginState': 8, 'error.loginUser': 'sa' });
  });

  it('names the login of "Login failed for user" and of the ERRORLOG\'s "Logon failed for user"', () => {
    expect(normalize("Login failed for user 'sa'.").facts['error.loginUser']).toBe('sa');
    expect(normalize("Logon failed for user 'NuclearMosquito3'. Reason: Password did not match that for the login provided. [CLIENT: 127.0.0.1]").facts).toMatchObject({
      'error.loginUser': 'NuclearMosquito3',
      'error.loginState': 8,
    });
  });
});

describe('client settings rejected before connecting', () => {
  it.each([
    ['System.ArgumentException: Format of the initialization string does not conform to specification starting at index 0.', 'connection-string-format'],
    ["System.ArgumentException: Keyword not supported: 'trust server certificate'.", 'keyword-not-supported'],
    ['[Microsoft][ODBC Driver 17 for SQL Server]Invalid connection string attribute', 'invalid-attribute'],
    ['System.PlatformNotSupportedException: LocalDB is not supported on this platform.', 'localdb-unsupported'],
  ])('%s → %s', (text, error) => {
    expect(configErrorIn(text)?.error).toBe(error);
    expect(normalize(text).facts['error.configError']).toBe(error);
  });

  it("takes the setting a client's own message names before the whole text's reading", () => {
    // test/fixtures/logs/go-mssqldb-sqlagent-backoff.log, line 3 (chop-dbhi/prometheus-sql#12). go-mssqldb's msdsn parser
    // raises "invalid tcp port" for a port value that does not parse (the catalogue's go-mssqldb:config.invalid-tcp-port):
    // here the rest of a space-separated string landed in it. Both readings lead to connection_string_syntax.
    const text =
      '503 Service Unavailable: problem connecting to database: Invalid tcp port \'1433 user=teste database=teste host=ip password=pass\': strconv.ParseUint: parsing "1433 user=teste database=teste host=ip password=pass": invalid syntax';
    expect(configErrorIn(text)?.error).toBe('connection-string-format');
    expect(normalize(text).facts['error.configError']).toBe('invalid-value');
  });

  it('says nothing about an ordinary connection failure', () => {
    expect(configErrorIn('A network-related or instance-specific error occurred while establishing a connection to SQL Server.')).toBeUndefined();
  });
});
