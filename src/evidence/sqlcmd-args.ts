// sqlcmd / bcp command lines as connection evidence: -S server, -d database, -E, -N, -C, -l timeout.
import { parseServerSpec } from '../target/server-spec.js';
import { toSeconds, type ConnectionSettings } from './connection-settings.js';

const COMMAND = /^\s*(?:\S*[\\/])?(?:sqlcmd|bcp|osql)(?:\.exe)?\s/i;

/** Splits a command line into words, honouring "double" and 'single' quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

/** The longest command line Windows runs (CreateProcess); what a pasted "command line" holds beyond it is no option. */
const MAX_COMMAND_LINE = 32_767;

export function parseSqlcmdArgs(text: string): ConnectionSettings | undefined {
  const line = text.split('\n').find((l) => COMMAND.test(l));
  if (!line) return undefined;
  const args = words(line.slice(0, MAX_COMMAND_LINE));
  const settings: ConnectionSettings = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    // sqlcmd accepts "-S value" and "-Svalue".
    const option = /^-([A-Za-z])(.*)$/.exec(arg);
    if (!option) continue;
    const [, letter, glued] = option as unknown as [string, string, string];
    const value = () => (glued ? glued : args[++i]);
    if (letter === 'S') {
      const spec = parseServerSpec(value() ?? '');
      if (spec) settings.server = spec;
    } else if (letter === 'd') settings.database = value();
    else if (letter === 'E') settings.integratedSecurity = true;
    else if (letter === 'N') settings.encrypt = glued || 'true';
    else if (letter === 'C') settings.trustServerCertificate = true;
    else if (letter === 'l') settings.connectTimeout = toSeconds(value());
    else if (letter === 'G') settings.authentication = 'ActiveDirectory';
  }
  settings.driver = 'sqlcmd';
  return settings;
}
