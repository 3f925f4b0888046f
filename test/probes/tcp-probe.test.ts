// How the TCP probe reads the kernel's verdict on a connect() that failed. connect(2) (Linux man-pages) names each:
// ECONNREFUSED "no-one listening on the remote address" (an RST), ETIMEDOUT "timeout while attempting connection"
// (the SYN retries ran out before our deadline), ENETUNREACH "network is unreachable" and EHOSTUNREACH (no route).
// A refused connect is also checked on a real loopback socket (test/probes/live-probes.test.ts); the others cannot be
// made on loopback in bounded time, so the socket here (never connected: no packet is sent) fails with the kernel's
// error as Node reports it.
import { describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { probeTcp } from '../../src/probes/tcp-probe.js';

/** A socket that fails as a connect() the kernel refused with `code` does: an 'error' event carrying it. */
function failingWith(code: string): () => net.Socket {
  return () => {
    const socket = new net.Socket();
    setImmediate(() => socket.destroy(Object.assign(new Error(`connect ${code} 127.0.0.1:1433`), { code, syscall: 'connect' })));
    return socket;
  };
}

describe('probeTcp', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ETIMEDOUT', 'timeout'],
    ['ENETUNREACH', 'unreachable'],
    ['EHOSTUNREACH', 'unreachable'],
  ])('reads %s as %s, and keeps the code', async (code, state) => {
    const { outcome, socket } = await probeTcp('127.0.0.1', 1433, new AbortController().signal, failingWith(code));
    expect(outcome).toMatchObject({ address: '127.0.0.1', port: 1433, state, code });
    expect(socket).toBeUndefined();
  });
});
