// Checks the schema cannot express: ids unique across files, causes that exist, templates naming facts
// the rule reads, test facts from the vocabulary, negative tests that say what a missing fact means,
// safe `matches` patterns, tests that assert something, overrides that reach something.
import type { Problem } from '../errors.js';
import { isFactName } from '../schemas/facts.js';
import { MAX_CONDITION_DEPTH, type Condition, type Override, type RuleDef } from '../schemas/rule-file.js';
import { conditionFacts } from './compile.js';
import { didYouMean } from './nearest.js';
import { unguardedNegations } from './negation-guard.js';
import { overrideChanges } from './overrides.js';
import type { ProblemCode } from './problem-codes.js';
import { checkPattern } from './regex-check.js';
import { requiredTemplateFacts } from './templates.js';
import type { LoadedRuleFile } from './rule-pack.js';

type Report = (file: LoadedRuleFile, path: Array<string | number>, code: ProblemCode, message: string) => void;

/** Every `matches` leaf of a condition tree, with its path. */
export function patternLeaves(c: Condition, path: Array<string | number>): Array<{ value: unknown; path: Array<string | number> }> {
  if ('all' in c) return c.all.flatMap((child, i) => patternLeaves(child, [...path, 'all', i]));
  if ('any' in c) return c.any.flatMap((child, i) => patternLeaves(child, [...path, 'any', i]));
  if ('not' in c) return patternLeaves(c.not, [...path, 'not']);
  return c.operator === 'matches' ? [{ value: c.value, path: [...path, 'value'] }] : [];
}

/**
 * The path of the first condition nested deeper than MAX_CONDITION_DEPTH (the top-level list is level 1), found
 * without recursion: the checks below recurse, and so does the engine.
 */
