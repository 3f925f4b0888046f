// Validates library/HTTP input against schemas/input.schema.json and caller facts against the vocabulary.
import { Ajv, type ValidateFunction } from 'ajv';
import { DoctorError } from '../errors.js';
import { once } from '../lazy.js';
import { FACT_SCHEMAS, isFactName, type FactName, type Facts } from '../schemas/facts.js';
import { DiagnoseInputSchema, type DiagnoseInput } from '../schemas/input.js';

// validateSchema: false skips compiling JSON Schema's meta-schema, most of the start-up cost of this module;
// the schemas themselves are checked against it by test/schemas/generated-files.test.ts.
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
// Compiled on first use: compiling costs start-up time, and most runs never see a caller's fact.
const inputValidator = once(() => ajv.compile<DiagnoseInput>(DiagnoseInputSchema));
const factValidators = new Map<FactName, ValidateFunction>();

function factValidator(name: FactName): ValidateFunction {
  let validate = factValidators.get(name);
  if (!validate) factValidators.set(name, (validate = ajv.compile(FACT_SCHEMAS[name])));
  return validate;
}

export function checkInput(input: unknown): DiagnoseInput {
  if (typeof input === 'string') return { text: input };
  const validateInput = inputValidator();
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
    } else if (!factValidator(name)(value)) {
      warnings.push(`ignored fact "${name}": ${ajv.errorsText(factValidator(name).errors, { dataVar: 'value' })}`);
    } else {
      facts[name] = value;
    }
  }
  return { facts: facts as Facts, warnings };
}
