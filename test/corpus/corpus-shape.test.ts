// Every public corpus entry is well formed: required fields, known provider and family, catalogue cause, unique id,
// and a known BCP 47 language tag on every text whose message is not in English.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { entryProblems, loadCorpus } from '../../src/eval/corpus.js';
import { CATALOGUE_CAUSE_IDS } from '../../src/eval/cause-catalogue.js';
import { loadRulePack } from '../../src/rules/rule-pack.js';
import { countBy, formatCorpusCounts, languageOf, languageProblems, type CorpusEntryWithLanguage } from '../../scripts/corpus-languages.js';
import { FAMILIES, PROVIDERS } from '../../src/schemas/vocabulary.js';

const dir = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
const pack = loadRulePack();
const corpus = loadCorpus(dir, pack.causes.keys());
const entries: CorpusEntryWithLanguage[] = corpus.entries;

describe('public error corpus', () => {
  it('has no malformed entries and no duplicate ids', () => {
    expect(corpus.problems).toEqual([]);
  });

  it('keeps one file per provider, named after it', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    for (const f of files) expect(PROVIDERS as readonly string[]).toContain(f.replace(/\.yaml$/, ''));
    for (const e of corpus.entries) expect(`${e.provider}.yaml`).toBe(e.file);
  });

  it('has at least 150 entries covering every provider and every labelled family', () => {
    expect(corpus.entries.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.entries.map((e) => e.provider))).toEqual(new Set(PROVIDERS));
    expect(new Set(corpus.entries.map((e) => e.family))).toEqual(new Set(FAMILIES.filter((f) => f !== 'unknown')));
  });

  it('names only catalogue causes, each with a note saying where the thread shows it', () => {
    for (const e of corpus.entries.filter((x) => x.cause !== undefined)) {
      expect([...CATALOGUE_CAUSE_IDS, ...pack.causes.keys()]).toContain(e.cause);
      expect(e.note ?? '').not.toBe('');
    }
  });
});

describe('the corpus\'s languages', () => {
  it('tags texts not in English with a known BCP 47 language, in canonical form', () => {
    const problems = entries.flatMap((e) => languageProblems(e.language).map((p) => `${e.file} ${e.id}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('holds texts in several languages besides English', () => {
    const languages = new Set(entries.map(languageOf));
    expect(languages.size).toBeGreaterThanOrEqual(4);
  });
});

describe('languageProblems', () => {
  it('accepts no tag (English) and canonical tags of known languages', () => {
    for (const tag of [undefined, 'de', 'fr', 'ja', 'pt-BR', 'zh-Hans', 'zh-Hant', 'sr-Latn']) expect(languageProblems(tag)).toEqual([]);
  });

  it('names each problem', () => {
    expect(languageProblems('')).toEqual(['"language" is not a BCP 47 tag']);
    expect(languageProblems(42)).toEqual(['"language" is not a BCP 47 tag']);
    expect(languageProblems('pt_BR')).toEqual(['"language" "pt_BR" is not a BCP 47 tag']);
    expect(languageProblems('zh-hans')).toEqual(['"language" "zh-hans" is not in canonical form (zh-Hans)']);
    expect(languageProblems('xx')).toEqual(['"language" "xx" is no language (or region) CLDR knows']);
    expect(languageProblems('en')).toEqual(['"language" is set to English; leave it out instead']);
    expect(languageProblems('en-GB')).toEqual(['"language" is set to English; leave it out instead']);
  });
});

describe('corpus counts', () => {
  const sample: CorpusEntryWithLanguage[] = [
    { id: 'a', source: 'https://example.org/a', provider: 'go', family: 'dns', text: 't', file: 'go.yaml' },
    { id: 'b', source: 'https://example.org/b', provider: 'jdbc', family: 'tls', text: 't', file: 'jdbc.yaml', language: 'zh-Hans' },
    { id: 'c', source: 'https://example.org/c', provider: 'jdbc', family: 'tls', text: 't', file: 'jdbc.yaml', language: 'de' },
  ];

  it('counts most first, ties in key order', () => {
    expect(countBy(sample, (e) => e.file)).toEqual([['jdbc.yaml', 2], ['go.yaml', 1]]);
    expect(countBy(sample, languageOf)).toEqual([['de', 1], ['en', 1], ['zh-Hans', 1]]);
  });

  it('prints the totals by language and by provider file', () => {
    expect(formatCorpusCounts(sample)).toBe(
      ['corpus: 3 texts, 2 not in English', 'by language: de 1, en 1, zh-Hans 1', 'by provider file: jdbc.yaml 2, go.yaml 1'].join('\n'),
    );
  });
});

describe('entryProblems', () => {
  const causes = new Set(['port_mismatch']);
  const good = { id: 'x', source: 'https://example.org/1', provider: 'go', family: 'dns', text: 'boom' };

  it('accepts a well-formed entry', () => {
    expect(entryProblems(good, causes)).toEqual([]);
  });

  it('names each problem', () => {
    expect(entryProblems({ ...good, text: '  ' }, causes)).toEqual(['"text" is missing or empty']);
    expect(entryProblems({ ...good, provider: 'mysql' }, causes)).toEqual(['unknown provider "mysql"']);
    expect(entryProblems({ ...good, family: 'unknown' }, causes)).toEqual(['unknown family "unknown"']);
    expect(entryProblems({ ...good, cause: 'gremlins' }, causes)).toEqual(['cause "gremlins" is not in the catalogue']);
    expect(entryProblems({ ...good, source: 'a forum' }, causes)).toEqual(['source is not a URL']);
    expect(entryProblems('text', causes)).toEqual(['entry is not a mapping']);
  });
});
