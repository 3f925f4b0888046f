// Live probes through the HTTP API: off by default, and when on, only to what server.probes.allow lists
// (an SSRF guard). Loopback listeners count what reaches them, so "no packet was sent" is observed, not assumed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import dgram from 'node:dgram';
import net from 'node:net';
import { createDoctor } from '../../src/doctor.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import { closedTcpPort, listen } from '../probes/loopback-targets.js';
import { startBrowserResponder } from '../probes/peers/browser-responder.js';
import { startTdsResponder } from '../probes/peers/tds-responder.js';
import { postDiagnose, startServer } from './server-harness.js';

/** A TCP listener and a UDP socket on 127.0.0.1 that count the connections and datagrams they get. */
interface Witness {
  tcpPort: number;
  udpPort: number;
  seen(): { connections: number; datagrams: number };
  /**
   * What it has seen once a marker connection and datagram, sent now from 127.0.0.2 and not counted, have arrived:
   * anything sent to it over loopback before (a probe the server started before it answered) has arrived by then.
   * Used instead of waiting a fixed time for a stray packet.
   */
  settled(): Promise<{ connections: number; datagrams: number }>;
  close(): Promise<void>;
}

/** Where the witness's markers come from: a loopback address the doctor's probes of 127.0.0.1 never send from. */
const MARKER_SOURCE = '127.0.0.2';
/** How long a marker may take over loopback before the test fails rather than waits on. */
const MARKER_DEADLINE_MS = 5000;

