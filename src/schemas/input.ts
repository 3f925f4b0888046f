// What diagnose() accepts: the library input, also the HTTP request body.
import { Type, type Static } from '@sinclair/typebox';
import { EVIDENCE_KINDS, StringEnum } from './vocabulary.js';

export const ProbeOptionsSchema = Type.Object(
  {
    timeoutMs: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 60_000, description: 'One deadline for all probes together, in ms (default 3000).' }),
    ),
    browserPort: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 65535, description: 'UDP port of the SQL Browser (default 1434; tests point it at their own responder).' }),
    ),
    login: Type.Optional(
      Type.Object(
        { user: Type.String({ minLength: 1 }), password: Type.String() },
        {
          additionalProperties: false,
          description: 'Also try a SQL authentication login with the tedious driver, so that its own error is diagnosed. The password never appears in any output.',
        },
      ),
    ),
  },
  { additionalProperties: false, description: 'Live probes from this machine to the target: DNS, TCP, SQL Browser, TDS pre-login.' },
);
export type ProbeOptions = Static<typeof ProbeOptionsSchema>;

export const DiagnoseInputSchema = Type.Object(
  {
    text: Type.Optional(Type.String({ description: 'The pasted error text.' })),
    evidence: Type.Optional(
      Type.Array(
        Type.Object(
          {
            kind: Type.Optional(StringEnum(EVIDENCE_KINDS)),
            text: Type.String(),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    connectionString: Type.Optional(Type.String()),
    facts: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Facts the caller already knows.' })),
    probe: Type.Optional(Type.Union([Type.Boolean(), ProbeOptionsSchema])),
  },
  {
    $id: 'https://mssql-doctor.dev/schemas/input.schema.json',
    title: 'mssql-doctor diagnose input',
    additionalProperties: false,
  },
);
export type DiagnoseInput = Static<typeof DiagnoseInputSchema>;

/** What scanLogs() scans: whole log texts with the names they are reported under. */
export const ScanLogsSchema = Type.Array(Type.Object({ name: Type.String(), text: Type.String() }));
export type ScanLogs = Static<typeof ScanLogsSchema>;
