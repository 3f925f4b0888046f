// Live probes against real loopback sockets: a closed port, a web server, protocol peers built from the specs
// (test/probes/peers/), a silent listener; then the diagnosis the probes support. No mock of our own code.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDoctor } from '../../src/doctor.js';
import { runProbes } from '../../src/probes/run-probes.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import { causeIds, diagnosisSchemaErrors, fixture } from '../helpers.js';
import { closedTcpPort, closedUdpPort, silentTcpListener, silentUdpSocket, webServer, type Closable } from './loopback-targets.js';
import { startBrowserResponder, type BrowserResponder } from './peers/browser-responder.js';
import { startTdsResponder, type TdsResponder } from './peers/tds-responder.js';

const doctor = createDoctor();
const SEED_SQLCLIENT = fixture('seed/sqlclient.txt');
/** Every test's probes get a Browser port of their own, so nothing on the machine's real 1434 can answer. */
let noBrowser: number;

const REFUSED_CAUSES = ['port_mismatch', 'service_not_running', 'tcp_protocol_disabled', 'client_alias_override', 'other_process_on_port', 'listening_on_other_address'];

function evidenceOf(d: Diagnosis, id: string): string[] {
  return d.causes.find((c) => c.id === id)?.evidence ?? [];
}

beforeAll(async () => {
  noBrowser = await closedUdpPort();
});

describe('TCP: a port nobody listens on', () => {
  it('is refused, and with the seed SqlClient text the refused causes lead, quoting the probe', async () => {
    const port = await closedTcpPort();
    const d = await doctor.diagnose({ text: SEED_SQLCLIENT, connectionString: `Server=tcp:127.0.0.1,${port}`, probe: { browserPort: noBrowser } });
    expect(diagnosisSchemaErrors(d)).toBe('');
    expect(d.facts['probe.tcp.state']).toBe('refused');
    expect(d.probes?.tcp).toEqual([expect.objectContaining({ address: '127.0.0.1', port, state: 'refused', code: 'ECONNREFUSED' })]);
    expect(d.family).toBe('refused');
    expect(REFUSED_CAUSES).toContain(d.causes[0]?.id);
    const quote = `probe: TCP connect to 127.0.0.1:${port} refused (SYN answered by RST)`;
    expect(evidenceOf(d, 'port_mismatch').some((line) => line.includes(quote))).toBe(true);
    // A reset is the machine's own answer: a firewall that drops is argued against, with the probe as witness.
    expect(evidenceOf(d, 'firewall_blocking').filter((line) => line.startsWith('Against:') && line.includes(quote))).toHaveLength(d.causes.some((c) => c.id === 'firewall_blocking') ? 1 : 0);
  });

  it('without any error text, the probes give the family', async () => {
    const port = await closedTcpPort();
    const d = await doctor.diagnose({ connectionString: `Server=127.0.0.1,${port}`, probe: { browserPort: noBrowser } });
    expect(d.family).toBe('refused');
    expect(d.warnings.join('\n')).toMatch(/failure family \(refused\) comes from the live probes/);
    expect(REFUSED_CAUSES).toContain(d.causes[0]?.id);
  });
});

describe('PRELOGIN: a web server on the port', () => {
  let web: Closable;
  beforeAll(async () => {
    web = await webServer();
  });
  afterAll(() => web.close());

  it('is not TDS, and not_sql_server / other_process_on_port lead', async () => {
    const d = await doctor.diagnose({ connectionString: `Server=127.0.0.1,${web.port}`, probe: { browserPort: noBrowser } });
    expect(d.probes?.prelogin).toEqual(expect.objectContaining({ answer: 'not-tds', detail: expect.stringContaining('HTTP/1.1 400') }));
    expect(d.facts['probe.prelogin.isTds']).toBe(false);
    expect(['not_sql_server', 'other_process_on_port']).toContain(d.causes[0]?.id);
  });

  it('with the seed\'s refused text, the foreign listener leads the refused causes', async () => {
    const d = await doctor.diagnose({ text: SEED_SQLCLIENT, connectionString: `Server=tcp:127.0.0.1,${web.port}`, probe: { browserPort: noBrowser } });
    expect(d.family).toBe('refused');
    expect(d.causes[0]?.id).toBe('other_process_on_port');
  });
});

