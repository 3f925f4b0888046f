// `npm run eval`: diagnoses every public corpus text with the built-in rules and prints the accuracy report.
// It reports and never gates: the exit code is 0 whatever the figures.
import { fileURLToPath } from 'node:url';
import { createDoctor } from '../src/doctor.js';
import { accuracyReport, formatAccuracyReport, type DiagnosisSummary } from '../src/eval/accuracy.js';
import { loadCorpus } from '../src/eval/corpus.js';

const CORPUS_DIR = fileURLToPath(new URL('../test/fixtures/corpus/', import.meta.url));

const doctor = createDoctor();
const { entries, problems } = loadCorpus(CORPUS_DIR, doctor.pack.causes.keys());
for (const p of problems) console.warn(`corpus: ${p}`);

const diagnoses: DiagnosisSummary[] = [];
for (const entry of entries) {
  const d = await doctor.diagnose({ text: entry.text });
  diagnoses.push({ family: d.family, providers: d.providers, causes: d.causes.map((c) => c.id) });
}
console.log(formatAccuracyReport(accuracyReport(entries, diagnoses)));
