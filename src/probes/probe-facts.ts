// A probe report → facts for the rules, each with the line that quotes the probe as its evidence.
import type { Facts } from '../schemas/facts.js';
import type { BrowserOutcome, ProbeReport, TcpOutcome, TcpState } from '../schemas/probe-report.js';
import type { Family } from '../schemas/vocabulary.js';
import { findInstance } from './ssrp-codec.js';

export interface ProbeFacts {
  facts: Facts;
  sources: Record<string, string>;
}

const TCP_WORDS: Record<TcpState, string> = {
  open: 'open (SYN answered by SYN/ACK)',
  refused: 'refused (SYN answered by RST)',
  timeout: 'no answer (timed out)',
  unreachable: 'unreachable',
};

const endpoint = (address: string, port: number) => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);

export function describeTcp(outcome: TcpOutcome): string {
  const code = outcome.code && outcome.state !== 'refused' ? ` (${outcome.code})` : '';
  return `probe: TCP connect to ${endpoint(outcome.address, outcome.port)} ${TCP_WORDS[outcome.state]}${code} after ${outcome.ms} ms`;
}

export function describeBrowser(browser: BrowserOutcome): string {
  const where = `probe: SQL Browser at ${endpoint(browser.address, browser.port)}/udp`;
  switch (browser.state) {
    case 'answered': {
      const listed = browser.instances.map((i) => `${i.instanceName}${i.tcpPort !== undefined ? ` (tcp ${i.tcpPort})` : ' (no tcp)'}`).join(', ');
      return `${where} answered after ${browser.ms} ms, listing ${listed || 'no instances'}`;
    }
    case 'refused':
      return `${where}: ICMP port unreachable, nothing listens on the Browser port`;
    case 'invalid':
      return `${where} answered something that is not a Browser response${browser.detail ? ` (${browser.detail})` : ''}`;
    case 'unanswered':
      return `${where}: no answer after ${browser.ms} ms`;
  }
}

/** The outcome a client meets: open when any address accepts (clients try each in turn), else the first one's. */
function overallTcpState(tcp: readonly TcpOutcome[]): TcpOutcome | undefined {
  return tcp.find((t) => t.state === 'open') ?? tcp[0];
}

function browserFacts(browser: BrowserOutcome, instance: string | undefined, facts: Facts, sources: Record<string, string>): void {
  const line = describeBrowser(browser);
  facts['probe.ssrp.state'] = browser.state;
  sources['probe.ssrp.state'] = line;
  if (browser.state !== 'answered') return;
  facts['probe.ssrp.instances'] = browser.instances.map((i) => i.instanceName);
  sources['probe.ssrp.instances'] = line;
  // Without an instance name the client means the default instance, which the Browser lists as MSSQLSERVER.
  const found = findInstance(browser.instances, instance ?? 'MSSQLSERVER');
  if (instance !== undefined) {
    facts['probe.ssrp.instanceListed'] = found !== undefined;
    sources['probe.ssrp.instanceListed'] = line;
  }
  if (!found) return;
  facts['probe.ssrp.instanceTcp'] = found.tcpPort !== undefined;
  sources['probe.ssrp.instanceTcp'] = line;
  if (found.tcpPort !== undefined) {
    facts['probe.ssrp.instancePort'] = found.tcpPort;
    sources['probe.ssrp.instancePort'] = line;
  }
}

