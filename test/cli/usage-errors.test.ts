// Bad usage the fuzzer (cli/runs) found saying more than one line: a command line without its subcommand, where
// commander printed its whole help on stderr and then its internal "(outputHelp)" as the error line, and an argument
// with a line break quoted back in the message. Both exit 2 with one line on stderr, as every usage error does.
import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers.js';

function expectOneLine(args: string[], message: RegExp): void {
  const { code, stdout, stderr } = runCli(args);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
}

describe('usage errors', () => {
  it('mssql-doctor with no arguments prints its help, as --help does', () => {
    const bare = runCli([]);
    const help = runCli(['--help']);
    expect(bare).toEqual({ ...help, code: 0 });
    expect(bare.stdout).toMatch(/^Usage: mssql-doctor /);
    for (const command of ['diagnose', 'probe', 'scan', 'rules', 'serve']) expect(bare.stdout).toContain(`\n  ${command}`);
  });

  it.each([
    [['rules'], /^mssql-doctor: mssql-doctor rules needs a command: validate, test, list, explain, new \(mssql-doctor rules --help describes them\)$/],
    [['help', 'frobnicate'], /^mssql-doctor: no command "frobnicate": mssql-doctor needs a command: /],
  ])('mssql-doctor %j (a missing command) exits 2 with one line naming the choices', (args, message) => {
    expectOneLine(args, message);
  });

  it.each([
    [['frob\nnicate'], /^mssql-doctor: unknown command 'frob\\nnicate'$/],
    [['diagnose', '--format', 'x\r\ny', 'text'], /^mssql-doctor: option '--format <format>' argument 'x\\r\\ny' is invalid/],
  ])('mssql-doctor %j quotes a line break in an argument as \\n, in one line', (args, message) => {
    expectOneLine(args, message);
  });
});
