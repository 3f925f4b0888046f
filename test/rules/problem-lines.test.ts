// A rule-file problem is one `file:line:col CODE message` line, also when the message names a key of the file that
// holds line breaks (a YAML complex key, `? {…} : …`, read as a multi-line name). Found by the fuzzer (rules/yaml-files).
import { describe, expect, it } from '@jest/globals';
import { formatProblem } from '../../src/errors.js';
import { checkRuleFileSchema } from '../../src/rules/schema-check.js';
import { parseYamlSource } from '../../src/rules/yaml-source.js';

function schemaProblems(text: string) {
  const { source, problems } = parseYamlSource('team.yaml', text);
  expect(problems).toEqual([]);
  return checkRuleFileSchema(source!).problems;
}

describe('rule-file problem lines', () => {
  it('quote an unknown key with line breaks as escapes, in one line', () => {
    // The fuzzer's case: yaml prints this key back on several lines.
    const problems = schemaProblems('? error.family: 1970-01-01T00:00:00.000Z\n  error.entraAuth: -99999999999999992\n: {}\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('SCHEMA');
    expect(formatProblem(problems[0]!).split('\n')).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^\/: unknown property "\{\\n  error\.family: 1970-01-01T00:00:00\.000Z,\\n  error\.entraAuth: /);
  });

  it('cut a YAML error that quotes the text at its first line break, also a lone CR', () => {
    // The fuzzer's case: a folded scalar's indicator split by a CR; yaml's message quotes the rest of the file.
    const { problems } = parseYamlSource('team.yaml', 'causes:\n  - id: x\n    summary: >\r-\n      text\n    fixes: []\n');
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(formatProblem(problem)).not.toMatch(/[\r\n]/);
  });

  it('keep a plain key as it was', () => {
    const [problem] = schemaProblems('rule: []\n');
    expect(problem?.message).toBe('/: unknown property "rule"; did you mean "rules"?');
  });
});
