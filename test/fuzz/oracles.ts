// What every answer must be, whatever the doctor was given: the checks the fuzz properties make. Each throws an
// Error saying what broke (fast-check then shrinks the input that broke it).
import { DoctorError, ERROR_CODES } from '../../src/errors.js';
import { PARSERS } from '../../src/evidence/index.js';
import type { EvidenceParser, EvidenceResult } from '../../src/evidence/types.js';
import { once } from '../../src/lazy.js';
import type { Normalized } from '../../src/normalize/index.js';
import { FAMILIES, PROVIDERS } from '../../src/schemas/vocabulary.js';
import { trapOutput } from '../output-trap.js';
import { leakedPieces, readable } from '../redact/secrets-corpus.js';
import { diagnosisSchemaErrors, errorRecordSchemaErrors, factsSchemaErrors, scanReportSchemaErrors } from '../schema-errors.js';

const MAX_DETAIL = 1500;

function fail(what: string, detail?: unknown): never {
  const text = detail === undefined ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
  throw new Error(`${what}${text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text}`);
}

/** The library refused its input the way it promises: a DoctorError with a code of src/errors.ts and a one-line message. */
export function expectDoctorError(error: unknown): void {
  if (!(error instanceof DoctorError)) fail('threw something other than a DoctorError', error instanceof Error ? error.stack : String(error));
  if (!Object.hasOwn(ERROR_CODES, error.code)) fail('DoctorError with a code not in src/errors.ts', error.code);
  if (!error.message.trim() || /[\r\n]/.test(error.message)) fail('DoctorError message is not one line', error.message);
}

/** `work`'s result, or the DoctorError it threw (anything else it throws fails the case). */
export async function resultOrDoctorError<T>(work: () => Promise<T> | T): Promise<{ value: T } | { error: DoctorError }> {
  try {
    return { value: await work() };
  } catch (error) {
    expectDoctorError(error);
    return { error: error as DoctorError };
  }
}

/**
 * The warning each evidence parser gives in place of an exception it caught (neverThrowing, src/evidence/types.ts):
 * a parser bug the diagnosis hides. Learnt from each parser by handing it a text whose conversion to a string throws.
 */
const swallowedCrashWarnings = once(() =>
  PARSERS.map((parser) => {
    const throwing = { toString: () => fail('conversion refused') } as unknown as string;
    const [warning] = parser.parse(throwing).warnings;
    if (!warning) fail(`the ${parser.kind} parser gave no warning for a text that throws`);
    return warning;
  }),
);

/** No warning is an exception an evidence parser caught: "evidence #1 (netstat): the socket table could not be read". */
export function expectNoSwallowedCrash(warnings: readonly string[]): void {
  const failures = swallowedCrashWarnings();
  const crash = warnings.find((w) => failures.some((f) => w === f || w.endsWith(`: ${f}`)));
  if (crash !== undefined) fail('an evidence parser threw (its exception became a warning)', crash);
}

function expectStrings(what: string, value: unknown): void {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(`${what} is not an array of strings`, value);
}

function expectSources(sources: unknown): void {
  if (sources === undefined) return;
  if (typeof sources !== 'object' || sources === null || Object.values(sources).some((line) => line !== undefined && typeof line !== 'string')) {
    fail('sources are not fact names → lines', sources);
  }
}

/** A Diagnosis valid against schemas/diagnosis.schema.json, as it is and as JSON (no NaN, Infinity or undefined in a list). */
export function expectValidDiagnosis(diagnosis: unknown): void {
  const errors = diagnosisSchemaErrors(diagnosis);
  if (errors) fail('schema-invalid Diagnosis', errors);
  const asJson = diagnosisSchemaErrors(JSON.parse(JSON.stringify(diagnosis)));
  if (asJson) fail('Diagnosis schema-invalid once written as JSON', asJson);
  expectNoSwallowedCrash((diagnosis as { warnings: string[] }).warnings);
}

/** A scan report valid against schemas/scan-report.schema.json, as it is and as JSON. */
export function expectValidScanReport(report: unknown): void {
  const errors = scanReportSchemaErrors(report);
  if (errors) fail('schema-invalid scan report', errors);
  const asJson = scanReportSchemaErrors(JSON.parse(JSON.stringify(report)));
  if (asJson) fail('scan report schema-invalid once written as JSON', asJson);
}

/** An evidence parser's documented answer: facts of the vocabulary, warnings as text, sources as lines; no hidden crash. */
export function expectEvidenceResult(result: EvidenceResult): void {
  if (typeof result !== 'object' || result === null) fail('parser returned no result object', result);
  const errors = factsSchemaErrors(result.facts);
  if (errors) fail('parser facts are not valid facts', errors);
  expectStrings('parser warnings', result.warnings);
  expectSources(result.sources);
  expectNoSwallowedCrash(result.warnings);
}

/** detect() is a certainty in [0, 1]. */
export function expectDetectScore(parser: EvidenceParser, text: string): void {
  const score = parser.detect(text);
  if (typeof score !== 'number' || !(score >= 0 && score <= 1)) fail(`${parser.kind} detect() is not in [0, 1]`, score);
}

/** Error records valid against their schema. */
export function expectErrorRecords(records: unknown): void {
  if (!Array.isArray(records)) fail('records are not an array', records);
  for (const record of records) {
    const errors = errorRecordSchemaErrors(record);
    if (errors) fail('schema-invalid error record', { record, errors });
  }
}

/** normalize()'s documented answer. */
export function expectNormalized(normalized: Normalized): void {
  if (!FAMILIES.includes(normalized.family)) fail('unknown family', normalized.family);
  if (normalized.providers.some((p) => !PROVIDERS.includes(p))) fail('unknown provider', normalized.providers);
  expectErrorRecords(normalized.errors);
  const errors = factsSchemaErrors(normalized.facts);
  if (errors) fail('normalize() facts are not valid facts', errors);
  expectStrings('normalize() warnings', normalized.warnings);
  expectSources(normalized.sources);
}

/** A text as its reader reads it, lower-cased: the form `expectNoLeak` compares, made once for a background used often. */
export const readableLowerCase = (text: string) => readable(text).toLowerCase();

/**
 * No 6-character piece of a secret in the outputs (read as their reader reads them) that the background lacks: the
 * input without its secrets, and `usual` (readableLowerCase of what the outputs say whatever was pasted).
 */
export function expectNoLeak(secrets: readonly string[], outputs: readonly string[], background: string, usual = ''): void {
  const pieces = leakedPieces(secrets, outputs.map((o) => readable(o)).join('\n'), readable(background)).filter((piece) => !usual.includes(piece.toLowerCase()));
  if (pieces.length > 0) fail('a pasted secret reached the output', { pieces: [...new Set(pieces)], secrets });
}

/** Fails the case when the check wrote to stdout, stderr or the console, or emitted a process warning. */
export function silent<A extends unknown[]>(check: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    const trap = trapOutput();
    let written: string[];
    try {
      check(...args);
    } finally {
      written = trap.take();
      trap.release();
    }
    if (written.length > 0) fail('wrote to stdout, stderr or the console', written);
  };
}

/** `silent` for checks that wait. */
export function silentAsync<A extends unknown[]>(check: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    const trap = trapOutput();
    let written: string[];
    try {
      await check(...args);
    } finally {
      written = trap.take();
      trap.release();
    }
    if (written.length > 0) fail('wrote to stdout, stderr or the console', written);
  };
}

export { fail };
