// Broken rule files (test/fixtures/broken-rules/, one per problem code): each is refused with the right code
// at the right line and column, and nothing of a broken directory is half-loaded. Expected positions are
// worked out here from each fixture's own text (the token the problem must point at), never copied from
// the tool's output.
import { describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDoctor } from '../../src/doctor.js';
import { DoctorError, formatProblem, type Problem } from '../../src/errors.js';
import { BUILTIN_RULES_DIR, PACKAGE_ROOT } from '../../src/package-root.js';
import { displayName, listRuleFiles, loadRulePack, readRuleFiles } from '../../src/rules/rule-pack.js';
import { parseYamlSource } from '../../src/rules/yaml-source.js';
import { runCli, userRuleYaml } from '../helpers.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'broken-rules');
const fixture = (name: string) => join(FIXTURES, name);
const fixtureText = (name: string) => readFileSync(fixture(name), 'utf8');

/**
 * Line and column (both 1-based) of the first character of the `occurrence`-th (1-based) appearance of
 * `token` in `text`, not counting appearances on comment lines (the fixtures' comments name what is
 * broken). Throws when the token does not occur that often, so a fixture edit cannot silently move what a
 * case points at.
 */
function positionOf(text: string, token: string, occurrence = 1): { line: number; col: number } {
  const lines = text.split('\n');
  let seen = 0;
  for (const [l, line] of lines.entries()) {
    if (line.trimStart().startsWith('#')) continue;
    for (let col = line.indexOf(token); col >= 0; col = line.indexOf(token, col + 1)) {
      if (++seen === occurrence) return { line: l + 1, col: col + 1 };
    }
  }
  throw new Error(`token ${JSON.stringify(token)} occurs fewer than ${occurrence} time(s) outside comments`);
}

interface BrokenCase {
  /** What is wrong, as the test's name. */
  name: string;
  /** Fixture files loaded (after the built-in rules), in this order. */
  load: string[];
  /** The fixture the problem is in. */
  file: string;
  code: string | RegExp;
  /** The text in `file` whose first character the problem must point at, and which occurrence of it. */
  token: string;
  occurrence?: number;
  /** Text the message must contain (the offending name). */
  mentions: string;
}

