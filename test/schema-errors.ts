// Validators of what the library answers against its committed schemas, as text ('' when valid). Free of jest, so
// that the fuzz runner (scripts/fuzz.ts) checks answers with the same validators as the tests.
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { ErrorRecordSchema } from '../src/schemas/diagnosis.js';
import { FactsSchema } from '../src/schemas/facts.js';

function committedSchema(name: string): object {
  return JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8')) as object;
}

/** One Ajv per schema: several of them share $ids (the scan report embeds the diagnosis schema). */
function errorsOf(schema: object): (value: unknown) => string {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (value) => (validate(value) ? '' : JSON.stringify(validate.errors));
}

/** Errors of a value against the committed schemas/diagnosis.schema.json. */
export const diagnosisSchemaErrors = errorsOf(committedSchema('diagnosis.schema.json'));

/** Errors of a value against the committed schemas/scan-report.schema.json. */
export const scanReportSchemaErrors = errorsOf(committedSchema('scan-report.schema.json'));

/** Errors of a facts object against the fact vocabulary. */
export const factsSchemaErrors = errorsOf(FactsSchema);

/** Errors of one error record (what a normalizer returns) against its schema. */
export const errorRecordSchemaErrors = errorsOf(ErrorRecordSchema);
