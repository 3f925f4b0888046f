// docs/writing-rules.md works as written: its example directory (examples/team-rules) validates, passes
// its own tests, and changes a diagnosis — through --rules, --config, MSSQL_DOCTOR_RULES and the library.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDoctor } from '../../src/doctor.js';
import { loadRulePack } from '../../src/rules/rule-pack.js';
import { fixture, REPO_ROOT, runCli } from '../helpers.js';

const TEAM_RULES = 'examples/team-rules';
const TEAM_CAUSE = 'contoso_stale_sql_alias';
const ADDED_FIX = "Check the alias's port in the CMDB";

/** The seed SqlClient text; SqlClient names no server, so the alias comes in the connection string. */
const SEED = fixture('seed/sqlclient.txt');
const CONNECTION_STRING = 'Server=tcp:sql-payroll.db.contoso.internal;Database=Payroll;Integrated Security=SSPI';
const DIAGNOSE = ['diagnose', '--json', '--connection-string', CONNECTION_STRING, SEED];
/** Each CLI run is bounded at 30 s (runCli); a test runs up to three. */
const SLOW = 120_000;

interface Cause {
  id: string;
  confidence: number;
  fixes: Array<{ title: string }>;
  evidence: string[];
}

function diagnosed(stdout: string): { family: string; causes: Cause[] } {
  return JSON.parse(stdout) as { family: string; causes: Cause[] };
}

const ids = (causes: Cause[]) => causes.map((c) => c.id);
const fixTitles = (causes: Cause[], id: string) => causes.find((c) => c.id === id)?.fixes.map((f) => f.title) ?? [];

/** The team rules' effect on the seed diagnosis, whichever way they were loaded. */
function expectTeamDiagnosis(causes: Cause[]): void {
  expect(causes[0]?.id).toBe(TEAM_CAUSE);
  expect(causes[0]?.evidence[0]).toContain('sql-payroll.db.contoso.internal is a Contoso DBA alias');
  expect(fixTitles(causes, 'port_mismatch')).toContain(ADDED_FIX);
}

describe('docs/writing-rules.md: the example team rules', () => {
  it('change the diagnosis of the seed text with the alias host (CLI, --rules)', () => {
    const without = runCli(DIAGNOSE);
    expect(without.code).toBe(0);
    const before = diagnosed(without.stdout);
    expect(before.family).toBe('refused');
    expect(ids(before.causes)).not.toContain(TEAM_CAUSE);
    expect(fixTitles(before.causes, 'port_mismatch')).not.toContain(ADDED_FIX);
    expect(before.causes[0]?.id).toBe('port_mismatch');

    const withRules = runCli([...DIAGNOSE, '--rules', TEAM_RULES]);
    expect(withRules.stderr).toBe('');
    expect(withRules.code).toBe(0);
    expectTeamDiagnosis(diagnosed(withRules.stdout).causes);
  }, SLOW);

  it('do not fire on the same text when it names a machine, not an alias', () => {
    const { code, stdout } = runCli(['diagnose', '--json', '--rules', TEAM_RULES, '--connection-string', 'Server=tcp:payroll-db01.contoso.internal', SEED]);
    expect(code).toBe(0);
    expect(ids(diagnosed(stdout).causes)).not.toContain(TEAM_CAUSE);
  }, SLOW);

  it('pass `rules validate`', () => {
    const { code, stdout, stderr } = runCli(['rules', 'validate', TEAM_RULES]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok: \d+ files, \d+ rules, \d+ causes, \d+ checks, \d+ examples \(built-in pack /);
  }, SLOW);

  it('pass `rules test`: the team rule and the example', () => {
    const text = runCli(['rules', 'test', TEAM_RULES]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^✓ rule contoso-stale-sql-alias: \d+ cases {2}\(examples\/team-rules\/contoso-stale-sql-alias\.yaml:\d+\)$/m);
    expect(text.stdout).toMatch(/^✓ example Payroll app after the payroll database moved: 1 case /m);
    expect(text.stdout).toContain('2 passed, 0 failed');

    const json = runCli(['rules', 'test', TEAM_RULES, '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { failures: unknown[]; results: Array<{ kind: string; id: string; passed: number; failures: unknown[] }> };
    expect(report.failures).toEqual([]);
    expect(report.results.map((r) => `${r.kind} ${r.id}`)).toEqual(['rule contoso-stale-sql-alias', 'example Payroll app after the payroll database moved']);
    // Both match cases (one with ranksFirst and evidenceContains), four noMatch cases, two healthy baselines.
    expect(report.results[0]?.passed).toBe(8);
  }, SLOW);

  it('explain why the rule fires on the tutorial input', () => {
    const { code, stdout } = runCli(['rules', 'explain', 'contoso-stale-sql-alias', '--rules', TEAM_RULES, '--input', '-'], {
      stdin: JSON.stringify({ text: SEED, connectionString: CONNECTION_STRING }),
    });
    expect(code).toBe(0);
    expect(stdout).toContain('✓ target.host matches');
    expect(stdout).toContain('result: the rule FIRES');
    expect(stdout).toContain(`${TEAM_CAUSE} ranks #1 of`);
  }, SLOW);

  it('load through MSSQL_DOCTOR_RULES and through a config file', () => {
    const fromEnv = runCli(DIAGNOSE, { env: { MSSQL_DOCTOR_RULES: TEAM_RULES } });
    expect(fromEnv.code).toBe(0);
    expectTeamDiagnosis(diagnosed(fromEnv.stdout).causes);

    const fromConfig = runCli([...DIAGNOSE, '--config', `${TEAM_RULES}/mssql-doctor.example.json`]);
    expect(fromConfig.code).toBe(0);
    expectTeamDiagnosis(diagnosed(fromConfig.stdout).causes);
  }, SLOW);

  it('load through the library: createDoctor({ rules })', async () => {
    const before = await createDoctor().diagnose({ text: SEED, connectionString: CONNECTION_STRING });
    expect(ids(before.causes as Cause[])).not.toContain(TEAM_CAUSE);
    // Absolute here; a relative path resolves against the working directory, as on the command line.
    const doctor = createDoctor({ rules: [join(REPO_ROOT, TEAM_RULES)] });
    const after = await doctor.diagnose({ text: SEED, connectionString: CONNECTION_STRING });
    expectTeamDiagnosis(after.causes as Cause[]);
    // The override lowering a built-in rule, as the tutorial shows it.
    expect(doctor.pack.rules.find((r) => r.id === 'refused-alias-baseline')?.certainty).toBe(0.05);
  }, SLOW);

  it('are what the tutorial shows: its YAML blocks are the example files, and its example text is the seed', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/writing-rules.md'), 'utf8');
    for (const file of ['contoso-stale-sql-alias.yaml', 'contoso-overrides.yaml']) {
      const body = readFileSync(join(REPO_ROOT, TEAM_RULES, file), 'utf8').split('\n').slice(1).join('\n'); // without the modeline
      expect(doc).toContain(body.trim());
    }
    const example = loadRulePack([join(REPO_ROOT, TEAM_RULES)]).examples.find((e) => e.origin.file.startsWith(TEAM_RULES))?.example;
    expect(example?.name).toBe('Payroll app after the payroll database moved');
    expect(example?.text).toBe(SEED);
    expect(example?.connectionString).toBe(CONNECTION_STRING);
  }, SLOW);
});
