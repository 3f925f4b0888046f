// Options diagnose and probe share: output format, evidence files, rule sources, and the probe flags.
import { Option, type Command } from 'commander';
import { DoctorError } from '../errors.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatText } from '../format/text.js';
import type { Diagnosis } from '../schemas/diagnosis.js';
import type { DiagnoseInput, ProbeOptions } from '../schemas/input.js';
import { credentialsIn } from './probe-input.js';
import { parseEvidenceOption, readEvidenceFile } from './read-input.js';

/** Where `--login` takes the password from when the connection string has none: never the command line. */
export const PASSWORD_ENV = 'MSSQL_DOCTOR_PASSWORD';

/** A repeatable option's values, in order. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

export interface OutputOptions {
  json?: boolean;
  format: 'text' | 'json' | 'markdown';
}

export interface ProbeFlags {
  timeout?: number;
  login?: boolean;
  user?: string;
}

export function addInputOptions(command: Command): Command {
  return command
    .option('--json', 'print the Diagnosis as JSON (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--evidence <[kind=]file>', 'evidence file: netstat, tasklist, errorlog, alias, connection_string, capture (kind detected when omitted); repeatable', collect)
    .option('--connection-string <string>', 'the connection string the client used (passwords are redacted)')
    .option('--rules <dir>', 'extra rule directory or file, loaded after the built-in rules; repeatable', collect)
    .option('--config <file>', 'config file (JSON or YAML) whose `rules` list is loaded first');
}

function milliseconds(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > 60_000) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', `--timeout must be a whole number of milliseconds from 1 to 60000, not "${value}"`);
  return ms;
}

export function addProbeFlags(command: Command): Command {
  return command
    .option('--timeout <ms>', 'overall deadline for the probes, in milliseconds (default 3000)', milliseconds)
    .option('--login', `also log in with the tedious driver (SQL authentication) so that its error is diagnosed: the user and password come from the connection string, or --user with the password in $${PASSWORD_ENV}`)
    .option('--user <name>', 'login name for --login');
}

export function usesProbeFlags(flags: ProbeFlags): boolean {
  return flags.timeout !== undefined || flags.login === true || flags.user !== undefined;
}

/** The library's probe options from the flags; credentials from --user and the environment, or the connection string. */
export function probeOptionsFrom(flags: ProbeFlags, connectionString: string | undefined, env: NodeJS.ProcessEnv = process.env): ProbeOptions {
  const options: ProbeOptions = {};
  if (flags.timeout !== undefined) options.timeoutMs = flags.timeout;
  if (flags.user !== undefined && !flags.login) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', '--user only applies with --login');
  if (flags.login) {
    const fromString = connectionString ? credentialsIn(connectionString) : {};
    const user = flags.user ?? fromString.user;
    const password = env[PASSWORD_ENV] || fromString.password; // an empty variable is an unset one
    if (!user) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', '--login needs a login name: --user NAME, or User ID= in the connection string');
    if (password === undefined) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', `--login needs a password: set ${PASSWORD_ENV}, or Password= in the connection string`);
    options.login = { user, password };
  }
  return options;
}

/** The evidence files, read one after the other: the first that cannot be read is the one reported. */
export async function readEvidenceOptions(values: readonly string[]): Promise<NonNullable<DiagnoseInput['evidence']>> {
  const evidence: NonNullable<DiagnoseInput['evidence']> = [];
  for (const value of values) {
    const { kind, file } = parseEvidenceOption(value);
    const { text, binaryCapture } = await readEvidenceFile(file);
    const effective = kind ?? (binaryCapture ? 'capture' : undefined);
    evidence.push(effective ? { kind: effective, text } : { text });
  }
  return evidence;
}

export function printDiagnosis(diagnosis: Diagnosis, options: OutputOptions): void {
  const format = options.json ? 'json' : options.format;
  const rendered =
    format === 'json' ? `${JSON.stringify(diagnosis, null, 2)}\n` : format === 'markdown' ? formatMarkdown(diagnosis) : formatText(diagnosis);
  process.stdout.write(rendered);
}
