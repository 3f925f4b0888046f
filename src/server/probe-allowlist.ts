// The HTTP API's guard on live probes (an SSRF guard): a request may only make this server send packets to
// hosts and networks the operator listed in the config file (`server.probes.allow`). Names are resolved here,
// once, and every address must be allowed; the probes then use exactly those addresses, so a name that
// resolves differently a moment later (DNS rebinding) cannot move them. Loopback, link-local (the cloud
// metadata services live there), unspecified, multicast and broadcast addresses stay refused even under a
// broad entry such as 0.0.0.0/0: only an entry inside such a range (127.0.0.1/32, 169.254.0.0/16) opens it.
// Each entry also says which ports may be probed there (probe-ports.ts): 1433/tcp and 1434/udp, plus its own.
import type { LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { Lookup } from '../probes/dns-probe.js';
import { DEFAULT_PORTS, opens, parsePorts, type PortSet, type Transport } from './probe-ports.js';

interface Network {
  family: 'ipv4' | 'ipv6';
  address: string;
  prefix: number;
  /** The network alone, built once, for containment checks. */
  list: BlockList;
}

/** A host, wildcard name, address or network, with the ports it opens beyond 1433/tcp and 1434/udp. */
export type ProbeAllowEntry = string | { host: string; ports?: ReadonlyArray<number | string> };

export interface ProbeAllowlist {
  networks: ReadonlyArray<Network & { ports: PortSet }>;
  /** Exact names (lower case, no trailing dot) and wildcard suffixes ("*.corp.example" → ".corp.example"). */
  names: ReadonlyMap<string, PortSet>;
  suffixes: ReadonlyArray<{ suffix: string; ports: PortSet }>;
}

/** What a request would probe: the host, the TCP port it names (none: 1433 or the Browser's answer), the Browser's UDP port. */
export interface ProbeRequest {
  host: string;
  port?: number;
  browserPort?: number;
}

/** Ranges no broad entry opens, with what they are, for the refusal message. */
const GUARDED: ReadonlyArray<{ range: string; what: string }> = [
  { range: '0.0.0.0/8', what: 'an unspecified ("this network") address' },
  { range: '127.0.0.0/8', what: 'a loopback address' },
  { range: '169.254.0.0/16', what: 'a link-local address (cloud metadata services answer at 169.254.169.254)' },
  { range: '100.100.100.200/32', what: 'a cloud metadata address' },
  { range: '224.0.0.0/4', what: 'a multicast address' },
  { range: '240.0.0.0/4', what: 'a reserved or broadcast address' },
  { range: '::/128', what: 'the unspecified address' },
  { range: '::1/128', what: 'a loopback address' },
  { range: 'fe80::/10', what: 'a link-local address' },
  { range: 'fd00:ec2::254/128', what: 'a cloud metadata address' },
  { range: 'ff00::/8', what: 'a multicast address' },
];

const HOST_NAME = /^(?=.{1,253}$)(?:\*\.)?(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

function parseNetwork(text: string): Network | string {
  const [address = '', prefixText, ...rest] = text.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return `"${text}" is neither a host name, an IP address nor a CIDR network`;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? String(max)) || prefix > max) return `"${text}": the prefix length must be 0 to ${max}`;
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return { family, address, prefix, list };
}

const GUARDED_NETWORKS = GUARDED.map(({ range, what }) => ({ network: parseNetwork(range) as Network, what }));

/** The operator's entries, or what is wrong with each entry that is not understood. */
export function parseAllowlist(entries: readonly ProbeAllowEntry[]): { allowlist: ProbeAllowlist; problems: string[] } {
  const networks: Array<Network & { ports: PortSet }> = [];
  const names = new Map<string, PortSet>();
  const suffixes: Array<{ suffix: string; ports: PortSet }> = [];
  const problems: string[] = [];
  for (const given of entries) {
    const raw = typeof given === 'string' ? given : given.host;
    const ports = typeof given === 'string' || given.ports === undefined ? DEFAULT_PORTS : parsePorts(given.ports);
    if (typeof ports === 'string') {
      problems.push(`"${raw}": ${ports}`);
      continue;
    }
    const entry = raw.trim().toLowerCase().replace(/\.$/, '');
    if (isIP(entry.split('/')[0] ?? '') !== 0) {
      const network = parseNetwork(entry);
      if (typeof network === 'string') problems.push(network);
      else networks.push({ ...network, ports });
    } else if (HOST_NAME.test(entry) && !/^[\d.]+$/.test(entry)) {
      if (entry.startsWith('*.')) suffixes.push({ suffix: entry.slice(1), ports });
      else names.set(entry, names.has(entry) ? mergePorts(names.get(entry) as PortSet, ports) : ports);
    } else {
      problems.push(`"${raw}" is neither a host name, an IP address nor a CIDR network`);
    }
  }
  return { allowlist: { networks, names, suffixes }, problems };
}

function mergePorts(a: PortSet, b: PortSet): PortSet {
  return { tcp: [...a.tcp, ...b.tcp], udp: [...a.udp, ...b.udp] };
}

function contains(network: Network, address: string, family: 'ipv4' | 'ipv6'): boolean {
  return network.family === family && network.list.check(address, family);
}

/** IPv6 forms that carry an IPv4 address in their last 32 bits: IPv4-mapped and NAT64. */
const CARRIES_IPV4 = new BlockList();
CARRIES_IPV4.addSubnet('::ffff:0:0', 96, 'ipv6');
CARRIES_IPV4.addSubnet('64:ff9b::', 96, 'ipv6');