const CASES: BrokenCase[] = [
  {
    name: 'an unclosed flow sequence: the YAML error, where the parser finds the sequence running into the next key',
    load: ['yaml-unclosed-flow.yaml'],
    file: 'yaml-unclosed-flow.yaml',
    code: /^YAML_[A-Z_]+$/,
    token: 'when:',
    mentions: ']',
  },
  {
    name: 'an unknown fact in a condition: at the fact name',
    load: ['unknown-fact.yaml'],
    file: 'unknown-fact.yaml',
    code: 'UNKNOWN_FACT',
    token: 'error.famly',
    mentions: '"error.famly"',
  },
  {
    name: 'an unknown operator: at the operator',
    load: ['unknown-operator.yaml'],
    file: 'unknown-operator.yaml',
    code: 'UNKNOWN_OPERATOR',
    token: 'isExactly',
    mentions: '"isExactly"',
  },
  {
    name: 'an unknown cause: at the cause id',
    load: ['unknown-cause.yaml'],
    file: 'unknown-cause.yaml',
    code: 'UNKNOWN_CAUSE',
    token: 'vpn_reset_by_gateway',
    mentions: '"vpn_reset_by_gateway"',
  },
  {
    name: 'a rule id used twice in one file: at the second id',
    load: ['duplicate-id-in-file.yaml'],
    file: 'duplicate-id-in-file.yaml',
    code: 'DUPLICATE_ID',
    token: 'broken-twice-in-file',
    occurrence: 2,
    mentions: '"broken-twice-in-file"',
  },
  {
    name: 'a rule id used in two files: at the id in the file loaded second',
    load: ['duplicate-id-across-a.yaml', 'duplicate-id-across-b.yaml'],
    file: 'duplicate-id-across-b.yaml',
    code: 'DUPLICATE_ID',
    token: 'broken-twice-across-files',
    mentions: 'duplicate-id-across-a.yaml:4',
  },
  {
    name: 'a catastrophic `matches` pattern: at the pattern',
    load: ['regex-redos.yaml'],
    file: 'regex-redos.yaml',
    code: 'REGEX_REDOS',
    token: "'(a+)+$'",
    mentions: '"(a+)+$"',
  },
  {
    name: 'a `matches` pattern that does not compile: at the pattern',
    load: ['regex-invalid.yaml'],
    file: 'regex-invalid.yaml',
    code: 'REGEX_INVALID',
    token: "'([a-z'",
    mentions: '"([a-z"',
  },
  {
    name: 'a `matches` pattern with flags it may not carry (g, y): at the pattern, naming them and the supported ones',
    load: ['regex-flags.yaml'],
    file: 'regex-flags.yaml',
    code: 'REGEX_FLAGS',
    token: "'/refused/gy'",
    mentions: 'flags g, y, which matches does not support (supported: i, m, s, u)',
  },
  {
    name: 'a `matches` pattern longer than 1,000 characters: at the pattern, with its length and the limit',
    load: ['regex-too-long.yaml'],
    file: 'regex-too-long.yaml',
    code: 'REGEX_TOO_LONG',
    token: "'refused|refused",
    mentions: 'is 1199 characters long; a pattern may have at most 1000',
  },
  {
    // The `when` list is level 1 and the first `not:` level 2, so the 32nd `not:` opens level 33, one too many.
    name: 'conditions nested 40 levels deep: at the first condition past the 32 allowed',
    load: ['nesting-too-deep-conditions.yaml'],
    file: 'nesting-too-deep-conditions.yaml',
    code: 'NESTING_TOO_DEEP',
    token: 'not:',
    occurrence: 32,
    mentions: 'nest more than 32 levels',
  },
  {
    // Five block levels (the file, `rules`, the rule, `when`, `all`), then a bracket per level: the 96th bracket,
    // the 48th `[`, opens level 101.
    name: 'a file nested 245 YAML levels deep: at the bracket that opens level 101, before the parser recurses',
    load: ['nesting-too-deep-yaml.yaml'],
    file: 'nesting-too-deep-yaml.yaml',
    code: 'NESTING_TOO_DEEP',
    token: '[',
    occurrence: 48,
    mentions: 'more than 100 levels deep',
  },
  {
    name: 'a rule without tests: at the rule (its map starts at `id:`)',
    load: ['no-tests.yaml'],
    file: 'no-tests.yaml',
    code: 'NO_TESTS',
    token: 'id: broken-no-tests',
    mentions: '"tests"',
  },
  {
    name: 'a test with no facts: at the empty facts',
    load: ['empty-test.yaml'],
    file: 'empty-test.yaml',
    code: 'EMPTY_TEST',
    token: '{}',
    mentions: 'noMatch',
  },
  {
    name: 'an override of a rule nobody defines: at the rule id',
    load: ['override-missing-target.yaml'],
    file: 'override-missing-target.yaml',
    code: 'OVERRIDE_TARGET_MISSING',
    token: 'no-such-rule',
    mentions: '"no-such-rule"',
  },
  {
    name: "a rule override with a cause override's addFixes: one problem, at addFixes' value",
    load: ['override-mixed-forms.yaml'],
    file: 'override-mixed-forms.yaml',
    code: 'SCHEMA',
    token: '- title: Ask the network team',
    mentions: '"addFixes"',
  },
  {
    name: "a condition with both all and any: one problem, at the second key's value",
    load: ['condition-all-and-any.yaml'],
    file: 'condition-all-and-any.yaml',
    code: 'SCHEMA',
    token: '- { fact: target.port, operator: equal, value: 1433 }',
    mentions: '"any"',
  },
  {
    name: 'a leaf condition without value: one problem, at the condition',
    load: ['condition-missing-value.yaml'],
    file: 'condition-missing-value.yaml',
    code: 'SCHEMA',
    token: '{ fact: target.port, operator: equal }',
    mentions: '"value"',
  },
  {
    name: 'a billion-laughs alias bomb: at the first alias',
    load: ['alias-bomb.yaml'],
    file: 'alias-bomb.yaml',
    code: 'YAML_ALIAS_BOMB',
    token: '*l0',
    mentions: 'alias',
  },
  {
    name: 'a notEqual without a presence guard: at the condition',
    load: ['negation-unguarded.yaml'],
    file: 'negation-unguarded.yaml',
    code: 'NEGATION_UNGUARDED',
    token: '{ fact: target.port, operator: notEqual, value: 1433 }',
    mentions: '"target.port"',
  },
  {
    name: 'an evidence template naming an untested fact: at the evidence line',
    load: ['template-fact.yaml'],
    file: 'template-fact.yaml',
    code: 'TEMPLATE_FACT',
    token: "'Refused on port {{target.port}}.'",
    mentions: '"target.port"',
  },
];

