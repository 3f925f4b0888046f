// User rule directories: overrides, replaced ids, load order, explain, rule tests with assertions and examples.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { RULES_ENV, userRulePaths } from '../../src/config.js';
import { createDoctor } from '../../src/doctor.js';
import { deriveFacts } from '../../src/engine/derive.js';
import { firedRules, rulesForFamily } from '../../src/engine/evaluate.js';
import { explainRule } from '../../src/rules/explain.js';
import { factMatches } from '../../src/rules/patterns.js';
import { findRule, loadRulePack } from '../../src/rules/rule-pack.js';
import { runRuleTests } from '../../src/rules/rule-tests.js';
import type { Facts } from '../../src/schemas/facts.js';
import type { Family } from '../../src/schemas/vocabulary.js';
import { causeIds, fixture } from '../helpers.js';

function ruleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-user-rules-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const SEED = fixture('seed/sqlclient.txt');
const BUILTIN = loadRulePack();
/** A built-in rule the seed's refused text fires, found from the pack rather than named by hand. */
const seedDiagnosis = await createDoctor().diagnose(SEED);
const seedTop = seedDiagnosis.causes[0];
const seedRule = seedTop?.rules[0] as string;

describe('overrides', () => {
  it('disables a built-in rule, which then no longer fires or supports its cause', async () => {
    const dir = ruleDir({ 'off.yaml': `overrides:\n  - rule: ${seedRule}\n    disabled: true\n    reason: our network never does this\n` });
    const doctor = createDoctor({ rules: [dir] });
    expect(doctor.pack.rules.map((r) => r.id)).not.toContain(seedRule);
    expect(doctor.pack.disabled.map((r) => r.id)).toEqual([seedRule]);
    const diagnosis = await doctor.diagnose(SEED);
    expect(diagnosis.causes.flatMap((c) => c.rules)).not.toContain(seedRule);
    expect(doctor.pack.overrides[0]).toMatchObject({ target: { kind: 'rule', id: seedRule }, changes: ['disabled'], reason: 'our network never does this' });
  });

  it('re-enables with disabled: false, in a later file, a rule an earlier file disabled', async () => {
    const dir = ruleDir({
      'a-off.yaml': `overrides:\n  - { rule: ${seedRule}, disabled: true }\n`,
      'b-on.yaml': `overrides:\n  - { rule: ${seedRule}, disabled: false, reason: the site that needed it off is gone }\n`,
    });
    const doctor = createDoctor({ rules: [dir] });
    expect(doctor.pack.rules.map((r) => r.id)).toContain(seedRule);
    expect(doctor.pack.disabled).toEqual([]);
    expect((await doctor.diagnose(SEED)).causes.flatMap((c) => c.rules)).toContain(seedRule);
  });

  it('changes a certainty; the later of two overrides wins', async () => {
    const dir = ruleDir({
      'a.yaml': `overrides:\n  - { rule: ${seedRule}, certainty: 0.1 }\n`,
      'b.yaml': `overrides:\n  - { rule: ${seedRule}, certainty: 0.2 }\n`,
    });
    const rule = createDoctor({ rules: [dir] }).pack.rules.find((r) => r.id === seedRule);
    expect(rule?.certainty).toBe(0.2);
    expect(BUILTIN.rules.find((r) => r.id === seedRule)?.certainty).not.toBe(0.2);
  });

  it('adds fixes and references to a built-in cause, after its own', async () => {
    const dir = ruleDir({
      'fix.yaml': `overrides:\n  - cause: ${seedTop?.id}\n    addFixes: [{ title: Ask the Contoso DBA desk, steps: [Open a ticket in queue DBA-NET.] }]\n    addReferences: [https://wiki.example.com/dba]\n`,
    });
    const diagnosis = await createDoctor({ rules: [dir] }).diagnose(SEED);
    const cause = diagnosis.causes.find((c) => c.id === seedTop?.id);
    expect(cause?.fixes.at(-1)?.title).toBe('Ask the Contoso DBA desk');
    expect(cause?.fixes.length).toBe((seedTop?.fixes.length ?? 0) + 1);
    expect(cause?.references.at(-1)).toBe('https://wiki.example.com/dba');
  });
});

const RENAMED = `
rules:
  - id: team-refused-renamed
    replaces: [team-refused-old]
    cause: firewall_blocking
    certainty: 0.3
    status: experimental
    families: [refused]
    when:
      all:
        - { fact: error.family, operator: equal, value: refused }
    evidence: ['Refused through the team VPN.']
    tests:
      match: [{ facts: { error.family: refused } }]
      noMatch: [{ facts: { error.family: dns } }]
`;

