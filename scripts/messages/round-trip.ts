// The catalogue round trip (`npm run eval`): every entry with a meaning, its template filled with sample values, is
// read by the doctor's own normalize() and must come back as that message with that meaning; so must the same
// text cut at 60% of its length, as pastes are cut. Nothing here can be tuned to a corpus: it fails where an entry
// of the catalogue itself is not read back.
import type { Catalogue } from '../../src/messages/catalogue.js';
import { derivePattern, textWeight } from '../../src/messages/pattern.js';
import { instantiate, parseTemplate, type TemplatePart } from '../../src/messages/template.js';
import type { Normalized } from '../../src/normalize/index.js';
import type { Facts } from '../../src/schemas/facts.js';
import type { InputEntry } from './catalogue-build.js';

/** Where the round trip cuts a text, as a share of its length. */
export const CUT_AT = 0.6;

export interface RoundTripCase {
  id: string;
  source: string;
  locale: string;
  text: string;
  cut: boolean;
  /** What the text's meaning says, as facts (error.family as the diagnosis family). */
  expected: Partial<Facts>;
  /** Why a cut cannot be read back by design: reported apart, not counted as a miss. */
  byDesign?: 'too short' | 'shared opening';
}

export interface RoundTripMiss {
  case: RoundTripCase;
  /** What was read instead: the ids recognised, or the facts that differ. */
  got: string;
}

const sourceOf = (id: string) => id.slice(0, id.indexOf(':'));

/**
 * The facts every message of one text agrees on (SQL Server's 18456 and Azure's 40697 share theirs): only those can
 * be read back from the text.
 */
function agreedFacts(meanings: ReadonlyArray<Partial<Facts> | undefined>): Partial<Facts> {
  const [first, ...rest] = meanings.map((m) => m ?? {});
  const agreed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(first ?? {})) {
    if (rest.every((m) => JSON.stringify((m as Record<string, unknown>)[name]) === JSON.stringify(value))) agreed[name] = value;
  }
  return agreed as Partial<Facts>;
}

/** The cut's whole words: a word the cut split is no wording a match can use. */
const wholeWords = (cut: string, full: string) => (full[cut.length] === undefined || /\s/.test(full[cut.length] as string) ? cut : cut.replace(/\S*$/, '')).trimEnd();

/** The weight of the template's own wording in the first `length` characters of its example (sample values aside). */
function wordingWeight(parts: readonly TemplatePart[], length: number): number {
  let at = 0;
  let wording = '';
  for (const part of parts) {
    const text = instantiate([part]);
    if ('literal' in part) wording += text.slice(0, Math.max(0, length - at));
    at += text.length;
    if (at >= length) break;
  }
  return textWeight(wording);
}

/** Whether some other text starts with `prefix` (texts sorted, folded to lower case). */
function someStartWith(sorted: readonly string[], prefix: string, except: string): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && (sorted[i] as string).startsWith(prefix); i++) if (sorted[i] !== except) return true;
  return false;
}

/**
 * The round trip's cases: two per entry (whole, cut) whose id has a meaning and whose template is in the catalogue.
 * Two kinds of cut cannot be read back by design, and are counted apart rather than hidden: one left with less
 * wording than any cut-short match needs ("Unable to open socket" cut to "Unable to ope"), and one whose words open
 * another message of another meaning too (Azure's 40532 and 40615 both open "Cannot open server '…' requested by").
 */
export function roundTripCases(inputs: readonly InputEntry[], catalogue: Catalogue): RoundTripCase[] {
  const { meanings } = catalogue.file;
  const entries = new Map(catalogue.file.entries.map((e) => [`${e.id}\u0000${e.pattern}`, e]));
  const examples = inputs.flatMap((input) => {
    const parts = parseTemplate(input.template, input.syntax);
    const entry = entries.get(`${input.id}\u0000${derivePattern(parts)?.source}`);
    return entry ? [{ input, entry, parts, text: instantiate(parts) }] : [];
  });
  // Texts of one pattern are one text to the recognizer (18456's "Login failed for user '%.*ls'.%.*ls" and Azure's
  // 40697 "Login failed for user '%.*ls'." differ only in placeholders the pattern drops).
  const idsByPattern = new Map<string, Set<string>>();
  for (const { input, entry } of examples) idsByPattern.set(entry.pattern, (idsByPattern.get(entry.pattern) ?? new Set()).add(input.id));
  const idsByText = new Map<string, Set<string>>();
  for (const { input, entry, text } of examples) {
    idsByText.set(text, new Set([...(idsByText.get(text) ?? []), input.id, ...(idsByPattern.get(entry.pattern) ?? [])]));
  }
  const meaningKey = (text: string) => JSON.stringify(agreedFacts([...(idsByText.get(text) ?? [])].map((id) => meanings[id]?.facts)));
  // Folded texts of each meaning, to find the other meanings' texts a cut opens.
  const byMeaning = new Map<string, string[]>();
  for (const text of idsByText.keys()) {
    const key = meaningKey(text);
    byMeaning.set(key, [...(byMeaning.get(key) ?? []), text.toLowerCase()]);
  }
  const others = new Map([...byMeaning.keys()].map((key) => [key, [...byMeaning].filter(([k]) => k !== key).flatMap(([, t]) => t).sort()]));
  return examples.flatMap(({ input, entry, parts, text }) => {
    if (!meanings[input.id]) return [];
    const expected = agreedFacts([...(idsByText.get(text) ?? [])].map((id) => meanings[id]?.facts));
    const base = { id: input.id, source: sourceOf(input.id), locale: input.locale, expected };
    const cut = text.slice(0, Math.ceil(text.length * CUT_AT));
    const words = wholeWords(cut, text);
    const byDesign =
      wordingWeight(parts, words.length) < entry.minimum ? 'too short' : someStartWith(others.get(meaningKey(text)) ?? [], words.toLowerCase(), text.toLowerCase()) ? 'shared opening' : undefined;
    return [
      { ...base, text, cut: false },
      { ...base, text: cut, cut: true, ...(byDesign ? { byDesign } : {}) },
    ];
  });
}

