// The Markdown rendering, for chat (bots, issue comments). Anything that can carry pasted text (evidence,
// notes, client and target lines) is escaped or put in code spans, so it cannot inject links or HTML;
// cause titles and fix steps come from the rule pack and keep their Markdown (commands in backticks).
import type { Diagnosis } from '../schemas/diagnosis.js';
import { FAMILY_MEANING } from './families.js';
import { probeHeading, probeLines } from './probes.js';
import { clientLine, DETAILED_CAUSES, percent, targetLine } from './summary.js';

/** Escapes Markdown and HTML metacharacters in running text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (ch) => `\\${ch}`).replace(/&/g, '&amp;');
}

/** A code span that holds any text, even text with backticks in it. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest > 0 ? ' ' : ''}${text}${longest > 0 ? ' ' : ''}${fence}`;
}

export function formatMarkdown(d: Diagnosis): string {
  const out: string[] = [];
  out.push(`**Family:** ${code(d.family)} — ${FAMILY_MEANING[d.family]}`);
  const client = clientLine(d);
  if (client) out.push(`**Client:** ${escapeMarkdown(client)}`);
  const target = targetLine(d);
  if (target) out.push(`**Target:** ${code(target)}`);
  if (d.probes) {
    out.push('', `### ${escapeMarkdown(probeHeading(d.probes))}`, '');
    for (const line of probeLines(d.probes)) out.push(`- ${code(line)}`);
  }
  out.push('');

  if (d.causes.length === 0) out.push('_No likely cause could be named from what was given._');
  else out.push('### Likely causes', '');
  d.causes.forEach((cause, i) => {
    out.push(`${i + 1}. **${cause.title}** — ${percent(cause.confidence)} (${code(cause.id)})`);
    if (i >= DETAILED_CAUSES) return;
    for (const line of cause.evidence) out.push(`   - ${escapeMarkdown(line)}`);
    for (const fix of cause.fixes) {
      out.push(`   - _Fix${fix.where ? ` (${fix.where})` : ''}:_ ${fix.title}`);
      for (const step of fix.steps) out.push(`     - ${step}`);
    }
  });

  if (d.nextChecks.length > 0) {
    out.push('', '### Next checks', '');
    d.nextChecks.forEach((check, i) => {
      out.push(`${i + 1}. ${escapeMarkdown(check.title)} — ${check.why}`);
      for (const command of check.commands) {
        out.push(`   - ${command.platform === 'any' ? '' : `${command.platform}: `}${code(command.run)}`);
      }
    });
  }
  if (d.warnings.length > 0) {
    out.push('', '### Notes', '');
    for (const warning of d.warnings) out.push(`- ${escapeMarkdown(warning)}`);
  }
  return `${out.join('\n')}\n`;
}
