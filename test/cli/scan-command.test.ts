// `mssql-doctor scan`: real logs in, groups with counts and diagnoses out; odd files get one clear line.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanReport } from '../../src/schemas/scan-report.js';
import { fixture, REPO_ROOT, runCli, scanReportSchemaErrors } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-scan-'));
const BRUTEFORCE = join(REPO_ROOT, 'test/fixtures/evidence/errorlog/windows-express-2016-cat-bom-bruteforce.txt');
const EXPORTER = join(REPO_ROOT, 'test/fixtures/logs/node-tedious-exporter-metrics.log');

const scanJson = (args: string[], stdin?: string | Buffer) => {
  const { code, stdout, stderr } = runCli(['scan', '--json', ...args], { stdin });
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const report = JSON.parse(stdout) as ScanReport;
  expect(scanReportSchemaErrors(report)).toBe('');
  return report;
};

describe('mssql-doctor scan', () => {
  it('prints each distinct failure with its count, where it is, its family and its likely causes', () => {
    const { code, stdout, stderr } = runCli(['scan', BRUTEFORCE, EXPORTER]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // 70 + 6 lines; 25 failed logins (SOURCES.yaml of the ERRORLOG fixtures) and 2 tedious failures (logs/SOURCES.yaml).
    expect(stdout).toMatch(/^Scanned 2 files \(76 lines\): 27 connection errors, 2 distinct ones\.\n/);
    expect(stdout).toContain(`1. 25× 18456: Login failed for user '…'. Reason: Could not find a login matching the name provided. [CLIENT: <address>]\n   first at ${BRUTEFORCE}:12, last at ${BRUTEFORCE}:60`);
    expect(stdout).toContain('   Family:  login_failed');
    // 25 names (root, test, admin, bruteforcing…) from one client in 12 seconds: someone guessing, whom no DBA would
    // answer with "create the login" (issue 15).
    expect(stdout).toMatch(/1\) Someone is guessing logins.*\[\d+% · login_guessing\]/);
    expect(stdout).not.toMatch(/1\) .*login_unknown_user/);
    expect(stdout).toContain(`2. 2× Failed to connect to <address>:1433 - Could not connect (sequence)`);
  });

  it('prints Markdown for tickets and chat with --format markdown', () => {
    const { code, stdout } = runCli(['scan', '--format', 'markdown', EXPORTER]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\*\*Scanned 1 file \(6 lines\): 2 connection errors, 1 distinct one\.\*\*\n\n### 1\. 2× `Failed to connect to/);
  });

  it('reads the ERRORLOG as Windows writes it (UTF-16 with a byte-order mark) as it reads the UTF-8 copy', () => {
    const utf8 = scanJson([join(REPO_ROOT, 'test/fixtures/evidence/errorlog/linux-2019-k8s-startup.txt')]);
    const utf16 = scanJson([join(REPO_ROOT, 'test/fixtures/evidence/errorlog/linux-2019-k8s-startup.utf16le.txt')]);
    expect(utf16.files[0]?.lines).toBeGreaterThan(0);
    expect({ ...utf16, files: utf16.files.map((f) => ({ ...f, name: '' })) }).toEqual({ ...utf8, files: utf8.files.map((f) => ({ ...f, name: '' })) });
  });

  it('reads stdin as "-", named "stdin" in the report', () => {
    const report = scanJson(['-'], fixture('logs/node-tedious-exporter-metrics.log'));
    expect(report.signatures[0]).toMatchObject({ count: 2, first: { file: 'stdin', line: 2 }, last: { file: 'stdin', line: 5 } });
  });

  it('reads a file named twice once', () => {
    const report = scanJson([EXPORTER, EXPORTER]);
    expect(report.files).toEqual([{ name: EXPORTER, lines: 6, entries: 4, errorEntries: 2 }]);
    expect(report.errorEntries).toBe(2);
  });

  it('skips a binary file with a note, and scans the rest', () => {
    const binary = join(dir, 'capture.pcap');
    writeFileSync(binary, Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00]));
    const report = scanJson([binary, EXPORTER]);
    expect(report.warnings).toEqual([`${binary}: not a text file (it holds NUL bytes); skipped`]);
    expect(report.errorEntries).toBe(2);
  });

  it('reads a file without line breaks in bounded pieces', () => {
    const long = join(dir, 'one-line.log');
    writeFileSync(long, `${'x'.repeat(5_000_000)} ConnectionError: Failed to connect to db01:1433 - connect ECONNREFUSED 10.0.0.5:1433`);
    const report = scanJson([long]);
    expect(report.files).toEqual([{ name: long, lines: 1, entries: 1, errorEntries: 0 }]);
  });

  it.each([
    [['nope.log'], 'mssql-doctor: cannot read nope.log: no such file'],
    [[REPO_ROOT], `mssql-doctor: cannot read ${REPO_ROOT}: not a file`],
    [['-', '-'], 'mssql-doctor: stdin ("-") can be named only once'],
  ])('refuses %j after a good file with one line and exit 2, before reading anything', (files, message) => {
    const { code, stdout, stderr } = runCli(['scan', EXPORTER, ...files]);
    expect({ code, stdout, stderr: stderr.trim() }).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('asks for a file when given none', () => {
    const { code, stdout, stderr } = runCli(['scan']);
    expect({ code, stdout, stderr: stderr.trim() }).toEqual({ code: 2, stdout: '', stderr: "mssql-doctor: missing required argument 'files'" });
  });
});
