// The CLI as a process: arguments, stdin, formats, exit codes and one-line errors.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_READ_BYTES } from '../../src/cli/read-input.js';
import { diagnosisSchemaErrors, fixture, runCli } from '../helpers.js';

/** The CLI as `npx mssql-doctor` runs it (from source). */
const cli = (args: string[], stdin?: string | Buffer) => runCli(args, { stdin: stdin ?? '' });

const SEED = fixture('seed/sqlclient.txt');

describe('mssql-doctor diagnose', () => {
  it('diagnoses a pasted error given as an argument', () => {
    const { code, stdout, stderr } = cli(['diagnose', SEED]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Family: +refused — /);
    expect(stdout).toContain('Likely causes');
    expect(stdout).toContain('port_mismatch');
    expect(stdout).toContain('netstat -aon | findstr :');
  });

  it('prints a schema-valid Diagnosis with --json', () => {
    const { code, stdout } = cli(['diagnose', '--json', SEED]);
    expect(code).toBe(0);
    const diagnosis = JSON.parse(stdout) as { family: string };
    expect(diagnosisSchemaErrors(diagnosis)).toBe('');
    expect(diagnosis.family).toBe('refused');
  });

  it('reads stdin when the text is absent or "-", and renders Markdown', () => {
    const dash = cli(['diagnose', '-', '--format', 'markdown'], fixture('seed/dblib.txt'));
    expect(dash.code).toBe(0);
    expect(dash.stdout).toMatch(/^\*\*Family:\*\* `refused`/);
    expect(dash.stdout).toContain('### Next checks');
    const absent = cli(['diagnose', '--format', 'json'], fixture('seed/odbc.txt'));
    expect((JSON.parse(absent.stdout) as { providers: string[] }).providers).toEqual(['odbc']);
  });

  it('uses the connection string and never prints its password', () => {
    const { stdout } = cli(['diagnose', SEED, '--connection-string', 'Server=tcp:db01\\SQL2019,1234;User Id=app;Password=n0t-in-output']);
    expect(stdout).toContain('Target:  tcp:db01\\SQL2019, port 1234');
    expect(stdout).not.toContain('n0t-in-output');
  });

  it('answers empty and binary input without crashing', () => {
    const empty = cli(['diagnose', '-'], '');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^Family: +unknown/);
    const binary = cli(['diagnose'], Buffer.from([0, 1, 2, 0xff, 0xfe, 0x00, 0x9c, 10, 13, 0x1b]));
    expect(binary.code).toBe(0);
    expect(binary.stderr).toBe('');
  });

  it('reads UTF-16 input (what Windows redirection writes)', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture('seed/sqlcmd.txt'), 'utf16le')]);
    const { stdout } = cli(['diagnose', '--json'], utf16);
    expect((JSON.parse(stdout) as { providers: string[] }).providers).toEqual(['sqlcmd']);
  });

  it('exits 2 with one line on stderr for bad usage and unreadable files', () => {
    for (const args of [
      ['diagnose', '--format', 'yaml', SEED],
      ['diagnose', '--evidence', '/nonexistent/netstat.txt', SEED],
      ['diagnose', '--evidence', 'routing=x.txt', SEED],
      ['frobnicate'],
    ]) {
      const { code, stderr, stdout } = cli(args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^mssql-doctor: /);
    }
  });

  it('refuses an evidence file over the byte limit with the limit, in one line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mssql-doctor-cli-evidence-')), 'netstat.txt');
    writeFileSync(file, Buffer.alloc(MAX_READ_BYTES + 1, ' '));
    expect(cli(['diagnose', '--evidence', file, SEED])).toEqual({ code: 2, stdout: '', stderr: `mssql-doctor: ${file} is larger than the limit of ${MAX_READ_BYTES} bytes (16 MiB)\n` });
  });

  it('exits 1 and lists file:line:col problems for a broken --rules directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-cli-rules-'));
    writeFileSync(join(dir, 'broken.yaml'), 'rules:\n  - id: Bad Id\n    cause: port_mismatch\n');
    const { code, stderr } = cli(['diagnose', '--rules', dir, SEED]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.yaml:2:\d+ SCHEMA \/rules\/0\/id: must match pattern/);
    expect(stderr).toMatch(/mssql-doctor: \d+ problem\(s\) in rule files\n$/);
  });
});