export function probeFacts(report: ProbeReport): ProbeFacts {
  const facts: Facts = {};
  const sources: Record<string, string> = {};
  const { dns } = report;
  facts['probe.dns.state'] = dns.state;
  sources['probe.dns.state'] =
    dns.state === 'resolved' || dns.state === 'literal'
      ? `probe: ${dns.host} ${dns.state === 'literal' ? 'is the address' : 'resolved to'} ${dns.addresses.map((a) => a.address).join(', ')}`
      : `probe: ${dns.host} did not resolve: ${dns.state}${dns.code ? ` (${dns.code})` : ''} after ${dns.ms} ms`;
  if (dns.addresses.length > 0) {
    facts['probe.dns.addresses'] = dns.addresses.map((a) => a.address);
    facts['probe.dns.ipv6First'] = dns.addresses[0]?.family === 6;
    sources['probe.dns.addresses'] = sources['probe.dns.ipv6First'] = sources['probe.dns.state'];
  }

  if (report.port !== undefined) facts['probe.tcp.port'] = report.port;
  if (report.portSource) facts['probe.tcp.portSource'] = report.portSource;
  const overall = overallTcpState(report.tcp);
  if (overall) {
    facts['probe.tcp.state'] = overall.state;
    sources['probe.tcp.state'] = sources['probe.tcp.port'] = describeTcp(overall);
  }
  for (const family of [4, 6] as const) {
    const first = report.tcp.find((t) => t.family === family);
    if (!first) continue;
    facts[family === 4 ? 'probe.tcp.ipv4State' : 'probe.tcp.ipv6State'] = first.state;
    sources[family === 4 ? 'probe.tcp.ipv4State' : 'probe.tcp.ipv6State'] = describeTcp(first);
  }

  if (report.browser) browserFacts(report.browser, report.target.instance, facts, sources);

  const { prelogin } = report;
  if (prelogin) {
    const line = `probe: PRELOGIN to ${endpoint(prelogin.address, prelogin.port)}: ${describePrelogin(prelogin)}`;
    facts['probe.prelogin.answer'] = prelogin.answer;
    facts['probe.prelogin.isTds'] = prelogin.answer === 'prelogin' || prelogin.answer === 'tds-other';
    sources['probe.prelogin.answer'] = sources['probe.prelogin.isTds'] = line;
    if (prelogin.encryption) {
      facts['probe.prelogin.encryption'] = prelogin.encryption;
      sources['probe.prelogin.encryption'] = line;
    }
    if (prelogin.version) {
      facts['probe.prelogin.version'] = prelogin.version;
      sources['probe.prelogin.version'] = line;
    }
  }

  if (report.login && report.login.state !== 'unavailable') {
    facts['probe.login.state'] = report.login.state;
    sources['probe.login.state'] = `probe: login with ${report.login.driver ?? 'the driver'} ${report.login.state}`;
  }
  return { facts, sources };
}

export function describePrelogin(prelogin: NonNullable<ProbeReport['prelogin']>): string {
  switch (prelogin.answer) {
    case 'prelogin':
      return `SQL Server ${prelogin.version ?? '(version not given)'} answered, encryption ${prelogin.encryption ?? 'not stated'}, after ${prelogin.ms} ms`;
    case 'tds-other':
      return `a TDS answer that is not a PRELOGIN response (${prelogin.detail ?? 'no detail'})`;
    case 'not-tds':
      return `not SQL Server: ${prelogin.detail ?? 'the answer is not TDS'}`;
    case 'closed':
      return `the listener ${prelogin.detail ?? 'closed the connection without answering'}`;
    case 'silent':
      return `no answer after ${prelogin.ms} ms (${prelogin.detail ?? 'the listener said nothing'})`;
  }
}

/**
 * The failure family the probes show when the paste names none (`mssql-doctor probe db01` has no error text):
 * the first thing that went wrong along the way a client connects, and the probe fact that shows it.
 */
export function probeFamily(facts: Facts): { family: Family; because: keyof Facts } | undefined {
  const dns = facts['probe.dns.state'];
  if (dns === 'not-found' || dns === 'failed') return { family: 'dns', because: 'probe.dns.state' };
  if (dns === 'timeout') return { family: 'timeout', because: 'probe.dns.state' };
  if (facts['probe.tcp.port'] === undefined && facts['probe.ssrp.state'] !== undefined) return { family: 'not_found', because: 'probe.ssrp.state' };
  // A client that dials only the first address ("localhost" as ::1) is refused even when a later one is open.
  if (facts['probe.dns.ipv6First'] === true && facts['probe.tcp.ipv6State'] === 'refused' && facts['probe.tcp.ipv4State'] === 'open') {
    return { family: 'refused', because: 'probe.tcp.ipv6State' };
  }
  switch (facts['probe.tcp.state']) {
    case 'refused':
      return { family: 'refused', because: 'probe.tcp.state' };
    case 'timeout':
    case 'unreachable':
      return { family: 'timeout', because: 'probe.tcp.state' };
    case 'open':
      return facts['probe.prelogin.isTds'] === false ? { family: 'prelogin', because: 'probe.prelogin.answer' } : undefined;
    default:
      return undefined;
  }
}
