// The terminal rendering of a scan: how many errors, which ones most often, and what each most likely means.
import type { ScanReport, SignatureReport } from '../schemas/scan-report.js';
import { FAMILY_MEANING } from './families.js';
import { clientLine, DETAILED_CAUSES, percent, targetLine } from './summary.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const place = (at: SignatureReport['first']) => `${at.file}:${at.line}`;

export function formatScanText(report: ScanReport): string {
  const lines = report.files.reduce((sum, f) => sum + f.lines, 0);
  const out = [
    `Scanned ${plural(report.files.length, 'file')} (${plural(lines, 'line')}): ${plural(report.errorEntries, 'connection error')}, ${plural(report.signatures.length, 'distinct one', 'distinct ones')}.`,
  ];
  report.signatures.forEach((signature, i) => {
    out.push('', `${i + 1}. ${signature.count}× ${signature.title}`);
    out.push(`   ${signature.count === 1 ? `at ${place(signature.first)}` : `first at ${place(signature.first)}, last at ${place(signature.last)}`} · signature ${signature.id}`);
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
  if (report.signatures.length > 0) {
    out.push('', 'For the evidence, every fix and every next check of one, run mssql-doctor diagnose on its text (scan --json prints each sample with its whole diagnosis).');
  }
  if (report.warnings.length > 0) {
    out.push('', 'Notes');
    for (const warning of report.warnings) out.push(`  - ${warning}`);
  }
  return `${out.join('\n')}\n`;
}
