// The ScanReport contract (schemas/scan-report.schema.json): what `mssql-doctor scan` found in logs.
import { Type, type Static } from '@sinclair/typebox';
import { DiagnosisSchema } from './diagnosis.js';

const LocationSchema = Type.Object(
  {
    file: Type.String(),
    line: Type.Integer({ minimum: 1, description: 'The 1-based line where the entry begins.' }),
  },
  { additionalProperties: false },
);
export type LogLocation = Static<typeof LocationSchema>;

export const SignatureReportSchema = Type.Object(
  {
    id: Type.String({ description: 'Stable id of the signature (12 hex digits), the same in every run and on every machine.' }),
    title: Type.String({ description: 'The first error message, with what changes between occurrences masked.' }),
    count: Type.Integer({ minimum: 1, description: 'Occurrences in all files.' }),
    first: LocationSchema,
    last: LocationSchema,
    occurrences: Type.Array(LocationSchema, { description: 'Where it occurs, in reading order: at most the first 20.' }),
    sample: Type.String({ description: 'The first occurrence, redacted: the text that was diagnosed.' }),
    diagnosis: Type.Optional(DiagnosisSchema),
  },
  { additionalProperties: false },
);
export type SignatureReport = Static<typeof SignatureReportSchema>;

export const ScanReportSchema = Type.Object(
  {
    files: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          lines: Type.Integer({ minimum: 0 }),
          entries: Type.Integer({ minimum: 0, description: 'Log entries read (events: a message with its continuation lines).' }),
          errorEntries: Type.Integer({ minimum: 0, description: 'Entries holding a SQL Server connection error.' }),
        },
        { additionalProperties: false },
      ),
    ),
    errorEntries: Type.Integer({ minimum: 0, description: 'Occurrences of connection errors in all files.' }),
    signatures: Type.Array(SignatureReportSchema, {
      description: 'One per distinct failure, most frequent first; the most frequent ones carry their diagnosis.',
    }),
    warnings: Type.Array(Type.String()),
  },
  {
    $id: 'https://mssql-doctor.dev/schemas/scan-report.schema.json',
    title: 'mssql-doctor scan report',
    additionalProperties: false,
  },
);
export type ScanReport = Static<typeof ScanReportSchema>;
