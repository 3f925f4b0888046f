// Runs every rule's embedded tests (tests.match / tests.noMatch) and the healthy baselines on which
// no rule that supports a cause may fire.
import { deriveFacts } from '../engine/derive.js';
import { firedRules, rulesForFamily } from '../engine/evaluate.js';
import type { Facts } from '../schemas/facts.js';
import type { RuleDef } from '../schemas/rule-file.js';
import type { Family } from '../schemas/vocabulary.js';
import type { RulePack } from './rule-pack.js';

export interface RuleTestFailure {
  rule: string;
  case: string;
  message: string;
}

export interface RuleTestReport {
  passed: number;
  failures: RuleTestFailure[];
}

/** Fact sets that describe nothing wrong: a positive rule that fires on one of them fires on noise. */
export const HEALTHY_BASELINES: ReadonlyArray<{ name: string; facts: Facts }> = [
  { name: 'no facts at all', facts: {} },
  { name: 'nothing recognised', facts: { 'error.family': 'unknown' } },
];

async function fires(rule: RuleDef, given: Record<string, unknown>): Promise<boolean> {
  const facts = deriveFacts(given as Facts);
  const family = facts['error.family'] as Family | undefined;
  const applicable = rulesForFamily([rule], family);
  return (await firedRules(applicable, facts)).includes(rule.id);
}

export async function runRuleTests(pack: RulePack): Promise<RuleTestReport> {
  const report: RuleTestReport = { passed: 0, failures: [] };
  const expect = async (rule: RuleDef, name: string, facts: Record<string, unknown>, shouldFire: boolean) => {
    const fired = await fires(rule, facts);
    if (fired === shouldFire) report.passed++;
    else report.failures.push({ rule: rule.id, case: name, message: `${shouldFire ? 'did not fire' : 'fired'} on ${JSON.stringify(facts)}` });
  };
  for (const rule of pack.rules) {
    for (const [i, test] of rule.tests.match.entries()) await expect(rule, `match[${i}]`, test.facts, true);
    for (const [i, test] of rule.tests.noMatch.entries()) await expect(rule, `noMatch[${i}]`, test.facts, false);
    if (rule.certainty > 0) {
      for (const baseline of HEALTHY_BASELINES) await expect(rule, `baseline: ${baseline.name}`, baseline.facts, false);
    }
  }
  return report;
}
