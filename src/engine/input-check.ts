// Validates library/HTTP input against schemas/input.schema.json and caller facts against the vocabulary.
import { Ajv } from 'ajv';
import { DoctorError } from '../errors.js';
import { FACT_SCHEMAS, isFactName, type Facts } from '../schemas/facts.js';
import { DiagnoseInputSchema, type DiagnoseInput } from '../schemas/input.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateInput = ajv.compile<DiagnoseInput>(DiagnoseInputSchema);
const factValidators = new Map(Object.entries(FACT_SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]));

export function checkInput(input: unknown): DiagnoseInput {
  if (typeof input === 'string') return { text: input };
  if (validateInput(input)) return input;
  const first = validateInput.errors?.[0];
  const where = first?.instancePath || '/';
  const extra = first?.keyword === 'additionalProperties' ? ` "${String(first.params.additionalProperty)}"` : '';
  throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_INVALID', `input ${where}: ${first?.message ?? 'is not valid'}${extra}`);
}

/** Keeps the caller's facts that are in the vocabulary and of the right type; warns about the rest. */
export function checkCallerFacts(given: Readonly<Record<string, unknown>>): { facts: Facts; warnings: string[] } {
  const facts: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (!isFactName(name)) {
      warnings.push(`ignored unknown fact "${name}" (see docs/facts.md)`);
    } else if (!factValidators.get(name)?.(value)) {
      warnings.push(`ignored fact "${name}": ${ajv.errorsText(factValidators.get(name)?.errors, { dataVar: 'value' })}`);
    } else {
      facts[name] = value;
    }
  }
  return { facts: facts as Facts, warnings };
}
