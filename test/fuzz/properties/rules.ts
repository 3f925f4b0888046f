// Fuzz properties of the rule files: a team's YAML (the built-in files and the broken-rules fixtures, renamed and
// mutated, rule files built from the format's grammar with wrong values, random YAML) loaded after the built-in
// rules. Loading either refuses the files with a RULES_INVALID DoctorError whose every problem is a
// `file:line:col CODE message` of the documented codes, or gives a pack that diagnoses any paste and whose embedded
// tests run (issue 13: a pattern passed validation and then broke every diagnosis).
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { doctorWithPack } from '../../../src/doctor.js';
import { once } from '../../../src/lazy.js';
import { PROBLEM_CODES } from '../../../src/rules/problem-codes.js';
import { loadRulePack } from '../../../src/rules/rule-pack.js';
import { runRuleTests } from '../../../src/rules/rule-tests.js';
import { FACT_NAMES } from '../../../src/schemas/facts.js';
import { OPERATORS } from '../../../src/schemas/rule-file.js';
import { FAMILIES } from '../../../src/schemas/vocabulary.js';
import { errorPaste, junk, mutated, randomText } from '../arbitraries.js';
import { expectDoctorError, expectValidDiagnosis, fail } from '../oracles.js';
import { asyncProperty, type FuzzProperty } from '../property.js';
import { scratchFile } from '../scratch.js';

const RULE_FILES = new URL('../../../rules/', import.meta.url);
const BROKEN_RULES = new URL('../../fixtures/broken-rules/', import.meta.url);

const yamlFilesIn = (dir: URL) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => readFileSync(new URL(name, dir), 'utf8'));

/** The built-in files with every id renamed (they would clash with the built-in rules loaded first), and the broken ones. */
const realRuleFiles = once(() => [...yamlFilesIn(RULE_FILES).map((text) => text.replace(/(\bid:\s*)([a-z])/g, '$1fuzz-$2')), ...yamlFilesIn(BROKEN_RULES)]);

/** A `matches` pattern: plain or in /text/flags form, with nested quantifiers now and then. */
const pattern = fc
  .tuple(
    fc.array(fc.constantFrom('refused', '\\d+', '(a+)+', '[^\\]]*', '.*', '\\s*', '(?:x|xx)*', '\\b', '(', ')', '[', '\\', '{2,}', '?', 'Ä', '\\p{L}'), { maxLength: 8 }),
    fc.option(fc.constantFrom('', 'i', 'gy', 'imsu', 'x', 'ii'), { nil: undefined }),
  )
  .map(([parts, flags]) => (flags === undefined ? parts.join('') : `/${parts.join('')}/${flags}`));

/** A condition of the format's grammar, nested up to `depth`, with wrong values and names now and then. */
const condition: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      fact: fc.oneof(fc.constantFrom(...FACT_NAMES), fc.string({ maxLength: 12 })),
      operator: fc.oneof(fc.constantFrom(...OPERATORS), fc.string({ maxLength: 8 })),
      value: fc.oneof(pattern, fc.constantFrom(...FAMILIES), fc.integer(), fc.boolean(), fc.array(fc.constantFrom(...FAMILIES), { maxLength: 3 }), junk),
    }),
    fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;

const testCase = fc.record({ facts: fc.dictionary(fc.constantFrom(...FACT_NAMES), fc.oneof(fc.constantFrom(...FAMILIES), fc.integer(), fc.boolean(), fc.string({ maxLength: 12 })), { maxKeys: 3 }) });

