// Broken rule files fail loading with file:line:col, a code and a plain message, all problems at once.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDoctor } from '../../src/doctor.js';
import { DoctorError, formatProblem } from '../../src/errors.js';
import { readRuleFiles } from '../../src/rules/rule-pack.js';
import { userRuleYaml } from '../helpers.js';

function ruleFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-rules-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const problemsOf = (text: string) => readRuleFiles([ruleFile('team.yaml', text)]).problems.map(formatProblem);

// The leading newline keeps the positions the tests name (the condition's fact is on line 8).
const GOOD_RULE = `\n${userRuleYaml()}`;

describe('rule file problems', () => {
  it('reports malformed YAML with its position', () => {
    const [problem] = problemsOf('rules:\n  - id: x\n    cause: [unclosed\n');
    expect(problem).toMatch(/team\.yaml:\d+:\d+ YAML_\w+ /);
  });

  it('reports an unknown fact at the line of the condition', () => {
    const problems = problemsOf(GOOD_RULE.replace('fact: error.family, operator', 'fact: error.famly, operator'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\/tmp\/.*team\.yaml:8:19 UNKNOWN_FACT .*"error\.famly" is not allowed here; did you mean "error\.family"\?$/);
  });

  it('lists the allowed values when nothing is close', () => {
    const problems = problemsOf(GOOD_RULE.replace('operator: equal', 'operator: matchesRegexOf'));
    expect(problems[0]).toMatch(/:8:43 UNKNOWN_OPERATOR .*"matchesRegexOf" is not allowed here; use one of: equal, notEqual, in, notIn/);
  });

  it('reports an unknown property by name, and a missing one', () => {
    const problems = problemsOf(GOOD_RULE.replace('certainty: 0.3', 'certainty: 0.3\n    weight: 2').replace("    evidence: ['Our VPN resets connections to closed ports.']\n", ''));
    expect(problems.join('\n')).toContain('unknown property "weight"');
    expect(problems.join('\n')).toContain('missing required property "evidence"');
  });

  it('reports an out-of-range certainty and a rule without noMatch tests', () => {
    const problems = problemsOf(GOOD_RULE.replace('0.3', '1.5').replace("      noMatch: [{ facts: { error.family: dns } }]\n", ''));
    expect(problems.join('\n')).toMatch(/:5:\d+ SCHEMA \/rules\/0\/certainty: must be <= 1/);
    expect(problems.join('\n')).toContain('missing required property "noMatch"');
  });

  it('reports an unknown cause and an evidence template naming an untested fact', () => {
    const problems = problemsOf(
      GOOD_RULE.replace('cause: firewall_blocking', 'cause: vpn_reset').replace('closed ports.', 'port {{target.port}}.'),
    );
    expect(problems.join('\n')).toMatch(/:4:\d+ UNKNOWN_CAUSE rule "team-refused-vpn" supports unknown cause "vpn_reset"/);
    expect(problems.join('\n')).toMatch(/TEMPLATE_FACT evidence names fact "target\.port"/);
  });

  it('reports ids defined twice across files', () => {
    const twin = readRuleFiles([ruleFile('a.yaml', GOOD_RULE), ruleFile('b.yaml', GOOD_RULE)]).problems.map(formatProblem);
    expect(twin.join('\n')).toMatch(/b\.yaml:3:\d+ DUPLICATE_ID rule id "team-refused-vpn" is already defined at .*a\.yaml:3/);
  });

  it('makes createDoctor fail with every problem, and accepts a good user rule', () => {
    const bad = ruleFile('bad.yaml', GOOD_RULE.replace('0.3', '7'));
    expect(() => createDoctor({ rules: [bad] })).toThrow(DoctorError);
    try {
      createDoctor({ rules: [bad] });
    } catch (error) {
      expect((error as DoctorError).code).toBe('MSSQLDOCTOR_ERR_RULES_INVALID');
      expect((error as DoctorError).problems.length).toBe(1);
    }
    const doctor = createDoctor({ rules: [ruleFile('good.yaml', GOOD_RULE)] });
    expect(doctor.pack.rules.some((r) => r.id === 'team-refused-vpn')).toBe(true);
  });

  it('treats an empty rule file as empty, and a missing path as a clear error', () => {
    expect(problemsOf('')).toEqual([]);
    expect(() => createDoctor({ rules: ['/nonexistent/rules'] })).toThrow('rules path not found: /nonexistent/rules');
  });
});
