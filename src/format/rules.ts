// Plain-text reports for the `rules` commands: the rule list and the test report.
import type { RulePack } from '../rules/rule-pack.js';
import { DEFAULT_STATUS } from '../rules/rule-pack.js';
import type { RuleTestReport } from '../rules/rule-tests.js';

export interface RuleListing {
  id: string;
  cause: string;
  certainty: number;
  families: string[];
  status: string;
  replaces: string[];
  file: string;
  line: number;
  disabled: boolean;
  overriddenBy: string[];
}

export function ruleListing(pack: RulePack): RuleListing[] {
  const all = [...pack.rules.map((rule) => ({ rule, disabled: false })), ...pack.disabled.map((rule) => ({ rule, disabled: true }))];
  return all
    .map(({ rule, disabled }) => {
      const origin = pack.origins.get(rule.id) ?? { file: '?', line: 0 };
      return {
        id: rule.id,
        cause: rule.cause,
        certainty: rule.certainty,
        families: rule.families ?? [],
        status: rule.status ?? DEFAULT_STATUS,
        replaces: rule.replaces ?? [],
        file: origin.file,
        line: origin.line,
        disabled,
        overriddenBy: pack.overrides.filter((o) => o.target.kind === 'rule' && o.target.id === rule.id).map((o) => `${o.origin.file}:${o.origin.line}`),
      };
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd());
}

export function formatRuleList(pack: RulePack): string {
  const rows = ruleListing(pack).map((r) => [
    r.id,
    r.cause,
    r.certainty.toFixed(2),
    r.families.join(',') || '(any)',
    `${r.status}${r.disabled ? ' (disabled)' : ''}${r.overriddenBy.length ? ' (overridden)' : ''}`,
    `${r.file}:${r.line}`,
  ]);
  return `${[`Rule pack ${pack.version}: ${pack.rules.length} rules running, ${pack.disabled.length} disabled, ${pack.causes.size} causes, ${pack.checks.size} checks`, '', ...table([['RULE', 'CAUSE', 'CF', 'FAMILIES', 'STATUS', 'FILE'], ...rows])].join('\n')}\n`;
}

export function formatCauseList(pack: RulePack): string {
  const supporting = (id: string) => pack.rules.filter((rule) => rule.cause === id).length;
  const rows = [...pack.causes.values()].sort((a, b) => a.id.localeCompare(b.id)).map((c) => [c.id, String(supporting(c.id)), c.title]);
  return `${table([['CAUSE', 'RULES', 'TITLE'], ...rows]).join('\n')}\n`;
}

export function formatTestReport(report: RuleTestReport): string {
  const lines: string[] = [];
  for (const result of report.results) {
    const where = result.origin ? `  (${result.origin.file}:${result.origin.line})` : '';
    if (result.skipped) lines.push(`- ${result.kind} ${result.id}: skipped, ${result.skipped}${where}`);
    else if (result.failures.length === 0) lines.push(`✓ ${result.kind} ${result.id}: ${result.passed} case${result.passed === 1 ? '' : 's'}${where}`);
    else {
      lines.push(`✗ ${result.kind} ${result.id}${where}`);
      for (const failure of result.failures) lines.push(`    ${failure.case}: ${failure.message}`);
    }
  }
  const failed = report.results.filter((r) => r.failures.length > 0).length;
  lines.push('', `${report.results.length - failed} passed, ${failed} failed (${report.passed} cases passed, ${report.failures.length} failures)`);
  return `${lines.join('\n')}\n`;
}