/** A code given as a string must match whole. */
const codePattern = (code: string | RegExp) => (typeof code === 'string' ? new RegExp(`^${code}$`) : code);

const BUILTIN_FILES = listRuleFiles(BUILTIN_RULES_DIR);

/** Problems of loading the built-in rules and then `paths`, as loadRulePack would (without throwing). */
const problemsLoading = (paths: readonly string[]): Problem[] => readRuleFiles([...BUILTIN_FILES, ...paths]).problems;

/** What a case expects, as the start of its formatted line: `file:line:col`. */
function expectedPlace(c: BrokenCase): { file: string; line: number; col: number } {
  return { file: displayName(fixture(c.file)), ...positionOf(fixtureText(c.file), c.token, c.occurrence) };
}

const cli = (args: string[]) => runCli(args, { env: { MSSQL_DOCTOR_RULES: '' } });

const GOOD_RULE = userRuleYaml({ id: 'team-good-refused-vpn' });

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mssql-doctor-broken-'));
}

describe('positionOf (the test helper the expectations rest on)', () => {
  it('counts lines and columns from 1, finds the n-th occurrence, and skips comment lines', () => {
    const text = '# a x\na: 1\nb: [x, y]\n  c: x\n';
    expect(positionOf(text, 'a')).toEqual({ line: 2, col: 1 });
    expect(positionOf(text, '[')).toEqual({ line: 3, col: 4 });
    expect(positionOf(text, 'x', 2)).toEqual({ line: 4, col: 6 });
    expect(() => positionOf(text, 'x', 3)).toThrow('fewer than 3');
  });
});

