// `mssql-doctor probe TARGET`: live probes of a server from this machine, then the diagnosis they support.
import type { Command } from 'commander';
import { userRulePaths } from '../config.js';
import { createDoctor } from '../doctor.js';
import { DoctorError } from '../errors.js';
import type { DiagnoseInput } from '../schemas/input.js';
import { addInputOptions, addProbeFlags, printDiagnosis, probeOptionsFrom, readEvidenceOptions, type OutputOptions, type ProbeFlags } from './input-options.js';
import { probeTargetInput } from './probe-input.js';

interface ProbeCommandOptions extends OutputOptions, ProbeFlags {
  evidence?: string[];
  connectionString?: string;
  rules?: string[];
  config?: string;
}

async function runProbe(targetArgs: string[], options: ProbeCommandOptions): Promise<void> {
  const argument = targetArgs.join(' ').trim();
  if (!argument) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', 'name the server to probe: a connection string, host, host\\instance, host,port, a JDBC URL, or an error text');
  const input: DiagnoseInput = probeTargetInput(argument);
  if (options.connectionString !== undefined) {
    if (input.connectionString !== undefined) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', 'the target is already a connection string: drop --connection-string');
    input.connectionString = options.connectionString;
  }
  if (options.evidence?.length) input.evidence = await readEvidenceOptions(options.evidence);
  input.probe = probeOptionsFrom(options, input.connectionString);
  const diagnosis = await createDoctor({ rules: userRulePaths(options) }).diagnose(input);
  printDiagnosis(diagnosis, options);
}

export function addProbeCommand(program: Command): void {
  const command = program
    .command('probe')
    .description('probe a server from this machine (DNS, TCP, SQL Browser, TDS pre-login; a login with --login), then diagnose what the probes found')
    .argument('<target...>', 'a connection string or JDBC URL, host, host\\instance, host,port, or an error text naming the server');
  addInputOptions(command);
  addProbeFlags(command);
  command.action(runProbe);
}
