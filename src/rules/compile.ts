// A YAML rule → json-rules-engine rule properties. The event carries only the rule id: results stay small
// and everything else is looked up in the rule pack.
import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';
import type { Condition, RuleDef } from '../schemas/rule-file.js';

export const SUPPORT_EVENT = 'support';

/** Fact names a rule's conditions read (both sides of a fact-to-fact comparison). */
export function conditionFacts(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFacts);
  if ('any' in condition) return condition.any.flatMap(conditionFacts);
  if ('not' in condition) return conditionFacts(condition.not);
  const other = condition.value as { fact?: unknown } | undefined;
  return typeof other?.fact === 'string' ? [condition.fact, other.fact] : [condition.fact];
}

export function compileRule(rule: RuleDef): RuleProperties {
  return {
    name: rule.id,
    conditions: rule.when as TopLevelCondition,
    event: { type: SUPPORT_EVENT, params: { rule: rule.id } },
  };
}
