// SQL Browser probe ([MC-SQLR]): ask UDP 1434 for an instance and for the list of all instances.
import dgram from 'node:dgram';
import net from 'node:net';
import type { BrowserOutcome } from '../schemas/probe-report.js';
import { elapsedSince } from './deadline.js';
import { encodeInstanceRequest, encodeListRequest, readBrowserResponse, type BrowserInstance } from './ssrp-codec.js';

export const SQL_BROWSER_PORT = 1434;

/** Opens a UDP socket; injectable so a test can hand in its own. */
export type CreateUdpSocket = (family: 4 | 6) => dgram.Socket;
export const systemUdpSocket: CreateUdpSocket = (family) => dgram.createSocket(family === 6 ? 'udp6' : 'udp4');

/** An instance name the Browser can be asked for ([MC-SQLR] 2.2.3: at most 32 bytes, no NUL). */
function askable(instance: string | undefined): string | undefined {
  if (instance === undefined) return undefined;
  try {
    encodeInstanceRequest(instance);
    return instance;
  } catch {
    return undefined;
  }
}

function withoutProtocols({ protocols: _protocols, ...rest }: BrowserInstance): BrowserOutcome['instances'][number] {
  return rest;
}

/**
 * Sends CLNT_UCAST_INST for `instance` (when given) and CLNT_UCAST_EX together: a Browser does not answer a
 * request for an instance it does not have, so the list is what tells "no such instance" from "no Browser".
 */
export function probeBrowser(
  address: string,
  instance: string | undefined,
  options: { port?: number; signal: AbortSignal; createSocket?: CreateUdpSocket },
): Promise<BrowserOutcome> {
  const port = options.port ?? SQL_BROWSER_PORT;
  const asked = askable(instance);
  const started = performance.now();
  const base = { address, port, ...(asked !== undefined ? { asked } : {}) };
  const { signal } = options;
  if (signal.aborted) return Promise.resolve({ ...base, state: 'unanswered', instances: [], ms: 0 });

  return new Promise((resolve) => {
    const socket = (options.createSocket ?? systemUdpSocket)(net.isIPv6(address) ? 6 : 4);
    const instances: BrowserInstance[] = [];
    let settled = false;
    const finish = (state: BrowserOutcome['state'], detail?: string) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.close();
      resolve({ ...base, state, instances: instances.map(withoutProtocols), ...(detail ? { detail } : {}), ms: elapsedSince(started) });
    };
    const onAbort = () => finish('unanswered');
    signal.addEventListener('abort', onAbort, { once: true });

    socket.on('message', (message) => {
      const reading = readBrowserResponse(message);
      if (reading.kind === 'invalid') return finish('invalid', reading.detail);
      instances.push(...reading.instances);
      // One answer settles it: the instance's own answer names it, and the list answer names it or nobody will.
      finish('answered');
    });
    // On a connected UDP socket the kernel reports an ICMP port unreachable as ECONNREFUSED: to the next send's
    // callback when it comes between two sends, as an 'error' event when it comes later.
    const onError = (error: NodeJS.ErrnoException | null) => {
      if (error) finish(error.code === 'ECONNREFUSED' ? 'refused' : 'unanswered', error.code);
    };
    socket.on('error', onError);
    // connect() on UDP only picks the route; no route at all (EHOSTUNREACH, ENETUNREACH) fails it here.
    socket.connect(port, address, (error?: Error) => {
      if (error) return onError(error as NodeJS.ErrnoException);
      try {
        if (asked !== undefined) socket.send(encodeInstanceRequest(asked), onError);
        socket.send(encodeListRequest(), onError);
      } catch (sendError) {
        onError(sendError as NodeJS.ErrnoException);
      }
    });
  });
}
