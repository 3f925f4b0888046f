// The SSRF guard on live probes from the HTTP API (src/server/probe-allowlist.ts), with a played resolver:
// what may be probed, and that a name is judged by every address it resolves to.
import { describe, expect, it } from '@jest/globals';
import type { LookupAddress } from 'node:dns';
import { canonicalAddress, clearProbeTarget, parseAllowlist, type ProbeAllowEntry } from '../../src/server/probe-allowlist.js';

const allow = (...entries: ProbeAllowEntry[]) => {
  const { allowlist, problems } = parseAllowlist(entries);
  expect(problems).toEqual([]);
  return allowlist;
};
const resolvesTo = (...addresses: string[]) => async (): Promise<LookupAddress[]> => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const noResolver = async (): Promise<LookupAddress[]> => {
  throw new Error('the resolver must not be asked for an address literal');
};

describe('parseAllowlist', () => {
  it('reads names, wildcard names, addresses and CIDR networks', () => {
    const { allowlist, problems } = parseAllowlist(['db01.corp.example', '*.sql.corp.example', '10.20.0.0/16', '192.0.2.7', '2001:db8::/32', 'DB02.Corp.Example.']);
    expect(problems).toEqual([]);
    expect([...allowlist.names.keys()]).toEqual(['db01.corp.example', 'db02.corp.example']);
    expect(allowlist.suffixes.map((s) => s.suffix)).toEqual(['.sql.corp.example']);
    expect(allowlist.networks.map((n) => `${n.address}/${n.prefix}`)).toEqual(['10.20.0.0/16', '192.0.2.7/32', '2001:db8::/32']);
  });

  it('names each entry it does not understand', () => {
    const { problems } = parseAllowlist(['10.0.0.0/33', 'fe80::/129', 'not a host', 'http://db01', '10.0.0.0/8/8', '1.2.3']);
    expect(problems).toEqual([
      '"10.0.0.0/33": the prefix length must be 0 to 32',
      '"fe80::/129": the prefix length must be 0 to 128',
      '"not a host" is neither a host name, an IP address nor a CIDR network',
      '"http://db01" is neither a host name, an IP address nor a CIDR network',
      '"10.0.0.0/8/8" is neither a host name, an IP address nor a CIDR network',
      '"1.2.3" is neither a host name, an IP address nor a CIDR network',
    ]);
  });

  it('names each port it does not understand, with its entry', () => {
    const { problems } = parseAllowlist([
      { host: 'db01.corp.example', ports: ['ssh'] },
      { host: '10.0.0.0/8', ports: [70000] },
      { host: '10.0.0.0/8', ports: ['0/udp'] },
      { host: '10.0.0.0/8', ports: ['2000-1000'] },
      { host: '10.0.0.0/8', ports: ['1433/sctp'] },
      { host: '10.0.0.0/8', ports: ['1'.repeat(40)] },
    ]);
    expect(problems).toEqual([
      '"db01.corp.example": port "ssh" is not understood: write 14330, "50000-50100" or "1435/udp"',
      '"10.0.0.0/8": port "70000": ports are 1 to 65535',
      '"10.0.0.0/8": port "0/udp": ports are 1 to 65535',
      '"10.0.0.0/8": port "2000-1000": the range\'s first port is above its last',
      '"10.0.0.0/8": port "1433/sctp" is not understood: write 14330, "50000-50100" or "1435/udp"',
      `"10.0.0.0/8": port "${'1'.repeat(40)}" is not understood: write 14330, "50000-50100" or "1435/udp"`,
    ]);
  });
});

describe('canonicalAddress', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::ffff:7f00:1', '127.0.0.1'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254'],
    ['[::1]', '::1'],
    ['fe80::1%eth0', 'fe80::1'],
  ])('%s is judged as %s', (given, expected) => {
    expect(canonicalAddress(given).address).toBe(expected);
  });
});