/** An IPv4 address carried inside an IPv6 one (::ffff:a.b.c.d, 64:ff9b::a.b.c.d) is judged as that IPv4 address. */
export function canonicalAddress(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const unbracketed = address.replace(/^\[(.*)\]$/, '$1');
  const zone = unbracketed.indexOf('%');
  const bare = zone < 0 ? unbracketed : unbracketed.slice(0, zone);
  if (isIP(bare) === 4) return { address: bare, family: 'ipv4' };
  if (CARRIES_IPV4.check(bare, 'ipv6')) {
    const embedded = embeddedIpv4(bare);
    if (embedded) return { address: embedded, family: 'ipv4' };
  }
  return { address: bare, family: 'ipv6' };
}

/** The last 32 bits of an IPv6 address as dotted IPv4 (the address is known to be IPv6). */
function embeddedIpv4(address: string): string | undefined {
  const dotted = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(address);
  if (dotted) return dotted[1];
  const groups = address.split(':');
  const [high, low] = [groups.at(-2), groups.at(-1)].map((g) => parseInt(g || '0', 16));
  if (high === undefined || low === undefined || Number.isNaN(high) || Number.isNaN(low)) return undefined;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

interface Refusal {
  /** guarded: a range only a narrow entry opens; unlisted: no entry covers the address. */
  kind: 'guarded' | 'unlisted';
  /** What the address is, after it: "is a loopback address; list it …". */
  why: string;
}

/**
 * The ports of every entry that lets an address be probed, or why none does. `byName` are the ports of the listed
 * names the target was given as: they count for its ordinary addresses, not for guarded ones.
 */
function admission(allowlist: ProbeAllowlist, rawAddress: string, byName: readonly PortSet[]): { ports: PortSet[] } | Refusal {
  const { address, family } = canonicalAddress(rawAddress);
  const guarded = GUARDED_NETWORKS.find(({ network }) => contains(network, address, family));
  const covering = allowlist.networks.filter((n) => contains(n, address, family));
  if (guarded) {
    // Only an entry that lies inside the guarded range (as narrow as it, or narrower) opens it.
    const inside = covering.filter((n) => n.prefix >= guarded.network.prefix && contains(guarded.network, n.address, n.family));
    if (inside.length > 0) return { ports: inside.map((n) => n.ports) };
    return { kind: 'guarded', why: `is ${guarded.what}; list it (e.g. ${address}/${family === 'ipv4' ? 32 : 128}) in server.probes.allow to probe it` };
  }
  const ports = [...covering.map((n) => n.ports), ...byName];
  return ports.length > 0 ? { ports } : { kind: 'unlisted', why: 'is not in server.probes.allow' };
}

/** The port sets of the listed names and wildcard names that match a host name. */
function portsByName(allowlist: ProbeAllowlist, host: string): PortSet[] {
  const name = host.toLowerCase().replace(/\.$/, '');
  const exact = allowlist.names.get(name);
  return [...(exact ? [exact] : []), ...allowlist.suffixes.filter(({ suffix }) => name.endsWith(suffix)).map(({ ports }) => ports)];
}

/** The first port the request names that no admitting entry opens, as "port 22/tcp" or "the SQL Browser port 5000/udp". */
function closedPort(request: ProbeRequest, ports: readonly PortSet[]): string | undefined {
  const asked: Array<[Transport, number | undefined, string]> = [
    ['tcp', request.port, 'port'],
    ['udp', request.browserPort, 'the SQL Browser port'],
  ];
  for (const [transport, port, what] of asked) {
    if (port !== undefined && !ports.some((set) => opens(set, transport, port))) return `${what} ${port}/${transport}`;
  }
  return undefined;
}

export type ProbeClearance = { allowed: true; addresses: LookupAddress[] } | { allowed: false; reason: string };

/**
 * Whether the request may be probed, and at which addresses. A listed name allows what it resolves to, except
 * guarded addresses; any other name must resolve only to listed networks. Every address must also be open at the
 * ports the request names. Nothing but the resolver is asked.
 */
export async function clearProbeTarget(allowlist: ProbeAllowlist, request: ProbeRequest, lookup: Lookup): Promise<ProbeClearance> {
  const { host } = request;
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(bare);
  let addresses: LookupAddress[];
  if (version !== 0) {
    addresses = [{ address: bare, family: version }];
  } else {
    try {
      addresses = await lookup(host);
    } catch (error) {
      return { allowed: false, reason: `${host} could not be resolved to check it against server.probes.allow (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    if (addresses.length === 0) return { allowed: false, reason: `${host} resolved to no address` };
  }
  const byName = version === 0 ? portsByName(allowlist, host) : [];
  for (const { address } of addresses) {
    const where = version === 0 ? `${host} (${address})` : address;
    const admitted = admission(allowlist, address, byName);
    if ('why' in admitted) return { allowed: false, reason: version === 0 ? `${host} resolves to ${address}, which ${admitted.why}` : `${address} ${admitted.why}` };
    const closed = closedPort(request, admitted.ports);
    if (closed) {
      return { allowed: false, reason: `${closed} of ${where} is not in server.probes.allow, which opens 1433/tcp and 1434/udp on every entry and other ports only where an entry lists them` };
    }
  }
  return { allowed: true, addresses };
}
