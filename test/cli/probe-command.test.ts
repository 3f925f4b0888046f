// `mssql-doctor probe` and `diagnose --probe` as processes, against loopback sockets only.
import { describe, expect, it } from '@jest/globals';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import { closedTcpPort } from '../probes/loopback-targets.js';
import { startTdsResponder } from '../probes/peers/tds-responder.js';
import { fixture, runCli, runCliAsync } from '../helpers.js';

describe('mssql-doctor probe', () => {
  it('probes a refused loopback port and prints what it probed, then the diagnosis', async () => {
    const port = await closedTcpPort();
    const { code, stdout } = runCli(['probe', `127.0.0.1,${port}`]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Probes of 127\\.0\\.0\\.1,${port} \\(\\d+ ms, deadline 3000 ms\\)`));
    expect(stdout).toContain(`TCP       127.0.0.1:${port} refused (SYN answered by RST)`);
    expect(stdout).toMatch(/Family: {2}refused/);
    expect(stdout.indexOf('Probes of')).toBeLessThan(stdout.indexOf('Likely causes'));
  });

  it('--json carries the probe report and the probe facts', async () => {
    const port = await closedTcpPort();
    const { code, stdout } = runCli(['probe', `Server=tcp:127.0.0.1,${port}`, '--json', '--timeout', '1500']);
    expect(code).toBe(0);
    const d = JSON.parse(stdout) as Diagnosis;
    expect(d.probes).toEqual(expect.objectContaining({ timeoutMs: 1500, port, portSource: 'connection' }));
    expect(d.facts['probe.tcp.state']).toBe('refused');
  });

  it('--login takes the password from the connection string and never prints it', async () => {
    const peer = await startTdsResponder({ encryption: 0x00 });
    try {
      const secret = 'Pr0be-Pa55word';
      const { code, stdout, stderr } = await runCliAsync(['probe', `Server=127.0.0.1,${peer.port};User ID=probe_user;Password=${secret};Encrypt=false`, '--login', '--format', 'markdown']);
      expect(code).toBe(0);
      expect(stdout).toContain("Login failed for user 'probe_user'.");
      expect(stdout + stderr).not.toContain(secret);
    } finally {
      await peer.close();
    }
  });

  it.each([
    [['probe'], /missing required argument 'target'/],
    [['probe', 'db01', '--timeout', '0'], /--timeout must be a whole number of milliseconds/],
    [['probe', 'db01', '--user', 'sa'], /--user only applies with --login/],
    [['probe', 'db01', '--login', '--user', 'sa'], /--login needs a password: set MSSQL_DOCTOR_PASSWORD/],
    [['probe', 'Server=db01', '--connection-string', 'Server=db02'], /already a connection string/],
    [['diagnose', 'text', '--timeout', '100'], /only apply with --probe/],
  ])('bad usage %j is one line on stderr and exit 2', (args, message) => {
    const { code, stdout, stderr } = runCli(args, { env: { MSSQL_DOCTOR_PASSWORD: '' } });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});

describe('mssql-doctor diagnose --probe', () => {
  it('adds live probes of the server the paste and connection string name', async () => {
    const port = await closedTcpPort();
    const { code, stdout } = runCli(['diagnose', '--probe', '--json', '--connection-string', `Data Source=tcp:127.0.0.1,${port}`, fixture('seed/sqlclient.txt')]);
    expect(code).toBe(0);
    const d = JSON.parse(stdout) as Diagnosis;
    expect(d.family).toBe('refused');
    expect(d.probes?.tcp[0]?.state).toBe('refused');
    expect(d.causes[0]?.evidence.join('\n')).toContain('probe: ');
  });

  it('says so when the input names no server to probe', () => {
    const { code, stdout } = runCli(['diagnose', '--probe', fixture('seed/sqlclient.txt')]);
    expect(code).toBe(0);
    expect(stdout).toContain('nothing was probed: no server is named');
  });
});