describe('status and replaces', () => {
  it('reaches a renamed rule by its old id, for overrides and lookups', () => {
    const dir = ruleDir({ 'renamed.yaml': RENAMED, 'z-override.yaml': 'overrides:\n  - { rule: team-refused-old, certainty: 0.05 }\n' });
    const pack = createDoctor({ rules: [dir] }).pack;
    expect(findRule(pack, 'team-refused-old')).toMatchObject({ rule: { id: 'team-refused-renamed', certainty: 0.05, status: 'experimental' }, via: 'team-refused-old' });
  });

  it('refuses an old id that is still a live rule id', () => {
    const dir = ruleDir({ 'renamed.yaml': RENAMED.replace('team-refused-old', seedRule) });
    expect(() => createDoctor({ rules: [dir] })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'DUPLICATE_ID' })] }));
  });

  it('gives the built-in pack a version', () => {
    expect(BUILTIN.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('load order', () => {
  it('is config file, then MSSQL_DOCTOR_RULES, then --rules, each in the order given', () => {
    const configDir = ruleDir({ 'doctor.yaml': 'rules: [team-a, ./team-b]\n' });
    const env = { [RULES_ENV]: ['/env/one', '/env/two'].join(delimiter) };
    expect(userRulePaths({ config: join(configDir, 'doctor.yaml'), rules: ['/cli/x'] }, env)).toEqual([
      join(configDir, 'team-a'),
      join(configDir, 'team-b'),
      '/env/one',
      '/env/two',
      '/cli/x',
    ]);
  });

  it('refuses a config file with an unknown key, naming it', () => {
    const dir = ruleDir({ 'doctor.json': '{ "rule": ["x"] }' });
    expect(() => userRulePaths({ config: join(dir, 'doctor.json') }, {})).toThrow(/"rule"/);
  });
});

describe('rules explain agrees with the engine', () => {
  it('on every built-in rule test case', async () => {
    let compared = 0;
    for (const rule of BUILTIN.rules) {
      for (const test of [...rule.tests.match, ...rule.tests.noMatch]) {
        const facts = deriveFacts(test.facts as Facts) as Record<string, unknown>;
        const engine = (await firedRules(rulesForFamily([rule], facts['error.family'] as Family), facts)).includes(rule.id);
        expect({ rule: rule.id, facts: test.facts, fires: explainRule(rule, facts).fires }).toEqual({ rule: rule.id, facts: test.facts, fires: engine });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(BUILTIN.rules.length * 2);
  });
});

describe('rule tests', () => {
  it('fail when a ranksFirst or evidenceContains assertion does not hold, and when an example misses', async () => {
    const dir = ruleDir({
      // login_disabled: a cause no built-in rule supports on a refused text, so a 0.3 rule cannot lead.
      'weak.yaml': RENAMED.replace('cause: firewall_blocking', 'cause: login_disabled').replace("match: [{ facts: { error.family: refused } }]", "match: [{ facts: { error.family: refused }, ranksFirst: true, evidenceContains: 'not in the evidence' }]") +
        `examples:\n  - name: seed refused\n    text: ${JSON.stringify(SEED)}\n    expect: { causes: [database_not_found], top: 3 }\n`,
    });
    const pack = createDoctor({ rules: [dir] }).pack;
    const report = await runRuleTests(pack, { include: (origin) => origin.file.startsWith(dir) });
    expect(report.results.map((r) => [r.kind, r.id])).toEqual([
      ['rule', 'team-refused-renamed'],
      ['example', 'seed refused'],
    ]);
    const messages = report.failures.map((f) => f.message).join('\n');
    expect(messages).toMatch(/cause "login_disabled" does not rank first; the pack ranks \w+ \(/);
    expect(messages).toContain('evidence does not contain "not in the evidence"');
    expect(messages).toMatch(/cause "database_not_found" is not in the top 3: /);
  });

  it('pass for a correct example, which checks the family too', async () => {
    const dir = ruleDir({ 'ok.yaml': `examples:\n  - text: ${JSON.stringify(SEED)}\n    expect: { causes: [${causeIds(seedDiagnosis)[0]}], top: 1, family: refused }\n` });
    const report = await runRuleTests(createDoctor({ rules: [dir] }).pack, { include: (origin) => origin.file.startsWith(dir) });
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(1);
  });
});

describe('the matches operator', () => {
  it('matches a string fact or any string of a list, with /text/flags', () => {
    expect(factMatches('SQL-Payroll.db.contoso.internal', '/^sql-[a-z]+\\.db\\./i')).toBe(true);
    expect(factMatches('SQL-Payroll.db.contoso.internal', '^sql-')).toBe(false);
    expect(factMatches(['a', 'xyz'], 'y')).toBe(true);
    expect(factMatches(undefined, 'y')).toBe(false);
    expect(factMatches(42, '4')).toBe(false);
  });
});
