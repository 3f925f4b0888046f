// The corpus regression gate: which texts of test/fixtures/corpus the built-in rules read right, committed as
// test/fixtures/corpus/baseline.json, and every text that was right there and is wrong now. Per text, not per share:
// a new text the rules miss does not fail the gate, one they used to read and no longer do fails it by name.
import type { Doctor } from '../doctor.js';
import { accuracyReport, causeRank, type DiagnosisSummary, type LabelledText, type Ratio } from './accuracy.js';

/** Where the baseline is kept, from the package root. */
export const BASELINE_FILE = 'test/fixtures/corpus/baseline.json';

/** What is measured per text, as `npm run eval` reports it. */
export const MEASURES = ['family', 'provider', 'causeTop3'] as const;
export type Measure = (typeof MEASURES)[number];

export interface Baseline {
  /** The shares when the baseline was written, for the reader (the gate compares texts). */
  shares: Record<Measure | 'causeTop1', Ratio>;
  /** For each measure, the ids of the texts read right, sorted. */
  right: Record<Measure, string[]>;
}

/** Whether a diagnosis is right on one measure for its text; undefined where the text does not say (no cause labelled). */
function isRight(measure: Measure, entry: LabelledText, d: DiagnosisSummary): boolean | undefined {
  if (measure === 'family') return d.family === entry.family;
  if (measure === 'provider') return d.providers.includes(entry.provider);
  if (entry.cause === undefined) return undefined;
  const rank = causeRank(d.causes, entry.cause);
  return rank !== undefined && rank <= 3;
}

export function baselineOf(entries: readonly LabelledText[], diagnoses: readonly DiagnosisSummary[]): Baseline {
  const report = accuracyReport(entries, diagnoses);
  const rightFor = (measure: Measure) => entries.filter((e, i) => isRight(measure, e, diagnoses[i] as DiagnosisSummary) === true).map((e) => e.id).sort();
  return {
    shares: { family: report.family, provider: report.provider, causeTop1: report.causeTop1, causeTop3: report.causeTop3 },
    right: { family: rightFor('family'), provider: rightFor('provider'), causeTop3: rightFor('causeTop3') },
  };
}

/** Every text right in `baseline` and not in `now`, as "measure: id" (a text removed from the corpus is no regression). */
export function regressions(baseline: Baseline, now: Baseline, ids: ReadonlySet<string>): string[] {
  return MEASURES.flatMap((measure) => {
    const right = new Set(now.right[measure]);
    return baseline.right[measure].filter((id) => ids.has(id) && !right.has(id)).map((id) => `${measure}: ${id}`);
  });
}

/** Every corpus text diagnosed with the doctor's rules, in order. */
export async function diagnoseCorpus(doctor: Doctor, entries: readonly LabelledText[]): Promise<DiagnosisSummary[]> {
  const diagnoses: DiagnosisSummary[] = [];
  for (const entry of entries) {
    const d = await doctor.diagnose({ text: entry.text });
    diagnoses.push({ family: d.family, providers: d.providers, causes: d.causes.map((c) => c.id) });
  }
  return diagnoses;
}
