// `rules explain`: one rule against the facts of one input, condition by condition — the value each fact had
// and whether the condition held — evaluated with the engine's own operators.
import { engineOperator, rulesForFamily } from '../engine/evaluate.js';
import type { Condition, RuleDef } from '../schemas/rule-file.js';
import type { Family } from '../schemas/vocabulary.js';

export interface ConditionTrace {
  /** all / any / not, or a leaf's `fact operator value`. */
  label: string;
  held: boolean;
  /** For a leaf: the fact's value (and the compared fact's), as the engine saw them. */
  saw?: string;
  children: ConditionTrace[];
}

export interface RuleExplanation {
  rule: RuleDef;
  /** The family gate: the rule only runs for its families. */
  familyApplies: boolean;
  trace: ConditionTrace;
  fires: boolean;
}

const show = (value: unknown) => (value === undefined ? 'missing' : JSON.stringify(value));

function traceCondition(c: Condition, facts: Readonly<Record<string, unknown>>): ConditionTrace {
  if ('all' in c || 'any' in c) {
    const kind = 'all' in c ? 'all' : 'any';
    const children = ('all' in c ? c.all : c.any).map((child) => traceCondition(child, facts));
    const held = kind === 'all' ? children.every((t) => t.held) : children.some((t) => t.held);
    return { label: kind, held, children };
  }
  if ('not' in c) {
    const inner = traceCondition(c.not, facts);
    return { label: 'not', held: !inner.held, children: [inner] };
  }
  const other = (c.value as { fact?: unknown } | undefined)?.fact;
  const compared = typeof other === 'string' ? facts[other] : c.value;
  const value = facts[c.fact];
  const held = engineOperator(c.operator)(value, compared);
  const right = typeof other === 'string' ? `{ fact: ${other} }` : JSON.stringify(c.value);
  const saw = typeof other === 'string' ? `${c.fact} = ${show(value)}, ${other} = ${show(compared)}` : `${c.fact} = ${show(value)}`;
  return { label: `${c.fact} ${c.operator} ${right}`, held, saw, children: [] };
}

export function explainRule(rule: RuleDef, facts: Readonly<Record<string, unknown>>): RuleExplanation {
  const familyApplies = rulesForFamily([rule], facts['error.family'] as Family | undefined).length === 1;
  const trace = traceCondition(rule.when, facts);
  return { rule, familyApplies, trace, fires: familyApplies && trace.held };
}

/** The trace as indented lines: ✓ held, ✗ did not. */
export function formatTrace(trace: ConditionTrace, depth = 0): string[] {
  const line = `${'  '.repeat(depth)}${trace.held ? '✓' : '✗'} ${trace.label}${trace.saw ? `   (saw ${trace.saw})` : ''}`;
  return [line, ...trace.children.flatMap((child) => formatTrace(child, depth + 1))];
}
