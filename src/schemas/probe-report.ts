// What the live probes did and saw (Diagnosis.probes): one outcome per probe, with the time each took.
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './vocabulary.js';

const Ms = Type.Integer({ minimum: 0, description: 'Milliseconds the probe took.' });
const PortNumber = Type.Integer({ minimum: 0, maximum: 65535 });
const AddressFamily = Type.Union([Type.Literal(4), Type.Literal(6)]);

export const TCP_STATES = ['open', 'refused', 'timeout', 'unreachable'] as const;
export type TcpState = (typeof TCP_STATES)[number];

export const DNS_STATES = ['resolved', 'literal', 'not-found', 'failed', 'timeout'] as const;
export const BROWSER_STATES = ['answered', 'refused', 'unanswered', 'invalid'] as const;
export const PRELOGIN_ANSWERS = ['prelogin', 'tds-other', 'not-tds', 'closed', 'silent'] as const;
export const ENCRYPTION_NAMES = ['off', 'on', 'not-supported', 'required'] as const;
export const PORT_SOURCES = ['connection', 'browser', 'default'] as const;
export const LOGIN_STATES = ['succeeded', 'failed', 'unavailable'] as const;

export const ProbeTargetSchema = Type.Object(
  {
    host: Type.String(),
    instance: Type.Optional(Type.String()),
    port: Type.Optional(PortNumber),
  },
  { additionalProperties: false, description: 'The server the probes were pointed at, as the input names it.' },
);
export type ProbeTarget = Static<typeof ProbeTargetSchema>;

const DnsOutcomeSchema = Type.Object(
  {
    host: Type.String(),
    state: StringEnum(DNS_STATES, 'resolved; literal (an IP address, nothing to resolve); not-found (ENOTFOUND); failed (another resolver error); timeout.'),
    addresses: Type.Array(Type.Object({ address: Type.String(), family: AddressFamily }, { additionalProperties: false }), {
      description: 'In the order the operating system returns them, which is the order clients try.',
    }),
    code: Type.Optional(Type.String({ description: 'The resolver error code (ENOTFOUND, EAI_AGAIN, …).' })),
    ms: Ms,
  },
  { additionalProperties: false },
);

const TcpOutcomeSchema = Type.Object(
  {
    address: Type.String(),
    family: AddressFamily,
    port: PortNumber,
    state: StringEnum(TCP_STATES, 'open (SYN/ACK), refused (RST), timeout (no answer before the deadline), unreachable (no route, ICMP).'),
    code: Type.Optional(Type.String({ description: 'The socket error code, when there was one.' })),
    ms: Ms,
  },
  { additionalProperties: false },
);

const BrowserInstanceSchema = Type.Object(
  {
    serverName: Type.String(),
    instanceName: Type.String(),
    isClustered: Type.Optional(Type.Boolean()),
    version: Type.Optional(Type.String()),
    tcpPort: Type.Optional(PortNumber),
    pipe: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const BrowserOutcomeSchema = Type.Object(
  {
    address: Type.String(),
    port: PortNumber,
    asked: Type.Optional(Type.String({ description: 'The instance asked for (CLNT_UCAST_INST); absent when only the list was asked for.' })),
    state: StringEnum(BROWSER_STATES, 'answered; refused (ICMP port unreachable: nothing listens on the UDP port); unanswered (no answer before the deadline); invalid (an answer that is not SVR_RESP).'),
    instances: Type.Array(BrowserInstanceSchema),
    detail: Type.Optional(Type.String()),
    ms: Ms,
  },
  { additionalProperties: false },
);

const PreloginOutcomeSchema = Type.Object(
  {
    address: Type.String(),
    port: PortNumber,
    answer: StringEnum(PRELOGIN_ANSWERS, 'prelogin (a TDS PRELOGIN answer: SQL Server); tds-other (TDS, but not a PRELOGIN answer); not-tds (something else answered); closed (closed or reset without a word); silent (no answer before the deadline).'),
    version: Type.Optional(Type.String({ description: 'Server version from the PRELOGIN VERSION option (major.minor.build).' })),
    encryption: Type.Optional(StringEnum(ENCRYPTION_NAMES, 'The server\'s ENCRYPTION answer to a client that offered none (off: login packet only; required: force encryption; not-supported: no certificate).')),
    detail: Type.Optional(Type.String()),
    ms: Ms,
  },
  { additionalProperties: false },
);

const LoginOutcomeSchema = Type.Object(
  {
    state: StringEnum(LOGIN_STATES, 'succeeded; failed (the driver\'s error is in message and was diagnosed with the paste); unavailable (no driver installed).'),
    driver: Type.Optional(Type.String({ description: 'The driver used, e.g. "tedious 19.2.2".' })),
    message: Type.Optional(Type.String({ description: 'The driver\'s error, redacted.' })),
    ms: Ms,
  },
  { additionalProperties: false },
);

export const ProbeReportSchema = Type.Object(
  {
    target: ProbeTargetSchema,
    port: Type.Optional(PortNumber),
    portSource: Type.Optional(StringEnum(PORT_SOURCES, 'Where the TCP port came from: the connection, the SQL Browser, or the default 1433.')),
    timeoutMs: Type.Integer({ minimum: 1 }),
    dns: DnsOutcomeSchema,
    tcp: Type.Array(TcpOutcomeSchema),
    browser: Type.Optional(BrowserOutcomeSchema),
    prelogin: Type.Optional(PreloginOutcomeSchema),
    login: Type.Optional(LoginOutcomeSchema),
    ms: Ms,
  },
  { additionalProperties: false, description: 'What the live probes did and saw, in the order they ran.' },
);
export type ProbeReport = Static<typeof ProbeReportSchema>;
export type DnsOutcome = Static<typeof DnsOutcomeSchema>;
export type TcpOutcome = Static<typeof TcpOutcomeSchema>;
export type BrowserOutcome = Static<typeof BrowserOutcomeSchema>;
export type PreloginOutcome = Static<typeof PreloginOutcomeSchema>;
export type LoginOutcome = Static<typeof LoginOutcomeSchema>;
