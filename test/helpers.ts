// Shared test helpers: fixture reading and a Diagnosis schema validator.
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import type { Diagnosis } from '../src/schemas/diagnosis.js';
import { FactsSchema } from '../src/schemas/facts.js';

export function fixture(path: string): string {
  return readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');
}

const validateDiagnosis = new Ajv({ allErrors: true, strict: false }).compile<Diagnosis>(
  JSON.parse(readFileSync(new URL('../schemas/diagnosis.schema.json', import.meta.url), 'utf8')) as object,
);

/** Errors of a value against the committed schemas/diagnosis.schema.json, as text ('' when valid). */
export function diagnosisSchemaErrors(value: unknown): string {
  return validateDiagnosis(value) ? '' : JSON.stringify(validateDiagnosis.errors);
}

export const causeIds = (d: Diagnosis) => d.causes.map((c) => c.id);

const validateFacts = new Ajv({ allErrors: true, strict: false }).compile(FactsSchema);

/** Errors of a facts object against the fact vocabulary, as text ('' when valid). */
export function factsSchemaErrors(value: unknown): string {
  return validateFacts(value) ? '' : JSON.stringify(validateFacts.errors);
}
