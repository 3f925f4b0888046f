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

export function applyOverrides(defs: Definitions, files: readonly LoadedRuleFile[]) {
  const causes = new Map(defs.causes);
  const rules = new Map(defs.rules.map((rule) => [rule.id, rule]));
  const disabled = new Set<string>();
  const applied: AppliedOverride[] = [];
  for (const { source, content } of files) {
    (content.overrides ?? []).forEach((override: Override, index) => {
      const origin = { file: source.file, line: source.locate(['overrides', index]).line };
      const changes = Object.keys(override).filter((key) => !['rule', 'cause', 'reason'].includes(key));
      if ('rule' in override) {
        const id = defs.replaced.get(override.rule) ?? override.rule;
        const rule = rules.get(id);
        if (!rule) return;
        if (override.disabled === true) disabled.add(id);
        if (override.disabled === false) disabled.delete(id);
        rules.set(id, {
          ...rule,
          ...(override.certainty !== undefined ? { certainty: override.certainty } : {}),
          ...(override.status !== undefined ? { status: override.status } : {}),
        });
        applied.push({ target: { kind: 'rule', id }, changes, ...(override.reason ? { reason: override.reason } : {}), origin });
      } else {
        const cause = causes.get(override.cause);
        if (!cause) return;
        causes.set(override.cause, {
          ...cause,
          fixes: [...cause.fixes, ...(override.addFixes ?? [])],
          references: [...cause.references, ...(override.addReferences ?? [])],
        });
        applied.push({ target: { kind: 'cause', id: override.cause }, changes, ...(override.reason ? { reason: override.reason } : {}), origin });
      }
    });
  }
  return { causes, rules: defs.rules.map((rule) => rules.get(rule.id) as RuleDef), disabled, applied };
}
