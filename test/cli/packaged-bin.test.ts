// The command users run (package.json `bin`) is a bundle the build makes (scripts/bundle-cli.ts); the other CLI
// tests run the source. These run the bundle itself and check that it answers as the source does, including
// the parts it loads outside the bundle: tedious (login probe), yaml, ajv and recheck (user rule files).
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import { closedTcpPort } from '../probes/loopback-targets.js';
import { startTdsResponder } from '../probes/peers/tds-responder.js';
import { fixture, PACKAGED_BIN, PACKAGED_BIN_BUILT, REPO_ROOT, runCliAsync, runCommandAsync, runNodeAsync, startServeProcess } from '../helpers.js';

const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const BIN = PACKAGED_BIN;
const built = PACKAGED_BIN_BUILT;
if (!built) console.warn(`skipping the packaged-bin tests: ${BIN} is missing (npm run build)`);
const describeBuilt = built ? describe : describe.skip;

const runBin = (args: string[], options: { env?: NodeJS.ProcessEnv } = {}) => runNodeAsync([BIN, ...args], options);

/** A diagnosis without what differs from run to run: the probes' timings, in fields and in quoted evidence. */
function stable(d: Diagnosis): unknown {
  const json = JSON.stringify(d, (key, value: unknown) => (key === 'ms' ? 0 : value));
  return JSON.parse(json.replace(/after \d+ ms/g, 'after N ms'));
}

describeBuilt(`the packaged bin (${BIN.slice(REPO_ROOT.length)}; rebuild with npm run build after changing src/)`, () => {
  // Run from the package root, where the package imports itself by name (package self-reference), as users import it.
  it('is an ESM-only library, as the README says: import loads it by name, require is refused', async () => {
    const viaImport = await runNodeAsync(['--input-type=module', '-e', "const m = await import('mssql-doctor'); console.log(typeof m.diagnose, typeof m.createDoctor)"]);
    expect(viaImport.stdout.trim()).toBe('function function');
    const viaRequire = await runNodeAsync(['-e', "require('mssql-doctor')"]);
    expect(viaRequire.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('diagnoses the seed SqlClient text exactly as the source does', async () => {
    const text = fixture('seed/sqlclient.txt');
    const [bundled, source] = await Promise.all([runBin(['diagnose', text, '--json']), runCliAsync(['diagnose', text, '--json'])]);
    expect(bundled.code).toBe(0);
    expect(bundled.stderr).toBe('');
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(source.stdout));
    expect((JSON.parse(bundled.stdout) as Diagnosis).family).toBe('refused');
  });

  // npx keeps the bin link it made the first time it ran in a checkout and never refreshes it (npm/cli#9766), so
  // where it ran before the bundle, `npx mssql-doctor` still runs dist/src/cli/main.js: both must be commands.
  it.each([BIN, join(REPO_ROOT, 'dist/src/cli/main.js')])('runs as a command itself (shebang, executable): %s', async (command) => {
    expect(await runCommandAsync(command, ['--version'])).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
  });

  it('probes a refused loopback port as the source does', async () => {
    const port = await closedTcpPort();
    const [bundled, source] = await Promise.all([runBin(['probe', `127.0.0.1,${port}`, '--json']), runCliAsync(['probe', `127.0.0.1,${port}`, '--json'])]);
    expect(bundled.code).toBe(0);
    const diagnosis = JSON.parse(bundled.stdout) as Diagnosis;
    expect(diagnosis.facts['probe.tcp.state']).toBe('refused');
    expect(stable(diagnosis)).toEqual(stable(JSON.parse(source.stdout) as Diagnosis));
  });

  it('scans logs exactly as the source does', async () => {
    const logs = ['test/fixtures/evidence/errorlog/windows-express-2016-cat-bom-bruteforce.txt', 'test/fixtures/logs/dotnet-compose-login-failed.log'];
    const [bundled, source] = await Promise.all([runBin(['scan', '--json', ...logs]), runCliAsync(['scan', '--json', ...logs])]);
    expect({ code: bundled.code, stderr: bundled.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(source.stdout));
  });

  it('loads tedious from outside the bundle for --login', async () => {
    const peer = await startTdsResponder({ encryption: 0x00 });
    try {
      const { code, stdout } = await runBin(['probe', `Server=127.0.0.1,${peer.port};User ID=probe_user;Encrypt=false`, '--login'], { env: { MSSQL_DOCTOR_PASSWORD: 'x' } });
      expect(code).toBe(0);
      expect(stdout).toContain("Login failed for user 'probe_user'.");
    } finally {
      await peer.close();
    }
  });

  it('serves from the compiled server module outside the bundle', async () => {
    const served = await startServeProcess([BIN, 'serve', '--port', '0']);
    try {
      const response = await fetch(`${served.url}/v1/diagnose`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: fixture('seed/sqlclient.txt') });
      expect(((await response.json()) as Diagnosis).family).toBe('refused');
    } finally {
      expect((await served.stop()).code).toBe(0);
    }
  });

  it('exports the server entry point by its package name (mssql-doctor/server)', async () => {
    const { code, stdout, stderr } = await runNodeAsync(['--input-type=module', '-e', "const m = await import('mssql-doctor/server'); console.log(typeof m.createServer, typeof m.mssqlDoctor);"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe('function function\n');
  });

  it('checks user rule files with the YAML parser, the schema and the regex checker loaded on demand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-bin-rules-'));
    writeFileSync(join(dir, 'a.yaml'), `rules:
  - id: team_slow_pattern
    cause: port_mismatch
    certainty: 0.3
    when: { all: [ { fact: error.message, operator: matches, value: "(a+)+$" } ] }
    evidence: ["x"]
    tests:
      match: [ { facts: { error.message: "aaa" } } ]
      noMatch: [ { facts: { error.message: "b" } } ]
`);
    writeFileSync(join(dir, 'b.yaml'), `rules:
  - id: team_typo
    cause: port_mismatch
    certainty: 0.3
    whne: {}
`);
    const { code, stderr } = await runBin(['diagnose', '--rules', dir, 'x']);
    expect(code).toBe(1);
    expect(stderr).toContain('REGEX_REDOS');
    expect(stderr).toMatch(/unknown property "whne"; did you mean "when"\?/);
  });
});
