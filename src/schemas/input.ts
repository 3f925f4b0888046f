// What diagnose() accepts: the library input, also the HTTP request body.
import { Type, type Static } from '@sinclair/typebox';
import { EVIDENCE_KINDS, StringEnum } from './vocabulary.js';

export const ProbeOptionsSchema = Type.Object(
  { timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 60_000 })) },
  { additionalProperties: true },
);

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
