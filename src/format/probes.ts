// What the live probes did, one line each in the order they ran: the part of the output `mssql-doctor probe`
// adds before the diagnosis.
import { describeBrowser, describePrelogin, describeTcp } from '../probes/probe-facts.js';
import type { ProbeReport } from '../schemas/probe-report.js';

const strip = (line: string) => line.replace(/^probe: /, '');

export function probeHeading(report: ProbeReport): string {
  const { host, instance, port } = report.target;
  const named = `${host}${instance ? `\\${instance}` : ''}${port !== undefined ? `,${port}` : ''}`;
  return `Probes of ${named} (${report.ms} ms, deadline ${report.timeoutMs} ms)`;
}

export function probeLines(report: ProbeReport): string[] {
  const { dns } = report;
  const lines: string[] = [];
  if (dns.state === 'literal') lines.push(`DNS       ${dns.host} is an address: nothing to resolve`);
  else if (dns.addresses.length > 0) lines.push(`DNS       ${dns.host} → ${dns.addresses.map((a) => a.address).join(', ')} (${dns.ms} ms)`);
  else lines.push(`DNS       ${dns.host}: ${dns.state}${dns.code ? ` (${dns.code})` : ''} after ${dns.ms} ms`);
  if (report.browser) lines.push(`Browser   ${strip(describeBrowser(report.browser))}`);
  if (report.port === undefined && dns.addresses.length > 0) lines.push('TCP       not tried: no port is known for the instance');
  for (const outcome of report.tcp) lines.push(`TCP       ${strip(describeTcp(outcome)).replace(/^TCP connect to /, '')}`);
  if (report.prelogin) lines.push(`PRELOGIN  ${describePrelogin(report.prelogin)}`);
  if (report.login) {
    const { state, driver, message, ms } = report.login;
    lines.push(`Login     ${state}${driver ? ` with ${driver}` : ''}${state === 'unavailable' ? '' : ` after ${ms} ms`}${message ? `: ${message.split('\n')[0]}` : ''}`);
  }
  return lines;
}
