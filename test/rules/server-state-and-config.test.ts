// The causes for server state, client settings, the sa password and logon triggers rank as a DBA would rank them.
import { describe, expect, it } from '@jest/globals';
import { createDoctor } from '../../src/doctor.js';

const doctor = createDoctor();
const ranked = async (text: string, facts: Record<string, unknown> = {}) => (await doctor.diagnose({ text, facts })).causes.map((c) => c.id);

describe('ranking', () => {
  it('puts the refused sa password first for an ERRORLOG state 7 on sa, with disabled and starting behind it', async () => {
    // github.com/microsoft/mssql-docker/issues/15
    const causes = await ranked(
      "Error: 18456, Severity: 14, State: 7.\nLogon Login failed for user 'sa'. Reason: An error occurred while evaluating the password. [CLIENT: 192.168.99.1]",
    );
    expect(causes.slice(0, 3)).toEqual(['sa_password_policy_rejected', 'login_disabled', 'server_starting']);
  });

  it('keeps the wrong password first for a bare sa login failure, ruling out an unknown login', async () => {
    const causes = await ranked("Error: Login failed for user 'sa'.");
    expect(causes[0]).toBe('login_wrong_password');
    expect(causes.slice(0, 3)).toContain('sa_password_policy_rejected');
    expect(causes).not.toContain('login_unknown_user');
  });

  it('ranks wrong password, unknown login and missing database first for a login failure without a state', async () => {
    expect((await ranked("Login failed for user 'app'.")).slice(0, 3)).toEqual(['login_wrong_password', 'login_unknown_user', 'database_not_found']);
  });

  it('ranks a mangled connection string second behind the wrong password for a password mismatch', async () => {
    const causes = await ranked("Login failed for user 'someuser'. Reason: Password did not match that for the login provided. [CLIENT: 127.0.0.1]");
    expect(causes.slice(0, 2)).toEqual(['login_wrong_password', 'connection_string_syntax']);
  });

  it.each([
    ["Logon failed for login 'DOMAIN\\USERNAME' due to trigger execution.", 'logon_trigger_rejected'],
    ["Login failed for user 'sa'. Reason: Server is in script upgrade mode. Only administrator can connect at this time.", 'server_starting'],
    ["Could not connect because the maximum number of '1' user connections has already been reached.", 'server_connection_limit'],
    ['Format of the initialization string does not conform to specification starting at index 0.', 'connection_string_syntax'],
    ['System.PlatformNotSupportedException: LocalDB is not supported on this platform.', 'localdb_requires_named_pipes'],
    ['Password validation failed. The password does not meet SQL Server password policy requirements because it is not complex enough.', 'sa_password_policy_rejected'],
  ])('%s → %s first', async (text, cause) => {
    expect((await ranked(text))[0]).toBe(cause);
  });

  it('does not blame the credentials when a logon trigger or the upgrade mode refused the login', async () => {
    const causes = await ranked("Logon failed for login 'app' due to trigger execution.");
    expect(causes).not.toContain('login_wrong_password');
    expect(causes).not.toContain('login_unknown_user');
  });

  it('reads an ERRORLOG startup without its ready line as a server still starting', async () => {
    const causes = await ranked('Login timeout expired', { 'errorlog.startupSeen': true, 'errorlog.ready': false, 'errorlog.shutdown': false });
    expect(causes).toContain('server_starting');
    expect(await ranked('Login timeout expired', { 'errorlog.startupSeen': true, 'errorlog.ready': true, 'errorlog.shutdown': false })).not.toContain('server_starting');
  });
});
