// `npm run eval`: the catalogue's size and round trip (every entry with a meaning read back as itself, whole and cut),
// then every public corpus text diagnosed with the built-in rules: the corpus's size by language and by provider file,
// the accuracy report, and the same figures on the texts not in English alone. It reports and never gates: the exit
// code is 0 whatever the figures (the tests hold the round trip and the corpus's shape).
import { fileURLToPath } from 'node:url';
import { ENGLISH, formatCorpusCounts, languageOf, languageProblems, type CorpusEntryWithLanguage } from './corpus-languages.js';
import { readCatalogueInputs } from './messages/catalogue-inputs.js';
import { formatCatalogueSize, formatRoundTrip, roundTrip, roundTripCases } from './messages/round-trip.js';
import { createDoctor } from '../src/doctor.js';
import { accuracyReport, formatAccuracyReport, share, type DiagnosisSummary, type Ratio } from '../src/eval/accuracy.js';
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

const diagnoses: DiagnosisSummary[] = [];
for (const entry of entries) {
  const d = await doctor.diagnose({ text: entry.text });
  diagnoses.push({ family: d.family, providers: d.providers, causes: d.causes.map((c) => c.id) });
}
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
