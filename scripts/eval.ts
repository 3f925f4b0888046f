// `npm run eval`: the catalogue's size and round trip (every entry with a meaning read back as itself, whole and cut),
// then every public corpus text diagnosed with the built-in rules, and the accuracy report. It reports and never
// gates: the exit code is 0 whatever the figures (the tests hold the round trip).
import { fileURLToPath } from 'node:url';
import { readCatalogueInputs } from './messages/catalogue-inputs.js';
import { formatCatalogueSize, formatRoundTrip, roundTrip, roundTripCases } from './messages/round-trip.js';
import { createDoctor } from '../src/doctor.js';
import { accuracyReport, formatAccuracyReport, type DiagnosisSummary } from '../src/eval/accuracy.js';
import { loadCorpus } from '../src/eval/corpus.js';
import { builtinCatalogue } from '../src/messages/catalogue.js';
import { normalize } from '../src/normalize/index.js';

const CORPUS_DIR = fileURLToPath(new URL('../test/fixtures/corpus/', import.meta.url));

const catalogue = builtinCatalogue();
console.log(formatCatalogueSize(catalogue));
console.log('');
console.log(formatRoundTrip(roundTrip(roundTripCases(readCatalogueInputs().inputs, catalogue), (text) => normalize(text))));
console.log('');

const doctor = createDoctor();
const { entries, problems } = loadCorpus(CORPUS_DIR, doctor.pack.causes.keys());
for (const p of problems) console.warn(`corpus: ${p}`);

const diagnoses: DiagnosisSummary[] = [];
for (const entry of entries) {
  const d = await doctor.diagnose({ text: entry.text });
  diagnoses.push({ family: d.family, providers: d.providers, causes: d.causes.map((c) => c.id) });
}
console.log(formatAccuracyReport(accuracyReport(entries, diagnoses)));
