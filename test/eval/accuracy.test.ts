// The accuracy arithmetic on small hand-made inputs (the corpus itself is measured by `npm run eval`).
import { describe, expect, it } from '@jest/globals';
import {
  accuracyReport,
  causeRank,
  excerpt,
  formatAccuracyReport,
  share,
  type DiagnosisSummary,
  type LabelledText,
} from '../../src/eval/accuracy.js';

const entry = (id: string, over: Partial<LabelledText> = {}): LabelledText => ({
  id,
  provider: 'sqlclient',
  family: 'refused',
  text: `text of ${id}`,
  ...over,
});
const diag = (over: Partial<DiagnosisSummary> = {}): DiagnosisSummary => ({
  family: 'refused',
  providers: ['sqlclient'],
  causes: [],
  ...over,
});

describe('accuracyReport', () => {
  it('counts family and provider hits over every entry', () => {
    const r = accuracyReport(
      [entry('a'), entry('b'), entry('c', { provider: 'odbc' }), entry('d')],
      [diag(), diag({ family: 'timeout' }), diag({ providers: ['sqlclient', 'odbc'] }), diag({ providers: [] })],
    );
    expect(r.count).toBe(4);
    expect(r.family).toEqual({ hits: 3, total: 4 });
    expect(r.provider).toEqual({ hits: 3, total: 4 });
  });

  it('scores causes only for entries that carry one, at rank 1 and within the top 3', () => {
    const r = accuracyReport(
      [
        entry('first', { cause: 'port_mismatch' }),
        entry('third', { cause: 'port_mismatch' }),
        entry('fourth', { cause: 'port_mismatch' }),
        entry('absent', { cause: 'port_mismatch' }),
        entry('unlabelled'),
      ],
      [
        diag({ causes: ['port_mismatch', 'x'] }),
        diag({ causes: ['x', 'y', 'port_mismatch'] }),
        diag({ causes: ['x', 'y', 'z', 'port_mismatch'] }),
        diag({ causes: ['x'] }),
        diag({ causes: ['whatever'] }),
      ],
    );
    expect(r.causeTop1).toEqual({ hits: 1, total: 4 });
    expect(r.causeTop3).toEqual({ hits: 2, total: 4 });
    expect(r.misses.filter((m) => m.kind === 'cause').map((m) => [m.id, m.got])).toEqual([
      ['fourth', 'x,y,z (true cause at #4)'],
      ['absent', 'x'],
    ]);
  });

  it('lists each kind of miss with expected and got', () => {
    const r = accuracyReport([entry('m', { family: 'dns', provider: 'go' })], [diag({ family: 'unknown', providers: [] })]);
    expect(r.misses).toEqual([
      { id: 'm', kind: 'family', expected: 'dns', got: 'unknown', excerpt: 'text of m' },
      { id: 'm', kind: 'provider', expected: 'go', got: '(none)', excerpt: 'text of m' },
    ]);
  });

  it('refuses lists of different lengths', () => {
    expect(() => accuracyReport([entry('a')], [])).toThrow(RangeError);
  });

  it('handles an empty corpus without dividing by zero', () => {
    const r = accuracyReport([], []);
    expect(share(r.family)).toBe(0);
    expect(formatAccuracyReport(r)).toContain('family accuracy: 0.0% (0/0)');
  });
});

describe('helpers', () => {
  it('excerpt flattens whitespace and clips', () => {
    expect(excerpt('a\n  b\tc', 4)).toBe('a b ');
    expect(excerpt('x'.repeat(150))).toHaveLength(100);
  });

  it('causeRank is 1-based and undefined when absent', () => {
    expect(causeRank(['a', 'b'], 'b')).toBe(2);
    expect(causeRank(['a'], 'z')).toBeUndefined();
  });
});

describe('formatAccuracyReport', () => {
  it('prints figures next to their targets and one line per miss', () => {
    const r = accuracyReport(
      [entry('a', { cause: 'c1' }), entry('b', { family: 'tls', cause: 'c1' })],
      [diag({ causes: ['c1'] }), diag({ causes: ['c2'] })],
    );
    const text = formatAccuracyReport(r);
    expect(text).toContain('entries: 2');
    expect(text).toContain('family accuracy: 50.0% (1/2)  target >= 97%: NOT met');
    expect(text).toContain('true cause in top 3: 50.0% (1/2)  target >= 90%: NOT met');
    expect(text).toContain('  [family] b: expected tls, got refused | text of b');
    expect(text).toContain('  [cause] b: expected c1, got c2 | text of b');
  });
});