/** Why a case's reading differs from its meaning, or undefined when it is read back. */
export function readBackProblem(c: RoundTripCase, normalized: Normalized): string | undefined {
  const ids = normalized.facts['error.messages'] ?? [];
  if (!ids.includes(c.id)) return `recognised ${ids.length ? ids.join(', ') : 'nothing'}`;
  const differs: string[] = [];
  for (const [name, value] of Object.entries(c.expected) as Array<[keyof Facts, unknown]>) {
    const got = name === 'error.family' ? normalized.family : normalized.facts[name];
    const same = Array.isArray(value) ? Array.isArray(got) && value.every((v) => (got as unknown[]).includes(v)) : got === value;
    if (!same) differs.push(`${name} ${JSON.stringify(got)} (meaning: ${JSON.stringify(value)})`);
  }
  return differs.length ? differs.join('; ') : undefined;
}

export interface RoundTripTally {
  whole: { read: number; total: number };
  cut: { read: number; total: number };
  /** Cuts that cannot be read back by design (too short, or opening another meaning's message too). */
  byDesign: number;
}

export interface RoundTripReport {
  bySource: Map<string, Map<string, RoundTripTally>>;
  misses: RoundTripMiss[];
}

export function roundTrip(cases: readonly RoundTripCase[], normalize: (text: string) => Normalized): RoundTripReport {
  const report: RoundTripReport = { bySource: new Map(), misses: [] };
  for (const c of cases) {
    const byLocale = report.bySource.get(c.source) ?? report.bySource.set(c.source, new Map()).get(c.source)!;
    const tally = byLocale.get(c.locale) ?? byLocale.set(c.locale, { whole: { read: 0, total: 0 }, cut: { read: 0, total: 0 }, byDesign: 0 }).get(c.locale)!;
    if (c.byDesign) {
      tally.byDesign++;
      continue;
    }
    const count = c.cut ? tally.cut : tally.whole;
    count.total++;
    const problem = readBackProblem(c, normalize(c.text));
    if (problem) report.misses.push({ case: c, got: problem });
    else count.read++;
  }
  return report;
}

const share = ({ read, total }: { read: number; total: number }) => (total === 0 ? '-' : `${((read / total) * 100).toFixed(1)}% (${read}/${total})`);

/** The report as `npm run eval` prints it: one line per source and locale, then the misses. */
export function formatRoundTrip(report: RoundTripReport, maxMisses = 40): string {
  const lines = ['catalogue round trip (entries with a meaning, read back whole / cut at 60%; cuts unreadable by design apart):'];
  for (const [source, byLocale] of [...report.bySource].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [locale, tally] of [...byLocale].sort(([a], [b]) => a.localeCompare(b))) {
      const short = tally.byDesign ? `  (${tally.byDesign} cuts too short or opening another message)` : '';
      lines.push(`  ${source.padEnd(22)} ${locale.padEnd(8)} whole ${share(tally.whole).padEnd(18)} cut ${share(tally.cut).padEnd(18)}${short}`);
    }
  }
  lines.push(`round-trip misses (${report.misses.length}):`);
  for (const miss of report.misses.slice(0, maxMisses)) {
    lines.push(`  ${miss.case.id} (${miss.case.locale}${miss.case.cut ? ', cut' : ''}): ${miss.got} | ${miss.case.text.slice(0, 100)}`);
  }
  if (report.misses.length > maxMisses) lines.push(`  … and ${report.misses.length - maxMisses} more`);
  return lines.join('\n');
}

/** The catalogue's size: entries by source, and by locale within each (an entry shared by locales counts for each). */
export function formatCatalogueSize(catalogue: Catalogue): string {
  const bySource = new Map<string, Map<string, number>>();
  for (const entry of catalogue.file.entries) {
    const source = sourceOf(entry.id);
    const byLocale = bySource.get(source) ?? bySource.set(source, new Map()).get(source)!;
    for (const locale of entry.locales) byLocale.set(locale, (byLocale.get(locale) ?? 0) + 1);
  }
  const lines = [`message catalogue: ${catalogue.file.entries.length} entries, ${Object.keys(catalogue.file.meanings).length} meanings, ${bySource.size} sources`];
  for (const [source, byLocale] of [...bySource].sort(([a], [b]) => a.localeCompare(b))) {
    const locales = [...byLocale].sort(([a], [b]) => a.localeCompare(b)).map(([l, n]) => `${l} ${n}`).join(', ');
    lines.push(`  ${source.padEnd(22)} ${catalogue.file.sources[source]?.licence ?? ''}: ${locales}`);
  }
  return lines.join('\n');
}
