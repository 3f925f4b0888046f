// `overrides:` in rule files: change a rule (disabled, certainty, status) or extend a cause (addFixes,
// addReferences) defined in any file, by id or by an id a rule replaces. Validation has already made sure
// every override reaches something; here they apply, in load order, the later winning on a field.
import type { CauseDef, Override, RuleDef } from '../schemas/rule-file.js';
import type { LoadedRuleFile, Origin } from './rule-pack.js';

export interface AppliedOverride {
  target: { kind: 'rule' | 'cause'; id: string };
  changes: string[];
  reason?: string;
  origin: Origin;
}

interface Definitions {
  causes: ReadonlyMap<string, CauseDef>;
  rules: readonly RuleDef[];
  replaced: ReadonlyMap<string, string>;
}

/** The fields an override changes: everything but its target and its reason. */
export function overrideChanges(override: Override): string[] {
  return Object.keys(override).filter((key) => !['rule', 'cause', 'reason'].includes(key));
}

export function applyOverrides(defs: Definitions, files: readonly LoadedRuleFile[]) {
  const causes = new Map(defs.causes);
  const rules = new Map(defs.rules.map((rule) => [rule.id, rule]));
  const disabled = new Set<string>();
  const applied: AppliedOverride[] = [];
  /** Applies one override; returns what it reached (validation made sure it reaches something). */
  const apply = (override: Override): AppliedOverride['target'] | undefined => {
    if ('rule' in override) {
      const id = defs.replaced.get(override.rule) ?? override.rule;
      const rule = rules.get(id);
      if (!rule) return undefined;
      if (override.disabled === true) disabled.add(id);
      if (override.disabled === false) disabled.delete(id);
      rules.set(id, {
        ...rule,
        ...(override.certainty !== undefined ? { certainty: override.certainty } : {}),
        ...(override.status !== undefined ? { status: override.status } : {}),
      });
      return { kind: 'rule', id };
    }
    const cause = causes.get(override.cause);
    if (!cause) return undefined;
    causes.set(override.cause, {
      ...cause,
      fixes: [...cause.fixes, ...(override.addFixes ?? [])],
      references: [...cause.references, ...(override.addReferences ?? [])],
    });
    return { kind: 'cause', id: override.cause };
  };
  for (const { source, content } of files) {
    (content.overrides ?? []).forEach((override: Override, index) => {
      const target = apply(override);
      if (!target) return;
      const origin = { file: source.file, line: source.locate(['overrides', index]).line };
      applied.push({ target, changes: overrideChanges(override), ...(override.reason ? { reason: override.reason } : {}), origin });
    });
  }
  return { causes, rules: defs.rules.map((rule) => rules.get(rule.id) as RuleDef), disabled, applied };
}
