// Ranking and next checks on a small hand-made rule pack: combination, ties, negatives, suppression.
import { describe, expect, it } from '@jest/globals';
import { nextChecks } from '../../src/engine/next-checks.js';
import { rankCauses } from '../../src/engine/rank.js';
import type { RulePack } from '../../src/rules/rule-pack.js';
import type { CauseDef, CheckDef, RuleDef } from '../../src/schemas/rule-file.js';

const cause = (id: string): CauseDef => ({ id, title: `title ${id}`, summary: 's', fixes: [{ title: 'f', steps: ['x'] }], references: [] });
const rule = (id: string, causeId: string, certainty: number, evidence = `because ${id}`): RuleDef => ({
  id,
  cause: causeId,
  certainty,
  when: { all: [{ fact: 'error.family', operator: 'equal', value: 'refused' }] },
  evidence: [evidence],
  tests: { match: [{ facts: {} }], noMatch: [{ facts: {} }] },
});
const check = (id: string, tells: string[], suppliedBy: CheckDef['suppliedBy']): CheckDef => ({
  id,
  title: `look at port {{target.portTried|or:PORT}}`,
  kind: 'netstat',
  where: 'server',
  why: 'w',
  commands: [{ platform: 'windows', run: 'netstat -aon | findstr :{{target.portTried|or:PORT}}' }],
  tells,
  suppliedBy,
});

const pack: RulePack = {
  version: 'test',
  disabled: [],
  replaced: new Map(),
  origins: new Map(),
  overrides: [],
  examples: [],
  causes: new Map(['a', 'b', 'c', 'd'].map((id) => [id, cause(id)])),
  checks: new Map([
    ['tells-a-b', check('tells-a-b', ['a', 'b'], ['netstat.portListening'])],
    ['tells-c', check('tells-c', ['c'], ['service.running'])],
    ['tells-d', check('tells-d', ['d'], ['alias.matchesServer'])],
  ]),
  rules: [
    rule('a1', 'a', 0.5),
    rule('a2', 'a', 0.2),
    rule('b1', 'b', 0.6),
    rule('c1', 'c', 0.6),
    rule('d1', 'd', 0.3),
    rule('d-against', 'd', -0.5, 'against d'),
  ],
  files: [],
};
const context = { facts: { 'target.portTried': 1234 } };

describe('rankCauses', () => {
  const ranked = rankCauses(pack, ['a1', 'a2', 'b1', 'c1', 'd1', 'd-against'], context);

  it('combines support per cause and sorts by confidence, ties by strongest support, then id', () => {
    // a: 0.5 + 0.2 * 0.5 = 0.6, tied with b and c (0.6 each); b and c have the stronger single rule.
    expect(ranked.map((c) => [c.id, c.confidence])).toEqual([
      ['b', 0.6],
      ['c', 0.6],
      ['a', 0.6],
    ]);
  });

  it('drops a cause whose negative evidence outweighs its support', () => {
    expect(ranked.map((c) => c.id)).not.toContain('d');
  });

  it('lists the fired rules strongest first with their evidence', () => {
    expect(ranked.find((c) => c.id === 'a')).toMatchObject({ rules: ['a1', 'a2'], evidence: ['because a1', 'because a2'] });
  });
});

describe('nextChecks', () => {
  const causes = rankCauses(pack, ['a1', 'b1', 'c1'], context);

  it('prefers a check that tells several open causes apart, and fills in the port', () => {
    const checks = nextChecks(pack, causes, context);
    expect(checks.map((c) => c.id)).toEqual(['tells-a-b', 'tells-c']);
    expect(checks[0]).toMatchObject({ title: 'look at port 1234', tells: ['a', 'b'] });
    expect(checks[0]?.commands[0]?.run).toBe('netstat -aon | findstr :1234');
  });

  it('weighs a check that separates two open causes half as much again as their confidences: it can lead a stronger one', () => {
    // x at 0.8 alone against y and z at 0.3 each: 0.3 + 0.3 = 0.6, × 1.5 = 0.9 > 0.8 (src/engine/next-checks.ts's policy).
    const separating: RulePack = {
      ...pack,
      causes: new Map(['x', 'y', 'z'].map((id) => [id, cause(id)])),
      checks: new Map([
        ['tells-x', check('tells-x', ['x'], ['service.running'])],
        ['tells-y-z', check('tells-y-z', ['y', 'z'], ['netstat.portListening'])],
      ]),
      rules: [rule('x1', 'x', 0.8), rule('y1', 'y', 0.3), rule('z1', 'z', 0.3)],
    };
    const open = rankCauses(separating, ['x1', 'y1', 'z1'], context);
    expect(nextChecks(separating, open, context).map((c) => c.id)).toEqual(['tells-y-z', 'tells-x']);
  });

  it('leaves out checks whose facts are already supplied', () => {
    const supplied = nextChecks(pack, causes, { facts: { ...context.facts, 'netstat.portListening': false } });
    expect(supplied.map((c) => c.id)).toEqual(['tells-c']);
  });
});
