// Facts computed from other facts, so rules compare evidence with the target in one condition:
// which port the client dialled, whether the ERRORLOG or netstat shows it, who owns it.
import type { Facts } from '../schemas/facts.js';

const LOOPBACK = /^(?:127\.|::1$|localhost$)/i;
const DEFAULT_INSTANCE_PORT = 1433;

export function deriveFacts(input: Facts): Facts {
  const facts: Facts = { ...input };
  if (facts['target.portTried'] === undefined) {
    if (facts['alias.matchesServer'] === true && facts['alias.port'] !== undefined) facts['target.portTried'] = facts['alias.port'];
    else if (facts['target.port'] !== undefined) facts['target.portTried'] = facts['target.port'];
    // A default instance without a port is dialled on 1433; a named instance asks the Browser first.
    else if (facts['target.host'] !== undefined && facts['target.instance'] === undefined) facts['target.portTried'] = DEFAULT_INSTANCE_PORT;
  }
  const port = facts['target.portTried'];

  const logPorts = facts['errorlog.listeningPorts'];
  if (Array.isArray(logPorts)) {
    if (facts['errorlog.tcpListening'] === undefined) facts['errorlog.tcpListening'] = logPorts.length > 0;
    if (port !== undefined && facts['errorlog.portListed'] === undefined) facts['errorlog.portListed'] = logPorts.includes(port);
  }
  const addresses = facts['errorlog.listeningAddresses'];
  if (Array.isArray(addresses) && addresses.length > 0 && facts['errorlog.loopbackOnly'] === undefined) {
    facts['errorlog.loopbackOnly'] = addresses.every((a) => LOOPBACK.test(a));
  }

  const netstatPorts = facts['netstat.listeningPorts'];
  if (Array.isArray(netstatPorts) && port !== undefined && facts['netstat.portListening'] === undefined) {
    facts['netstat.portListening'] = netstatPorts.includes(port);
  }
  const owner = facts['netstat.portOwner'];
  if (typeof owner === 'string') {
    if (facts['netstat.portListening'] === undefined) facts['netstat.portListening'] = true;
    if (facts['netstat.portOwnerIsSqlServer'] === undefined) facts['netstat.portOwnerIsSqlServer'] = /^sqlservr(?:\.exe)?$/i.test(owner.trim());
  }
  return facts;
}
