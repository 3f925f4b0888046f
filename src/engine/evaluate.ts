// Runs the compiled rules over a fact set with json-rules-engine and returns the ids of the rules that fired.
import { Engine } from 'json-rules-engine';
import { compileRule, SUPPORT_EVENT } from '../rules/compile.js';
import { NULL_SAFE_OPERATORS } from '../rules/operators.js';
import { requiredFacts } from './required-facts.js';
import type { RuleDef } from '../schemas/rule-file.js';
import type { Family } from '../schemas/vocabulary.js';

/** Rules worth evaluating for a family: those that name it, and those that name none. */
export function rulesForFamily(rules: readonly RuleDef[], family: Family | undefined): RuleDef[] {
  return rules.filter((rule) => !rule.families || family === undefined || rule.families.includes(family));
}

/**
 * A fresh engine per evaluation: engines keep per-run state, and overlapping run() calls on one engine
 * lose results (json-rules-engine issue #303). Building one from compiled properties is cheap.
 */
export function newEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const operator of NULL_SAFE_OPERATORS) engine.addOperator(operator);
  return engine;
}

type OperatorMap = { get(name: string): { evaluate(a: unknown, b: unknown): boolean } | undefined };
let operatorMap: OperatorMap | undefined;

/** An operator exactly as the engine applies it (json-rules-engine's own, or ours from operators.ts). */
export function engineOperator(name: string): (factValue: unknown, value: unknown) => boolean {
  // The operator map is not in json-rules-engine's type declarations, but it is what Engine#run uses;
  // operators are stateless, so one engine's map serves every call.
  operatorMap ??= (newEngine() as unknown as { operators: OperatorMap }).operators;
  const operator = operatorMap.get(name);
  if (!operator) throw new Error(`unknown operator ${name}`);
  return (factValue, value) => operator.evaluate(factValue, value);
}

export async function firedRules(rules: readonly RuleDef[], facts: Readonly<Record<string, unknown>>): Promise<string[]> {
  const engine = newEngine();
  const definedFacts = Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined));
  // A rule missing a fact it cannot fire without would only cost the engine's time (src/engine/required-facts.ts).
  const possible = rules.filter((rule) => requiredFacts(rule).every((fact) => definedFacts[fact] !== undefined));
  if (possible.length === 0) return [];
  for (const rule of possible) engine.addRule(compileRule(rule));
  const { events } = await engine.run(definedFacts);
  return events.filter((e) => e.type === SUPPORT_EVENT).map((e) => String(e.params?.rule));
}
