// The checks worth running next: not yet supplied, and telling apart the causes still in the running.
import type { RulePack } from '../rules/rule-pack.js';
import { renderTemplate, type TemplateContext } from '../rules/templates.js';
import type { CauseResult, NextCheck } from '../schemas/diagnosis.js';

export interface NextCheckOptions {
  /** How many of the leading causes count as still open. */
  openCauses?: number;
  /** How many checks to suggest at most. */
  limit?: number;
}

export function nextChecks(
  pack: RulePack,
  causes: readonly CauseResult[],
  context: TemplateContext,
  { openCauses = 5, limit = 5 }: NextCheckOptions = {},
): NextCheck[] {
  const open = new Map(causes.slice(0, openCauses).map((c) => [c.id, c.confidence]));
  const scored: Array<{ check: NextCheck; score: number }> = [];
  for (const check of pack.checks.values()) {
    if (check.suppliedBy.some((fact) => context.facts[fact] !== undefined)) continue;
    const tells = check.tells.filter((id) => open.has(id));
    if (tells.length === 0) continue;
    // A check that separates several open causes is worth more than one that only confirms one.
    const weight = tells.reduce((sum, id) => sum + (open.get(id) ?? 0), 0);
    // …and a quick command is worth more than a capture that needs a tool and a reproduction.
    const score = (weight * (tells.length > 1 ? 1.5 : 1)) / (check.effort ?? 1);
    scored.push({
      score,
      check: {
        id: check.id,
        title: renderTemplate(check.title, context),
        kind: check.kind,
        where: check.where,
        why: renderTemplate(check.why, context),
        commands: check.commands.map((c) => ({ platform: c.platform, run: renderTemplate(c.run, context) })),
        tells,
      },
    });
  }
  scored.sort((a, b) => b.score - a.score || a.check.id.localeCompare(b.check.id));
  return scored.slice(0, limit).map((s) => s.check);
}
