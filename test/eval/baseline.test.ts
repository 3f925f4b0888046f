// The corpus regression gate (src/eval/baseline.ts): every text of test/fixtures/corpus that the committed baseline
// says the rules read right must still be read right. A change that makes one wrong fails here, naming it; a change
// that deliberately trades it records a new baseline with `npm run eval -- --write-baseline` in the same commit.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createDoctor } from '../../src/doctor.js';
import type { DiagnosisSummary, LabelledText } from '../../src/eval/accuracy.js';
import { BASELINE_FILE, baselineOf, diagnoseCorpus, regressions, type Baseline } from '../../src/eval/baseline.js';
import { loadCorpus } from '../../src/eval/corpus.js';

const text = (id: string, over: Partial<LabelledText> = {}): LabelledText => ({ id, provider: 'sqlclient', family: 'refused', text: id, ...over });
const read = (over: Partial<DiagnosisSummary> = {}): DiagnosisSummary => ({ family: 'refused', providers: ['sqlclient'], causes: ['firewall_blocking'], ...over });

describe('regressions', () => {
  const texts = [text('a', { cause: 'firewall_blocking' }), text('b'), text('c')];
  const before = baselineOf(texts, [read(), read(), read({ family: 'tls' })]);

  it('records, per measure, the texts read right', () => {
    expect(before.right).toEqual({ family: ['a', 'b'], provider: ['a', 'b', 'c'], causeTop3: ['a'] });
    expect(before.shares.family).toEqual({ hits: 2, total: 3 });
  });

  it('names each text read right before and wrong now, and nothing else', () => {
    const after = baselineOf(texts, [read({ causes: ['a', 'b', 'c', 'firewall_blocking'] }), read({ family: 'timeout', providers: [] }), read()]);
    expect(regressions(before, after, new Set(['a', 'b', 'c']))).toEqual(['family: b', 'provider: b', 'causeTop3: a']);
  });

  it('does not count a text that left the corpus', () => {
    const after = baselineOf([texts[0] as LabelledText], [read()]);
    expect(regressions(before, after, new Set(['a']))).toEqual([]);
  });
});

describe('the corpus against its committed baseline', () => {
  it('reads right every text the baseline reads right', async () => {
    const baseline = JSON.parse(readFileSync(new URL(`../../${BASELINE_FILE}`, import.meta.url), 'utf8')) as Baseline;
    const doctor = createDoctor();
    const { entries, problems } = loadCorpus(new URL('../fixtures/corpus/', import.meta.url).pathname, doctor.pack.causes.keys());
    expect(problems).toEqual([]);
    const now = baselineOf(entries, await diagnoseCorpus(doctor, entries));
    expect(regressions(baseline, now, new Set(entries.map((e) => e.id)))).toEqual([]);
  }, 120_000);
});
