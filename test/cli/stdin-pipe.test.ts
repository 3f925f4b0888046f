// Stdin through real pipes, as `sqlcmd … 2>&1 | mssql-doctor diagnose` feeds it: a writer slower than node's
// start-up, a writer that sends pieces with pauses, and more than the limit. Each must answer exactly as the same
// bytes given by a file redirect (`< file`) do. Run against the source CLI and the packaged bin.
// A writer is only "slow" if it is still writing when the CLI starts to read: it waits longer than the CLI takes
// to start on this machine (measured with --version, which loads the same modules), and at least a second.
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { MAX_READ_BYTES } from '../../src/cli/read-input.js';
import { createDoctor } from '../../src/doctor.js';
import { CLI_ENTRIES, runCommandAsync, startNode } from '../helpers.js';

/** The seed's SqlClient fragment, as the issue pipes it. */
const E = '(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';
const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-stdin-'));
const errorFile = join(dir, 'error.txt');
writeFileSync(errorFile, `${E}\n`);
const oversized = join(dir, 'oversized.txt');
writeFileSync(oversized, Buffer.alloc(MAX_READ_BYTES + 1, 'a'));
// Each CLI run is killed after 30 s (startNode); a test runs a few at once.
jest.setTimeout(40_000);

const seedRule = (await createDoctor().diagnose(E)).causes[0]?.rules[0] as string;

/** The CLI with stdin redirected from a file (`< file`): the answer the pipes must give. */
function withFileRedirect(argv: readonly string[], file: string) {
  const fd = openSync(file, 'r');
  try {
    return startNode(argv, [fd, 'pipe', 'pipe']).exited;
  } finally {
    closeSync(fd);
  }
}

/** `(sleep N; cat FILE) | node ARGV`: a shell pipeline whose writer starts after the CLI has. */
function withSlowShellWriter(argv: readonly string[], file: string, delayMs: number) {
  const quoted = [process.execPath, ...argv].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  return runCommandAsync('/bin/sh', ['-c', `(sleep ${Math.ceil(delayMs / 1000)}; cat '${file}') | ${quoted}`]);
}

/** A Node parent writing the text in three pieces: one at once, the others 300 ms apart after the CLI has started. */
async function withChunkedWriter(argv: readonly string[], text: string, delayMs: number) {
  const run = startNode(argv);
  const stdin = run.child.stdin as Writable;
  const third = Math.ceil(text.length / 3);
  for (let at = 0; at < text.length; at += third) {
    await delay(at === 0 ? 0 : at === third ? delayMs : 300);
    stdin.write(text.slice(at, at + third));
  }
  stdin.end();
  return run.exited;
}

/**
 * Writes without end (64 KiB at a time, as fast as the reader takes them) until the reader closes the pipe, or
 * `cap` bytes are written; resolves with the bytes written.
 */
function flood(stdin: Writable, cap: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let written = 0;
  return new Promise((resolve) => {
    stdin.on('error', () => resolve(written));
    stdin.on('close', () => resolve(written));
    const pump = () => {
      while (written < cap) {
        written += chunk.length;
        if (!stdin.write(chunk)) return void stdin.once('drain', pump);
      }
      stdin.end();
    };
    pump();
  });
}

describe.each(CLI_ENTRIES)('stdin through a pipe ($name)', ({ argv }) => {
  const cli = (...args: string[]) => [...argv, ...args];
  let slow = 1000;
  beforeAll(async () => {
    const started = performance.now();
    await startNode(cli('--version'), ['ignore', 'pipe', 'pipe']).exited;
    slow = Math.max(1000, Math.ceil(1.5 * (performance.now() - started)));
  });

  it('diagnose waits for a writer slower than its start-up, and answers as a file redirect does', async () => {
    const [redirected, piped] = await Promise.all([withFileRedirect(cli('diagnose', '--json'), errorFile), withSlowShellWriter(cli('diagnose', '--json'), errorFile, slow)]);
    expect(redirected.stderr).toBe('');
    expect(redirected.code).toBe(0);
    expect(JSON.parse(redirected.stdout)).toMatchObject({ family: 'refused', errors: [{ sniProvider: 'TCP Provider', sniError: 0 }] });
    expect(piped).toEqual(redirected);
  });

  it('diagnose reads a text written in pieces with pauses as one text', async () => {
    const [redirected, chunked] = await Promise.all([withFileRedirect(cli('diagnose', '--json'), errorFile), withChunkedWriter(cli('diagnose', '--json'), `${E}\n`, slow)]);
    expect(redirected.code).toBe(0);
    expect(chunked).toEqual(redirected);
  });

  it('rules explain --input - waits for a slow writer, and answers as --input FILE does', async () => {
    const [fromFile, piped] = await Promise.all([
      startNode(cli('rules', 'explain', seedRule, '--input', errorFile), ['ignore', 'pipe', 'pipe']).exited,
      withSlowShellWriter(cli('rules', 'explain', seedRule, '--input', '-'), errorFile, slow),
    ]);
    expect(fromFile.stderr).toBe('');
    expect(fromFile.stdout).toContain('result: the rule FIRES');
    expect(piped).toEqual(fromFile);
  });

  it('scan - waits for a slow writer, and reports as a file redirect does', async () => {
    const [redirected, piped] = await Promise.all([withFileRedirect(cli('scan', '--json', '-'), errorFile), withSlowShellWriter(cli('scan', '--json', '-'), errorFile, slow)]);
    expect(redirected.code).toBe(0);
    expect(JSON.parse(redirected.stdout)).toMatchObject({ signatures: [{ count: 1, first: { file: 'stdin', line: 1 } }] });
    expect(piped).toEqual(redirected);
  });

  it('refuses more than the limit with the limit, piped as redirected, and stops reading there', async () => {
    const redirected = await withFileRedirect(cli('diagnose'), oversized);
    expect(redirected).toEqual({ code: 2, stdout: '', stderr: `mssql-doctor: stdin is larger than the limit of ${MAX_READ_BYTES} bytes (16 MiB)\n` });
    const run = startNode(cli('diagnose'));
    // A writer that would go on to four times the limit: the CLI must answer without waiting for its end.
    const cap = 4 * MAX_READ_BYTES;
    const [written, piped] = await Promise.all([flood(run.child.stdin as Writable, cap), run.exited]);
    expect(piped).toEqual(redirected);
    expect(written).toBeLessThan(cap);
  });

  it('refuses a directory as stdin instead of reading it as empty', async () => {
    expect(await withFileRedirect(cli('diagnose'), dir)).toEqual({ code: 2, stdout: '', stderr: 'mssql-doctor: could not read stdin: it is a directory\n' });
    expect(await withFileRedirect(cli('scan', '-'), dir)).toEqual({ code: 2, stdout: '', stderr: 'mssql-doctor: could not read stdin: it is a directory\n' });
  });
});

describe('the byte limit of stdin', () => {
  it('takes an input of exactly the limit (diagnose reads its first 256 KiB)', async () => {
    const atLimit = join(dir, 'at-limit.txt');
    writeFileSync(atLimit, Buffer.alloc(MAX_READ_BYTES, 'a'));
    const { code, stdout, stderr } = await withFileRedirect([...(CLI_ENTRIES[0]?.argv ?? []), 'diagnose', '--json'], atLimit);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect((JSON.parse(stdout) as { warnings: string[] }).warnings).toContain(`the pasted text is ${MAX_READ_BYTES} characters; only the first 262144 were read`);
  });
});
