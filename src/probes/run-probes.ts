// Runs the live probes against one target the way a client connects: resolve, ask the Browser when the port
// is not known, connect, send PRELOGIN; all under one deadline. Every outcome is a value, never an exception.
import type { Socket } from 'node:net';
import type { BrowserOutcome, PreloginOutcome, ProbeReport, ProbeTarget, TcpOutcome } from '../schemas/probe-report.js';
import { checkProbeTarget } from '../engine/input-check.js';
import { probeBrowser, type CreateUdpSocket } from './browser-probe.js';
import { DEFAULT_PROBE_TIMEOUT_MS, elapsedSince } from './deadline.js';
import { probeDns, type Lookup } from './dns-probe.js';
import { probeLogin, type LoginRequest } from './login-probe.js';
import { probePrelogin } from './prelogin-probe.js';
import { findInstance } from './ssrp-codec.js';
import { probeTcp, type Connect } from './tcp-probe.js';

export const DEFAULT_SQL_PORT = 1433;
/** A name can resolve to many addresses; clients try a handful, and so do we. */
const MAX_ADDRESSES = 8;

export interface RunProbesOptions {
  /** One deadline for DNS, TCP, Browser and PRELOGIN together (default 3000 ms). */
  timeoutMs?: number;
  /** UDP port of the SQL Browser (default 1434). */
  browserPort?: number;
  /** Also log in with tedious (opt-in); runs after the other probes, with its own timeoutMs. */
  login?: Omit<LoginRequest, 'host' | 'port' | 'timeoutMs'>;
  signal?: AbortSignal;
  /**
   * Log in at the address the TCP probe reached instead of letting the driver resolve the name again (the
   * certificate is still checked against the name). The HTTP API sets it with a pinned `lookup`, so that a
   * name cannot resolve to a forbidden address between its allowlist check and the login.
   */
  loginAtProbedAddress?: boolean;
  /** Sockets and resolver, injectable for tests; the system's own by default. */
  lookup?: Lookup;
  connect?: Connect;
  createUdpSocket?: CreateUdpSocket;
}

interface TcpRound {
  tcp: TcpOutcome[];
  prelogin?: PreloginOutcome;
  /** The address PRELOGIN went to. */
  greeted?: string;
}

/** Connects to every address at once; PRELOGIN goes to the first open one in the resolver's order. */
async function connectAndGreet(addresses: readonly string[], port: number, signal: AbortSignal, connect?: Connect): Promise<TcpRound> {
  const results = await Promise.all(addresses.map((address) => probeTcp(address, port, signal, connect)));
  const chosen = results.find((r) => r.socket);
  for (const r of results) if (r !== chosen) r.socket?.destroy();
  const round: TcpRound = { tcp: results.map((r) => r.outcome) };
  if (chosen?.socket) {
    round.prelogin = await probePrelogin(chosen.socket as Socket, chosen.outcome.address, port, signal);
    round.greeted = chosen.outcome.address;
  }
  return round;
}

export async function runProbes(given: ProbeTarget, options: RunProbesOptions = {}): Promise<ProbeReport> {
  const target = checkProbeTarget(given);
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const deadline = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);

  const dns = await probeDns(target.host, deadline, options.lookup);
  const report: ProbeReport = { target, timeoutMs, dns, tcp: [], ms: 0 };
  const first = dns.addresses[0];
  if (first) {
    const addresses = dns.addresses.slice(0, MAX_ADDRESSES).map((a) => a.address);
    // The Browser is asked when the client would ask it (a named instance), and for a default instance in case the
    // port turns out wrong: its list then says where SQL Server does listen. SQL Server answering makes that moot,
    // and the Browser's outcome is left out of the report then.
    const browserStop = new AbortController();
    const browser = probeBrowser(first.address, target.instance, {
      port: options.browserPort,
      signal: AbortSignal.any([deadline, browserStop.signal]),
      createSocket: options.createUdpSocket,
    });

    let port = target.port;
    let greeted: string | undefined;
    let browserOutcome: BrowserOutcome | undefined;
    if (port !== undefined) report.portSource = 'connection';
    else if (target.instance !== undefined) {
      browserOutcome = await browser;
      port = findInstance(browserOutcome.instances, target.instance)?.tcpPort;
      if (port !== undefined) report.portSource = 'browser';
    } else {
      port = DEFAULT_SQL_PORT;
      report.portSource = 'default';
    }

    if (port !== undefined) {
      report.port = port;
      const round = await connectAndGreet(addresses, port, deadline, options.connect);
      report.tcp = round.tcp;
      if (round.prelogin) report.prelogin = round.prelogin;
      greeted = round.greeted;
      if (target.instance === undefined && round.prelogin?.answer === 'prelogin') browserStop.abort();
    }
    browserOutcome ??= await browser;
    if (!browserStop.signal.aborted) report.browser = browserOutcome;

    if (options.login && port !== undefined && report.prelogin?.answer === 'prelogin') {
      const at = options.loginAtProbedAddress && greeted ? { host: greeted, serverName: target.host } : { host: target.host };
      report.login = await probeLogin({ ...options.login, ...at, port, timeoutMs });
    }
  }
  report.ms = elapsedSince(started);
  return report;
}
