// Fired rules → causes with combined certainty, evidence lines and fixes, strongest first.
import type { RulePack } from '../rules/rule-pack.js';
import { renderTemplate, type TemplateContext } from '../rules/templates.js';
import type { CauseResult } from '../schemas/diagnosis.js';
import type { RuleDef } from '../schemas/rule-file.js';
import { combineAll } from './certainty.js';

const round = (x: number) => Math.round(x * 1000) / 1000;

export function rankCauses(pack: RulePack, firedIds: readonly string[], context: TemplateContext): CauseResult[] {
  const byId = new Map(pack.rules.map((rule) => [rule.id, rule]));
  const support = new Map<string, RuleDef[]>();
  for (const id of firedIds) {
    const rule = byId.get(id);
    if (!rule) continue;
    support.set(rule.cause, [...(support.get(rule.cause) ?? []), rule]);
  }

  const ranked: Array<CauseResult & { strongest: number }> = [];
  for (const [causeId, rules] of support) {
    const cause = pack.causes.get(causeId);
    if (!cause) continue;
    const confidence = combineAll(rules.map((r) => r.certainty));
    if (confidence <= 0) continue;
    const ordered = [...rules].sort((a, b) => b.certainty - a.certainty || a.id.localeCompare(b.id));
    ranked.push({
      id: cause.id,
      title: cause.title,
      summary: cause.summary,
      confidence: round(confidence),
      evidence: ordered.flatMap((rule) =>
        rule.evidence.map((t) => `${rule.certainty < 0 ? 'Against: ' : ''}${renderTemplate(t, context)}`),
      ),
      fixes: cause.fixes,
      rules: ordered.map((r) => r.id),
      references: cause.references,
      strongest: Math.max(...rules.map((r) => r.certainty)),
    });
  }
  // Ties: the cause with the strongest single piece of support first, then by id, so output is stable.
  ranked.sort((a, b) => b.confidence - a.confidence || b.strongest - a.strongest || a.id.localeCompare(b.id));
  return ranked.map(({ strongest: _strongest, ...cause }) => cause);
}
