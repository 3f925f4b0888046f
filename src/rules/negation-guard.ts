// The undefined-fact pitfall: a negative test ("is not 28", `not: …`) on a fact nobody supplied. Plain
// json-rules-engine lets it pass; ours make negative operators false on a missing fact (operators.ts), so
// either way the rule quietly does something its author did not decide. A rule must say what a missing
// value means: a positive test or `exists: true` beside it in an `all`, or `exists: false` beside it in an
// `any`.
import type { Condition } from '../schemas/rule-file.js';
import { NEGATIVE_OPERATORS } from '../schemas/rule-file.js';
import { conditionFacts } from './compile.js';

/** Facts every diagnosis has (normalize always classifies the paste). */
const ALWAYS_PRESENT: ReadonlySet<string> = new Set(['error.family']);

export interface UnguardedNegation {
  path: Array<string | number>;
  fact: string;
  what: string;
}

type Leaf = Extract<Condition, { fact: string }>;
const isLeaf = (c: Condition): c is Leaf => 'fact' in c;

/** A leaf that can only hold when its fact is present. */
function impliesPresence(c: Condition): string | undefined {
  if (!isLeaf(c)) return undefined;
  if (c.operator === 'exists') return c.value === false ? undefined : c.fact;
  return NEGATIVE_OPERATORS.has(c.operator) ? undefined : c.fact;
}

const isAbsenceTest = (c: Condition, fact: string) => isLeaf(c) && c.fact === fact && c.operator === 'exists' && c.value === false;

interface Scope {
  present: ReadonlySet<string>;
  /** Facts whose absence an enclosing `any` already handles with `exists: false`. */
  absenceHandled: ReadonlySet<string>;
}

export function unguardedNegations(when: Condition, basePath: Array<string | number>): UnguardedNegation[] {
  const found: UnguardedNegation[] = [];
  const visit = (c: Condition, path: Array<string | number>, scope: Scope) => {
    const guarded = (fact: string) => ALWAYS_PRESENT.has(fact) || scope.present.has(fact) || scope.absenceHandled.has(fact);
    if (isLeaf(c)) {
      if (NEGATIVE_OPERATORS.has(c.operator) && !guarded(c.fact)) found.push({ path, fact: c.fact, what: `"${c.operator}"` });
      return;
    }
    if ('not' in c) {
      for (const fact of new Set(conditionFacts(c.not))) if (!guarded(fact)) found.push({ path: [...path, 'not'], fact, what: '"not"' });
      return;
    }
    const kind = 'all' in c ? 'all' : 'any';
    const children = 'all' in c ? c.all : c.any;
    children.forEach((child, index) => {
      const others = children.filter((_, i) => i !== index);
      const inner: Scope =
        kind === 'all'
          ? { present: new Set([...scope.present, ...others.map(impliesPresence).filter((f): f is string => f !== undefined)]), absenceHandled: scope.absenceHandled }
          : {
              present: scope.present,
              absenceHandled: new Set([...scope.absenceHandled, ...conditionFacts(child).filter((fact) => others.some((o) => isAbsenceTest(o, fact)))]),
            };
      visit(child, [...path, kind, index], inner);
    });
  };
  visit(when, basePath, { present: new Set(), absenceHandled: new Set() });
  return found;
}
