// TCP probe: does the port answer a connect, and how (SYN/ACK, RST, nothing, or no route at all).
import net from 'node:net';
import { symbolicOutcome } from '../normalize/os-errors.js';
import type { TcpOutcome, TcpState } from '../schemas/probe-report.js';
import { elapsedSince } from './deadline.js';

/** Opens a TCP connection; injectable so a test can hand in its own socket. */
export type Connect = (port: number, address: string) => net.Socket;
export const systemConnect: Connect = (port, address) => net.connect({ port, host: address });

/**
 * What a socket error says about the path, the kernel's own verdict before any deadline of ours, read as the
 * normalizers read a pasted errno: ECONNREFUSED (RST) is refused, ETIMEDOUT (SYN retries ran out) a timeout.
 * Every other connect error (EHOSTUNREACH, ENETUNREACH, ENETDOWN, EACCES from a local firewall or a "prohibit"
 * route, …) means the SYN found no way to the machine.
 */
function stateOfError(code: string): TcpState {
  const outcome = symbolicOutcome(code);
  return outcome === 'refused' || outcome === 'timeout' ? outcome : 'unreachable';
}

export interface TcpProbeResult {
  outcome: TcpOutcome;
  /** The connected socket when the port is open, for the pre-login probe; the caller must destroy it. */
  socket?: net.Socket;
}

export function probeTcp(address: string, port: number, signal: AbortSignal, connect: Connect = systemConnect): Promise<TcpProbeResult> {
  const started = performance.now();
  const family = net.isIPv6(address) ? 6 : 4;
  const outcome = (state: TcpState, code?: string): TcpOutcome => ({
    address,
    family,
    port,
    state,
    ...(code ? { code } : {}),
    ms: elapsedSince(started),
  });
  if (signal.aborted) return Promise.resolve({ outcome: outcome('timeout') });

  return new Promise((resolve) => {
    const socket = connect(port, address);
    const finish = (result: TcpProbeResult) => {
      signal.removeEventListener('abort', onAbort);
      socket.removeListener('connect', onConnect);
      socket.removeListener('error', onError);
      if (result.socket) socket.on('error', () => undefined); // later errors are the pre-login probe's to read
      else socket.destroy();
      resolve(result);
    };
    const onConnect = () => finish({ outcome: outcome('open'), socket });
    const onError = (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'EUNKNOWN';
      finish({ outcome: outcome(stateOfError(code), code) });
    };
    // No answer before the deadline: the SYN was dropped on the way (or the machine is off).
    const onAbort = () => finish({ outcome: outcome('timeout') });
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', onConnect);
    socket.once('error', onError);
  });
}