describe('PRELOGIN: a TDS responder built from [MS-TDS] 2.2.6.5 answering each ENCRYPTION value', () => {
  const cases = [
    [0x00, 'off'],
    [0x01, 'on'],
    [0x02, 'not-supported'],
    [0x03, 'required'],
  ] as const;
  it.each(cases)('ENCRYPTION byte %i reads as %s, with the responder\'s version', async (byte, name) => {
    const peer = await startTdsResponder({ encryption: byte, version: { major: 15, minor: 0, build: 2000 } });
    try {
      const report = await runProbes({ host: '127.0.0.1', port: peer.port }, { browserPort: noBrowser });
      expect(report.prelogin).toEqual(expect.objectContaining({ answer: 'prelogin', encryption: name, version: '15.0.2000' }));
      // The probe stops after PRELOGIN: no TLS, no LOGIN7, no credentials.
      expect(peer.packetTypes).toEqual([0x12]);
      // The server answered, so the Browser (asked only in case the port was wrong) is left out.
      expect(report.browser).toBeUndefined();
    } finally {
      await peer.close();
    }
  });

  it('a server without encryption and a client that demands it: encrypt_setting_mismatch, from the probe alone', async () => {
    const peer = await startTdsResponder({ encryption: 0x02 });
    try {
      // The family a TLS failure text would give, as a caller that already knows it passes it.
      const d = await doctor.diagnose({ connectionString: `Server=127.0.0.1,${peer.port};Encrypt=Mandatory`, facts: { 'error.family': 'tls' }, probe: { browserPort: noBrowser } });
      expect(d.facts['probe.prelogin.encryption']).toBe('not-supported');
      expect(d.causes[0]?.id).toBe('encrypt_setting_mismatch');
    } finally {
      await peer.close();
    }
  });
});

describe('login: the real tedious driver against the TDS responder', () => {
  it('a failed login is diagnosed from the driver\'s own error, and the password appears nowhere', async () => {
    const peer = await startTdsResponder({ encryption: 0x00 });
    const password = 'Sup3r-secret-pw';
    try {
      const d = await doctor.diagnose({ connectionString: `Server=127.0.0.1,${peer.port};Encrypt=false`, probe: { browserPort: noBrowser, login: { user: 'probe_user', password } } });
      expect(d.probes?.login).toEqual(expect.objectContaining({ state: 'failed', message: expect.stringContaining("Login failed for user 'probe_user'.") }));
      expect(d.family).toBe('login_failed');
      expect(d.providers).toContain('tedious');
      expect(JSON.stringify(d)).not.toContain(password);
      // LOGIN7 went out only because the user asked for a login.
      expect(peer.packetTypes).toEqual([0x12, 0x12, 0x10]);
    } finally {
      await peer.close();
    }
  });

  it('a server that requires encryption and a client with Encrypt=false: the driver refuses, and the setting is blamed', async () => {
    const peer = await startTdsResponder({ encryption: 0x03 });
    try {
      const d = await doctor.diagnose({ connectionString: `Server=127.0.0.1,${peer.port};Encrypt=false`, probe: { browserPort: noBrowser, login: { user: 'probe_user', password: 'not-a-secret' } } });
      expect(d.probes?.login?.message).toContain("Server requires encryption, set 'encrypt' config option to true.");
      expect(d.facts['probe.prelogin.encryption']).toBe('required');
      expect(d.causes[0]?.id).toBe('encrypt_setting_mismatch');
    } finally {
      await peer.close();
    }
  });
});

