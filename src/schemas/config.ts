// The config file (`--config FILE`, JSON or YAML): settings an operator keeps in one place. Issue-by-issue it
// grows (the HTTP server's limits and probe allowlist join it); unknown keys are refused, so a typo is loud.
import { Type, type Static } from '@sinclair/typebox';

export const ConfigSchema = Type.Object(
  {
    rules: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Rule directories or files loaded after the built-in rules, relative to the config file.',
      }),
    ),
  },
  {
    $id: 'https://mssql-doctor.dev/schemas/config.schema.json',
    title: 'mssql-doctor config file',
    additionalProperties: false,
  },
);

export type DoctorConfig = Static<typeof ConfigSchema>;
