// What `mssql-doctor probe TARGET` makes of its argument, where the probes point, and the credentials --login reads.
import { describe, expect, it } from '@jest/globals';
import { credentialsIn, probeTargetInput } from '../../src/cli/probe-input.js';
import { probeTargetFrom } from '../../src/probes/probe-target.js';

describe('probeTargetInput', () => {
  it.each([
    ['db01', 'Server=db01'],
    ['db01\\SQLEXPRESS', 'Server=db01\\SQLEXPRESS'],
    ['db01,1433', 'Server=db01,1433'],
    ['db01:1433', 'Server=db01,1433'],
    ['tcp:db01\\SQLEXPRESS,1234', 'Server=tcp:db01\\SQLEXPRESS,1234'],
    ['[::1]:1433', 'Server=::1,1433'],
  ])('a server name %s is probed as the connection string %s', (argument, connectionString) => {
    expect(probeTargetInput(argument)).toEqual({ connectionString });
  });

  it.each(['Server=tcp:db01\\SQLEXPRESS,1234;Database=app', 'jdbc:sqlserver://db01:1433;databaseName=app', 'sqlserver://db01:1433'])('%s is a connection string', (argument) => {
    expect(probeTargetInput(argument)).toEqual({ connectionString: argument });
  });

  it('anything with spaces is an error text the server is read from', () => {
    const text = "Failed to connect to db01:1433 - connect ECONNREFUSED 10.0.0.5:1433";
    expect(probeTargetInput(text)).toEqual({ text });
  });
});

describe('credentialsIn', () => {
  it.each([
    ['Server=db01;User ID=app;Password=pw;', { user: 'app', password: 'pw' }],
    ['Driver={ODBC Driver 18 for SQL Server};Server=db01;UID=app;PWD={p;w}', { user: 'app', password: 'p;w' }],
    ['jdbc:sqlserver://db01:1433;user=app;password=pw', { user: 'app', password: 'pw' }],
    ['sqlserver://app:p%40w@db01:1433', { user: 'app', password: 'p@w' }],
    ['Server=db01;Integrated Security=SSPI', {}],
  ])('%s', (connectionString, expected) => {
    const found = credentialsIn(connectionString);
    expect({ ...(found.user ? { user: found.user } : {}), ...(found.password ? { password: found.password } : {}) }).toEqual(expected);
  });
});

describe('probeTargetFrom', () => {
  it('probes the host, instance and port the connection names', () => {
    expect(probeTargetFrom({ 'target.host': 'db01', 'target.instance': 'SQLEXPRESS', 'target.port': 1234 })).toEqual({ target: { host: 'db01', instance: 'SQLEXPRESS', port: 1234 } });
  });

  it('follows a client alias named like the server, as the client does', () => {
    const facts = { 'target.host': 'db01', 'target.port': 1866, 'alias.matchesServer': true, 'alias.host': 'db01.corp', 'alias.port': 1234 };
    expect(probeTargetFrom(facts)).toEqual({ target: { host: 'db01.corp', port: 1234 } });
  });

  it('"." and "(local)" are localhost', () => {
    expect(probeTargetFrom({ 'target.host': '(local)' })).toEqual({ target: { host: 'localhost' } });
  });

  it.each([
    [{}, /no server is named/],
    [{ 'target.host': '(localdb)' }, /LocalDB/],
    [{ 'target.host': 'db01', 'target.protocol': 'np' as const }, /Named Pipes/],
  ])('says why nothing is probed: %j', (facts, reason) => {
    const choice = probeTargetFrom(facts);
    expect('problem' in choice && choice.problem).toMatch(reason);
  });
});
