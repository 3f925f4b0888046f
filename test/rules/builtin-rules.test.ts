// The built-in rule pack loads cleanly and every rule passes its own embedded tests.
import { describe, expect, it } from '@jest/globals';
import { loadRulePack } from '../../src/rules/rule-pack.js';
import { runRuleTests } from '../../src/rules/rule-tests.js';

describe('built-in rule pack', () => {
  const pack = loadRulePack();

  it('has causes, checks and rules, and every rule names a known cause', () => {
    expect(pack.rules.length).toBeGreaterThan(20);
    for (const rule of pack.rules) expect(pack.causes.has(rule.cause)).toBe(true);
  });

  it('passes every embedded match/noMatch test and the healthy baselines', async () => {
    const report = await runRuleTests(pack);
    expect(report.failures).toEqual([]);
    expect(report.passed).toBeGreaterThan(pack.rules.length * 2);
  });
});
