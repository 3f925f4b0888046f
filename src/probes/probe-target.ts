// Which server to probe, read from the facts the paste, evidence and connection string gave.
import type { Facts } from '../schemas/facts.js';
import type { ProbeTarget } from '../schemas/probe-report.js';

/** "." and "(local)" are this machine to a client; to a resolver they are nothing. */
const THIS_MACHINE = new Set(['.', '(local)']);

export type TargetChoice = { target: ProbeTarget } | { problem: string };

export function probeTargetFrom(facts: Facts): TargetChoice {
  const named = facts['target.host'];
  if (typeof named !== 'string' || named.trim() === '') {
    return { problem: 'nothing was probed: no server is named in the text, connection string or facts' };
  }
  if (/^\(localdb\)$/i.test(named)) {
    return { problem: 'nothing was probed: LocalDB is reached through a named pipe on this machine, not over the network' };
  }
  if (facts['target.protocol'] === 'np' || facts['target.protocol'] === 'lpc') {
    return { problem: `nothing was probed: the connection forces ${facts['target.protocol'] === 'np' ? 'Named Pipes' : 'shared memory'}, which the probes do not speak` };
  }
  // A client alias named like the server sends the client elsewhere: probe where the client really goes.
  const alias = facts['alias.matchesServer'] === true;
  const dialled = alias && facts['alias.host'] ? facts['alias.host'] : named;
  const host = THIS_MACHINE.has(dialled.toLowerCase()) ? 'localhost' : dialled;
  const target: ProbeTarget = { host };
  if (facts['target.instance']) target.instance = facts['target.instance'];
  // The port named, or the alias's; a named instance without one asks the Browser.
  const explicit = alias && facts['alias.port'] !== undefined ? facts['alias.port'] : facts['target.port'];
  if (explicit !== undefined) target.port = explicit;
  return { target };
}
