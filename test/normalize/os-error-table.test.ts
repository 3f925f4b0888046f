// The OS error table (src/normalize/os-errors.ts), row by row against where each number's meaning is published:
// Windows' codes from Microsoft's reference pages, Linux's errno numbers from the running kernel's own table
// (node:os constants, an independent source), and the outcome each description states.
import { describe, expect, it } from '@jest/globals';
import { constants } from 'node:os';
import { lookupOsError, symbolicOutcome } from '../../src/normalize/os-errors.js';

/** https://learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2, with each code's description. */
const WINSOCK = [
  [10053, 'WSAECONNABORTED', 'aborted', 'Software caused connection abort'],
  [10054, 'WSAECONNRESET', 'reset', 'Connection reset by peer'],
  [10057, 'WSAENOTCONN', 'not_connected', 'Socket is not connected'],
  [10060, 'WSAETIMEDOUT', 'timeout', 'Connection timed out'],
  [10061, 'WSAECONNREFUSED', 'refused', 'Connection refused'],
  [10064, 'WSAEHOSTDOWN', 'unreachable', 'Host is down'],
  [10065, 'WSAEHOSTUNREACH', 'unreachable', 'No route to host'],
  [10051, 'WSAENETUNREACH', 'unreachable', 'Network is unreachable'],
  [11001, 'WSAHOST_NOT_FOUND', 'dns', 'Host not found'],
  [11002, 'WSATRY_AGAIN', 'dns', 'Nonauthoritative host not found'],
  [11004, 'WSANO_DATA', 'dns', 'Valid name, no data record of requested type'],
] as const;

/** https://learn.microsoft.com/windows/win32/debug/system-error-codes--0-499- and --1000-1299-. */
const WIN32 = [
  [2, 'ERROR_FILE_NOT_FOUND', 'pipe_not_found', 'The system cannot find the file specified (a pipe name that does not exist)'],
  [53, 'ERROR_BAD_NETPATH', 'pipe_not_found', 'The network path was not found'],
  [64, 'ERROR_NETNAME_DELETED', 'reset', 'The specified network name is no longer available'],
  [121, 'ERROR_SEM_TIMEOUT', 'timeout', 'The semaphore timeout period has expired'],
  [231, 'ERROR_PIPE_BUSY', 'pipe_busy', 'All pipe instances are busy'],
  [232, 'ERROR_NO_DATA', 'pipe_closed', 'The pipe is being closed'],
  [233, 'ERROR_PIPE_NOT_CONNECTED', 'pipe_closed', 'No process is on the other end of the pipe'],
  [1225, 'ERROR_CONNECTION_REFUSED', 'refused', 'The remote computer refused the network connection'],
  [1231, 'ERROR_NETWORK_UNREACHABLE', 'unreachable', 'The network location cannot be reached'],
  [1232, 'ERROR_HOST_UNREACHABLE', 'unreachable', 'The remote system is not reachable by the transport'],
] as const;

/** errno(3) descriptions; the numbers come from this machine's kernel through node:os. */
const LINUX_ERRNO = [
  ['ECONNRESET', 'reset', 'Connection reset by peer'],
  ['ETIMEDOUT', 'timeout', 'Connection timed out'],
  ['ECONNREFUSED', 'refused', 'Connection refused'],
  ['EHOSTUNREACH', 'unreachable', 'No route to host'],
  ['ENETUNREACH', 'unreachable', 'Network unreachable'],
  ['EACCES', 'access_denied', 'Permission denied (a security module refusing connect())'],
] as const;

describe('Windows error numbers', () => {
  it.each([...WINSOCK, ...WIN32])('%i is %s: %s (%s)', (code, name, outcome, _description) => {
    expect(lookupOsError(code, 'windows')).toEqual({ name, outcome });
  });
});

describe('Linux errno numbers', () => {
  const runningLinux = process.platform === 'linux';
  (runningLinux ? it.each(LINUX_ERRNO) : it.skip.each(LINUX_ERRNO))('%s is the kernel\'s number and means %s (%s)', (name, outcome, _description) => {
    const code = constants.errno[name as keyof typeof constants.errno];
    expect(lookupOsError(code, 'linux')).toEqual({ name, outcome });
    // Node, Go and Python print the same name without the number.
    expect(symbolicOutcome(name)).toBe(outcome);
  });
});
