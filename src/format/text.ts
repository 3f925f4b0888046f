// The terminal rendering: what a person reads at 2 a.m. Family first, then ranked causes with evidence
// and fixes, then the exact commands that would settle it.
import type { Diagnosis } from '../schemas/diagnosis.js';
import { FAMILY_MEANING } from './families.js';
import { probeHeading, probeLines } from './probes.js';
import { clientLine, DETAILED_CAUSES, percent, targetLine } from './summary.js';

export function formatText(d: Diagnosis): string {
  const out: string[] = [];
  out.push(`Family:  ${d.family} — ${FAMILY_MEANING[d.family]}`);
  const client = clientLine(d);
  if (client) out.push(`Client:  ${client}`);
  const target = targetLine(d);
  if (target) out.push(`Target:  ${target}`);
  if (d.probes) {
    out.push('', probeHeading(d.probes));
    for (const line of probeLines(d.probes)) out.push(`  ${line}`);
  }

  out.push('');
  if (d.causes.length === 0) {
    out.push('No likely cause could be named from what was given.');
  } else {
    out.push('Likely causes');
    d.causes.forEach((cause, i) => {
      out.push(`  ${i + 1}. ${cause.title}  [${percent(cause.confidence)} · ${cause.id}]`);
      if (i >= DETAILED_CAUSES) return;
      for (const line of cause.evidence) out.push(`       - ${line}`);
      for (const fix of cause.fixes) {
        out.push(`     Fix${fix.where ? ` (${fix.where})` : ''}: ${fix.title}`);
        fix.steps.forEach((step, s) => out.push(`       ${s + 1}) ${step}`));
      }
    });
  }

  if (d.nextChecks.length > 0) {
    out.push('', 'Next checks');
    d.nextChecks.forEach((check, i) => {
      out.push(`  ${i + 1}. ${check.title}`);
      out.push(`     Why: ${check.why}`);
      for (const command of check.commands) out.push(`     ${command.platform === 'any' ? '' : `[${command.platform}] `}${command.run}`);
    });
  }
  if (d.warnings.length > 0) {
    out.push('', 'Notes');
    for (const warning of d.warnings) out.push(`  - ${warning}`);
  }
  return `${out.join('\n')}\n`;
}
