// `npm run eval`: the catalogue's size and round trip (every entry with a meaning read back as itself, whole and cut),
// then every public corpus text diagnosed with the built-in rules: the corpus's size by language and by provider file,
// the accuracy report, and the same figures on the texts not in English alone. Then the regression gate
// (src/eval/baseline.ts): it exits 1, naming them, when texts read right in test/fixtures/corpus/baseline.json are read
// wrong now. `npm run eval -- --write-baseline` records the current reading, in the commit that deliberately changes it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGLISH, formatCorpusCounts, languageOf, languageProblems, type CorpusEntryWithLanguage } from './corpus-languages.js';
import { readCatalogueInputs } from './messages/catalogue-inputs.js';
import { formatCatalogueSize, formatRoundTrip, roundTrip, roundTripCases } from './messages/round-trip.js';
import { createDoctor } from '../src/doctor.js';
import { accuracyReport, formatAccuracyReport, share, type DiagnosisSummary, type Ratio } from '../src/eval/accuracy.js';
import { BASELINE_FILE, baselineOf, diagnoseCorpus, regressions, type Baseline } from '../src/eval/baseline.js';
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
const loaded = loadCorpus(CORPUS_DIR, doctor.pack.causes.keys());
const entries: CorpusEntryWithLanguage[] = loaded.entries;
const { problems } = loaded;
for (const p of problems) console.warn(`corpus: ${p}`);
for (const e of entries) for (const p of languageProblems(e.language)) console.warn(`corpus: ${e.file} ${e.id}: ${p}`);

const diagnoses: DiagnosisSummary[] = await diagnoseCorpus(doctor, entries);
// The texts not in English are a minority the overall figures can hide: their own line comes first.
const localized = entries.flatMap((e, i) => (languageOf(e) === ENGLISH ? [] : [{ entry: e, diagnosis: diagnoses[i] as DiagnosisSummary }]));
const sub = accuracyReport(localized.map((x) => x.entry), localized.map((x) => x.diagnosis));
const percent = (r: Ratio) => `${(share(r) * 100).toFixed(1)}% (${r.hits}/${r.total})`;
console.log(formatCorpusCounts(entries));
console.log(
  `texts not in English (${sub.count}): family ${percent(sub.family)}, provider ${percent(sub.provider)}, ` +
    `true cause in top 3 ${percent(sub.causeTop3)}`,
);
console.log('');
console.log(formatAccuracyReport(accuracyReport(entries, diagnoses)));

const now = baselineOf(entries, diagnoses);
const baselinePath = fileURLToPath(new URL(BASELINE_FILE, new URL('../', import.meta.url)));
if (process.argv.includes('--write-baseline')) {
  writeFileSync(baselinePath, `${JSON.stringify(now, null, 2)}\n`);
  console.log(`\nbaseline written: ${BASELINE_FILE}`);
} else {
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as Baseline;
  const lost = regressions(baseline, now, new Set(entries.map((e) => e.id)));
  console.log('');
  if (lost.length === 0) console.log(`regression gate: no text read right in ${BASELINE_FILE} is read wrong now`);
  else {
    console.log(`regression gate: ${lost.length} text(s) read right in ${BASELINE_FILE} are read wrong now:`);
    for (const l of lost) console.log(`  ${l}`);
    process.exitCode = 1;
  }
}