describe('each broken rule file gives its code at its token', () => {
  it('has a case for every fixture file, and a fixture for every case', () => {
    const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.yaml')).sort();
    expect([...new Set(CASES.flatMap((c) => c.load))].sort()).toEqual(files);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const problems = problemsLoading(c.load.map(fixture));
    const place = expectedPlace(c);
    // Exactly one problem: the mistake, not a dump of every schema branch, and nothing from the other file.
    expect(problems.map(formatProblem)).toHaveLength(1);
    const [problem] = problems as [Problem];
    expect({ file: problem.file, line: problem.line, col: problem.col }).toEqual(place);
    expect(problem.code).toMatch(codePattern(c.code));
    expect(problem.message).toContain(c.mentions);
    // One plain line, as `file:line:col CODE message`.
    expect(formatProblem(problem)).toMatch(new RegExp(`^${place.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${place.line}:${place.col} [A-Z_]+ \\S`));
    expect(formatProblem(problem)).not.toContain('\n');
  });

  it('names the form a misplaced override property belongs to', () => {
    const [problem] = problemsLoading([fixture('override-mixed-forms.yaml')]);
    expect(problem?.message).toMatch(/unknown property "addFixes" here .*belongs to another form: Extends a cause/);
  });

  it('refuses the alias bomb quickly, without expanding it or throwing', () => {
    const text = fixtureText('alias-bomb.yaml');
    const started = performance.now();
    const parsed = parseYamlSource('alias-bomb.yaml', text);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(parsed.source).toBeUndefined();
    expect(parsed.problems.map((p) => p.code)).toEqual(['YAML_ALIAS_BOMB']);
    expect(() => readRuleFiles([fixture('alias-bomb.yaml')])).not.toThrow();
  });

  it('accepts the unguarded negation once `exists: true` stands beside it in the same `all`', () => {
    const unguarded = fixtureText('negation-unguarded.yaml');
    const condition = '        - { fact: target.port, operator: notEqual, value: 1433 }\n';
    expect(unguarded).toContain(condition);
    const guarded = unguarded.replace(condition, `${condition}        - { fact: target.port, operator: exists, value: true }\n`);
    const path = join(tempDir(), 'negation-guarded.yaml');
    writeFileSync(path, guarded);
    expect(problemsLoading([path]).map(formatProblem)).toEqual([]);
  });

  it('makes loadRulePack throw every problem of the whole directory at once', () => {
    let thrown: unknown;
    try {
      loadRulePack([FIXTURES]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DoctorError);
    const problems = (thrown as DoctorError).problems;
    const expected = CASES.filter((c, i) => CASES.findIndex((o) => o.file === c.file) === i).map(expectedPlace);
    expect(problems.map((p) => ({ file: p.file, line: p.line, col: p.col }))).toEqual(expect.arrayContaining(expected));
    expect(problems).toHaveLength(expected.length);
  });
});

describe('nothing of a broken directory is half-loaded', () => {
  /** A user directory with one good rule file and one broken one (an unknown fact). */
  function mixedDir(): { dir: string; good: string; broken: string } {
    const dir = tempDir();
    const good = join(dir, 'a-good.yaml');
    const broken = join(dir, 'b-broken.yaml');
    writeFileSync(good, GOOD_RULE);
    copyFileSync(fixture('unknown-fact.yaml'), broken);
    return { dir, good, broken };
  }

  it('the good file alone loads (so it is the broken one that stops the directory)', () => {
    const { good } = mixedDir();
    expect(createDoctor({ rules: [good] }).pack.rules.map((r) => r.id)).toContain('team-good-refused-vpn');
  });

  it('createDoctor throws, naming only the broken file, and returns no doctor', () => {
    const { dir, broken } = mixedDir();
    let doctor: ReturnType<typeof createDoctor> | undefined;
    let thrown: unknown;
    try {
      doctor = createDoctor({ rules: [dir] });
    } catch (error) {
      thrown = error;
    }
    expect(doctor).toBeUndefined();
    expect(thrown).toBeInstanceOf(DoctorError);
    const error = thrown as DoctorError;
    expect(error.code).toBe('MSSQLDOCTOR_ERR_RULES_INVALID');
    const place = positionOf(fixtureText('unknown-fact.yaml'), 'error.famly');
    expect(error.problems.map((p) => ({ file: p.file, line: p.line, col: p.col, code: p.code }))).toEqual([
      { file: displayName(broken), ...place, code: 'UNKNOWN_FACT' },
    ]);
    // Nor does the good rule leak into a doctor made afterwards.
    expect(createDoctor().pack.rules.map((r) => r.id)).not.toContain('team-good-refused-vpn');
  });

  it('`diagnose --rules DIR` exits 1 with nothing on stdout and the problem on stderr', () => {
    const { dir, broken } = mixedDir();
    const place = positionOf(fixtureText('unknown-fact.yaml'), 'error.famly');
    const result = cli(['diagnose', '--rules', dir, 'Connection refused (os error 111)']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${place.line}:${place.col} UNKNOWN_FACT `));
    expect(result.stderr).not.toContain('a-good.yaml');
    expect(lines.at(-1)).toBe('mssql-doctor: 1 problem(s) in rule files');
  }, 60_000);
});

describe('rules validate', () => {
  it('prints every problem of the broken fixtures at once and exits 1', () => {
    const result = cli(['rules', 'validate', 'test/fixtures/broken-rules']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    const problemLines = lines.filter((line) => !line.startsWith('mssql-doctor: '));
    const expected = CASES.filter((c, i) => CASES.findIndex((o) => o.file === c.file) === i);
    for (const c of expected) {
      const place = expectedPlace(c);
      const line = problemLines.find((l) => l.startsWith(`${place.file}:${place.line}:${place.col} `));
      expect(line).toBeDefined();
      expect(line?.split(' ')[1]).toMatch(codePattern(c.code));
    }
    expect(problemLines).toHaveLength(expected.length);
    expect(lines.at(-1)).toBe(`mssql-doctor: ${expected.length} problem(s) in rule files`);
  }, 60_000);

  it('passes a valid user file with exit 0', () => {
    const path = join(tempDir(), 'team.yaml');
    writeFileSync(path, GOOD_RULE);
    const result = cli(['rules', 'validate', path]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok: \d+ files, /);
  }, 60_000);
});

describe('rule files that used to pass validation and then break every diagnosis', () => {
  /** A user rule file whose only rule's `when` ends with the condition lines given (indented for the `all` list). */
  function ruleWith(conditionLines: string[]): string {
    const path = join(tempDir(), 'team.yaml');
    const rule = userRuleYaml({ id: 'team-limits' });
    const anchor = '        - { fact: error.family, operator: equal, value: refused }\n';
    expect(rule).toContain(anchor);
    writeFileSync(path, rule.replace(anchor, `${anchor}${conditionLines.join('\n')}\n`));
    return path;
  }

  it('refuses a 100,000-character pattern at validation (V8 would find it too large on the first diagnosis)', () => {
    const pattern = 'a'.repeat(100_000);
    expect(() => new RegExp(pattern).test('')).toThrow(/too large/);
    const path = ruleWith([`        - { fact: error.message, operator: matches, value: '${pattern}' }`]);
    const place = positionOf(readFileSync(path, 'utf8'), `'${pattern.slice(0, 10)}`);
    for (const args of [['rules', 'validate', path], ['diagnose', '--rules', path, 'Connection refused (os error 111)']]) {
      const result = cli(args);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`${path}:${place.line}:${place.col} REGEX_TOO_LONG `);
      expect(result.stderr).toContain('is 100000 characters long; a pattern may have at most 1000');
      // The pattern is quoted, not echoed: every line stays short.
      expect(Math.max(...result.stderr.split('\n').map((line) => line.length))).toBeLessThan(400);
    }
  }, 60_000);

  it('refuses 1,100 levels of block nesting with a position, not a stack overflow', () => {
    const lines = ['        - all:'];
    for (let level = 1; level < 1_100; level++) lines.push(`${' '.repeat(8 + 2 * level)}- all:`);
    lines.push(`${' '.repeat(10 + 2 * 1_100)}- { fact: error.family, operator: equal, value: dns }`);
    const path = ruleWith(lines);
    const result = cli(['rules', 'validate', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/call stack|internal error/);
    expect(result.stderr).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ NESTING_TOO_DEEP the file nests more than 100 levels deep here`));
  }, 60_000);

  it('refuses conditions nested 33 levels deep, and accepts 32', () => {
    const chain = (levels: number) => {
      // The `when` list is level 1, the first `not:` level 2: levels − 1 `not:` reach the given depth.
      const lines = ['        - not:'];
      for (let level = 3; level <= levels; level++) lines.push(`${' '.repeat(8 + 2 * level)}not:`);
      lines.push(`${' '.repeat(10 + 2 * levels)}{ fact: error.family, operator: equal, value: dns }`);
      return lines;
    };
    expect(problemsLoading([ruleWith(chain(32))]).map(formatProblem)).toEqual([]);
    const problems = problemsLoading([ruleWith(chain(33))]);
    expect(problems.map((p) => p.code)).toEqual(['NESTING_TOO_DEEP']);
  });
});