describe('SQL Browser: a responder built from [MC-SQLR] on an ephemeral UDP port', () => {
  let tds: TdsResponder;
  let browser: BrowserResponder;
  let wrongPort: number;
  beforeAll(async () => {
    tds = await startTdsResponder({ encryption: 0x00 });
    wrongPort = await closedTcpPort();
    browser = await startBrowserResponder([
      { serverName: 'PEER', instanceName: 'SQLEXPRESS', tcpPort: tds.port, pipe: '\\\\PEER\\pipe\\MSSQL$SQLEXPRESS\\sql\\query' },
      { serverName: 'PEER', instanceName: 'PIPESONLY', pipe: '\\\\PEER\\pipe\\MSSQL$PIPESONLY\\sql\\query' },
    ]);
  });
  afterAll(async () => {
    await Promise.all([tds.close(), browser.close()]);
  });

  it('finds a named instance\'s TCP port, then pre-logins to it', async () => {
    const report = await runProbes({ host: '127.0.0.1', instance: 'sqlexpress' }, { browserPort: browser.port });
    expect(report.browser).toEqual(expect.objectContaining({ state: 'answered', asked: 'sqlexpress' }));
    expect(report).toEqual(expect.objectContaining({ port: tds.port, portSource: 'browser' }));
    expect(report.prelogin?.answer).toBe('prelogin');
    expect(browser.requests).toEqual(expect.arrayContaining([0x04, 0x03]));
  });

  it('a misspelt instance: the Browser answers without it, and wrong_instance_name leads', async () => {
    const d = await doctor.diagnose({ connectionString: 'Server=127.0.0.1\\SQLEXPRES', probe: { browserPort: browser.port } });
    expect(d.facts['probe.ssrp.instanceListed']).toBe(false);
    expect(d.probes?.tcp).toEqual([]);
    expect(d.family).toBe('not_found');
    expect(d.causes[0]?.id).toBe('wrong_instance_name');
  });

  it('the Browser gives the instance another port than the one the client dials: port_mismatch leads', async () => {
    const d = await doctor.diagnose({ text: SEED_SQLCLIENT, connectionString: `Server=tcp:127.0.0.1\\SQLEXPRESS,${wrongPort}`, probe: { browserPort: browser.port } });
    expect(d.facts['probe.ssrp.instancePort']).toBe(tds.port);
    expect(d.facts['probe.ssrp.portDiffers']).toBe(true);
    expect(d.causes[0]?.id).toBe('port_mismatch');
    expect(evidenceOf(d, 'port_mismatch').some((line) => line.includes(`listens on TCP port ${tds.port}`) && line.includes('probe: SQL Browser'))).toBe(true);
  });

  it('an instance listed without tcp: TCP/IP is disabled for it', async () => {
    const d = await doctor.diagnose({ connectionString: 'Server=127.0.0.1\\PIPESONLY', probe: { browserPort: browser.port } });
    expect(d.facts['probe.ssrp.instanceTcp']).toBe(false);
    expect(d.causes[0]?.id).toBe('tcp_protocol_disabled');
  });
});

describe('SQL Browser: nobody answers', () => {
  it('a silent UDP port is "no answer", and browser_unreachable leads', async () => {
    const silent = await silentUdpSocket();
    try {
      const d = await doctor.diagnose({ connectionString: 'Server=127.0.0.1\\SQLEXPRESS', probe: { browserPort: silent.port, timeoutMs: 400 } });
      expect(d.probes?.browser?.state).toBe('unanswered');
      expect(d.causes[0]?.id).toBe('browser_unreachable');
    } finally {
      await silent.close();
    }
  });

  it('a closed UDP port answers ICMP port unreachable at once: the Browser is not running', async () => {
    const d = await doctor.diagnose({ connectionString: 'Server=127.0.0.1\\SQLEXPRESS', probe: { browserPort: noBrowser } });
    expect(d.probes?.browser?.state).toBe('refused');
    expect(d.causes[0]?.id).toBe('browser_unreachable');
  });
});

describe('DNS', () => {
  it('sqlhost.invalid does not resolve, and dns_resolution_failure leads', async () => {
    const d = await doctor.diagnose({ connectionString: 'Server=sqlhost.invalid', probe: { browserPort: noBrowser } });
    expect(d.probes?.dns).toEqual(expect.objectContaining({ state: 'not-found', addresses: [] }));
    expect(d.probes?.tcp).toEqual([]);
    expect(d.family).toBe('dns');
    expect(causeIds(d)[0]).toBe('dns_resolution_failure');
  });
});

describe('deadlines', () => {
  it('a listener that accepts and says nothing is reported silent when the deadline passes', async () => {
    const silent = await silentTcpListener();
    try {
      const report = await runProbes({ host: '127.0.0.1', port: silent.port }, { timeoutMs: 300, browserPort: noBrowser });
      expect(report.tcp[0]?.state).toBe('open');
      expect(report.prelogin?.answer).toBe('silent');
      // Generous bound: the report comes back at the deadline, not after some socket timeout of the OS.
      expect(report.ms).toBeLessThan(300 + 2000);
    } finally {
      await silent.close();
    }
  });

  it('an aborted signal ends every probe at once, each outcome a value', async () => {
    const port = await closedTcpPort();
    const report = await runProbes({ host: 'localhost', instance: 'X', port }, { signal: AbortSignal.abort(), browserPort: noBrowser });
    expect(report.dns.state).toBe('timeout');
    expect(report.tcp).toEqual([]);
  });
});
