// Reads a SQL Server "server" value as clients accept it: [proto:]host[\instance][,port], host:port, (local).
import { readInteger } from '../read-integer.js';
import type { Protocol } from '../schemas/vocabulary.js';

export interface ServerSpec {
  host: string;
  instance?: string;
  port?: number;
  protocol?: Protocol;
}

const PROTOCOL_PREFIX = /^(tcp|np|lpc|admin):/i;
const LOCAL_NAMES = new Set(['.', '(local)', 'localhost', '127.0.0.1', '::1', '[::1]', '(localdb)']);

/**
 * Parses a server value. `allowColonPort` accepts "host:1433" (FreeTDS, Go and Node print that);
 * ADO.NET itself only accepts "host,1433".
 */
export function parseServerSpec(raw: string, { allowColonPort = false } = {}): ServerSpec | undefined {
  let value = raw.trim().replace(/^["'{]|["'}]$/g, '').trim();
  let protocol: Protocol | undefined;
  const prefix = PROTOCOL_PREFIX.exec(value);
  if (prefix) {
    protocol = (prefix[1] as string).toLowerCase() as Protocol;
    value = value.slice(prefix[0].length);
  }
  if (!value || /^\\\\/.test(value)) return undefined;

  let port: number | undefined;
  const comma = value.lastIndexOf(',');
  if (comma !== -1) {
    port = readInteger(value.slice(comma + 1), 'port');
    value = value.slice(0, comma).trim();
  } else if (allowColonPort) {
    const colon = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value);
    if (colon) {
      port = readInteger(colon[2], 'port');
      value = (colon[1] as string).replace(/^\[|\]$/g, '');
    }
  }

  const [host, instance] = value.split('\\', 2) as [string, string | undefined];
  if (!host || /\s/.test(host)) return undefined;
  const spec: ServerSpec = { host };
  if (instance) spec.instance = instance;
  if (port !== undefined) spec.port = port;
  if (protocol) spec.protocol = protocol;
  return spec;
}

export function isLocalHost(host: string): boolean {
  return LOCAL_NAMES.has(host.toLowerCase()) || /^127\./.test(host);
}
