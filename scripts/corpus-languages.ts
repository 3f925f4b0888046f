// The public corpus's optional `language` field (the BCP 47 tag of the language a text's message is in, set only when
// it is not English): its check, and the counts `npm run eval` prints by language and by provider file.
import type { CorpusEntry } from '../src/eval/corpus.js';

/** Language of an entry with no `language` field. */
export const ENGLISH = 'en';

/** A corpus entry as loaded: `loadCorpus` keeps every field of the YAML mapping, `language` among them. */
export type CorpusEntryWithLanguage = CorpusEntry & { language?: unknown };

// fallback 'none' makes of() return undefined for a language subtag no CLDR data names (e.g. "xx", "zz-Hans").
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * Problems with one entry's `language` value, as sentences ([] when absent or well formed). A tag must be in BCP 47's
 * canonical form (`zh-Hans`, not `zh-hans`; `pt-BR`, not `pt_BR`), name a language CLDR knows, and not be English:
 * English is what an entry without the field means.
 */
export function languageProblems(language: unknown): string[] {
  if (language === undefined) return [];
  if (typeof language !== 'string' || language.trim() === '') return ['"language" is not a BCP 47 tag'];
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(language)[0];
  } catch {
    return [`"language" ${JSON.stringify(language)} is not a BCP 47 tag`];
  }
  if (canonical !== language) return [`"language" ${JSON.stringify(language)} is not in canonical form (${canonical})`];
  if (languageNames.of(language) === undefined) return [`"language" ${JSON.stringify(language)} is no language (or region) CLDR knows`];
  if (new Intl.Locale(language).language === ENGLISH) return ['"language" is set to English; leave it out instead'];
  return [];
}

/** The language an entry's message is in: its tag, or English when it has none. */
export function languageOf(entry: CorpusEntryWithLanguage): string {
  return typeof entry.language === 'string' ? entry.language : ENGLISH;
}

/** How many entries fall under each key, most first (ties by key), for a stable printout. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

const line = (label: string, counts: Array<[string, number]>) =>
  `${label}: ${counts.map(([k, n]) => `${k} ${n}`).join(', ')}`;

/** The corpus's size by language and by provider file, as `npm run eval` prints it next to the totals. */
export function formatCorpusCounts(entries: readonly CorpusEntryWithLanguage[]): string {
  const nonEnglish = entries.filter((e) => languageOf(e) !== ENGLISH).length;
  return [
    `corpus: ${entries.length} texts, ${nonEnglish} not in English`,
    line('by language', countBy(entries, languageOf)),
    line('by provider file', countBy(entries, (e) => e.file)),
  ].join('\n');
}
