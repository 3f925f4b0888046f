// The fact vocabulary: every name a rule may test, with its type and meaning. One source for
// schemas/facts.schema.json, the rule schema's fact enum and docs/facts.md.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { FAMILIES, PROVIDERS, PROTOCOLS, SOCKET_OUTCOMES, StringEnum } from './vocabulary.js';

const Str = (description: string) => Type.String({ description });
const Num = (description: string) => Type.Integer({ description });
const Bool = (description: string) => Type.Boolean({ description });
const Port = (description: string) => Type.Integer({ minimum: 0, maximum: 65535, description });
const Ports = (description: string) =>
  Type.Array(Type.Integer({ minimum: 0, maximum: 65535 }), { description });
const Strs = (description: string) => Type.Array(Type.String(), { description });
const OneOf = StringEnum;

/** Fact name → schema. Names are dotted: `<source>.<what>`. */
export const FACT_SCHEMAS = {
  // From the pasted error text (src/normalize/).
  'error.family': OneOf(FAMILIES, 'Failure family the pasted error belongs to.'),
  'error.provider': OneOf(PROVIDERS, 'Client family of the first recognised error record.'),
  'error.providers': Type.Array(OneOf(PROVIDERS, 'provider'), {
    description: 'Every client family recognised in the paste.',
  }),
  'error.driver': Str('Driver or library named in the text, e.g. "ODBC Driver 18 for SQL Server".'),
  'error.socket': OneOf(
    SOCKET_OUTCOMES,
    'What happened to the connection attempt, read from an OS error number or phrase.',
  ),
  'error.socketInferred': Bool(
    'True when error.socket was inferred from a generic message (DBNETLIB "ConnectionOpen (Connect())") rather than an OS error.',
  ),
  'error.osError': Num('First OS/socket error number in the text (10061, 111, 53, …).'),
  'error.osErrors': Type.Array(Type.Integer(), { description: 'Every OS/socket error number in the text.' }),
  'error.sniProvider': Str('SNI provider tag: "TCP Provider", "Named Pipes Provider", "SQL Network Interfaces", …'),
  'error.sniError': Num('SNI error number from "(provider: X, error: N - …)" or "[xFFFFFFFF]" (-1).'),
  'error.numbers': Type.Array(Type.Integer(), {
    description: 'SQL Server / client library error numbers (2, 53, 18456, 20009, …).',
  }),
  'error.sqlStates': Strs('ODBC SQLSTATEs in the text (08001, HYT00, …).'),
  'error.netlibCall': Str('The DBNETLIB/Net-Library call that failed: "Connect()", "ParseConnectParams()", …'),
  'error.loginTimeout': Bool('The text says "Login timeout expired".'),
  'error.message': Str('The most specific error message in the paste (redacted).'),

  // Where the client tried to go (error text, connection string, caller).
  'target.host': Str('Host name or address the client tried to reach.'),
  'target.instance': Str('Named instance, if any (the part after the backslash).'),
  'target.port': Port('Port named explicitly in the connection string or text.'),
  'target.portTried': Port(
    'Port the client actually dialled, as best known: an alias port, else the explicit port, else 1433 for a default instance.',
  ),
  'target.protocol': OneOf(PROTOCOLS, 'Protocol prefix forced by the client (tcp:, np:, lpc:, admin:).'),
  'target.isLocal': Bool('The target names this machine (localhost, ".", "(local)", 127.0.0.1, ::1).'),

  // ERRORLOG evidence (src/evidence/errorlog.ts; may be given as facts).
  'errorlog.listeningPorts': Ports('TCP ports from "Server is listening on [ … <ipv4> PORT]" lines.'),
  'errorlog.listeningAddresses': Strs('Addresses from those lines ("any", "127.0.0.1", "::1", …).'),
  'errorlog.tcpListening': Bool('The startup sequence shows at least one TCP listener.'),
  'errorlog.portListed': Bool('Derived: errorlog.listeningPorts contains target.portTried.'),
  'errorlog.loopbackOnly': Bool('Derived: every listening address is a loopback address.'),

  // netstat / process evidence.
  'netstat.listeningPorts': Ports('Ports in LISTENING state on the server.'),
  'netstat.portListening': Bool('Derived or given: something listens on target.portTried on the server.'),
  'netstat.portOwner': Str('Process name that owns the listener on target.portTried.'),
  'netstat.portOwnerIsSqlServer': Bool('Derived: netstat.portOwner is sqlservr(.exe).'),

  // Client alias evidence (HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\Client\\ConnectTo).
  'alias.matchesServer': Bool('A client alias has the same name as the server the client connects to.'),
  'alias.host': Str('Host the matching alias redirects to.'),
  'alias.port': Port('Port the matching alias forces.'),
  'alias.protocol': OneOf(PROTOCOLS, 'Protocol the matching alias forces.'),

  // Service state (a person's answer, sc query, Get-Service, systemctl).
  'service.running': Bool('The SQL Server service for the instance is running.'),

  // Capture evidence.
  'capture.synAnsweredByRst': Bool('A capture shows the SYN to the server port answered by RST/ACK.'),
  'capture.synUnanswered': Bool('A capture shows SYNs to the server port with no answer.'),

  // Live probes (src/probes/).
  'probe.tcp.state': OneOf(['open', 'refused', 'timeout', 'unreachable'], 'Outcome of a live TCP connect to the target port.'),
  'probe.prelogin.isTds': Bool('A TDS PRELOGIN sent to the target port got a TDS answer (it is SQL Server).'),
} satisfies Record<string, TSchema>;

export type FactName = keyof typeof FACT_SCHEMAS;
export const FACT_NAMES = Object.keys(FACT_SCHEMAS) as FactName[];

/** The facts object a diagnosis carries: every fact optional, no others. */
export const FactsSchema = Type.Partial(Type.Object(FACT_SCHEMAS, { additionalProperties: false }), {
  $id: 'https://mssql-doctor.dev/schemas/facts.schema.json',
  title: 'mssql-doctor facts',
  description: 'The fact vocabulary rules are written against.',
  additionalProperties: false,
});

export type Facts = Static<typeof FactsSchema>;

export function isFactName(name: string): name is FactName {
  return Object.hasOwn(FACT_SCHEMAS, name);
}
