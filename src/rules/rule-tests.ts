// `rules test`: every rule's embedded cases (tests.match / tests.noMatch, with optional ranking and evidence
// assertions), the healthy baselines no supporting rule may fire on, and the files' end-to-end examples.
import { doctorWithPack } from '../doctor.js';
import { deriveFacts } from '../engine/derive.js';
import { firedRules, rulesForFamily } from '../engine/evaluate.js';
import { rankCauses } from '../engine/rank.js';
import type { Facts } from '../schemas/facts.js';
import type { MatchCaseDef, RuleDef } from '../schemas/rule-file.js';
import type { Family } from '../schemas/vocabulary.js';
import type { Origin, PackExample, RulePack } from './rule-pack.js';
import { renderTemplate } from './templates.js';

export interface RuleTestFailure {
  rule: string;
  case: string;
  message: string;
}

/** One rule's or one example's outcome. */
export interface RuleTestResult {
  kind: 'rule' | 'example';
  id: string;
  origin?: Origin;
  passed: number;
  failures: RuleTestFailure[];
  skipped?: string;
}

export interface RuleTestReport {
  passed: number;
  failures: RuleTestFailure[];
  results: RuleTestResult[];
}

export interface RuleTestOptions {
  /** Which definitions to test, by where they come from (default: all). */
  include?: (origin: Origin) => boolean;
}

/** Fact sets that describe nothing wrong: a positive rule that fires on one of them fires on noise. */
export const HEALTHY_BASELINES: ReadonlyArray<{ name: string; facts: Facts }> = [
  { name: 'no facts at all', facts: {} },
  { name: 'nothing recognised', facts: { 'error.family': 'unknown' } },
];

const familyOf = (facts: Facts) => facts['error.family'] as Family | undefined;

async function fires(rule: RuleDef, facts: Facts): Promise<boolean> {
  return (await firedRules(rulesForFamily([rule], familyOf(facts)), facts)).includes(rule.id);
}

/** The extra assertions of a match case: the whole pack ranks the rule's cause first; its evidence says X. */
async function matchAssertions(pack: RulePack, rule: RuleDef, test: MatchCaseDef, facts: Facts): Promise<string[]> {
  const problems: string[] = [];
  if (test.ranksFirst) {
    const fired = await firedRules(rulesForFamily(pack.rules, familyOf(facts)), facts);
    const ranked = rankCauses(pack, fired, { facts });
    if (ranked[0]?.id !== rule.cause) {
      problems.push(`cause "${rule.cause}" does not rank first; the pack ranks ${ranked.slice(0, 3).map((c) => `${c.id} (${c.confidence})`).join(', ') || 'nothing'}`);
    }
  }
  if (test.evidenceContains !== undefined) {
    const evidence = rule.evidence.map((template) => renderTemplate(template, { facts }));
    if (!evidence.some((line) => line.includes(test.evidenceContains as string))) {
      problems.push(`evidence does not contain ${JSON.stringify(test.evidenceContains)}: ${JSON.stringify(evidence)}`);
    }
  }
  return problems;
}

async function testRule(pack: RulePack, rule: RuleDef): Promise<RuleTestResult> {
  const result: RuleTestResult = { kind: 'rule', id: rule.id, ...(pack.origins.get(rule.id) ? { origin: pack.origins.get(rule.id) } : {}), passed: 0, failures: [] };
  const record = (name: string, problems: string[]) => {
    if (problems.length === 0) result.passed++;
    else for (const message of problems) result.failures.push({ rule: rule.id, case: name, message });
  };
  for (const [i, test] of rule.tests.match.entries()) {
    const facts = deriveFacts(test.facts as Facts);
    record(`match[${i}]`, (await fires(rule, facts)) ? await matchAssertions(pack, rule, test, facts) : [`did not fire on ${JSON.stringify(test.facts)}`]);
  }
  for (const [i, test] of rule.tests.noMatch.entries()) {
    record(`noMatch[${i}]`, (await fires(rule, deriveFacts(test.facts as Facts))) ? [`fired on ${JSON.stringify(test.facts)}`] : []);
  }
  if (rule.certainty > 0) {
    for (const baseline of HEALTHY_BASELINES) {
      record(`baseline: ${baseline.name}`, (await fires(rule, deriveFacts(baseline.facts))) ? [`fired on ${JSON.stringify(baseline.facts)}`] : []);
    }
  }
  return result;
}

async function testExample(pack: RulePack, { example, origin }: PackExample, index: number): Promise<RuleTestResult> {
  const id = example.name ?? `example ${index + 1}`;
  const diagnosis = await doctorWithPack(pack).diagnose({
    text: example.text,
    ...(example.evidence ? { evidence: example.evidence } : {}),
    ...(example.connectionString !== undefined ? { connectionString: example.connectionString } : {}),
  });
  const top = example.expect.top ?? 3;
  const ranked = diagnosis.causes.slice(0, top).map((c) => c.id);
  const problems: string[] = [];
  if (example.expect.family && diagnosis.family !== example.expect.family) problems.push(`family is ${diagnosis.family}, expected ${example.expect.family}`);
  for (const cause of example.expect.causes) {
    if (!ranked.includes(cause)) problems.push(`cause "${cause}" is not in the top ${top}: ${ranked.join(', ') || 'no causes'}`);
  }
  return {
    kind: 'example',
    id,
    origin,
    passed: problems.length === 0 ? 1 : 0,
    failures: problems.map((message) => ({ rule: id, case: `${origin.file}:${origin.line}`, message })),
  };
}

export async function runRuleTests(pack: RulePack, options: RuleTestOptions = {}): Promise<RuleTestReport> {
  const include = (origin: Origin | undefined) => !options.include || (origin !== undefined && options.include(origin));
  const results: RuleTestResult[] = [];
  for (const rule of pack.rules) if (include(pack.origins.get(rule.id))) results.push(await testRule(pack, rule));
  for (const rule of pack.disabled) {
    if (include(pack.origins.get(rule.id))) results.push({ kind: 'rule', id: rule.id, passed: 0, failures: [], skipped: 'disabled by an override' });
  }
  for (const [index, example] of pack.examples.entries()) if (include(example.origin)) results.push(await testExample(pack, example, index));
  return {
    passed: results.reduce((n, r) => n + r.passed, 0),
    failures: results.flatMap((r) => r.failures),
    results,
  };
}
