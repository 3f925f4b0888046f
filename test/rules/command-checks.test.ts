// Every command the built-in rules print is checked mechanically, so that none fails as written: Linux and macOS
// commands parse as shell (`bash -n`) and use only options and values the installed OpenSSL knows; PowerShell never
// reads a placeholder as a variable (`"MSSQL$INSTANCE"` expands $INSTANCE to nothing: it must be single-quoted).
// T-SQL and the prose commands of platform `any` are not checked here.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createDoctor } from '../../src/doctor.js';
import { renderTemplate } from '../../src/rules/templates.js';

const pack = createDoctor().pack;
/** Every check command, rendered as the doctor prints it when no fact fills a placeholder. */
const commands = [...pack.checks.values()].flatMap((check) => check.commands.map((c) => ({ check: check.id, platform: c.platform, run: renderTemplate(c.run, { facts: {} }) })));
const shellCommands = commands.filter((c) => c.platform === 'linux' || c.platform === 'macos');
/** A PowerShell cmdlet opens the code (Verb-Noun). */
const POWERSHELL = /^[A-Z][a-z]+-[A-Z][A-Za-z]+\b/;
/** A double-quoted string with `$name` in it that is no environment variable ($env:…) or subexpression ($(…)). */
const EXPANDED_PLACEHOLDER = /"[^"\n]*\$(?!env:|\()[A-Za-z_][^"\n]*"/;

const openssl = (args: string[]) => spawnSync('openssl', args, { encoding: 'utf8', timeout: 10_000 });
const OPENSSL_PROBLEM = openssl(['version']).status === 0 ? undefined : 'openssl is not installed';
if (OPENSSL_PROBLEM && process.env.CI) throw new Error(`the OpenSSL command checks must run in CI, but ${OPENSSL_PROBLEM}`);

/** The options `openssl <sub> -help` lists. */
function opensslOptions(sub: string): Set<string> {
  const help = openssl([sub, '-help']);
  return new Set([...`${help.stdout}${help.stderr}`.matchAll(/^\s(-[\w-]+)/gm)].map((m) => m[1] as string));
}

/** The values `openssl s_client -starttls` accepts, as it lists them when given none it knows. */
function starttlsProtocols(): Set<string> {
  const r = openssl(['s_client', '-starttls', 'none-such']);
  return new Set(`${r.stdout}${r.stderr}`.split('\n').filter((l) => /^\t\w/.test(l)).map((l) => l.trim()));
}

describe('the built-in rules’ commands', () => {
  it('include shell and PowerShell commands to check', () => {
    expect(shellCommands.length).toBeGreaterThan(20);
    expect(commands.filter((c) => c.platform === 'windows').length).toBeGreaterThan(20);
  });

  it.each(shellCommands.map((c) => [c.check, c.run]))('%s: %s parses as shell', (_check, run) => {
    const r = spawnSync('bash', ['-n', '-c', run], { encoding: 'utf8', timeout: 10_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  (OPENSSL_PROBLEM ? it.skip : it)('use only the options and STARTTLS protocols the installed OpenSSL knows', () => {
    const problems: string[] = [];
    for (const { check, run } of shellCommands) {
      for (const [, sub, args] of run.matchAll(/\bopenssl\s+([a-z_0-9]+)((?:\s+(?![|;&<>])[^\s|;&<>]+)*)/g)) {
        const known = opensslOptions(sub as string);
        const words = (args as string).trim().split(/\s+/);
        words.forEach((word, i) => {
          if (word.startsWith('-') && !known.has(word)) problems.push(`${check}: openssl ${sub} has no option ${word}`);
          if (word === '-starttls' && !starttlsProtocols().has(words[i + 1] ?? '')) problems.push(`${check}: openssl s_client -starttls has no protocol ${words[i + 1]}`);
        });
      }
    }
    expect(problems).toEqual([]);
  });

  it('never put a placeholder for PowerShell inside double quotes', () => {
    const powershell = [
      ...commands.filter((c) => c.platform === 'windows').map((c) => ({ where: `check ${c.check}`, code: c.run })),
      ...[...pack.causes.values()].flatMap((cause) =>
        cause.fixes.flatMap((fix) => fix.steps.flatMap((step) => [...step.matchAll(/`([^`]+)`/g)].map((m) => ({ where: `cause ${cause.id}`, code: m[1] as string })))),
      ),
    ].filter(({ code }) => POWERSHELL.test(code));
    expect(powershell.length).toBeGreaterThan(10);
    expect(powershell.filter(({ code }) => EXPANDED_PLACEHOLDER.test(code)).map(({ where, code }) => `${where}: ${code}`)).toEqual([]);
  });
});
