// The renderings of a scan: how many errors, which ones most often, and what each most likely means. Text for
// the terminal; Markdown for tickets and chat, where everything read from the logs is in code spans.
import type { ScanReport, SignatureReport } from '../schemas/scan-report.js';
import { FAMILY_MEANING } from './families.js';
import { code, escapeMarkdown } from './markdown.js';
import { clientLine, DETAILED_CAUSES, percent, targetLine } from './summary.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "first at app.log:2, last at app.log:5" (or "at app.log:2"), each place shown through `show`. */
function where(signature: SignatureReport, show: (place: string) => string = (place) => place): string {
  const place = (at: SignatureReport['first']) => show(`${at.file}:${at.line}`);
  return signature.count === 1 ? `at ${place(signature.first)}` : `first at ${place(signature.first)}, last at ${place(signature.last)}`;
}

/** "Scanned 2 files (76 lines): 27 connection errors, 2 distinct ones." */
function summary(report: ScanReport): string {
  const lines = report.files.reduce((sum, f) => sum + f.lines, 0);
  return `Scanned ${plural(report.files.length, 'file')} (${plural(lines, 'line')}): ${plural(report.errorEntries, 'connection error')}, ${plural(report.signatures.length, 'distinct one', 'distinct ones')}.`;
}

const HINT = 'For the evidence, every fix and every next check of one, run mssql-doctor diagnose on its text (scan --json prints each sample with its whole diagnosis).';

export function formatScanText(report: ScanReport): string {
  const out = [summary(report)];
  report.signatures.forEach((signature, i) => {
    out.push('', `${i + 1}. ${signature.count}× ${signature.title}`);
    out.push(`   ${where(signature)} · signature ${signature.id}`);
    const d = signature.diagnosis;
    if (!d) return;
    out.push(`   Family:  ${d.family} — ${FAMILY_MEANING[d.family]}`);
    const client = clientLine(d);
    if (client) out.push(`   Client:  ${client}`);
    const target = targetLine(d);
    if (target) out.push(`   Target:  ${target}`);
    if (d.causes.length === 0) out.push('   No likely cause could be named from the text alone.');
    d.causes.slice(0, DETAILED_CAUSES).forEach((cause, c) => {
      out.push(`   ${c + 1}) ${cause.title}  [${percent(cause.confidence)} · ${cause.id}]`);
      const fix = cause.fixes[0];
      if (fix) out.push(`      Fix: ${fix.title}`);
    });
    const check = d.nextChecks[0];
    if (check) out.push(`   Next check: ${check.title}`);
  });
  if (report.signatures.length > 0) out.push('', HINT);
  if (report.warnings.length > 0) {
    out.push('', 'Notes');
    for (const warning of report.warnings) out.push(`  - ${warning}`);
  }
  return `${out.join('\n')}\n`;
}

export function formatScanMarkdown(report: ScanReport): string {
  const out = [`**${summary(report)}**`];
  report.signatures.forEach((signature, i) => {
    out.push('', `### ${i + 1}. ${signature.count}× ${code(signature.title)}`, '');
    out.push(`${where(signature, code)} · signature ${code(signature.id)}`);
    const d = signature.diagnosis;
    if (!d) return;
    out.push('', `**Family:** ${code(d.family)} — ${FAMILY_MEANING[d.family]}`);
    const client = clientLine(d);
    if (client) out.push(`**Client:** ${escapeMarkdown(client)}`);
    const target = targetLine(d);
    if (target) out.push(`**Target:** ${code(target)}`);
    out.push('');
    if (d.causes.length === 0) out.push('_No likely cause could be named from the text alone._');
    d.causes.slice(0, DETAILED_CAUSES).forEach((cause, c) => {
      out.push(`${c + 1}. **${cause.title}** — ${percent(cause.confidence)} (${code(cause.id)})`);
      const fix = cause.fixes[0];
      if (fix) out.push(`   - _Fix:_ ${fix.title}`);
    });
    const check = d.nextChecks[0];
    if (check) out.push('', `_Next check:_ ${escapeMarkdown(check.title)}`);
  });
  if (report.signatures.length > 0) out.push('', `_${escapeMarkdown(HINT)}_`);
  if (report.warnings.length > 0) {
    out.push('', '### Notes', '');
    for (const warning of report.warnings) out.push(`- ${escapeMarkdown(warning)}`);
  }
  return `${out.join('\n')}\n`;
}
