// Shared test helpers: fixture reading, CLI runs, and the schema validators and output trap (jest-free modules).
import { expect } from '@jest/globals';
import fc from 'fast-check';
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { EvidenceParser } from '../src/evidence/types.js';
import type { Diagnosis } from '../src/schemas/diagnosis.js';
import { trapOutput } from './output-trap.js';
import { factsSchemaErrors } from './schema-errors.js';
import { REPO_ROOT } from './serve-process.js';

export { diagnosisSchemaErrors, errorRecordSchemaErrors, factsSchemaErrors, scanReportSchemaErrors } from './schema-errors.js';
export { REPO_ROOT, startServeProcess, type ServeProcess } from './serve-process.js';

/** The command users run (package.json `bin`): a bundle the build writes (scripts/bundle-cli.ts). */
export const PACKAGED_BIN = join(REPO_ROOT, (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['mssql-doctor'] ?? '');
export const PACKAGED_BIN_BUILT = existsSync(PACKAGED_BIN);
if (!PACKAGED_BIN_BUILT && process.env.CI) throw new Error(`${PACKAGED_BIN} must exist in CI: npm ci runs the build that writes it`);

/** node's arguments that run the CLI: from source (tsx), or the packaged bin when it is built. */
export const CLI_ENTRIES: ReadonlyArray<{ name: string; argv: readonly string[] }> = [
  { name: 'source', argv: ['--import', 'tsx', `${REPO_ROOT}src/cli/main.ts`] },
  ...(PACKAGED_BIN_BUILT ? [{ name: 'packaged bin', argv: [PACKAGED_BIN] }] : []),
];
const SOURCE_CLI = CLI_ENTRIES[0]?.argv ?? [];

/** Runs the CLI from source (tsx), as `npx mssql-doctor` runs the built copy; bounded by a timeout. */
export function runCli(args: string[], options: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [...SOURCE_CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.stdin ?? '',
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * runCli without blocking this process's event loop: for a CLI run against a peer served from the test process
 * itself (spawnSync would leave the peer unable to answer).
 */
export function runCliAsync(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runNodeAsync([...SOURCE_CLI, ...args], options);
}

/** node with these arguments, from the repository root, without blocking; killed after 30 s. */
export function runNodeAsync(argv: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runCommandAsync(process.execPath, argv, options);
}

/** A program (spawned itself, not through a shell) from the repository root, without blocking; killed after 30 s. */
export function runCommandAsync(file: string, argv: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return startCommand(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env }).exited;
}

export interface CommandRun {
  child: ChildProcess;
  /** The exit code (null when killed, negative when the program could not start), and all it wrote. */
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/**
 * Starts a program with the stdio given (pipes the test holds, a file descriptor, 'ignore'), from the repository
 * root; what arrives on stdout and stderr is collected when they are pipes. Killed after 30 s.
 */
export function startCommand(file: string, argv: readonly string[], options: { stdio?: StdioOptions; env?: NodeJS.ProcessEnv } = {}): CommandRun {
  const child = spawn(file, argv, { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: options.stdio ?? ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A program that cannot start (missing, not executable) reports it here, then closes with a negative code.
  child.on('error', (error) => (stderr += `${error.message}\n`));
  // The test may close its end of the child's stdin or stdout early on purpose: that is not the test failing.
  child.stdin?.on('error', () => {});
  child.stdout?.on('error', () => {});
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
  return { child, exited };
}

/** node with these arguments (startCommand). */
export function startNode(argv: readonly string[], stdio?: StdioOptions): CommandRun {
  return startCommand(process.execPath, argv, { stdio });
}

/**
 * Runs `work`, keeping everything it wrote to stdout, stderr or the console, or emitted as a process warning, from
 * reaching them; returns that with the result. A library should leave this empty.
 */
export async function outputDuring<T>(work: () => Promise<T> | T): Promise<{ result: T; written: string[] }> {
  const trap = trapOutput();
  try {
    const result = await work();
    return { result, written: trap.take() };
  } finally {
    trap.release();
  }
}

/** A valid user rule file, as a team would write one: one rule for one family, with its tests. */
export function userRuleYaml({ id = 'team-refused-vpn', cause = 'firewall_blocking', certainty = 0.3, family = 'refused' } = {}): string {
  return `rules:
  - id: ${id}
    cause: ${cause}
    certainty: ${certainty}
    when:
      all:
        - { fact: error.family, operator: equal, value: ${family} }
    evidence: ['Our VPN resets connections to closed ports.']
    tests:
      match: [{ facts: { error.family: ${family} } }]
      noMatch: [{ facts: { error.family: ${family === 'dns' ? 'refused' : 'dns'} } }]
`;
}

export function fixture(path: string): string {
  return readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');
}

/** A real paste and what its text literally states, as a fixture folder's SOURCES.yaml records them. */
export interface StatedFixture {
  file: string;
  source: string;
  states: {
    provider: string;
    driver?: string;
    osError?: number;
    sniError?: number;
    sniProvider?: string;
    errorNumber?: number;
    sqlState?: string;
    symbolicCode?: string;
    loginState?: number;
    server?: string;
    instance?: string;
    port?: number;
    kind?: string;
  };
}

/** The entries of `dir`'s SOURCES.yaml. */
export function statedFixtures(dir: URL): StatedFixture[] {
  return parse(readFileSync(new URL('SOURCES.yaml', dir), 'utf8')) as StatedFixture[];
}

export const causeIds = (d: Diagnosis) => d.causes.map((c) => c.id);

/** A parser's answer to any text: schema-valid facts, a few warnings at most, a detect score in [0, 1]. */
export function expectSaneParse(parser: EvidenceParser, text: string, maxWarnings = 3): void {
  const result = parser.parse(text);
  expect(factsSchemaErrors(result.facts)).toBe('');
  expect(result.warnings.length).toBeLessThanOrEqual(maxWarnings);
  const score = parser.detect(text);
  expect(score).toBeGreaterThanOrEqual(0);
  expect(score).toBeLessThanOrEqual(1);
}

/** Pastes made of real lines, real lines with a random slice replaced, and random lines. */
export function mixedPastes(realLines: readonly string[]): fc.Arbitrary<string> {
  const realLine = fc.constantFrom(...realLines);
  const mutatedLine = fc.tuple(realLine, fc.nat(), fc.nat(), fc.string({ maxLength: 12 })).map(([line, a, b, noise]) => {
    const from = a % (line.length + 1);
    const to = from + (b % (line.length - from + 1));
    return line.slice(0, from) + noise + line.slice(to);
  });
  return fc.array(fc.oneof(realLine, mutatedLine, fc.string({ maxLength: 60 })), { maxLength: 60 }).map((lines) => lines.join('\n'));
}