/** A rule file as a team writes one, with any field of the wrong type or out of range now and then. */
const grammarRuleFile = fc
  .record(
    {
      rules: fc.array(
        fc.record(
          {
            id: fc.oneof(fc.constantFrom('fuzz-a', 'fuzz-b', 'port-from-alias'), fc.string({ maxLength: 10 })),
            cause: fc.oneof(fc.constantFrom('port_mismatch', 'firewall_blocking', 'fuzz-missing'), junk),
            certainty: fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), junk),
            families: fc.oneof(fc.array(fc.constantFrom(...FAMILIES), { maxLength: 2 }), junk),
            when: fc.oneof(fc.record({ all: fc.array(condition, { maxLength: 3 }) }), condition),
            evidence: fc.array(fc.oneof(fc.constantFrom('port {{target.port}}', '{{error.family|or:none}}', '{{nope}}', '{{'), fc.string({ maxLength: 20 })), { maxLength: 2 }),
            tests: fc.record({ match: fc.array(testCase, { maxLength: 2 }), noMatch: fc.array(testCase, { maxLength: 2 }) }, { requiredKeys: [] }),
            replaces: fc.array(fc.constantFrom('refused-port-mismatch', 'fuzz-a'), { maxLength: 1 }),
          },
          { requiredKeys: ['id', 'cause', 'when'] },
        ),
        { maxLength: 3 },
      ),
      overrides: fc.array(fc.record({ rule: fc.constantFrom('refused-port-mismatch', 'fuzz-a', 'nope'), certainty: fc.double({ min: -2, max: 2 }), disabled: fc.boolean() }, { requiredKeys: ['rule'] }), { maxLength: 2 }),
    },
    { requiredKeys: ['rules'] },
  )
  .map((file) => stringify(file, { aliasDuplicateObjects: false }));

/** A value as YAML (stringify() gives undefined for undefined), or as fast-check prints it when YAML cannot hold it. */
function yamlOf(value: unknown): string {
  try {
    return stringify(value) ?? '';
  } catch {
    return fc.stringify(value);
  }
}

/** Any rule file text: real ones as they are or mutated, grammar-built ones, YAML of any value, random text. */
const ruleFileText = once(() =>
  fc.oneof(
    { weight: 3, arbitrary: mutated(fc.constantFrom(...realRuleFiles())) },
    { weight: 1, arbitrary: fc.constantFrom(...realRuleFiles()) },
    { weight: 3, arbitrary: grammarRuleFile },
    { weight: 1, arbitrary: junk.map(yamlOf) },
    { weight: 1, arbitrary: randomText(200) },
  ),
);


/** Every problem is a place in the file it names with a documented code and a one-line message. */
function expectProblems(problems: ReadonlyArray<{ file: string; line: number; col: number; code: string; message: string }>, file: string): void {
  if (problems.length === 0) fail('RULES_INVALID without any problem');
  for (const p of problems) {
    if (p.file !== file && !p.file.endsWith('fuzz-rules.yaml')) fail('a problem in a file that was not loaded', p);
    if (!Number.isInteger(p.line) || p.line < 1 || !Number.isInteger(p.col) || p.col < 1) fail('a problem without its line and column', p);
    // YAML_…: the parser's own error codes (YAML_BAD_INDENT, YAML_KEY_OVER_1024_CHARS), documented as a family.
    if (!(/^YAML_[A-Z0-9_]+$/.test(p.code) || Object.hasOwn(PROBLEM_CODES, p.code))) fail('a problem code that is not documented', p);
    if (!p.message.trim() || /[\r\n]/.test(p.message)) fail('a problem message that is not one line', p);
  }
}

export const RULES_PROPERTIES: FuzzProperty[] = [
  asyncProperty('rules/yaml-files', 10, () => fc.tuple(ruleFileText(), errorPaste()), async ([text, paste]) => {
    const file = scratchFile('fuzz-rules.yaml', text);
    let pack;
    try {
      pack = loadRulePack([file]);
    } catch (error) {
      expectDoctorError(error);
      const { code, problems } = error as { code: string; problems: Parameters<typeof expectProblems>[0] };
      if (code !== 'MSSQLDOCTOR_ERR_RULES_INVALID') fail('a rule file refused with another code than RULES_INVALID', code);
      expectProblems(problems, file);
      return;
    }
    expectValidDiagnosis(await doctorWithPack(pack).diagnose(paste));
    const report = await runRuleTests(pack, { include: (origin) => origin.file.endsWith('fuzz-rules.yaml') });
    if (!Array.isArray(report.results) || !Array.isArray(report.failures)) fail('rule tests gave no report', report);
  }),
];
