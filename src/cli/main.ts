#!/usr/bin/env node
// mssql-doctor command line: parses arguments, reads input, prints a diagnosis. Exit codes: 0 done,
// 1 rule problems, 2 bad usage or unreadable input (one line on stderr, never a stack trace).
import { Command, CommanderError } from 'commander';
import { userRulePaths } from '../config.js';
import { createDoctor } from '../doctor.js';
import { DoctorError, formatProblem } from '../errors.js';
import { PACKAGE_VERSION } from '../package-root.js';
import { redactText } from '../redact/index.js';
import type { DiagnoseInput } from '../schemas/input.js';
import {
  addInputOptions,
  addProbeFlags,
  printDiagnosis,
  probeOptionsFrom,
  readEvidenceOptions,
  usesProbeFlags,
  type OutputOptions,
  type ProbeFlags,
} from './input-options.js';
import { handleOutputErrors } from './output-errors.js';
import { addProbeCommand } from './probe-command.js';
import { readStdin } from './read-input.js';
import { addRulesCommand } from './rules-command.js';
import { addScanCommand } from './scan-command.js';
import { addServeCommand } from './serve-command.js';

interface DiagnoseOptions extends OutputOptions, ProbeFlags {
  evidence?: string[];
  connectionString?: string;
  probe?: boolean;
  rules?: string[];
  config?: string;
}

async function runDiagnose(textArgs: string[], options: DiagnoseOptions): Promise<void> {
  const joined = textArgs.join(' ');
  const text = textArgs.length === 0 || joined === '-' ? await readStdin() : joined;
  const input: DiagnoseInput = { text };
  if (options.evidence?.length) input.evidence = await readEvidenceOptions(options.evidence);
  if (options.connectionString !== undefined) input.connectionString = options.connectionString;
  if (options.probe) input.probe = probeOptionsFrom(options, options.connectionString);
  else if (usesProbeFlags(options)) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', '--timeout, --login and --user only apply with --probe');

  const diagnosis = await createDoctor({ rules: userRulePaths(options) }).diagnose(input);
  printDiagnosis(diagnosis, options);
}

export function buildProgram(): Command {
  const program = new Command('mssql-doctor')
    .description('Diagnoses SQL Server connection failures from pasted client errors and evidence.')
    .version(PACKAGE_VERSION)
    .exitOverride()
    // Errors, and the help commander prints in place of a missing command, are said in one line by main().
    .configureOutput({ outputError: () => {}, writeErr: () => {} })
    .showSuggestionAfterError();

  const diagnoseCommand = program
    .command('diagnose')
    .description('diagnose a pasted error (argument, or stdin when absent or "-")')
    .argument('[text...]', 'the error text a client printed')
    .option('--probe', 'also run live probes (DNS, TCP, SQL Browser, TDS pre-login) against the server the input names');
  addInputOptions(diagnoseCommand);
  addProbeFlags(diagnoseCommand);
  diagnoseCommand.action(runDiagnose);
  addProbeCommand(program);
  addScanCommand(program);
  addRulesCommand(program);
  addServeCommand(program);
  return program;
}

/** Line breaks and other control characters, as escapes: a message that quotes an argument stays one line. */
const CONTROL_CHARACTERS = /[\0-\x1f\x7f\x85\u2028\u2029]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const asEscape = (ch: string) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The message is redacted: it may quote an argument (an unknown option, a file name) that holds a password. */
function fail(message: string, code: number): never {
  process.stderr.write(`mssql-doctor: ${redactText(message).text.replace(CONTROL_CHARACTERS, asEscape)}\n`);
  process.exit(code);
}

/**
 * The one line for a command given without its (sub)command (`mssql-doctor`, `mssql-doctor rules`, `help nope`),
 * where commander would print its help on stderr: the choices at the deepest command the words name.
 */
function missingCommand(program: Command, argv: readonly string[]): string {
  let command = program;
  for (const word of argv) {
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) break;
    command = sub;
  }
  const path = [];
  for (let c: Command | null = command; c; c = c.parent) path.unshift(c.name());
  const name = path.join(' ');
  const choices = command.commands.map((c) => c.name()).filter((n) => n !== 'help');
  const unknown = argv[0] === 'help' && argv[1] !== undefined ? `no command "${argv[1]}": ` : '';
  return `${unknown}${name} needs a command: ${choices.join(', ')} (${name} --help describes them)`;
}

export async function main(argv: string[]): Promise<void> {
  handleOutputErrors();
  const program = buildProgram();
  // `mssql-doctor` alone asks what the program does: its help, as `--help` prints it. A command named without
  // its subcommand (`mssql-doctor rules`) is a usage error, one line (missingCommand).
  if (argv.length === 0) {
    process.stdout.write(program.helpInformation());
    return;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return; // --help, --version
      if (error.code === 'commander.help') fail(missingCommand(program, argv), 2);
      fail(error.message.replace(/^error: /, ''), 2);
    }
    if (error instanceof DoctorError) {
      if (error.problems.length > 0) {
        process.stderr.write(`${error.problems.map(formatProblem).join('\n')}\n`);
        fail(error.message, 1);
      }
      fail(error.message, 2);
    }
    fail(`internal error: ${(error as Error).message}`, 2);
  }
}

await main(process.argv.slice(2));
