// Fuzz properties of the library's entry points: diagnose() and a doctor's diagnose() (random text, mutated real
// pastes with their evidence, capture bytes, inputs of the wrong type, large pastes, planted secrets), scanLogs() and
// createDoctor()'s options. A doctor whose probe guard refuses every target is used wherever the input may ask for
// probes: the fuzzer never opens a socket.
import fc from 'fast-check';
import { createDoctor, diagnose, type LibraryInput } from '../../../src/doctor.js';
import { formatScanMarkdown, formatScanText } from '../../../src/format/scan.js';
import { once } from '../../../src/lazy.js';
import { scanLogs } from '../../../src/scan/scan.js';
import type { Diagnosis } from '../../../src/schemas/diagnosis.js';
import { EVIDENCE_KINDS } from '../../../src/schemas/vocabulary.js';
import { isObject } from '../../../src/value-kind.js';
import { captureBytes, combinedPaste, errorPaste, evidencePaste, junk, largeText, randomText, realOrMutated, structuredInput, wordSoup } from '../arbitraries.js';
import { expectNoLeak, expectValidDiagnosis, expectValidScanReport, fail, resultOrDoctorError } from '../oracles.js';
import { guardedDoctor, outputWords, renderings } from '../outputs.js';
import { asyncProperty, type FuzzProperty } from '../property.js';
import { plantedSecret } from '../secrets.js';
import { seeds } from '../seeds.js';

/** A well-typed input: a paste, with evidence items (labelled or not) and a connection string now and then. */
const wellTypedInput = once(() => {
  const kind = fc.constantFrom(...EVIDENCE_KINDS);
  const item = kind.chain((k) => fc.record({ kind: fc.option(fc.constant(k), { nil: undefined }), text: evidencePaste(k) }));
  return fc
    .record(
      { text: fc.oneof(errorPaste(), combinedPaste()), evidence: fc.array(item, { maxLength: 3 }), connectionString: evidencePaste('connection_string') },
      { requiredKeys: ['text'] },
    )
    .map((input) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as LibraryInput);
});

async function expectDiagnosed(work: () => Promise<Diagnosis>): Promise<Diagnosis> {
  let d: Diagnosis;
  try {
    d = await work();
  } catch (error) {
    fail('diagnose() threw on well-typed input', error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  expectValidDiagnosis(d);
  renderings(d);
  return d;
}

type SecretRoute = 'text' | 'connectionString' | 'evidence' | 'labelled evidence' | 'scan';
const ROUTES: readonly SecretRoute[] = ['text', 'connectionString', 'evidence', 'labelled evidence', 'scan'];

export const DIAGNOSE_PROPERTIES: FuzzProperty[] = [
  asyncProperty('diagnose/random-text', 100, () => fc.oneof(randomText(), wordSoup()), async (text) => {
    await expectDiagnosed(() => diagnose(text));
  }),

  asyncProperty('diagnose/fixtures', 50, wellTypedInput, async (input) => {
    await expectDiagnosed(() => guardedDoctor().diagnose(input));
  }),

  asyncProperty(
    'diagnose/capture-bytes',
    40,
    () => fc.record({ text: errorPaste(), bytes: captureBytes(), labelled: fc.boolean() }),
    async ({ text, bytes, labelled }) => {
      await expectDiagnosed(() => guardedDoctor().diagnose({ text, evidence: [labelled ? { kind: 'capture', text: bytes } : { text: bytes }] }));
    },
  ),

  asyncProperty('diagnose/wrong-types', 150, structuredInput, async (input) => {
    const outcome = await resultOrDoctorError(() => guardedDoctor().diagnose(input as LibraryInput));
    if ('value' in outcome) expectValidDiagnosis(outcome.value);
  }),

  asyncProperty('diagnose/large', 3, largeText, async (text) => {
    await expectDiagnosed(() => diagnose(text));
  }),

  asyncProperty('diagnose/secrets', 40, () => fc.tuple(plantedSecret(), fc.constantFrom(...ROUTES), errorPaste()), async ([planted, route, error]) => {
    const [background, usual] = [`${planted.background}\n${error}`, await outputWords()];
    if (route === 'scan') {
      const report = await scanLogs([{ name: 'app.log', text: planted.paste }]);
      expectValidScanReport(report);
      expectNoLeak(planted.secrets, [JSON.stringify(report), formatScanText(report), formatScanMarkdown(report)], background, usual);
      return;
    }
    const input: LibraryInput =
      route === 'text'
        ? { text: planted.paste }
        : route === 'connectionString'
          ? { text: error, connectionString: planted.shape }
          : { text: error, evidence: [{ ...(route === 'labelled evidence' ? { kind: 'connection_string' as const } : {}), text: planted.paste }] };
    const d = await expectDiagnosed(() => guardedDoctor().diagnose(input));
    expectNoLeak(planted.secrets, renderings(d), background, usual);
  }),

  asyncProperty('diagnose/secrets-in-bad-input', 40, () => fc.tuple(plantedSecret(), junk), async ([planted, wrong]) => {
    // The secret sits in a well-typed field, a field of the wrong type makes the input invalid: the error message must not quote it.
    const outcome = await resultOrDoctorError(() => guardedDoctor().diagnose({ text: planted.paste, evidence: wrong } as LibraryInput));
    const shown = 'error' in outcome ? [outcome.error.message] : renderings(outcome.value);
    expectNoLeak(planted.secrets, shown, planted.background, await outputWords());
  }),

  asyncProperty(
    'scan/logs',
    15,
    () => fc.array(fc.record({ name: fc.string({ maxLength: 30 }), text: fc.oneof(realOrMutated(seeds().logs), combinedPaste()) }), { minLength: 1, maxLength: 3 }),
    async (logs) => {
      const report = await scanLogs(logs);
      expectValidScanReport(report);
      formatScanText(report);
      formatScanMarkdown(report);
    },
  ),

  asyncProperty('scan/wrong-types', 60, () => fc.oneof(junk, fc.array(fc.record({ name: junk, text: junk }, { requiredKeys: [] }), { maxLength: 3 })), async (logs) => {
    const outcome = await resultOrDoctorError(() => scanLogs(logs as Array<{ name: string; text: string }>));
    if ('value' in outcome) expectValidScanReport(outcome.value);
  }),

  asyncProperty(
    'create-doctor/options',
    60,
    // Rule paths are never random strings: the fuzzer reads no files but the built-in rules.
    () => junk.filter((options) => !(isObject(options) && Array.isArray(options.rules) && options.rules.every((r) => typeof r === 'string'))),
    async (options) => {
      const outcome = await resultOrDoctorError(() => createDoctor(options as Parameters<typeof createDoctor>[0]));
      if ('value' in outcome && typeof outcome.value.diagnose !== 'function') fail('createDoctor() returned no doctor');
    },
  ),
];
