// Output that cannot be written (src/cli/output-errors.ts). A reader that closes the CLI's stdout early
// (`mssql-doctor scan --json … | head -c 10`): every command ends quietly, with the exit code it would have had,
// never an EPIPE stack trace. A full disk: one line on stderr, exit 2.
import { describe, expect, it, jest } from '@jest/globals';
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDoctor } from '../../src/doctor.js';
import { closedTcpPort } from '../probes/loopback-targets.js';
import { CLI_ENTRIES, fixture, runCommandAsync, startNode, userRuleYaml } from '../helpers.js';

// Each CLI run is killed after 30 s (startCommand); a test runs several at once.
jest.setTimeout(60_000);

const SEED = fixture('seed/sqlclient.txt');
const seedRule = (await createDoctor().diagnose(SEED)).causes[0]?.rules[0] as string;
const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-closed-stdout-'));
const seedFile = join(dir, 'seed.txt');
writeFileSync(seedFile, SEED);
/** A rule whose own test fails: `rules test` exits 1 for it, closed stdout or not. */
const failingRules = join(dir, 'failing');
writeFileSync(`${failingRules}.yaml`, userRuleYaml().replace('match: [{ facts: { error.family: refused } }]', 'match: [{ facts: { error.family: dns } }]'));
const LOGS = ['dotnet-bitwarden-migration-retry.log', 'dotnet-compose-login-failed.log', 'go-mssqldb-sqlagent-backoff.log', 'java-mssql-jdbc-hibernate-connection-reset.log', 'node-tedious-exporter-metrics.log'].map(
  (name) => `test/fixtures/logs/${name}`,
);

/** The CLI with its stdout a pipe whose reading end this process closes before the CLI writes a byte. */
function withStdoutClosed(argv: readonly string[]) {
  const run = startNode(argv, ['ignore', 'pipe', 'pipe']);
  run.child.stdout?.destroy();
  return run.exited.then(({ code, stderr }) => ({ code, stderr }));
}

/** Every command, with the exit code it has when its output is read: 0, or 1 for a rule test that fails. */
const COMMANDS: Array<[string[], number]> = [
  [['diagnose', '--json', SEED], 0],
  [['diagnose', '--format', 'markdown', SEED], 0],
  [['probe', '127.0.0.1,PORT', '--timeout', '2000'], 0],
  [['scan', '--json', ...LOGS], 0],
  [['rules', 'list', '--json'], 0],
  [['rules', 'validate'], 0],
  [['rules', 'explain', seedRule, '--input', seedFile], 0],
  [['rules', 'test', `${failingRules}.yaml`], 1],
  [['--help'], 0],
  [['--version'], 0],
];

describe.each(CLI_ENTRIES)('stdout closed by its reader ($name)', ({ name, argv }) => {
  const cli = (...args: string[]) => [...argv, ...args];

  // The source CLI starts slowly (tsx): a few commands there, every command on the packaged bin, which users run.
  it('ends each command quietly with the code it would have had', async () => {
    const port = String(await closedTcpPort());
    const runs = (name === 'source' && CLI_ENTRIES.length > 1 ? COMMANDS.filter(([[command]]) => command === 'diagnose' || command === 'scan') : COMMANDS).map(
      ([args, code]): [string[], number] => [args.map((arg) => arg.replace('PORT', port)), code],
    );
    const results = await Promise.all(runs.map(([args]) => withStdoutClosed(cli(...args))));
    expect(results.map((result, i) => ({ args: runs[i]?.[0], ...result }))).toEqual(runs.map(([args, code]) => ({ args, code, stderr: '' })));
  });

  it('ends quietly under a real `| head -c 10`, whose reader leaves with most of the report unread', async () => {
    // The report is far larger than a pipe's buffer, so the CLI is still writing when head leaves.
    const quoted = [process.execPath, ...cli('scan', '--json', ...LOGS)].map((arg) => `'${arg}'`).join(' ');
    const { code, stdout, stderr } = await runCommandAsync('/bin/bash', ['-c', `${quoted} | head -c 10; echo " exit \${PIPESTATUS[0]}"`]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe('{\n  "files exit 0\n');
  });
});

(existsSync('/dev/full') ? describe : describe.skip)('stdout on a full disk (/dev/full)', () => {
  it('is one line on stderr and exit 2', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = startNode([...(CLI_ENTRIES.at(-1)?.argv ?? []), 'diagnose', SEED], ['ignore', full, 'pipe']);
      expect(await run.exited).toEqual({ code: 2, stdout: '', stderr: 'mssql-doctor: cannot write the output: ENOSPC: no space left on device, write\n' });
    } finally {
      closeSync(full);
    }
  });
});
