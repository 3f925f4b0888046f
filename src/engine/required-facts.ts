// The facts without which a rule cannot fire, read from its conditions: those of the conditions it needs through
// `all` alone. A missing fact fails every such condition (our negative operators are null-safe, json-rules-engine's
// positive ones compare with a missing value and fail), so the rule need not be handed to the engine at all; most
// rules need an evidence fact a paste rarely brings, and json-rules-engine's per-rule cost (it clones each rule's
// conditions into its result) is most of a diagnosis's.
import type { Condition, RuleDef } from '../schemas/rule-file.js';

/** A leaf condition that is false whenever its fact is missing: not `exists: false`, not a comparison of two facts. */
function failsWithoutFact(condition: Extract<Condition, { fact: string }>): boolean {
  const { operator, value } = condition;
  if (operator === 'exists') return value !== false;
  if (value === undefined || value === null) return false;
  if (Array.isArray(value) && value.some((v) => v === undefined || v === null)) return false;
  return !(typeof value === 'object' && !Array.isArray(value) && 'fact' in value);
}

function collect(condition: Condition, into: Set<string>): void {
  if ('all' in condition) for (const c of condition.all) collect(c, into);
  else if ('fact' in condition && failsWithoutFact(condition)) into.add(condition.fact);
  // `any` and `not` need no particular fact.
}

const cache = new WeakMap<RuleDef, readonly string[]>();

/** The facts a rule's conditions cannot hold without (none for a rule whose top level is `any`). */
export function requiredFacts(rule: RuleDef): readonly string[] {
  let facts = cache.get(rule);
  if (!facts) {
    const into = new Set<string>();
    collect(rule.when as Condition, into);
    cache.set(rule, (facts = [...into]));
  }
  return facts;
}
