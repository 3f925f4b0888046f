// A connect() the local security policy refused (EACCES, errno 13: SELinux, AppArmor, a sandbox) as Linux clients
// print it. The wordings are the clients' own: FreeTDS's "OS error N, "strerror"" layout, Node's errno codes, Go's
// net.OpError ("dial tcp …: connect: permission denied"), the JDK's SocketException text.
import { describe, expect, it } from '@jest/globals';
import { normalize } from '../../src/normalize/index.js';
import { lookupOsError, symbolicOutcome } from '../../src/normalize/os-errors.js';

describe('EACCES on connect', () => {
  it('is errno 13 on Linux and macOS, and not a Windows code', () => {
    expect(lookupOsError(13, 'linux')).toEqual({ name: 'EACCES', outcome: 'access_denied' });
    expect(lookupOsError(13, 'macos')).toEqual({ name: 'EACCES', outcome: 'access_denied' });
    expect(lookupOsError(13, 'windows')).toBeUndefined();
    expect(symbolicOutcome('EACCES')).toBe('access_denied');
  });

  it('reads FreeTDS OS error 13 as access denied', () => {
    const { facts } = normalize('Error 20009 (severity 9):\n\tUnable to connect: Adaptive Server is unavailable or does not exist\n\tOS error 13, "Permission denied"\nThere was a problem connecting to the server');
    expect(facts['error.socket']).toBe('access_denied');
    expect(facts['error.osError']).toBe(13);
  });

  it.each([
    ['Node', 'ConnectionError: Failed to connect to 10.1.2.3:1433 - connect EACCES 10.1.2.3:1433'],
    ['Go', 'mssql: login error: dial tcp 10.1.2.3:1433: connect: permission denied'],
    ['the JDK on Linux', 'The TCP/IP connection to the host 10.1.2.3, port 1433 has failed. Error: "Permission denied (connect failed). Verify the connection properties.'],
  ])('reads %s wording as access denied', (_, text) => {
    expect(normalize(text).facts['error.socket']).toBe('access_denied');
  });
});
