// `mssql-doctor rules …` as a process: validate, test, list, explain, new; exit codes and messages.
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDoctor } from '../../src/doctor.js';
import { fixture, REPO_ROOT, runCli, userRuleYaml } from '../helpers.js';

const SEED = fixture('seed/sqlclient.txt');
const seedDiagnosis = await createDoctor().diagnose(SEED);
const seedRule = seedDiagnosis.causes[0]?.rules[0] as string;
const tempDir = () => mkdtempSync(join(tmpdir(), 'mssql-doctor-cli-rules-'));

describe('the built-in rule pack, as CI checks it', () => {
  it('passes rules validate', () => {
    const { code, stdout, stderr } = runCli(['rules', 'validate']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok: \d+ files, \d+ rules, \d+ causes, \d+ checks, \d+ examples \(built-in pack \d+\.\d+\.\d+\)\n$/);
  });

  it('passes rules test, reporting every rule', () => {
    const { code, stdout } = runCli(['rules', 'test']);
    expect(code).toBe(0);
    const rules = createDoctor().pack.rules;
    expect(stdout).toContain(`✓ rule ${seedRule}: `);
    expect(stdout).toMatch(new RegExp(`\\n(\\d+) passed, 0 failed`));
    expect(Number(/\n(\d+) passed, 0 failed/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(rules.length);
  });
});

describe('rules list', () => {
  it('prints every rule with the file and line that define it, as JSON', () => {
    const { code, stdout } = runCli(['rules', 'list', '--json']);
    expect(code).toBe(0);
    const listing = JSON.parse(stdout) as { version: string; rules: Array<{ id: string; file: string; line: number; cause: string; status: string }> };
    expect(listing.version).toMatch(/^\d+\.\d+\.\d+$/);
    const entry = listing.rules.find((r) => r.id === seedRule);
    expect(entry?.status).toBe('stable');
    // The line is checked against the file itself: it is where the rule's id is written.
    const line = readFileSync(join(REPO_ROOT, entry?.file ?? ''), 'utf8').split('\n')[(entry?.line ?? 0) - 1];
    expect(line).toMatch(new RegExp(`- id: ${seedRule}\\s*$`));
  });

  it('prints a table, and the causes with --causes', () => {
    expect(runCli(['rules', 'list']).stdout).toMatch(/^Rule pack \d+\.\d+\.\d+: \d+ rules running, 0 disabled/);
    expect(runCli(['rules', 'list', '--causes']).stdout).toMatch(/^CAUSE +RULES +TITLE\n/);
  });
});

describe('rules explain', () => {
  const input = join(tempDir(), 'seed.txt');
  writeFileSync(input, SEED);

  it('shows each condition of a rule that fires, with the value it saw', () => {
    const { code, stdout } = runCli(['rules', 'explain', seedRule, '--input', input]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^rule ${seedRule}  rules/\\w[\\w-]*\\.yaml:\\d+\\n`));
    expect(stdout).toContain('✓ error.family equal "refused"   (saw error.family = "refused")');
    expect(stdout).toContain('result: the rule FIRES');
    expect(stdout).toMatch(/ranks #1 of \d+ in the full diagnosis/);
  });

  it('shows which catalogue entry matched which text, and which were read for the family only', () => {
    const { stdout } = runCli(['rules', 'explain', seedRule, '--input', input]);
    // The seed's socket text is Windows' WSAECONNREFUSED (messages/curated/windows.yaml), inside SqlClient's layout.
    expect(stdout).toContain('windows:WSAECONNREFUSED (os, en): "No connection could be made because the target machine actively refused it"');
    // SqlClient's three packages word the layout alike: one line names them all.
    expect(stdout).toMatch(/mds:TdsParser\.ProcessSNIError, netfx:TdsParser\.ProcessSNIError, sds:TdsParser\.ProcessSNIError \(wrapper, en\): "\(provider: TCP Provider, error: 0 - /);

    const spanish = join(tempDir(), 'es.txt');
    writeFileSync(spanish, 'Login failed for user \'app\'.\nNo se puede establecer una conexión ya que el equipo de destino denegó expresamente dicha conexión.\n');
    const both = runCli(['rules', 'explain', seedRule, '--input', spanish]).stdout;
    expect(both).toMatch(/\bsqlserver:18456\b[^(]*\(server, en\): "Login failed for user 'app'\."/);
    expect(both).toMatch(/windows:WSAECONNREFUSED \(os, [a-z -]*\bes\b[a-z -]*; read for the family only\): "No se puede establecer una conexión/);
  });

  it('masks a secret of the paste wherever the matched text repeats it', () => {
    const file = join(tempDir(), 'secret.txt');
    writeFileSync(file, "Server=db01;Password=Zq7vLm2Kx9;\nLogin failed for user 'Zq7vLm2Kx9'.\n");
    const { stdout } = runCli(['rules', 'explain', seedRule, '--input', file]);
    expect(stdout).toContain("Login failed for user '***'.");
    expect(stdout).not.toContain('Zq7vLm2Kx9');
  });

  it('says when the family keeps a rule from running', () => {
    const dnsRule = createDoctor().pack.rules.find((r) => r.families?.length === 1 && r.families[0] === 'dns');
    const { stdout } = runCli(['rules', 'explain', dnsRule?.id ?? '', '--input', input]);
    expect(stdout).toContain("not one of the rule's families");
    expect(stdout).toContain('result: the rule does not fire');
  });

  it('names a near rule id when the one given does not exist', () => {
    const { code, stderr } = runCli(['rules', 'explain', `${seedRule}x`, '--input', input]);
    expect(code).toBe(2);
    expect(stderr).toBe(`mssql-doctor: no rule "${seedRule}x"; did you mean "${seedRule}"? (mssql-doctor rules list shows them)\n`);
  });
});

describe('rules new', () => {
  it('writes a stub with the schema modeline that fails until filled in, and never overwrites', () => {
    const dir = tempDir();
    const made = runCli(['rules', 'new', 'team-vpn-refused', '--dir', dir, '--family', 'refused']);
    expect(made.code).toBe(0);
    const file = join(dir, 'team-vpn-refused.yaml');
    const text = readFileSync(file, 'utf8');
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(existsSync(join(dir, schema ?? 'missing'))).toBe(true);

    const checked = runCli(['rules', 'validate', dir]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(/team-vpn-refused\.yaml:\d+:\d+ UNKNOWN_CAUSE rule "team-vpn-refused" supports unknown cause "todo_name_the_cause"/);
    expect(checked.stderr).toMatch(/team-vpn-refused\.yaml:\d+:\d+ EMPTY_TEST a match test/);
    expect(runCli(['rules', 'test', dir]).code).toBe(1);

    const again = runCli(['rules', 'new', 'team-vpn-refused', '--dir', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; not overwriting it');
  });

  it('refuses an id the format does not allow', () => {
    const { code, stderr } = runCli(['rules', 'new', 'Team VPN', '--dir', tempDir()]);
    expect(code).toBe(2);
    expect(stderr).toContain('"Team VPN" is not a valid rule id');
  });
});

describe('rule directories from the environment and a config file', () => {
  // certainty 0.99 for login_disabled, a cause nothing else supports on a refused text: it leads only if loaded.
  const rule = userRuleYaml({ id: 'team-any-refused', cause: 'login_disabled', certainty: 0.99 });
  const dir = tempDir();
  writeFileSync(join(dir, 'team.yaml'), rule);

  it('loads MSSQL_DOCTOR_RULES', () => {
    const { stdout } = runCli(['diagnose', '--json', SEED], { env: { MSSQL_DOCTOR_RULES: dir } });
    expect((JSON.parse(stdout) as { causes: Array<{ id: string }> }).causes[0]?.id).toBe('login_disabled');
  });

  it('loads a config file, and refuses a broken one with one line', () => {
    const config = join(tempDir(), 'doctor.yaml');
    writeFileSync(config, `rules: [${JSON.stringify(dir)}]\n`);
    const { stdout } = runCli(['diagnose', '--json', '--config', config, SEED]);
    expect((JSON.parse(stdout) as { causes: Array<{ id: string }> }).causes[0]?.id).toBe('login_disabled');
    writeFileSync(config, 'rules: 7\n');
    const broken = runCli(['diagnose', '--config', config, SEED]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe(`mssql-doctor: config file ${config}: /rules must be array\n`);
  });
});
