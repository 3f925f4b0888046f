// Accuracy of diagnoses against labelled texts: pure arithmetic (entries + diagnoses → report) and its text form.
import type { Family, Provider } from '../schemas/vocabulary.js';

/** What the arithmetic needs of a labelled text. */
export interface LabelledText {
  id: string;
  provider: Provider;
  family: Family;
  cause?: string;
  text: string;
}

/** What the arithmetic needs of a diagnosis. */
export interface DiagnosisSummary {
  family: Family;
  providers: readonly string[];
  /** Cause ids, best first. */
  causes: readonly string[];
}

export interface Miss {
  id: string;
  /** Which judgement missed. */
  kind: 'family' | 'provider' | 'cause';
  expected: string;
  got: string;
  excerpt: string;
}

export interface Ratio {
  hits: number;
  total: number;
}

export interface AccuracyTargets {
  family: number;
  causeTop3: number;
}

export interface AccuracyReport {
  count: number;
  family: Ratio;
  provider: Ratio;
  causeTop1: Ratio;
  causeTop3: Ratio;
  targets: AccuracyTargets;
  misses: Miss[];
}

/** Targets named in the task that introduced the corpus: family ≥ 97 %, true cause in the top 3 ≥ 90 %. */
export const DEFAULT_TARGETS: AccuracyTargets = { family: 0.97, causeTop3: 0.9 };

const EXCERPT_LENGTH = 100;

/** First characters of a text on one line, so a miss list stays one line per miss. */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, length);
}

/** Share of hits; an empty set counts as 0 so nothing divides by zero. */
export function share(r: Ratio): number {
  return r.total === 0 ? 0 : r.hits / r.total;
}

/** 1-based rank of `cause` among `causes`, or undefined when absent. */
export function causeRank(causes: readonly string[], cause: string): number | undefined {
  const i = causes.indexOf(cause);
  return i < 0 ? undefined : i + 1;
}

function missesOf(entry: LabelledText, d: DiagnosisSummary): Miss[] {
  const base = { id: entry.id, excerpt: excerpt(entry.text) };
  const misses: Miss[] = [];
  if (d.family !== entry.family) misses.push({ ...base, kind: 'family', expected: entry.family, got: d.family });
  if (!d.providers.includes(entry.provider)) {
    misses.push({ ...base, kind: 'provider', expected: entry.provider, got: d.providers.join(',') || '(none)' });
  }
  if (entry.cause !== undefined) {
    const rank = causeRank(d.causes, entry.cause);
    if (rank === undefined || rank > 3) {
      const top = d.causes.slice(0, 3).join(',') || '(none)';
      misses.push({ ...base, kind: 'cause', expected: entry.cause, got: rank === undefined ? top : `${top} (true cause at #${rank})` });
    }
  }
  return misses;
}

/** Scores every entry against its diagnosis (same order, same length). */
export function accuracyReport(
  entries: readonly LabelledText[],
  diagnoses: readonly DiagnosisSummary[],
  targets: AccuracyTargets = DEFAULT_TARGETS,
): AccuracyReport {
  if (entries.length !== diagnoses.length) {
    throw new RangeError(`${entries.length} entries but ${diagnoses.length} diagnoses`);
  }
  const report: AccuracyReport = {
    count: entries.length,
    family: { hits: 0, total: 0 },
    provider: { hits: 0, total: 0 },
    causeTop1: { hits: 0, total: 0 },
    causeTop3: { hits: 0, total: 0 },
    targets,
    misses: [],
  };
  entries.forEach((entry, i) => {
    const d = diagnoses[i] as DiagnosisSummary;
    report.family.total++;
    report.provider.total++;
    if (d.family === entry.family) report.family.hits++;
    if (d.providers.includes(entry.provider)) report.provider.hits++;
    if (entry.cause !== undefined) {
      const rank = causeRank(d.causes, entry.cause);
      report.causeTop1.total++;
      report.causeTop3.total++;
      if (rank === 1) report.causeTop1.hits++;
      if (rank !== undefined && rank <= 3) report.causeTop3.hits++;
    }
    report.misses.push(...missesOf(entry, d));
  });
  return report;
}

const percent = (r: Ratio) => `${(share(r) * 100).toFixed(1)}% (${r.hits}/${r.total})`;
const verdict = (r: Ratio, target: number) => (share(r) >= target ? 'met' : 'NOT met');

/** The report as the text `npm run eval` prints. */
export function formatAccuracyReport(report: AccuracyReport): string {
  const { targets } = report;
  const lines = [
    `entries: ${report.count}`,
    `family accuracy: ${percent(report.family)}  target >= ${targets.family * 100}%: ${verdict(report.family, targets.family)}`,
    `provider accuracy (labelled provider among diagnosis.providers): ${percent(report.provider)}`,
    `true cause at rank 1: ${percent(report.causeTop1)}`,
    `true cause in top 3: ${percent(report.causeTop3)}  target >= ${targets.causeTop3 * 100}%: ${verdict(report.causeTop3, targets.causeTop3)}`,
    '',
    `misses (${report.misses.length}):`,
    ...report.misses.map((m) => `  [${m.kind}] ${m.id}: expected ${m.expected}, got ${m.got} | ${m.excerpt}`),
  ];
  return lines.join('\n');
}
