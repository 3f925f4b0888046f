// Checks what callers hand the library: diagnose() input against schemas/input.schema.json, createDoctor() options,
// scanLogs() logs, and caller facts against the vocabulary. Anything else is a DoctorError naming the place.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { DoctorOptions } from '../doctor.js';
import { DoctorError } from '../errors.js';
import { once } from '../lazy.js';
import { FACT_SCHEMAS, isFactName, type FactName, type Facts } from '../schemas/facts.js';
import { DiagnoseInputSchema, ScanLogsSchema, type DiagnoseInput, type ScanLogs } from '../schemas/input.js';
import { ProbeTargetSchema, type ProbeTarget } from '../schemas/probe-report.js';
import { isObject, kindOf } from '../value-kind.js';

// validateSchema: false skips compiling JSON Schema's meta-schema, most of the start-up cost of this module;
// the schemas themselves are checked against it by test/schemas/generated-files.test.ts.
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
// Compiled on first use: compiling costs start-up time, and most runs never see a caller's fact.
const inputValidator = once(() => ajv.compile<DiagnoseInput>(DiagnoseInputSchema));
const scanLogsValidator = once(() => ajv.compile<ScanLogs>(ScanLogsSchema));
const probeTargetValidator = once(() => ajv.compile<ProbeTarget>(ProbeTargetSchema));
const factValidators = new Map<FactName, ValidateFunction>();

function factValidator(name: FactName): ValidateFunction {
  let validate = factValidators.get(name);
  if (!validate) factValidators.set(name, (validate = ajv.compile(FACT_SCHEMAS[name])));
  return validate;
}

/**
 * The library also takes a capture file's bytes as an evidence item's text; JSON carries them as base64. Only items
 * of the right shape are touched: everything else, and every other property, is left for the schema to judge.
 */
function withBinaryEvidenceEncoded(input: Record<string, unknown>): Record<string, unknown> {
  const { evidence } = input;
  if (!Array.isArray(evidence) || !evidence.some((item) => isObject(item) && item.text instanceof Uint8Array)) return input;
  return {
    ...input,
    evidence: evidence.map((item: unknown) =>
      isObject(item) && item.text instanceof Uint8Array ? { ...item, kind: item.kind ?? 'capture', text: Buffer.from(item.text).toString('base64') } : item,
    ),
  };
}

/** The value at an ajv instance path ("/evidence/0/text"). */
function valueAt(root: unknown, path: string): unknown {
  return path
    .split('/')
    .slice(1)
    .reduce<unknown>((value, key) => (isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
}

/**
 * diagnose()'s argument as its schema's shape, or a DoctorError naming the place that is wrong: "input /evidence:
 * must be array", "input /probe: must be boolean or object".
 */
export function checkInput(input: unknown): DiagnoseInput {
  if (typeof input === 'string') return { text: input };
  if (!isObject(input)) {
    throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_INVALID', `input must be the pasted text (a string) or an object such as { text, evidence, connectionString }, not ${kindOf(input)}`);
  }
  const encoded = withBinaryEvidenceEncoded(input);
  const validateInput = inputValidator();
  if (validateInput(encoded)) return encoded;
  const bytes = ' (bytes are taken only as the text of an evidence item: a capture file)';
  throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_INVALID', `input ${firstProblem(encoded, validateInput.errors ?? [], bytes)}`);
}

/** scanLogs()'s logs: `[{ name, text }]`, the texts as strings. */
export function checkScanLogs(logs: unknown): ScanLogs {
  const validateLogs = scanLogsValidator();
  if (validateLogs(logs)) return logs;
  throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_INVALID', `scanLogs() logs ${firstProblem(logs, validateLogs.errors ?? [], ' (decode a log to text first)')}`);
}

/**
 * The most specific of ajv's errors as "/evidence/0/kind: must be one of: netstat, …". `bytesHint` follows when the
 * value there is a Uint8Array.
 */
function firstProblem(root: unknown, errors: readonly ErrorObject[], bytesHint: string): string {
  // The deepest place: `probe: { timeoutMs: 'x' }` fails as "not a boolean" at /probe and "not an integer" at
  // /probe/timeoutMs, and the second says what to fix.
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const first = errors.filter((e) => e.keyword !== 'anyOf').reduce<ErrorObject | undefined>((best, e) => (best && depth(best) >= depth(e) ? best : e), undefined);
  const where = first?.instancePath || '/';
  const extra = first?.keyword === 'additionalProperties' ? ` "${String(first.params.additionalProperty)}"` : '';
  // A value that may take one of several types (probe: true or { … }) fails once per type: name them all.
  const types = errors.filter((e) => e.keyword === 'type' && e.instancePath === first?.instancePath).map((e) => String(e.params.type));
  const message =
    types.length > 1
      ? `must be ${types.join(' or ')}`
      : first?.keyword === 'enum'
        ? `must be one of: ${(first.params.allowedValues as unknown[]).join(', ')}`
        : (first?.message ?? 'is not valid');
  const bytes = valueAt(root, first?.instancePath ?? '') instanceof Uint8Array ? bytesHint : '';
  return `${where}: ${message}${extra}${bytes}`;
}

/**
 * runProbes()'s target: `{ host, port?, instance? }`. A target as the CLI takes it ("db01,1433", a connection string)
 * is read by diagnose({ connectionString, probe: true }), which finds the server in it; runProbes is the step after.
 * The string itself is not echoed: it may be a connection string with a password.
 */
export function checkProbeTarget(target: unknown): ProbeTarget {
  const validate = probeTargetValidator();
  if (validate(target)) return target;
  const hint =
    typeof target === 'string'
      ? ` (a server string is read by diagnose({ connectionString: 'Server=db01,1433', probe: true }) or \`mssql-doctor probe db01,1433\`; runProbes takes the server it names: { host: 'db01', port: 1433 })`
      : ' (runProbes takes { host, port?, instance? })';
  throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_INVALID', `runProbes() target ${isObject(target) ? firstProblem(target, validate.errors ?? [], '') : `must be an object, not ${kindOf(target)}`}${hint}`);
}

/** createDoctor()'s options, or a DoctorError naming the one that is wrong. */
export function checkDoctorOptions(options: unknown): DoctorOptions {
  if (options === undefined) return {};
  const invalid = (message: string) => new DoctorError('MSSQLDOCTOR_ERR_OPTIONS_INVALID', `createDoctor() options${message}`);
  if (!isObject(options)) throw invalid(` must be an object such as { rules: ['./team-rules'] }, not ${kindOf(options)}`);
  const { rules, probeGuard, ...others } = options;
  const [unknown] = Object.keys(others);
  if (unknown !== undefined) throw invalid(`: unknown option "${unknown}" (the options are rules and probeGuard)`);
  if (rules !== undefined) {
    if (!Array.isArray(rules)) throw invalid(` rules: must be an array of rule directory or file paths, not ${kindOf(rules)}`);
    const at = rules.findIndex((path) => typeof path !== 'string');
    if (at >= 0) throw invalid(` rules[${at}]: must be a path (a string), not ${kindOf(rules[at])}`);
  }
  if (probeGuard !== undefined && typeof probeGuard !== 'function') throw invalid(` probeGuard: must be a function, not ${kindOf(probeGuard)}`);
  return options as DoctorOptions;
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
