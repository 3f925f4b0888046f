#!/usr/bin/env node
// mssql-doctor command line: parses arguments, reads input, prints a diagnosis. Exit codes: 0 done,
// 1 rule problems, 2 bad usage or unreadable input (one line on stderr, never a stack trace).
import { Command, CommanderError, Option } from 'commander';
import { createDoctor } from '../doctor.js';
import { DoctorError, formatProblem } from '../errors.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatText } from '../format/text.js';
import { PACKAGE_VERSION } from '../package-root.js';
import type { DiagnoseInput } from '../schemas/input.js';
import { userRulePaths } from '../config.js';
import { parseEvidenceOption, readEvidenceFile, readStdin } from './read-input.js';
import { addRulesCommand } from './rules-command.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface DiagnoseOptions {
  json?: boolean;
  format: 'text' | 'json' | 'markdown';
  evidence?: string[];
  connectionString?: string;
  probe?: boolean;
  rules?: string[];
  config?: string;
}

async function runDiagnose(textArgs: string[], options: DiagnoseOptions): Promise<void> {
  const joined = textArgs.join(' ');
  const text = textArgs.length === 0 || joined === '-' ? readStdin() : joined;
  const input: DiagnoseInput = { text };
  if (options.evidence?.length) {
    input.evidence = options.evidence.map((value) => {
      const { kind, file } = parseEvidenceOption(value);
      const { text, binaryCapture } = readEvidenceFile(file);
      const effective = kind ?? (binaryCapture ? 'capture' : undefined);
      return effective ? { kind: effective, text } : { text };
    });
  }
  if (options.connectionString !== undefined) input.connectionString = options.connectionString;
  if (options.probe) input.probe = true;

  const diagnosis = await createDoctor({ rules: userRulePaths(options) }).diagnose(input);
  const format = options.json ? 'json' : options.format;
  const rendered =
    format === 'json' ? `${JSON.stringify(diagnosis, null, 2)}\n` : format === 'markdown' ? formatMarkdown(diagnosis) : formatText(diagnosis);
  process.stdout.write(rendered);
}

export function buildProgram(): Command {
  const program = new Command('mssql-doctor')
    .description('Diagnoses SQL Server connection failures from pasted client errors and evidence.')
    .version(PACKAGE_VERSION)
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .showSuggestionAfterError();

  program
    .command('diagnose')
    .description('diagnose a pasted error (argument, or stdin when absent or "-")')
    .argument('[text...]', 'the error text a client printed')
    .option('--json', 'print the Diagnosis as JSON (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--evidence <[kind=]file>', 'evidence file: netstat, tasklist, errorlog, alias, connection_string, capture (kind detected when omitted); repeatable', collect)
    .option('--connection-string <string>', 'the connection string the client used (passwords are redacted)')
    .option('--probe', 'also run live probes against the target')
    .option('--rules <dir>', 'extra rule directory or file, loaded after the built-in rules; repeatable', collect)
    .option('--config <file>', 'config file (JSON or YAML) whose `rules` list is loaded first')
    .action(runDiagnose);
  addRulesCommand(program);
  return program;
}

function fail(message: string, code: number): never {
  process.stderr.write(`mssql-doctor: ${message}\n`);
  process.exit(code);
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return; // --help, --version
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
