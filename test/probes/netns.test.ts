// Probes across a network the test builds itself: a network namespace (root and iproute2 needed) where a SYN
// to 198.18.0.2 goes out on a veth and is never answered (a static neighbour entry, no host behind it), where
// 198.19.0.0/24 has an "unreachable" route, and where "localhost" resolves to ::1 first while SQL Server listens
// on 127.0.0.1 only. The CLI runs inside the namespace, so no packet leaves it. Skipped with a message when the
// machine cannot make namespaces; required under CI (.ci/run installs iproute2 and runs as root).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import { REPO_ROOT } from '../helpers.js';

const NS = `mssql-doctor-${process.pid}`;
const DROPPED = '198.18.0.2'; // RFC 2544 benchmarking range, inside the namespace only
const UNREACHABLE = '198.19.0.5';
const NETNS_ETC = `/etc/netns/${NS}`;

function whyNot(): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root';
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return '`ip netns` (iproute2) is not available';
  return undefined;
}
const problem = whyNot();
if (problem && process.env.CI) throw new Error(`the network namespace tests must run in CI, but: ${problem}`);
if (problem) console.warn(`skipping the network namespace probe tests: ${problem}`);
const describeNetns = problem ? describe.skip : describe;

function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr.trim()}`);
}

/** `mssql-doctor probe ARGS --json` run inside the namespace. */
function probeInNamespace(...args: string[]): Diagnosis {
  const result = spawnSync('ip', ['netns', 'exec', NS, process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'probe', ...args, '--json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.status !== 0) throw new Error(`probe failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as Diagnosis;
}

describeNetns('probes in a network namespace the test creates', () => {
  let peer: ChildProcess | undefined;
  let peerPort = 0;

  beforeAll(async () => {
    ip('netns', 'add', NS);
    ip('-n', NS, 'link', 'set', 'lo', 'up');
    ip('-n', NS, 'link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1');
    ip('-n', NS, 'address', 'add', '198.18.0.1/24', 'dev', 'veth0');
    ip('-n', NS, 'link', 'set', 'veth0', 'up');
    ip('-n', NS, 'link', 'set', 'veth1', 'up');
    // A known link-layer address and nothing that owns 198.18.0.2: the SYN leaves and no answer ever comes back.
    ip('-n', NS, 'neigh', 'add', DROPPED, 'lladdr', '02:00:00:00:00:02', 'dev', 'veth0', 'nud', 'permanent');
    ip('-n', NS, 'route', 'add', 'unreachable', '198.19.0.0/24');
    // `ip netns exec` mounts /etc/netns/NS/hosts over /etc/hosts: "localhost" is ::1 and 127.0.0.1 there.
    mkdirSync(NETNS_ETC, { recursive: true });
    writeFileSync(`${NETNS_ETC}/hosts`, '127.0.0.1 localhost\n::1 localhost\n');

    peer = spawn('ip', ['netns', 'exec', NS, process.execPath, '--import', 'tsx', 'test/probes/peers/tds-responder-process.ts'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    peerPort = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the TDS responder did not start in the namespace within 15 s')), 15_000);
      createInterface({ input: peer!.stdout! }).once('line', (line) => {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      });
    });
  }, 30_000);

  afterAll(async () => {
    if (peer && peer.exitCode === null) {
      const exited = new Promise((resolve) => peer!.once('exit', resolve));
      peer.stdin?.end();
      const timer = setTimeout(() => peer!.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    spawnSync('ip', ['netns', 'delete', NS]);
    rmSync(NETNS_ETC, { recursive: true, force: true });
  });

  it('a dropped SYN times out at the deadline, and firewall_blocking ranks high', () => {
    const d = probeInNamespace(`${DROPPED},1433`, '--timeout', '1000');
    expect(d.probes?.tcp).toEqual([expect.objectContaining({ address: DROPPED, port: 1433, state: 'timeout' })]);
    expect(d.family).toBe('timeout');
    expect(d.causes.slice(0, 2).map((c) => c.id)).toContain('firewall_blocking');
    // Every probe ends with the deadline (1 s), well before the kernel's own SYN retries give up (~2 min).
    expect(d.probes?.ms).toBeLessThan(1000 + 2000);
  }, 30_000);

  it('no route to the host is unreachable, and host_unreachable leads', () => {
    const d = probeInNamespace(`${UNREACHABLE},1433`);
    expect(d.probes?.tcp).toEqual([expect.objectContaining({ state: 'unreachable', code: 'EHOSTUNREACH' })]);
    expect(d.causes[0]?.id).toBe('host_unreachable');
  }, 30_000);

  it('"localhost" tried as ::1 first while SQL Server listens on 127.0.0.1 only: localhost_ipv6_mismatch leads', () => {
    const d = probeInNamespace(`localhost,${peerPort}`);
    expect(d.probes?.dns.addresses.map((a) => a.address)).toEqual(['::1', '127.0.0.1']);
    expect(d.facts['probe.tcp.ipv6State']).toBe('refused');
    expect(d.facts['probe.tcp.ipv4State']).toBe('open');
    expect(d.probes?.prelogin?.answer).toBe('prelogin');
    expect(d.causes[0]?.id).toBe('localhost_ipv6_mismatch');
  }, 30_000);
});
