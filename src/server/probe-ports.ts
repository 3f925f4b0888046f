// The ports an allowlist entry opens to live probes: SQL Server's 1433/tcp and the SQL Browser's 1434/udp on every
// entry, and the ports the operator lists with it (`ports: [14330, "50000-50100", "1435/udp"]`). Without them an
// allowed host is a port scanner's target: the caller would choose the TCP port and the Browser port.
import { SQL_BROWSER_PORT } from '../probes/browser-probe.js';
import { DEFAULT_SQL_PORT } from '../probes/run-probes.js';

export type Transport = 'tcp' | 'udp';
type PortRange = readonly [first: number, last: number];

export interface PortSet {
  tcp: readonly PortRange[];
  udp: readonly PortRange[];
}

/** What every entry opens, listed or not. */
export const DEFAULT_PORTS: PortSet = { tcp: [[DEFAULT_SQL_PORT, DEFAULT_SQL_PORT]], udp: [[SQL_BROWSER_PORT, SQL_BROWSER_PORT]] };

/** "1433", "50000-50100", "1435/udp", "50000-50100/tcp": at most 5 digits each, so the pattern stays linear. */
const PORT_SPEC = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp))?$/;

const inRange = (port: number) => port >= 1 && port <= 65535;

/** The default ports plus the listed ones, or what is wrong with the first spec that is not understood. */
export function parsePorts(specs: ReadonlyArray<number | string>): PortSet | string {
  const tcp: PortRange[] = [...DEFAULT_PORTS.tcp];
  const udp: PortRange[] = [...DEFAULT_PORTS.udp];
  for (const spec of specs) {
    const match = PORT_SPEC.exec(String(spec).trim().toLowerCase());
    if (!match) return `port "${spec}" is not understood: write 14330, "50000-50100" or "1435/udp"`;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (!inRange(first) || !inRange(last)) return `port "${spec}": ports are 1 to 65535`;
    if (first > last) return `port "${spec}": the range's first port is above its last`;
    (match[3] === 'udp' ? udp : tcp).push([first, last]);
  }
  return { tcp, udp };
}

export function opens(ports: PortSet, transport: Transport, port: number): boolean {
  return ports[transport].some(([first, last]) => port >= first && port <= last);
}
