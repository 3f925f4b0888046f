// Every code a rule-file problem can carry, with what it means: the reference (docs/rule-format.md) and the
// checks use this one list.
import { MAX_CONDITION_DEPTH, MAX_PATTERN_LENGTH, PATTERN_FLAGS } from '../schemas/rule-file.js';
import { MAX_YAML_DEPTH } from './yaml-depth.js';

export const PROBLEM_CODES = {
  UNREADABLE: 'The file could not be read.',
  YAML_ERROR: 'The file is not valid YAML (the code names the parser\'s error, e.g. YAML_BAD_INDENT, YAML_MISSING_CHAR, YAML_DUPLICATE_KEY).',
  YAML_ALIAS_BOMB: 'Anchors and aliases would expand to more than 100 copies ("billion laughs"); nothing of the file is used.',
  NESTING_TOO_DEEP: `Conditions nest deeper than ${MAX_CONDITION_DEPTH} levels of \`all\`/\`any\`/\`not\` (the rule's \`when\` list is level 1), or the file nests deeper than ${MAX_YAML_DEPTH} YAML levels (then nothing of the file is used).`,
  SCHEMA: 'A value does not fit the rule format: a wrong type, a missing or unknown property, a number out of range.',
  UNKNOWN_FACT: 'A condition, test or check names a fact that is not in the vocabulary (docs/facts.md).',
  UNKNOWN_OPERATOR: 'A condition uses an operator that does not exist.',
  UNKNOWN_CAUSE: 'A rule, check or example names a cause no loaded file defines.',
  DUPLICATE_ID: 'A cause, check or rule id (or an id a rule replaces) is defined twice across the loaded files.',
  TEMPLATE_FACT: 'An evidence line names a fact the rule does not test, without an {{fact|or:…}} fallback.',
  NEGATION_UNGUARDED: 'A negative test (notEqual, notIn, doesNotContain, not) on a fact that may be missing, without saying what a missing value means.',
  REGEX_INVALID: 'A `matches` pattern is not a string or does not compile (also when it compiles but is too large for the regex engine to run).',
  REGEX_TOO_LONG: `A \`matches\` value is longer than ${MAX_PATTERN_LENGTH.toLocaleString('en-US')} characters.`,
  REGEX_FLAGS: `A \`matches\` value in \`/text/flags\` form carries a flag other than ${PATTERN_FLAGS.join(', ')} (\`g\` and \`y\` would make each test start where the last one stopped).`,
  REGEX_REDOS: 'A `matches` pattern can backtrack catastrophically on hostile text (checked with recheck).',
  REGEX_UNCHECKED: 'A `matches` pattern could not be proven safe in time; simplify it.',
  NO_TESTS: 'A rule has no tests, or lacks its match or noMatch cases.',
  EMPTY_TEST: 'A test case gives no facts, so it asserts nothing about the rule.',
  OVERRIDE_TARGET_MISSING: 'An override names a rule or cause that no loaded file defines.',
  EMPTY_OVERRIDE: 'An override changes nothing.',
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;
