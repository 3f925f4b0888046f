// Server values as clients accept them.
import { describe, expect, it } from '@jest/globals';
import { isLocalHost, parseServerSpec } from '../../src/target/server-spec.js';

describe('parseServerSpec', () => {
  it.each([
    ['tcp:server\\instance,1234', { protocol: 'tcp', host: 'server', instance: 'instance', port: 1234 }],
    ['db01', { host: 'db01' }],
    ['db01.corp.example, 1433', { host: 'db01.corp.example', port: 1433 }],
    ['np:\\\\db01\\pipe\\sql\\query', undefined],
    ['(local)\\SQLEXPRESS', { host: '(local)', instance: 'SQLEXPRESS' }],
    ['db01,99999', { host: 'db01' }],
    ['', undefined],
  ])('%s', (value, expected) => {
    expect(parseServerSpec(value)).toEqual(expected);
  });

  it('accepts host:port only where the client prints it that way', () => {
    expect(parseServerSpec('db01:1433')).toEqual({ host: 'db01:1433' });
    expect(parseServerSpec('db01:1433', { allowColonPort: true })).toEqual({ host: 'db01', port: 1433 });
    expect(parseServerSpec('[::1]:1433', { allowColonPort: true })).toEqual({ host: '::1', port: 1433 });
  });
});

describe('isLocalHost', () => {
  it.each([['localhost', true], ['.', true], ['(local)', true], ['127.0.0.2', true], ['::1', true], ['db01', false]])('%s → %s', (host, local) => {
    expect(isLocalHost(host)).toBe(local);
  });
});
