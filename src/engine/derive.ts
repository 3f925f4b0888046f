// Facts computed from other facts, so rules compare evidence with the target in one condition:
// which port the client dialled, whether the ERRORLOG, netstat or a capture shows it, who owns it,
// whether a client alias is named like the server.
import type { Facts } from '../schemas/facts.js';

const LOOPBACK = /^(?:127\.|::1$|localhost$)/i;
/** Azure SQL Database / Managed Instance endpoints, public and sovereign clouds. */
const AZURE_SQL_HOST = /\.(?:database\.windows\.net|database\.chinacloudapi\.cn|database\.usgovcloudapi\.net|database\.cloudapi\.de)$/i;
const DEFAULT_INSTANCE_PORT = 1433;
const SQLSERVR = /^sqlservr(?:\.exe)?$/i;

type Derivation = (facts: Facts) => void;

/** The alias the client library would pick: named like the server as the connection names it. */
const matchAlias: Derivation = (facts) => {
  const entries = facts['alias.entries'];
  const host = facts['target.host'];
  if (!entries || typeof host !== 'string' || facts['alias.matchesServer'] !== undefined) return;
  const instance = facts['target.instance'];
  const names = [instance ? `${host}\\${instance}` : host].map((n) => n.toLowerCase());
  const match = entries.find((e) => names.includes(e.name.toLowerCase()));
  facts['alias.matchesServer'] = match !== undefined;
  if (!match) return;
  if (match.host) facts['alias.host'] = match.host;
  if (match.port !== undefined) facts['alias.port'] = match.port;
  if (match.protocol === 'tcp' || match.protocol === 'np' || match.protocol === 'lpc') facts['alias.protocol'] = match.protocol;
};

const portTried: Derivation = (facts) => {
  if (facts['target.portTried'] !== undefined) return;
  if (facts['alias.matchesServer'] === true && facts['alias.port'] !== undefined) facts['target.portTried'] = facts['alias.port'];
  else if (facts['target.port'] !== undefined) facts['target.portTried'] = facts['target.port'];
  // A default instance without a port is dialled on 1433; a named instance asks the Browser first.
  else if (facts['target.host'] !== undefined && facts['target.instance'] === undefined) facts['target.portTried'] = DEFAULT_INSTANCE_PORT;
};

const errorlog: Derivation = (facts) => {
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
};

/** The listener on the port tried, named from netstat, a process list, or the ERRORLOG's process ID. */
const portOwner: Derivation = (facts) => {
  const listeners = facts['netstat.listeners'];
  const port = facts['target.portTried'];
  if (listeners) {
    facts['netstat.listeningPorts'] ??= [...new Set(listeners.map((l) => l.port))];
    if (port !== undefined && facts['netstat.portListening'] === undefined) {
      const owner = listeners.find((l) => l.port === port);
      facts['netstat.portListening'] = owner !== undefined;
      if (owner) {
        const name = owner.process ?? facts.processes?.find((p) => p.pid === owner.pid)?.name;
        const isSqlServr = name !== undefined ? SQLSERVR.test(name.trim()) : owner.pid !== undefined && owner.pid === facts['errorlog.processId'] ? true : undefined;
        if (name !== undefined) facts['netstat.portOwner'] = name;
        else if (owner.pid !== undefined) facts['netstat.portOwner'] = `PID ${owner.pid}`;
        if (isSqlServr !== undefined) facts['netstat.portOwnerIsSqlServer'] = isSqlServr;
      }
    }
  }
  const netstatPorts = facts['netstat.listeningPorts'];
  if (Array.isArray(netstatPorts) && port !== undefined && facts['netstat.portListening'] === undefined) {
    facts['netstat.portListening'] = netstatPorts.includes(port);
  }
  const owner = facts['netstat.portOwner'];
  if (typeof owner === 'string') {
    facts['netstat.portListening'] ??= true;
    // "PID 1234" names no process: it proves nothing about what runs there.
    if (facts['netstat.portOwnerIsSqlServer'] === undefined && !/^PID \d+$/.test(owner)) {
      facts['netstat.portOwnerIsSqlServer'] = SQLSERVR.test(owner.trim());
    }
  }
};

