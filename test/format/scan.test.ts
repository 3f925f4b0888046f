// The scan renderings: what was read from logs cannot inject Markdown or HTML, and both say the same.
import { describe, expect, it } from '@jest/globals';
import { formatScanMarkdown, formatScanText } from '../../src/format/scan.js';
import { scanLogs } from '../../src/scan/scan.js';
import type { ScanReport } from '../../src/schemas/scan-report.js';
import { fixture } from '../helpers.js';

const report = await scanLogs([
  { name: 'ERRORLOG', text: fixture('evidence/errorlog/windows-express-2016-cat-bom-bruteforce.txt') },
  { name: 'exporter.log', text: fixture('logs/node-tedious-exporter-metrics.log') },
]);

describe('formatScanMarkdown', () => {
  it('gives the summary, each group with its places in code spans, and its likely causes', () => {
    const md = formatScanMarkdown(report);
    expect(md.split('\n')[0]).toBe('**Scanned 2 files (76 lines): 27 connection errors, 2 distinct ones.**');
    expect(md).toContain("### 1. 25× `18456: Login failed for user '…'. Reason: Could not find a login matching the name provided. [CLIENT: <address>]`");
    // The group's signature as the report gives it (its stability is test/scan/signature.test.ts's): 12 hex digits.
    const id = report.signatures[0]?.id ?? '';
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(md).toContain(`first at \`ERRORLOG:12\`, last at \`ERRORLOG:60\` · signature \`${id}\``);
    expect(md).toMatch(/^1\. \*\*Someone is guessing logins \(a brute-force or password-spraying run against the instance\)\*\* — \d+% \(`login_guessing`\)$/m);
  });

  it('keeps what was read from a log inert: backticks, HTML and Markdown links stay in code spans', () => {
    const hostile = '<script>alert(1)</script> `x` [link](http://example.invalid)';
    const [first] = report.signatures;
    if (!first) throw new Error('the fixture report has no signature');
    const crafted: ScanReport = { ...report, files: [{ name: hostile, lines: 1, entries: 1, errorEntries: 1 }], signatures: [{ ...first, title: hostile, first: { file: hostile, line: 1 }, last: { file: hostile, line: 1 }, count: 1 }], warnings: [hostile] };
    const md = formatScanMarkdown(crafted);
    expect(md).toContain(`### 1. 1× \`\` ${hostile} \`\``);
    expect(md).toContain(`at \`\` ${hostile}:1 \`\``);
    expect(md).toContain('- \\<script\\>alert\\(1\\)\\</script\\> \\`x\\` \\[link\\]\\(http://example.invalid\\)');
  });
});

describe('formatScanText', () => {
  it('names the same groups, counts and causes as the Markdown', () => {
    const text = formatScanText(report);
    const md = formatScanMarkdown(report);
    for (const signature of report.signatures) {
      expect(text).toContain(`${signature.count}× ${signature.title}`);
      expect(md).toContain(`${signature.count}× \`${signature.title}\``);
      for (const cause of signature.diagnosis?.causes.slice(0, 3) ?? []) {
        expect(text).toContain(`· ${cause.id}]`);
        expect(md).toContain(`(\`${cause.id}\`)`);
      }
    }
  });
});
