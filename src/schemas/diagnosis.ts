// The Diagnosis contract (schemas/diagnosis.schema.json) and the ErrorRecord a normalizer emits.
import { Type, type Static } from '@sinclair/typebox';
import { FactsSchema } from './facts.js';
import { INTEGER_RANGES } from './integer-ranges.js';
import { ProbeReportSchema } from './probe-report.js';
import { CHECK_KINDS, FAMILIES, PLACES, PLATFORMS, PROTOCOLS, PROVIDERS, SOCKET_OUTCOMES, StringEnum } from './vocabulary.js';

const Enum = StringEnum;

export const ErrorRecordSchema = Type.Object(
  {
    provider: Enum(PROVIDERS, 'Client family that printed this record.'),
    driver: Type.Optional(Type.String({ description: 'Driver or library named in the text.' })),
    number: Type.Optional(Type.Integer({ ...INTEGER_RANGES.errorNumber, description: 'SQL Server or client-library error number.' })),
    sniProvider: Type.Optional(Type.String({ description: 'SNI provider tag, e.g. "TCP Provider".' })),
    sniError: Type.Optional(Type.Integer({ ...INTEGER_RANGES.sniError, description: 'SNI error number ("error: N").' })),
    osError: Type.Optional(Type.Integer({ ...INTEGER_RANGES.osError, description: 'OS or socket error number.' })),
    socket: Type.Optional(Enum(SOCKET_OUTCOMES, 'What the OS error says happened to the connection.')),
    sqlState: Type.Optional(Type.String({ description: 'ODBC SQLSTATE.' })),
    state: Type.Optional(Type.Integer({ ...INTEGER_RANGES.state })),
    severity: Type.Optional(Type.Integer({ ...INTEGER_RANGES.severity, description: 'Severity ("Level", "Class").' })),
    message: Type.String({ description: 'The message text of this record (redacted).' }),
    server: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    port: Type.Optional(Type.Integer({ ...INTEGER_RANGES.port })),
    protocol: Type.Optional(Enum(PROTOCOLS)),
    line: Type.String({ description: 'The line of the paste this record was read from (redacted).' }),
    messages: Type.Optional(
      Type.Array(Type.String(), { description: 'Ids of the message catalogue entries recognised in this record (docs/catalogue.md).' }),
    ),
  },
  { additionalProperties: false },
);
export type ErrorRecord = Static<typeof ErrorRecordSchema>;

const FixSchema = Type.Object(
  {
    title: Type.String(),
    where: Type.Optional(Enum(PLACES)),
    steps: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

export const CauseResultSchema = Type.Object(
  {
    id: Type.String({ description: 'Stable cause id.' }),
    title: Type.String(),
    summary: Type.String(),
    confidence: Type.Number({ minimum: 0, maximum: 1, description: 'Combined certainty, 0..1.' }),
    evidence: Type.Array(Type.String(), { description: 'Why: one line per supporting or weakening rule.' }),
    fixes: Type.Array(FixSchema),
    rules: Type.Array(Type.String(), { description: 'Ids of the rules that fired for this cause.' }),
    references: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type CauseResult = Static<typeof CauseResultSchema>;

export const NextCheckSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    kind: Enum(CHECK_KINDS),
    where: Enum(PLACES),
    why: Type.String(),
    commands: Type.Array(
      Type.Object({ platform: Enum(PLATFORMS), run: Type.String() }, { additionalProperties: false }),
    ),
    tells: Type.Array(Type.String(), { description: 'The open causes this check tells apart.' }),
  },
  { additionalProperties: false },
);
export type NextCheck = Static<typeof NextCheckSchema>;

export const DiagnosisSchema = Type.Object(
  {
    family: Enum(FAMILIES),
    providers: Type.Array(Enum(PROVIDERS)),
    errors: Type.Array(ErrorRecordSchema),
    facts: FactsSchema,
    causes: Type.Array(CauseResultSchema),
    nextChecks: Type.Array(NextCheckSchema),
    warnings: Type.Array(Type.String()),
    probes: Type.Optional(ProbeReportSchema),
  },
  {
    $id: 'https://mssql-doctor.dev/schemas/diagnosis.schema.json',
    title: 'mssql-doctor diagnosis',
    additionalProperties: false,
  },
);
export type Diagnosis = Static<typeof DiagnosisSchema>;
