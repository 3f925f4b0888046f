// Every public corpus entry is well formed: required fields, known provider and family, catalogue cause, unique id.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { entryProblems, loadCorpus } from '../../src/eval/corpus.js';
import { CATALOGUE_CAUSE_IDS } from '../../src/eval/cause-catalogue.js';
import { loadRulePack } from '../../src/rules/rule-pack.js';
import { FAMILIES, PROVIDERS } from '../../src/schemas/vocabulary.js';

const dir = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
const pack = loadRulePack();
const corpus = loadCorpus(dir, pack.causes.keys());

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
