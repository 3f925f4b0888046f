// What makes two log entries "the same failure": the records' identifying fields and their masked messages.
import { describe, expect, it } from '@jest/globals';
import { normalize } from '../../src/normalize/index.js';
import { entrySignature, maskVariableParts, signatureTitle } from '../../src/scan/signature.js';
import { splitEntries } from '../../src/scan/log-entries.js';
import { fixture } from '../helpers.js';

const signatureOf = (text: string) => entrySignature(normalize(text).errors);

describe('entrySignature', () => {
  it("groups the brute-force run's 25 failed logins (one login name each) into one signature", () => {
    // SOURCES.yaml of test/fixtures/evidence/errorlog: 25 failures, all "State: 5" from 192.168.231.1.
    const { entries } = splitEntries('ERRORLOG', fixture('evidence/errorlog/windows-express-2016-cat-bom-bruteforce.txt'));
    const ids = entries.map((e) => normalize(e.text).errors).filter((errors) => errors.length > 0).map((errors) => entrySignature(errors).id);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(1);
  });

  it('keeps apart what differs in kind: another login state, another port', () => {
    const base = signatureOf('Error: 18456, Severity: 14, State: 5.\nLogin failed for user \'a\'. Reason: Could not find a login matching the name provided.');
    const state8 = signatureOf('Error: 18456, Severity: 14, State: 8.\nLogin failed for user \'a\'. Reason: Password did not match that for the login provided.');
    expect(state8.id).not.toBe(base.id);
    const tedious = (port: number, ms: number) => signatureOf(`ConnectionError: Failed to connect to db01:${port} in ${ms}ms\n    at Connection.socketError`);
    expect(tedious(1433, 15000).id).toBe(tedious(1433, 15023).id);
    expect(tedious(1433, 15000).id).not.toBe(tedious(1533, 15000).id);
  });

  it('is the same whatever the ClientConnectionId', () => {
    const text = (id: string) =>
      `Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 40 - Could not open a connection to SQL Server)\nClientConnectionId:${id}`;
    expect(signatureOf(text('00000000-0000-0000-0000-000000000000')).id).toBe(signatureOf(text('eeb52729-5b55-4fd1-8512-c52389afcd69')).id);
  });

  it('is the set of distinct records: a client printing a record twice for one attempt is one failure of one kind', () => {
    // test/fixtures/seed/sqlcmd.txt is one sqlcmd failure: three records.
    const once = fixture('seed/sqlcmd.txt').trim();
    expect(signatureOf(`${once}\n${once}`)).toEqual(signatureOf(once));
  });
});

describe('maskVariableParts', () => {
  it('masks numbers of three digits or more and durations, keeps short numbers and the record\'s own', () => {
    // A message holding each kind of number the rule (src/scan/signature.ts) names: an id, a duration, small counts, a
    // version, and the record's own error and OS numbers.
    const message = 'Adaptive Server connection failed (db01) pid 512 try 2 of 3 after 1500ms, OS error 111, TDS 7.4, error 20009';
    expect(maskVariableParts({ provider: 'dblib', number: 20009, osError: 111, message, line: message })).toBe(
      'Adaptive Server connection failed (db01) pid <n> try 2 of 3 after <n>ms, OS error 111, TDS 7.4, error 20009',
    );
  });
});

describe('signatureTitle', () => {
  it("shows the first message with what changes masked, and the record's own numbers kept", () => {
    const { errors } = normalize("Error: 18456, Severity: 14, State: 5.\nLogin failed for user 'root'. Reason: Could not find a login matching the name provided. [CLIENT: 192.168.231.1]");
    expect(signatureTitle(errors)).toBe("18456: Login failed for user '…'. Reason: Could not find a login matching the name provided. [CLIENT: <address>]");
    const tedious = normalize('ConnectionError: Failed to connect to db01:1433 in 15000ms').errors;
    expect(signatureTitle(tedious)).toContain('db01:1433 in <n>ms');
  });
});
