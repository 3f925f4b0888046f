// scanLogs over real logs: each failure found where it is, counted, grouped, and diagnosed once.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createDoctor } from '../../src/doctor.js';
import { MAX_DIAGNOSED, scanLogs } from '../../src/scan/scan.js';
import { fixture, scanReportSchemaErrors } from '../helpers.js';

interface StatedLog {
  file: string;
  source: string;
  expect: {
    errorEntries: number;
    kinds: Array<{ what: string; count: number; firstLine: number; family?: string; recognised?: false; why?: string }>;
  };
}

const LOGS = parse(readFileSync(new URL('../fixtures/logs/SOURCES.yaml', import.meta.url), 'utf8')) as StatedLog[];
const doctor = createDoctor();

describe.each(LOGS)('scanLogs: $file ($source)', ({ file, expect: stated }) => {
  const recognised = stated.kinds.filter((kind) => kind.recognised !== false);

  it('finds each error the text holds, where it is and as often as it occurs, with its family', async () => {
    const report = await scanLogs([{ name: file, text: fixture(`logs/${file}`) }], { doctor });
    expect(scanReportSchemaErrors(report)).toBe('');
    expect(report.errorEntries).toBe(recognised.reduce((sum, kind) => sum + kind.count, 0));
    expect(report.signatures).toHaveLength(recognised.length);
    for (const kind of recognised) {
      const found = report.signatures.find((s) => s.first.line === kind.firstLine);
      expect({ kind: kind.what, count: found?.count }).toEqual({ kind: kind.what, count: kind.count });
      if (kind.family) expect(found?.diagnosis?.family).toBe(kind.family);
    }
  });

  // What the doctor does not know yet is stated with the reason; this turns red when it learns it.
  for (const kind of stated.kinds.filter((k) => k.recognised === false)) {
    it(`does not know yet: ${kind.what}`, async () => {
      const report = await scanLogs([{ name: file, text: fixture(`logs/${file}`) }], { doctor });
      expect(report.signatures.map((s) => s.first.line)).not.toContain(kind.firstLine);
    });
  }
});

describe('scanLogs over ERRORLOGs', () => {
  it("groups a brute-force run's 25 failed logins as one failure, first at its first line, diagnosed as guessing", async () => {
    // test/fixtures/evidence/errorlog/SOURCES.yaml: 25 failures, the first "root" (line 12-13 of the file: read by hand).
    const text = fixture('evidence/errorlog/windows-express-2016-cat-bom-bruteforce.txt');
    const report = await scanLogs([{ name: 'ERRORLOG', text }], { doctor });
    expect(report.signatures).toHaveLength(1);
    const [group] = report.signatures;
    expect(group).toMatchObject({ count: 25, first: { file: 'ERRORLOG', line: 12 } });
    expect(group?.occurrences).toHaveLength(20);
    expect(group?.sample).toContain("Login failed for user 'root'");
    // 22 distinct names among the 25 (`grep -o "Login failed for user '[^']*'" … | sort -u`) from one client:
    // the names are being tried, not one login missing (issue 15).
    expect(group?.diagnosis?.facts).toMatchObject({ 'scan.occurrences': 25, 'scan.distinctLogins': 22 });
    expect(group?.diagnosis?.causes[0]?.id).toBe('login_guessing');
  });

  it('reads a failure of one login as that login, not as guessing', async () => {
    // dotnet-compose-login-failed.log (test/fixtures/logs/SOURCES.yaml): 'sa' failing, seen by the server and the client.
    const report = await scanLogs([{ name: 'app.log', text: fixture('logs/dotnet-compose-login-failed.log') }], { doctor });
    expect(report.signatures).toHaveLength(2);
    for (const group of report.signatures) {
      expect(group.diagnosis?.facts).toMatchObject({ 'scan.occurrences': 1, 'scan.distinctLogins': 1 });
      expect(group.diagnosis?.causes.map((c) => c.id)).not.toContain('login_guessing');
    }
  });

  it('counts files, lines and entries, and reports several files together', async () => {
    const logs = [
      { name: 'a.log', text: fixture('logs/node-tedious-exporter-metrics.log') },
      { name: 'b.log', text: fixture('logs/node-tedious-exporter-metrics.log') },
    ];
    const report = await scanLogs(logs, { doctor });
    expect(report.files).toEqual([
      { name: 'a.log', lines: 6, entries: 4, errorEntries: 2 },
      { name: 'b.log', lines: 6, entries: 4, errorEntries: 2 },
    ]);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ count: 4, first: { file: 'a.log', line: 2 }, last: { file: 'b.log', line: 5 } });
  });
});

describe('scanLogs bounds and secrets', () => {
  it('never shows a password that a log line carries, in any field', async () => {
    const secret = 'Sh0rtPw';
    const text = `2024-05-01 10:00:00 ERROR connecting with Server=db01,1433;User ID=app;Password=${secret};\nConnectionError: Failed to connect to db01:1433 - connect ECONNREFUSED 10.0.0.5:1433\n2024-05-01 10:00:05 INFO later the app printed ${secret} alone`;
    const report = await scanLogs([{ name: 'app.log', text }], { doctor });
    expect(report.signatures).toHaveLength(1);
    expect(JSON.stringify(report)).not.toContain(secret);
  });

  it(`diagnoses only the ${MAX_DIAGNOSED} most frequent of many distinct failures, and says so`, async () => {
    const lines = Array.from({ length: MAX_DIAGNOSED + 5 }, (_, i) => `2024-05-01 10:00:${String(i % 60).padStart(2, '0')} ConnectionError: Failed to connect to db${i}:1433 - connect ECONNREFUSED 10.0.0.${i}:1433`);
    const report = await scanLogs([{ name: 'many.log', text: [...lines, lines[0]].join('\n') }], { doctor });
    expect(report.signatures).toHaveLength(MAX_DIAGNOSED + 5);
    expect(report.signatures[0]).toMatchObject({ count: 2, first: { line: 1 }, last: { line: MAX_DIAGNOSED + 6 } });
    expect(report.signatures.filter((s) => s.diagnosis)).toHaveLength(MAX_DIAGNOSED);
    expect(report.warnings).toEqual([`${MAX_DIAGNOSED + 5} distinct errors: only the ${MAX_DIAGNOSED} most frequent are diagnosed`]);
  });

  it('reports nothing, without failing, for empty or unrelated text', async () => {
    const report = await scanLogs([{ name: 'empty', text: '' }, { name: 'app', text: '2024-05-01 10:00:00 INFO started\n' }], { doctor });
    expect(report).toEqual({
      files: [
        { name: 'empty', lines: 0, entries: 0, errorEntries: 0 },
        { name: 'app', lines: 1, entries: 1, errorEntries: 0 },
      ],
      errorEntries: 0,
      signatures: [],
      warnings: [],
    });
  });
});
