// Secrets never reach any output: redaction of pasted text and the final sweep over a Diagnosis.
import { describe, expect, it } from '@jest/globals';
import { createDoctor } from '../src/doctor.js';
import { MASK, redactText, sweepSecrets } from '../src/redact.js';
import { fixture } from './helpers.js';

describe('redactText', () => {
  it.each([
    ['Server=db01;User Id=sa;Password=S3cr3t!x;Database=app', 'S3cr3t!x'],
    ['Server=db01;Pwd={p;a}}ss};Database=app', '{p;a}}ss}'],
    ['Data Source=db01;password="quoted;secret"', 'quoted;secret'],
    ['{"user":"sa","password":"js0n-secret"}', 'js0n-secret'],
    ["config = { password: 'tedious-pass', server: 'db' }", 'tedious-pass'],
    ['[password] => php-pr1nt-r', 'php-pr1nt-r'],
    ['mssql+pyodbc://sa:url-secret@db01/app?driver=ODBC+Driver+18', 'url-secret'],
    ['sqlcmd -S db01 -U sa -P cmdline-secret -Q "select 1"', 'cmdline-secret'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig', 'eyJhbGciOiJIUzI1NiJ9.payload.sig'],
    ['AccessToken=abc.def.ghi;Server=x', 'abc.def.ghi'],
  ])('masks the secret in %s', (text, secret) => {
    const { text: out, secrets } = redactText(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(MASK);
    expect(secrets.length).toBeGreaterThan(0);
  });

  it('leaves a sentence that ends in "password:" alone (mssql-docker setup log wording)', () => {
    const text = 'ERROR: Unable to set system administrator password: Password validation failed. The password does not meet SQL Server password policy requirements.';
    expect(redactText(text)).toEqual({ text, secrets: [] });
  });

  it('leaves text without secrets alone', () => {
    const text = fixture('seed/sqlclient.txt');
    expect(redactText(text)).toEqual({ text, secrets: [] });
  });
});

describe('sweepSecrets', () => {
  it('replaces a secret wherever it appears in nested output', () => {
    const out = sweepSecrets({ a: ['x hunter22 y'], b: { c: 'hunter22' }, n: 3 }, ['hunter22']);
    expect(out).toEqual({ a: [`x ${MASK} y`], b: { c: MASK }, n: 3 });
  });

  it('sweeps a short secret only where it stands as a word, so that the words it is part of survive', () => {
    const out = sweepSecrets(['login_wrong_password', 'Send the right password', 'password=pass;', '(pass)', 'pass'], ['pass']);
    expect(out).toEqual(['login_wrong_password', 'Send the right password', `password=${MASK};`, `(${MASK})`, MASK]);
  });

  it('sweeps a secret of 8 characters or more wherever it is, inside words too', () => {
    expect(sweepSecrets(['xhunter2222y', 'pwd%3Dhunter2222%26'], ['hunter2222'])).toEqual([`x${MASK}y`, `pwd%3D${MASK}%26`]);
  });

  it('masks the whole of a secret that holds another', () => {
    expect(sweepSecrets('a Secr3t-longer b Secr3t c', ['Secr3t', 'Secr3t-longer'])).toBe(`a ${MASK} b ${MASK} c`);
  });
});

describe('diagnose never echoes a secret', () => {
  it('and a short password does not eat the words it is part of (cause ids, fixes)', async () => {
    const d = await createDoctor().diagnose("Login failed for user 'sa'. Connection string: Server=db01;User ID=sa;password=pass");
    expect(d.causes.map((c) => c.id)).toContain('login_wrong_password');
    expect(JSON.stringify(d)).not.toMatch(/(?<![A-Za-z0-9_])pass(?![A-Za-z0-9_])/);
    expect(JSON.stringify(d)).not.toContain(`${MASK}word`);
  });


  it('from the paste, the connection string or evidence, in any field', async () => {
    const doctor = createDoctor();
    const secret = 'Tr0ub4dor&3-horse';
    const d = await doctor.diagnose({
      text: `${fixture('seed/sqlclient.txt')}\nConnection string: Server=tcp:db01,1234;User ID=app;Password=${secret};\nlater the app logged ${secret} again`,
      connectionString: `Server=tcp:db01,1234;User ID=app;Password=${secret}`,
      evidence: [{ kind: 'netstat', text: `password: ${secret}` }],
    });
    expect(JSON.stringify(d)).not.toContain(secret);
    expect(d.facts['target.port']).toBe(1234);
  });
});