/** How the capture's connection attempts to the port tried were answered. */
const capture: Derivation = (facts) => {
  const conversations = facts['capture.conversations'];
  if (!conversations || conversations.length === 0) return;
  const port = facts['target.portTried'];
  const relevant = port === undefined ? conversations : conversations.filter((c) => c.serverPort === port);
  if (port !== undefined) facts['capture.portTriedSeen'] ??= relevant.length > 0;
  if (relevant.length === 0) return;
  facts['capture.synAnsweredByRst'] ??= relevant.some((c) => c.answer === 'rst');
  facts['capture.synAnsweredBySynAck'] ??= relevant.some((c) => c.answer === 'syn-ack');
  facts['capture.synUnanswered'] ??= relevant.every((c) => c.answer === 'none');
};

const azure: Derivation = (facts) => {
  const host = facts['target.host'];
  if (typeof host === 'string' && facts['target.isAzure'] === undefined) facts['target.isAzure'] = AZURE_SQL_HOST.test(host);
};

/** A login failure's reason is in the server's state, which only the ERRORLOG records: take the latest. */
const loginState: Derivation = (facts) => {
  const failures = facts['errorlog.loginFailures'];
  const last = failures?.at(-1);
  if (last && facts['error.loginState'] === undefined) facts['error.loginState'] = last.state;
};

const ENCRYPT_MODES: Readonly<Record<string, NonNullable<Facts['connection.encryptMode']>>> = {
  true: 'mandatory',
  yes: 'mandatory',
  mandatory: 'mandatory',
  '1': 'mandatory',
  false: 'optional',
  no: 'optional',
  optional: 'optional',
  '0': 'optional',
  strict: 'strict',
};

/** Encrypt=True, encrypt=yes and Encrypt=Mandatory are one setting; rules compare the meaning, not the spelling. */
const encryptMode: Derivation = (facts) => {
  const written = facts['connection.encrypt'];
  const mode = typeof written === 'string' ? ENCRYPT_MODES[written.trim().toLowerCase()] : undefined;
  if (mode && facts['connection.encryptMode'] === undefined) facts['connection.encryptMode'] = mode;
};

/** The SQL Browser names the instance's port: does the client dial another one? */
const browserPort: Derivation = (facts) => {
  const listed = facts['probe.ssrp.instancePort'];
  const port = facts['target.portTried'];
  if (listed !== undefined && port !== undefined && facts['probe.ssrp.portDiffers'] === undefined) facts['probe.ssrp.portDiffers'] = listed !== port;
};

/** Order matters: the alias decides the port tried, which every comparison after it uses. */
const DERIVATIONS: readonly Derivation[] = [matchAlias, portTried, errorlog, portOwner, capture, azure, loginState, browserPort, encryptMode];

/** Each derived fact quotes the line of the evidence it was derived from. */
const DERIVED_FROM: Partial<Record<keyof Facts, keyof Facts>> = {
  'alias.matchesServer': 'alias.entries',
  'alias.host': 'alias.entries',
  'alias.port': 'alias.entries',
  'alias.protocol': 'alias.entries',
  'errorlog.portListed': 'errorlog.listeningPorts',
  'errorlog.loopbackOnly': 'errorlog.listeningAddresses',
  'errorlog.tcpListening': 'errorlog.listeningPorts',
  'netstat.listeningPorts': 'netstat.listeners',
  'netstat.portListening': 'netstat.listeners',
  'netstat.portOwner': 'netstat.listeners',
  'netstat.portOwnerIsSqlServer': 'netstat.listeners',
  'capture.portTriedSeen': 'capture.conversations',
  'capture.synAnsweredByRst': 'capture.conversations',
  'capture.synAnsweredBySynAck': 'capture.conversations',
  'capture.synUnanswered': 'capture.conversations',
  'error.loginState': 'errorlog.loginFailures',
  'probe.ssrp.portDiffers': 'probe.ssrp.instancePort',
  'connection.encryptMode': 'connection.encrypt',
};

/** Source lines for derived facts that have none, taken from the evidence they came from. */
export function deriveSources(sources: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const derived: Record<string, string | undefined> = { ...sources };
  for (const [fact, from] of Object.entries(DERIVED_FROM)) derived[fact] ??= sources[from];
  return derived;
}

export function deriveFacts(input: Facts): Facts {
  const facts: Facts = { ...input };
  for (const derive of DERIVATIONS) derive(facts);
  return facts;
}
