// DNS probe: the addresses a host name resolves to, in the order the operating system gives them.
import type { LookupAddress } from 'node:dns';
import { lookup as osLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DnsOutcome } from '../schemas/probe-report.js';
import { elapsedSince, untilAborted } from './deadline.js';

/** getaddrinfo as Node exposes it; injectable so a test can play a resolver. */
export type Lookup = (host: string) => Promise<LookupAddress[]>;

/**
 * `verbatim` keeps the resolver's order (RFC 6724 sorting by the C library, /etc/gai.conf), which is the order
 * clients try: when "localhost" gives ::1 first, a client dials IPv6 first.
 */
export const systemLookup: Lookup = (host) => osLookup(host, { all: true, verbatim: true });

/** Resolver errors that say the name does not exist, as opposed to the resolver failing. */
const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'EAI_NONAME', 'ENODATA', 'EAI_NODATA']);

/** A bracketed IPv6 literal ([::1]) is an address too. */
function literalAddress(host: string): { address: string; family: 4 | 6 } | undefined {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  return family === 4 || family === 6 ? { address: bare, family } : undefined;
}

export async function probeDns(host: string, signal: AbortSignal, lookup: Lookup = systemLookup): Promise<DnsOutcome> {
  const started = performance.now();
  const literal = literalAddress(host);
  if (literal) return { host, state: 'literal', addresses: [literal], ms: 0 };
  try {
    // getaddrinfo cannot be cancelled: the deadline only stops the wait for it.
    const found = await untilAborted(lookup(host), signal);
    if (found === undefined) return { host, state: 'timeout', addresses: [], ms: elapsedSince(started) };
    const addresses = found
      .filter((a): a is LookupAddress & { family: 4 | 6 } => a.family === 4 || a.family === 6)
      .map(({ address, family }) => ({ address, family }));
    return { host, state: addresses.length > 0 ? 'resolved' : 'not-found', addresses, ms: elapsedSince(started) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    return { host, state: NOT_FOUND_CODES.has(code) ? 'not-found' : 'failed', addresses: [], code, ms: elapsedSince(started) };
  }
}
