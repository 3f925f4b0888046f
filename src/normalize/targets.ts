// The server a paste names outside any driver message: connection-string settings, URLs, the -S of a
// sqlcmd/tsql command line, SSMS/SMO "Failed to connect to server X." lines.
import { parseConnectionString, findServerSetting } from '../evidence/connection-string.js';
import { decodeUriSafely } from '../evidence/connection-url.js';
import { parseServerSpec, type ServerSpec } from '../target/server-spec.js';
import type { Paste } from './paste.js';

export interface FoundTarget {
  spec: ServerSpec;
  line: string;
}

/** mssql://, sqlserver://, mssql+pyodbc:// (SQLAlchemy) URLs; credentials were already redacted. */
const URL_FORM = /\b(?:mssql(?:\+\w+)?|sqlserver):\/\/(?:[^@/\s]*@)?([^/?;\s]+)/i;
/** sqlcmd, bcp, tsql, osql command lines: -S server (also -Sserver). */
const DASH_S = /\b(?:sqlcmd|bcp|osql|isql|tsql)(?:\.exe)?(?=[ \t])[^\n]{0,200}?\s-S\s*("[^"]+"|\S+)/i;
/** SSMS "Cannot connect to X." and SMO "Failed to connect to server X." */
const TOOL_PHRASE = /(?:Cannot connect to|Failed to connect to server|Failed to connect to SQL instance) '?([^\s']+?)'?\.?(?=\s|$)/i;

function found(text: string, line: string, allowColonPort: boolean): FoundTarget | undefined {
  const spec = parseServerSpec(text, { allowColonPort });
  return spec ? { spec, line } : undefined;
}

export function findTargetInText(paste: Paste): FoundTarget | undefined {
  const setting = findServerSetting(paste.flat);
  if (setting) {
    const facts = parseConnectionString(setting).facts;
    if (typeof facts['target.host'] === 'string') {
      const spec: ServerSpec = { host: facts['target.host'] };
      if (typeof facts['target.instance'] === 'string') spec.instance = facts['target.instance'];
      if (typeof facts['target.port'] === 'number') spec.port = facts['target.port'];
      if (typeof facts['target.protocol'] === 'string') spec.protocol = facts['target.protocol'] as ServerSpec['protocol'];
      return { spec, line: paste.lineAt(paste.flat.indexOf(setting.split('=')[0] as string)) };
    }
  }
  // Command lines are read from the text with its line breaks: an option belongs to its own line.
  for (const [pattern, colon, where] of [[URL_FORM, true, 'flat'], [DASH_S, false, 'text'], [TOOL_PHRASE, false, 'flat']] as const) {
    const m = pattern.exec(paste[where]);
    if (m) {
      const line = where === 'flat' ? paste.lineAt(m.index) : paste.lineAtText(m.index);
      const hit = found(decodeUriSafely((m[1] as string).replace(/^"|"$/g, '')), line, colon);
      if (hit) return hit;
    }
  }
  return undefined;
}