function tooDeepCondition(when: Condition, path: Array<string | number>): Array<string | number> | undefined {
  const pending: Array<{ c: Condition; path: Array<string | number>; depth: number }> = [{ c: when, path, depth: 1 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { c, path: at, depth } = item;
    if ('fact' in c) continue;
    if (depth > MAX_CONDITION_DEPTH) return at;
    if ('not' in c) pending.push({ c: c.not, path: [...at, 'not'], depth: depth + 1 });
    else {
      const [key, list] = 'all' in c ? (['all', c.all] as const) : (['any', c.any] as const);
      list.forEach((child, i) => pending.push({ c: child, path: [...at, key, i], depth: depth + 1 }));
    }
  }
  return undefined;
}

function checkConditions(file: LoadedRuleFile, rule: RuleDef, index: number, report: Report): void {
  const when = ['rules', index, 'when'];
  const deep = tooDeepCondition(rule.when, when);
  if (deep) {
    report(file, deep, 'NESTING_TOO_DEEP', `conditions of rule "${rule.id}" nest more than ${MAX_CONDITION_DEPTH} levels of all/any/not deep here; flatten them`);
    return;
  }
  for (const n of unguardedNegations(rule.when, when)) {
    report(file, n.path, 'NEGATION_UNGUARDED', `${n.what} on "${n.fact}" in rule "${rule.id}": say what a missing ${n.fact} means — add { fact: ${n.fact}, operator: exists, value: true } beside it in an "all", or { fact: ${n.fact}, operator: exists, value: false } beside it in an "any"`);
  }
  for (const leaf of patternLeaves(rule.when, when)) {
    if (typeof leaf.value !== 'string') {
      report(file, leaf.path, 'REGEX_INVALID', `"matches" needs a pattern string ("text" or "/text/flags") in rule "${rule.id}"`);
      continue;
    }
    const verdict = checkPattern(leaf.value);
    if (!verdict.ok) report(file, leaf.path, verdict.code, `${verdict.message} (rule "${rule.id}")`);
  }
}

function checkTests(file: LoadedRuleFile, rule: RuleDef, index: number, report: Report): void {
  for (const kind of ['match', 'noMatch'] as const) {
    rule.tests[kind].forEach((test, t) => {
      const at = ['rules', index, 'tests', kind, t];
      if (Object.keys(test.facts).length === 0) report(file, [...at, 'facts'], 'EMPTY_TEST', `a ${kind} test of rule "${rule.id}" gives no facts, so it asserts nothing about the rule`);
      for (const name of Object.keys(test.facts)) {
        if (!isFactName(name)) report(file, [...at, 'facts', name], 'UNKNOWN_FACT', `test names unknown fact "${name}"`);
      }
    });
  }
}

/** Ids defined twice (also as a replaced id) across all files, in load order. */
function checkIds(files: readonly LoadedRuleFile[], report: Report): void {
  const firstSeen = new Map<string, string>();
  const claim = (file: LoadedRuleFile, key: string, path: Array<string | number>, message: string) => {
    const earlier = firstSeen.get(key);
    if (earlier) report(file, path, 'DUPLICATE_ID', `${message} is already defined at ${earlier}`);
    else firstSeen.set(key, `${file.source.file}:${file.source.locate(path).line}`);
  };
  for (const file of files) {
    for (const kind of ['causes', 'checks', 'rules'] as const) {
      (file.content[kind] ?? []).forEach((item, index) => claim(file, `${kind === 'rules' ? 'rule' : kind}:${item.id}`, [kind, index, 'id'], `${kind.slice(0, -1)} id "${item.id}"`));
    }
  }
  // A replaced id names the rule that replaces it, so it may not stay a live id or be replaced twice.
  for (const file of files) {
    (file.content.rules ?? []).forEach((rule, index) =>
      (rule.replaces ?? []).forEach((old, r) => claim(file, `rule:${old}`, ['rules', index, 'replaces', r], `rule id "${old}" (replaced by "${rule.id}")`)),
    );
  }
}

function checkOverrides(files: readonly LoadedRuleFile[], ruleIds: ReadonlySet<string>, causeIds: ReadonlySet<string>, report: Report): void {
  for (const file of files) {
    (file.content.overrides ?? []).forEach((override: Override, index) => {
      const at = ['overrides', index];
      const [kind, id, known] = 'rule' in override ? (['rule', override.rule, ruleIds] as const) : (['cause', override.cause, causeIds] as const);
      if (!known.has(id)) report(file, [...at, kind], 'OVERRIDE_TARGET_MISSING', `override of ${kind} "${id}" matches no loaded ${kind}${didYouMean(id, known)}`);
      if (overrideChanges(override).length === 0) report(file, at, 'EMPTY_OVERRIDE', `override of ${kind} "${id}" changes nothing`);
    });
  }
}

export function checkSemantics(files: readonly LoadedRuleFile[]): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (file, path, code, message) => problems.push({ file: file.source.file, ...file.source.locate(path), code, message });

  checkIds(files, report);
  const causeIds = new Set(files.flatMap((f) => (f.content.causes ?? []).map((c) => c.id)));
  const ruleIds = new Set(files.flatMap((f) => (f.content.rules ?? []).flatMap((r) => [r.id, ...(r.replaces ?? [])])));

  for (const file of files) {
    ((file.content.rules ?? []) as RuleDef[]).forEach((rule, index) => {
      if (!causeIds.has(rule.cause)) report(file, ['rules', index, 'cause'], 'UNKNOWN_CAUSE', `rule "${rule.id}" supports unknown cause "${rule.cause}"`);
      const read = new Set(conditionFacts(rule.when));
      rule.evidence.forEach((template, e) => {
        for (const name of requiredTemplateFacts(template)) {
          if (!read.has(name)) {
            report(file, ['rules', index, 'evidence', e], 'TEMPLATE_FACT', `evidence names fact "${name}" that rule "${rule.id}" does not test (test it, or give a fallback: {{${name}|or:…}})`);
          }
        }
      });
      checkConditions(file, rule, index, report);
      checkTests(file, rule, index, report);
    });
    (file.content.checks ?? []).forEach((check, index) => {
      check.tells.forEach((id, t) => {
        if (!causeIds.has(id)) report(file, ['checks', index, 'tells', t], 'UNKNOWN_CAUSE', `check "${check.id}" tells apart unknown cause "${id}"`);
      });
    });
    (file.content.examples ?? []).forEach((example, index) => {
      example.expect.causes.forEach((id, c) => {
        if (!causeIds.has(id)) report(file, ['examples', index, 'expect', 'causes', c], 'UNKNOWN_CAUSE', `example expects unknown cause "${id}"`);
      });
    });
  }
  checkOverrides(files, ruleIds, causeIds, report);
  return problems;
}