async function witness(): Promise<Witness> {
  let connections = 0;
  let datagrams = 0;
  const markers = { connections: 0, datagrams: 0 };
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    if (socket.remoteAddress === MARKER_SOURCE) markers.connections++;
    else connections++;
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
  });
  const tcpPort = await listen(tcp);
  const udp = dgram.createSocket('udp4');
  udp.on('message', (_message, from) => (from.address === MARKER_SOURCE ? markers.datagrams++ : datagrams++));
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()));
  const udpPort = udp.address().port;
  const settled = async () => {
    const wanted = { connections: markers.connections + 1, datagrams: markers.datagrams + 1 };
    const client = net.connect({ port: tcpPort, host: '127.0.0.1', localAddress: MARKER_SOURCE });
    client.on('error', () => {});
    const sender = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => sender.bind(0, MARKER_SOURCE, () => resolve()));
    sender.send('marker', udpPort, '127.0.0.1');
    try {
      const deadline = Date.now() + MARKER_DEADLINE_MS;
      while (markers.connections < wanted.connections || markers.datagrams < wanted.datagrams) {
        if (Date.now() > deadline) throw new Error(`the witness's markers did not arrive within ${MARKER_DEADLINE_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      client.destroy();
      sender.close();
    }
    return { connections, datagrams };
  };
  return {
    tcpPort,
    udpPort,
    seen: () => ({ connections, datagrams }),
    settled,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => tcp.close(resolve));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}

let target: Witness;
beforeAll(async () => {
  target = await witness();
});
afterAll(async () => {
  await target.close();
});

/** A request to probe the witness, named as an instance so that the Browser (UDP) is asked too. */
const probeWitness = (host = '127.0.0.1') => ({ connectionString: `Server=${host}\\SQLEXPRESS,${target.tcpPort}`, probe: { timeoutMs: 1500, browserPort: target.udpPort } });

describe('probes through the API', () => {
  it.each([
    ['probes are off (no allowlist)', undefined],
    ['only 10.0.0.0/8 is listed', ['10.0.0.0/8']],
    ['everything but special addresses is listed (0.0.0.0/0, ::/0)', ['0.0.0.0/0', '::/0']],
    ['the name localhost is listed, but it resolves to loopback', ['localhost']],
  ])('%s → 403 and nothing reaches the target', async (_what, allow) => {
    const server = await startServer(allow ? { probeAllow: allow } : {});
    try {
      const before = target.seen();
      const host = allow?.includes('localhost') ? 'localhost' : '127.0.0.1';
      const response = await postDiagnose(server.url, probeWitness(host));
      expect(response.status).toBe(403);
      const { message } = (await response.json()) as { message: string };
      expect(message).toMatch(allow ? /^live probes of .* are not allowed: .*(loopback|not in server\.probes\.allow)/ : /^live probes are off on this server/);
      expect(await target.settled()).toEqual(before);
    } finally {
      await server.close();
    }
  });

  it('a listed loopback address is probed at the ports its entry lists: the witness sees the connection and the Browser request', async () => {
    const server = await startServer({ probeAllow: [{ host: '127.0.0.1/32', ports: [target.tcpPort, `${target.udpPort}/udp`] }] });
    try {
      const before = target.seen();
      const response = await postDiagnose(server.url, probeWitness());
      expect(response.status).toBe(200);
      const diagnosis = (await response.json()) as Diagnosis;
      expect(diagnosis.probes?.tcp[0]).toMatchObject({ address: '127.0.0.1', port: target.tcpPort, state: 'open' });
      expect(target.seen().connections).toBeGreaterThan(before.connections);
      expect(target.seen().datagrams).toBeGreaterThan(before.datagrams);
    } finally {
      await server.close();
    }
  });

  // Cloud metadata endpoints and their disguises; a broad allowlist does not open them.
  it.each(['169.254.169.254', '[fd00:ec2::254]', '[::ffff:169.254.169.254]', '[::1]', '0.0.0.0', '[fe80::1]'])('%s → 403 under 0.0.0.0/0 and ::/0', async (host) => {
    const server = await startServer({ probeAllow: ['0.0.0.0/0', '::/0'] });
    try {
      const response = await postDiagnose(server.url, { connectionString: `Server=${host},1433`, probe: true });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { message: string }).message).toMatch(/ is (a|an|the) [a-z-]+ .*address/);
    } finally {
      await server.close();
    }
  });

  it('an allowlist entry that is not understood stops the server from starting', async () => {
    await expect(startServer({ probeAllow: ['10.0.0.0/40'] })).rejects.toThrow('server.probes.allow: "10.0.0.0/40": the prefix length must be 0 to 32');
    await expect(startServer({ probeAllow: [{ host: '10.0.0.0/8', ports: ['ssh'] }] })).rejects.toThrow('server.probes.allow: "10.0.0.0/8": port "ssh" is not understood');
  });
});

describe('ports on an allowed host (no port scanning through the API)', () => {
  it.each([
    ['the TCP port the caller names', () => [`${target.udpPort}/udp`], () => `port ${target.tcpPort}/tcp`],
    ['the Browser port the caller names', () => [target.tcpPort], () => `the SQL Browser port ${target.udpPort}/udp`],
  ])('%s, when its entry does not list it → 403 naming the port, and nothing reaches the target', async (_what, listed, refused) => {
    const server = await startServer({ probeAllow: [{ host: '127.0.0.1/32', ports: listed() }] });
    try {
      const before = target.seen();
      const response = await postDiagnose(server.url, probeWitness());
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: `live probes of 127.0.0.1 are not allowed: ${refused()} of 127.0.0.1 is not in server.probes.allow, which opens 1433/tcp and 1434/udp on every entry and other ports only where an entry lists them`,
      });
      expect(await target.settled()).toEqual(before);
    } finally {
      await server.close();
    }
  });

  it('a named instance is probed at the port its host\'s own Browser gives, listed or not', async () => {
    // The caller names the instance, not the port: the port comes from the allowed host itself, and the TCP probe
    // goes to that host's cleared addresses only, so it cannot be pointed at another machine or chosen freely.
    const browser = await startBrowserResponder([{ serverName: 'DB01', instanceName: 'SQLEXPRESS', tcpPort: target.tcpPort }]);
    const server = await startServer({ probeAllow: [{ host: '127.0.0.1/32', ports: [`${browser.port}/udp`] }] });
    try {
      const before = target.seen();
      const response = await postDiagnose(server.url, { connectionString: 'Server=127.0.0.1\\SQLEXPRESS', probe: { timeoutMs: 1500, browserPort: browser.port } });
      expect(response.status).toBe(200);
      const { probes } = (await response.json()) as Diagnosis;
      expect(probes).toMatchObject({ portSource: 'browser', port: target.tcpPort, tcp: [{ address: '127.0.0.1', port: target.tcpPort, state: 'open' }] });
      expect(target.seen().connections).toBeGreaterThan(before.connections);
    } finally {
      await server.close();
      await browser.close();
    }
  });
});

describe('the probe guard in the library', () => {
  it('probes the addresses the guard cleared, not what the name resolves to later (no DNS rebinding)', async () => {
    const port = await closedTcpPort();
    const doctor = createDoctor({ probeGuard: async () => ({ allowed: true, addresses: [{ address: '127.0.0.1', family: 4 }] }) });
    // sqlhost.invalid resolves to nothing; the probes use the cleared address instead of asking again.
    const diagnosis = await doctor.diagnose({ connectionString: `Server=sqlhost.invalid,${port}`, probe: { timeoutMs: 1500 } });
    expect(diagnosis.probes?.dns).toMatchObject({ state: 'resolved', addresses: [{ address: '127.0.0.1', family: 4 }] });
    expect(diagnosis.probes?.tcp).toEqual([expect.objectContaining({ address: '127.0.0.1', port, state: 'refused' })]);
  });

  it('logs in at the cleared address too, with the name kept for the certificate', async () => {
    const peer = await startTdsResponder({ encryption: 0x02 });
    try {
      const doctor = createDoctor({ probeGuard: async () => ({ allowed: true, addresses: [{ address: '127.0.0.1', family: 4 }] }) });
      const diagnosis = await doctor.diagnose({
        connectionString: `Server=sqlhost.invalid,${peer.port};User ID=probe_user;Encrypt=false`,
        probe: { timeoutMs: 3000, login: { user: 'probe_user', password: 'not-a-real-one' } },
      });
      // tedious would not find sqlhost.invalid; it reached the responder at the address the guard cleared.
      expect(diagnosis.probes?.login).toMatchObject({ state: 'failed', message: expect.stringContaining("Login failed for user 'probe_user'.") });
    } finally {
      await peer.close();
    }
  });

  it('a refusal is an error with its own code, before any probe', async () => {
    const doctor = createDoctor({ probeGuard: async () => ({ allowed: false, reason: 'not today' }) });
    await expect(doctor.diagnose({ connectionString: 'Server=db01,1433', probe: true })).rejects.toMatchObject({
      code: 'MSSQLDOCTOR_ERR_PROBE_FORBIDDEN',
      message: 'live probes of db01 are not allowed: not today',
    });
  });
});
