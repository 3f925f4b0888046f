// Request validation with the library's schemas, strictly: Fastify's default ajv would coerce types and drop
// unknown properties, so `{"txt": …}` would pass as an empty input. Here it is a 400 that names "txt".
import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

export function schemaValidatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, removeAdditional: false, useDefaults: false });
  // The same schema object may back several routes; ajv refuses a second schema with the same $id.
  const compiled = new WeakMap<object, ValidateFunction>();
  return ({ schema }) => {
    let validate = compiled.get(schema as object);
    if (!validate) compiled.set(schema as object, (validate = ajv.compile(schema as object)));
    return validate;
  };
}
