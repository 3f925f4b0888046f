// What the clients driven by test/e2e/client-programs/ print (captured live, test/fixtures/real-clients/SOURCES.yaml)
// normalizes to what the drivers' sources say their words mean.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { normalize } from '../../src/normalize/index.js';

const captured = (file: string) => normalize(readFileSync(new URL(`../fixtures/real-clients/${file}`, import.meta.url), 'utf8'));

describe('go-mssqldb (denisenkom, Debian 2017 snapshot)', () => {
  it('reads Go\'s resolver error with the resolver it asked ("lookup NAME on HOST:53: no such host") as DNS', () => {
    const { family, providers, facts } = captured('go-mssqldb-dns.txt');
    expect(providers).toEqual(['go']);
    expect(family).toBe('dns');
    expect(facts['target.host']).toBe('doesnotexist.invalid');
  });

  it('reads a Browser query refused on UDP 1434 as the instance lookup failing, not a refused TCP connect', () => {
    const { family, facts } = captured('go-mssqldb-no-browser.txt');
    expect(family).toBe('not_found');
    expect(facts['error.instanceLookup']).toBe('refused');
  });

  it('keeps a refused TCP dial refused', () => {
    expect(captured('go-mssqldb-refused.txt').family).toBe('refused');
  });

  it('reads a packet longer than the buffer (an HTTP reply read as a TDS header) as a peer that does not speak TDS', () => {
    const { family, facts } = captured('go-mssqldb-not-sql.txt');
    expect(family).toBe('prelogin');
    expect(facts['error.notTds']).toBe(true);
  });
});

describe('jTDS', () => {
  it('reads "I/O Error: Unknown packet type 0x48" as jTDS meeting a peer that does not speak TDS, not as SqlClient', () => {
    const { family, providers, errors, facts } = captured('jtds-not-sql.txt');
    expect(providers).toEqual(['jdbc']);
    expect(errors[0]).toMatchObject({ driver: 'jTDS', message: 'I/O Error: Unknown packet type 0x48' });
    expect(family).toBe('prelogin');
    expect(facts['error.notTds']).toBe(true);
  });

  it('leaves .NET\'s SqlException to SqlClient', () => {
    expect(normalize('System.Data.SqlClient.SqlException (0x80131904): Login failed for user \'sa\'.').providers).toContain('sqlclient');
    expect(normalize('SqlException: Login failed for user \'sa\'.').providers).toContain('sqlclient');
  });
});

describe("FreeTDS's 20009 printed in words alone (no number, so no OS error either)", () => {
  it('DBD::Sybase naming host:port: no Browser lookup and no unresolved name (20013 would show), so the connect failed', () => {
    const { family, facts } = captured('dbd-sybase-refused.txt');
    expect(family).toBe('refused');
    expect(facts['target.port']).toBeGreaterThan(0);
  });

  it('DBD::Sybase naming host\\INSTANCE: the instance could not be located', () => {
    const { family, facts } = captured('dbd-sybase-no-browser.txt');
    expect(family).toBe('not_found');
    expect(facts['target.instance']).toBe('SQLEXPRESS');
  });

  it('PDO_DBLIB naming the host alone: no step can be told, so the text is read as it says, a server not located', () => {
    expect(captured('pdo-dblib-refused.txt').family).toBe('not_found');
    expect(captured('pdo-dblib-dns.txt').family).toBe('not_found');
  });

  it('tsql, which prints the number, still reads a 20009 without an OS error as an instance not located', () => {
    expect(normalize('Msg 20009 (severity 9)\n\tUnable to connect: Adaptive Server is unavailable or does not exist (db01\\SQLEXPRESS)').family).toBe('not_found');
  });
});

describe('mssql-jdbc under Hibernate (a Spring Boot log, test/fixtures/logs/SOURCES.yaml)', () => {
  it("is not read as SqlClient's: Hibernate's logger is named SqlExceptionHelper", () => {
    const log = readFileSync(new URL('../fixtures/logs/java-mssql-jdbc-hibernate-connection-reset.log', import.meta.url), 'utf8');
    const { providers, family } = normalize(log);
    // The driver itself goes unnamed: Spring abbreviates its loggers (c.m.s.jdbc…) and the error line is only
    // "Connection reset ClientConnectionId:…". The reset is still read.
    expect(providers).not.toContain('sqlclient');
    expect(family).toBe('prelogin');
  });

  it('still reads .NET\'s SqlException, whole word, as SqlClient', () => {
    expect(normalize('Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user \'app\'.').providers).toContain('sqlclient');
  });
});