describe('clearProbeTarget', () => {
  it('allows an address inside a listed network, and refuses one outside it', async () => {
    const list = allow('10.20.0.0/16');
    await expect(clearProbeTarget(list, { host: '10.20.3.4' }, noResolver)).resolves.toEqual({ allowed: true, addresses: [{ address: '10.20.3.4', family: 4 }] });
    await expect(clearProbeTarget(list, { host: '10.21.0.1' }, noResolver)).resolves.toEqual({ allowed: false, reason: '10.21.0.1 is not in server.probes.allow' });
  });

  // Loopback, link-local (cloud metadata at 169.254.169.254), their IPv6 forms and IPv4 hidden in IPv6.
  it.each(['127.0.0.1', '127.1.2.3', '169.254.169.254', '0.0.0.0', '::1', '[::1]', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '224.0.0.1', '255.255.255.255', '100.100.100.200'])(
    '%s stays refused under 0.0.0.0/0 and ::/0',
    async (host) => {
      const clearance = await clearProbeTarget(allow('0.0.0.0/0', '::/0'), { host }, noResolver);
      expect(clearance).toEqual({ allowed: false, reason: expect.stringMatching(/ is (a|an|the) .*; list it \(e\.g\. .*\) in server\.probes\.allow to probe it$/) });
    },
  );

  it('opens a guarded range only to an entry inside it', async () => {
    await expect(clearProbeTarget(allow('127.0.0.1/32'), { host: '127.0.0.1' }, noResolver)).resolves.toMatchObject({ allowed: true });
    await expect(clearProbeTarget(allow('127.0.0.1/32'), { host: '127.0.0.2' }, noResolver)).resolves.toMatchObject({ allowed: false });
    await expect(clearProbeTarget(allow('127.0.0.0/8'), { host: '::ffff:127.0.0.9' }, noResolver)).resolves.toMatchObject({ allowed: true });
    await expect(clearProbeTarget(allow('169.254.169.254'), { host: '169.254.169.254' }, noResolver)).resolves.toMatchObject({ allowed: true });
    await expect(clearProbeTarget(allow('::1'), { host: '[::1]' }, noResolver)).resolves.toMatchObject({ allowed: true });
    // A network wider than the guarded range does not open it.
    await expect(clearProbeTarget(allow('0.0.0.0/1'), { host: '127.0.0.1' }, noResolver)).resolves.toMatchObject({ allowed: false });
  });

  it('judges a name by every address it resolves to, and returns those addresses for the probes to use', async () => {
    const list = allow('10.0.0.0/8');
    await expect(clearProbeTarget(list, { host: 'db01.corp.example' }, resolvesTo('10.1.1.1', '10.1.1.2'))).resolves.toEqual({
      allowed: true,
      addresses: [{ address: '10.1.1.1', family: 4 }, { address: '10.1.1.2', family: 4 }],
    });
    await expect(clearProbeTarget(list, { host: 'db01.corp.example' }, resolvesTo('10.1.1.1', '169.254.169.254'))).resolves.toEqual({
      allowed: false,
      reason: expect.stringMatching(/^db01\.corp\.example resolves to 169\.254\.169\.254, which is a link-local address/),
    });
    await expect(clearProbeTarget(list, { host: 'db01.corp.example' }, resolvesTo('192.0.2.1'))).resolves.toEqual({ allowed: false, reason: 'db01.corp.example resolves to 192.0.2.1, which is not in server.probes.allow' });
  });

  it('lets a listed name reach its ordinary addresses but not guarded ones (a name pointed at loopback or metadata)', async () => {
    const list = allow('db01.corp.example', '*.sql.corp.example');
    await expect(clearProbeTarget(list, { host: 'DB01.corp.example.' }, resolvesTo('192.0.2.1'))).resolves.toMatchObject({ allowed: true });
    await expect(clearProbeTarget(list, { host: 'x.sql.corp.example' }, resolvesTo('198.51.100.2'))).resolves.toMatchObject({ allowed: true });
    await expect(clearProbeTarget(list, { host: 'sql.corp.example' }, resolvesTo('198.51.100.2'))).resolves.toMatchObject({ allowed: false });
    await expect(clearProbeTarget(list, { host: 'db01.corp.example' }, resolvesTo('127.0.0.1'))).resolves.toMatchObject({ allowed: false, reason: expect.stringContaining('loopback') });
    await expect(clearProbeTarget(list, { host: 'x.sql.corp.example' }, resolvesTo('fd00:ec2::254'))).resolves.toMatchObject({ allowed: false, reason: expect.stringContaining('metadata') });
  });

  it('refuses a name that does not resolve, saying why', async () => {
    const failing = async (): Promise<LookupAddress[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expect(clearProbeTarget(allow('0.0.0.0/0'), { host: 'nowhere.invalid' }, failing)).resolves.toEqual({
      allowed: false,
      reason: 'nowhere.invalid could not be resolved to check it against server.probes.allow (ENOTFOUND)',
    });
    await expect(clearProbeTarget(allow('0.0.0.0/0'), { host: 'empty.example' }, resolvesTo())).resolves.toEqual({ allowed: false, reason: 'empty.example resolved to no address' });
  });

  it('judges numeric host spellings by what they resolve to (0x7f.1 → 127.0.0.1)', async () => {
    await expect(clearProbeTarget(allow('0.0.0.0/0'), { host: '0x7f.1' }, resolvesTo('127.0.0.1'))).resolves.toMatchObject({ allowed: false, reason: expect.stringContaining('loopback') });
  });
});

describe('clearProbeTarget: ports', () => {
  const closed = (port: string, where: string) => ({
    allowed: false,
    reason: `${port} of ${where} is not in server.probes.allow, which opens 1433/tcp and 1434/udp on every entry and other ports only where an entry lists them`,
  });

  it('opens 1433/tcp and the Browser at 1434/udp on every entry, and no other port', async () => {
    const list = allow('10.20.0.0/16');
    await expect(clearProbeTarget(list, { host: '10.20.3.4', port: 1433, browserPort: 1434 }, noResolver)).resolves.toMatchObject({ allowed: true });
    // No port named: the probes dial 1433, or the port the host's own Browser gives for a named instance.
    await expect(clearProbeTarget(list, { host: '10.20.3.4', browserPort: 1434 }, noResolver)).resolves.toMatchObject({ allowed: true });
    await expect(clearProbeTarget(list, { host: '10.20.3.4', port: 22, browserPort: 1434 }, noResolver)).resolves.toEqual(closed('port 22/tcp', '10.20.3.4'));
    await expect(clearProbeTarget(list, { host: '10.20.3.4', port: 1434, browserPort: 1434 }, noResolver)).resolves.toEqual(closed('port 1434/tcp', '10.20.3.4'));
    await expect(clearProbeTarget(list, { host: '10.20.3.4', port: 1433, browserPort: 161 }, noResolver)).resolves.toEqual(closed('the SQL Browser port 161/udp', '10.20.3.4'));
    await expect(clearProbeTarget(list, { host: '10.20.3.4', browserPort: 1433 }, noResolver)).resolves.toEqual(closed('the SQL Browser port 1433/udp', '10.20.3.4'));
  });

  it('opens the ports an entry lists, on that entry only', async () => {
    const list = allow({ host: '10.20.0.0/16', ports: [14330, '50000-50010', '1435/udp', ' 2000/TCP '] }, '10.30.0.0/16');
    const at = (host: string, port?: number, browserPort = 1434) => clearProbeTarget(list, { host, port, browserPort }, noResolver);
    for (const port of [1433, 14330, 50000, 50005, 50010, 2000]) await expect(at('10.20.3.4', port)).resolves.toMatchObject({ allowed: true });
    await expect(at('10.20.3.4', 50011)).resolves.toEqual(closed('port 50011/tcp', '10.20.3.4'));
    await expect(at('10.20.3.4', 1435)).resolves.toEqual(closed('port 1435/tcp', '10.20.3.4'));
    await expect(at('10.20.3.4', 1433, 1435)).resolves.toMatchObject({ allowed: true });
    await expect(at('10.30.3.4', 14330)).resolves.toEqual(closed('port 14330/tcp', '10.30.3.4'));
    await expect(at('10.30.3.4', 1433, 1435)).resolves.toEqual(closed('the SQL Browser port 1435/udp', '10.30.3.4'));
  });

  it('lets any entry that covers an address open a port there', async () => {
    const list = allow('10.0.0.0/8', { host: '10.20.0.0/16', ports: [14330] });
    await expect(clearProbeTarget(list, { host: '10.20.3.4', port: 14330 }, noResolver)).resolves.toMatchObject({ allowed: true });
    await expect(clearProbeTarget(list, { host: '10.21.3.4', port: 14330 }, noResolver)).resolves.toEqual(closed('port 14330/tcp', '10.21.3.4'));
  });

  it('takes a listed name\'s ports, merged when the name is listed twice, and a wildcard\'s', async () => {
    const list = allow({ host: 'db01.corp.example', ports: [14330] }, { host: 'DB01.corp.example.', ports: [14331] }, { host: '*.sql.corp.example', ports: ['2000-2010'] });
    const at = (host: string, port: number) => clearProbeTarget(list, { host, port, browserPort: 1434 }, resolvesTo('192.0.2.1'));
    await expect(at('db01.corp.example', 14330)).resolves.toMatchObject({ allowed: true });
    await expect(at('db01.corp.example', 14331)).resolves.toMatchObject({ allowed: true });
    await expect(at('db01.corp.example', 2005)).resolves.toEqual(closed('port 2005/tcp', 'db01.corp.example (192.0.2.1)'));
    await expect(at('x.sql.corp.example', 2005)).resolves.toMatchObject({ allowed: true });
    await expect(at('x.sql.corp.example', 14330)).resolves.toEqual(closed('port 14330/tcp', 'x.sql.corp.example (192.0.2.1)'));
  });

  it('needs the port open at every address a name resolves to', async () => {
    const list = allow({ host: '10.1.0.0/16', ports: [14330] }, '10.2.0.0/16');
    await expect(clearProbeTarget(list, { host: 'db01.corp.example', port: 14330 }, resolvesTo('10.1.1.1', '10.2.1.1'))).resolves.toEqual(
      closed('port 14330/tcp', 'db01.corp.example (10.2.1.1)'),
    );
    await expect(clearProbeTarget(list, { host: 'db01.corp.example', port: 1433 }, resolvesTo('10.1.1.1', '10.2.1.1'))).resolves.toMatchObject({ allowed: true });
  });

  it('opens a guarded address\'s ports only through the entry inside its range, not through a listed name', async () => {
    const list = allow({ host: '127.0.0.1/32', ports: [14330] }, { host: 'db01.corp.example', ports: [14331] });
    await expect(clearProbeTarget(list, { host: '127.0.0.1', port: 14330 }, noResolver)).resolves.toMatchObject({ allowed: true });
    await expect(clearProbeTarget(list, { host: 'db01.corp.example', port: 14331 }, resolvesTo('127.0.0.1'))).resolves.toEqual(
      closed('port 14331/tcp', 'db01.corp.example (127.0.0.1)'),
    );
  });
});
