// FreeTDS's clients as they really print: tsql, bsqldb and pymssql (DB-Library), isql and pyodbc (its ODBC driver).
// The texts are the live output captured on this machine (test/fixtures/real-clients/SOURCES.yaml).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { freetdsFamily, freetdsNumberOf } from '../../src/normalize/freetds.js';
import { normalize } from '../../src/normalize/index.js';

const live = (name: string) => normalize(readFileSync(new URL(`../fixtures/real-clients/${name}.txt`, import.meta.url), 'utf8'));
const errorsFixture = (name: string) => normalize(readFileSync(new URL(`../fixtures/errors/${name}`, import.meta.url), 'utf8'));

describe('freetdsNumberOf', () => {
  it.each([
    ['Unable to connect: Adaptive Server is unavailable or does not exist', 20009],
    ['Adaptive Server connection failed', 20002],
    ['Unknown host machine name.', 20013],
    ['Unexpected EOF from the server', 20017],
    ['Server name not found in configuration files.', 20012],
  ])('reads %j as %i', (message, number) => {
    expect(freetdsNumberOf(message)).toBe(number);
  });

  it('leaves the ODBC driver summary and other texts without a number', () => {
    expect(freetdsNumberOf('Unable to connect to data source')).toBeUndefined();
    expect(freetdsNumberOf("Login failed for user 'sa'.")).toBeUndefined();
  });
});

describe('bsqldb layout "bsqldb: Msg N, Level N (OS error …)message (host)"', () => {
  it('reads the number, the OS error and the server of a refused connection', () => {
    const { family, errors, facts } = live('bsqldb-refused');
    expect(family).toBe('refused');
    expect(facts['error.numbers']).toEqual([20009]);
    expect(facts['error.osErrors']).toEqual([111]);
    expect(facts['target.host']).toBe('127.0.0.1');
    expect(errors.find((e) => e.number === 20009)?.message).toMatch(/^Unable to connect: Adaptive Server/);
  });

  it('reads unexpected EOF then connection failed as the handshake', () => {
    const { family, facts } = live('bsqldb-not-sql');
    expect(family).toBe('prelogin');
    expect(facts['error.numbers']).toEqual([20017, 20002]);
  });

  it('reads "Unknown host machine name (host)" as dns and keeps the host', () => {
    const { family, facts } = live('bsqldb-dns');
    expect(family).toBe('dns');
    expect(facts['error.numbers']).toEqual(expect.arrayContaining([20012, 20013, 20009]));
    expect(facts['target.host']).toBe('doesnotexist.invalid');
  });
});

describe('tsql layout "Error N (severity N):"', () => {
  it('reads an error whose line starts with the login timer\'s counter ("…16Error 20017")', () => {
    const { family, facts } = errorsFixture('dblib-tsql-20017-eof-seconds-counter.txt');
    expect(family).toBe('prelogin');
    expect(facts['error.numbers']).toEqual([20017, 20002]);
  });

  it("ends the message before tsql's own closing lines", () => {
    const { errors } = live('tsql-no-browser');
    expect(errors.map((e) => e.message)).toEqual(expect.arrayContaining(['Unable to connect: Adaptive Server is unavailable or does not exist']));
    expect(errors.some((e) => /There was a problem|locale/.test(e.message))).toBe(false);
  });

  it('reads 20013 as dns', () => {
    expect(live('tsql-dns').family).toBe('dns');
  });
});

describe('FreeTDS ODBC records (isql -v, pyodbc)', () => {
  it('splits isql\'s "[SQLSTATE][FreeTDS][SQL Server]message" lines and numbers them from their text', () => {
    const { family, errors, facts } = live('isql-not-sql');
    expect(family).toBe('prelogin');
    expect(errors.map((e) => e.message)).toEqual(['Unable to connect to data source', 'Unexpected EOF from the server', 'Adaptive Server connection failed']);
    expect(facts['error.numbers']).toEqual([20017, 20002]);
    expect(facts['error.osErrors']).toBeUndefined();
    expect(facts['error.sqlStates']).toEqual(['S1000', '01000']);
  });

  it('reads "Unknown host machine name." as dns', () => {
    expect(live('isql-dns').family).toBe('dns');
  });

  it('leaves an ODBC record to odbc, and its native error is no server name', () => {
    const { providers, facts } = live('pyodbc-refused');
    expect(providers).toEqual(['odbc']);
    expect(facts['error.numbers']).toEqual([20009]);
    expect(facts['target.host']).toBeUndefined();
  });
});

describe('freetdsFamily', () => {
  it('reads DB-Library 20009 without an OS error as not located', () => {
    expect(freetdsFamily(live('pymssql-no-browser').errors)).toBe('not_found');
    expect(freetdsFamily(live('bsqldb-no-browser').errors)).toBe('not_found');
  });

  it('leaves 20009 with an OS error to the socket', () => {
    expect(freetdsFamily(live('tsql-refused').errors)).toBeUndefined();
    expect(freetdsFamily(live('pymssql-refused').errors)).toBeUndefined();
  });

  it("reads the ODBC driver's 20009, whose OS error it drops, as refused", () => {
    expect(freetdsFamily(live('isql-refused').errors)).toBe('refused');
    expect(freetdsFamily(live('pyodbc-refused').errors)).toBe('refused');
  });

  it('reads 20002 after connecting as the handshake, but not after a timeout', () => {
    const efcon = [{ provider: 'dblib' as const, number: 20002, message: 'Adaptive Server connection failed (10.10.253.11)', line: '' }];
    expect(freetdsFamily(efcon)).toBe('prelogin');
    expect(freetdsFamily(errorsFixture('dblib-pymssql-20003-einprogress-115.txt').errors)).toBeUndefined();
  });
});
