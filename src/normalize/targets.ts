// The server a paste names outside any driver message: connection-string settings, URLs, the -S of a
// sqlcmd/tsql command line, SSMS/SMO "Failed to connect to server X." lines.
import { decodeUriSafely } from '../evidence/connection-url.js';
import { parseServerSpec, type ServerSpec } from '../target/server-spec.js';
import type { Paste } from './paste.js';

export interface FoundTarget {
  spec: ServerSpec;
  line: string;
}

/** A connection-string setting inside a paste: "…Data Source=tcp:db01\SQLEXPRESS,1234;…". */
const SERVER_SETTING = /\b(?:data source|server|address|addr|network address)\s*=\s*("[^"\n]*"|'[^'\n]*'|[^;"'\s)]+)/i;
/** mssql://, sqlserver://, mssql+pyodbc:// (SQLAlchemy) URLs; credentials were already redacted. */
const URL_FORM = /\b(?:mssql(?:\+\w+)?|sqlserver):\/\/(?:[^@/\s]*@)?([^/?;\s]+)/i;
/** sqlcmd, bcp, tsql, osql command lines: -S server (also -Sserver). */
const DASH_S = /\b(?:sqlcmd|bcp|osql|isql|tsql)(?:\.exe)?(?=[ \t])[^\n]{0,200}?\s-S\s*("[^"]+"|\S+)/i;
/** SSMS "Cannot connect to X." and SMO "Failed to connect to server X." */
const TOOL_PHRASE = /(?:Cannot connect to|Failed to connect to server|Failed to connect to SQL instance) '?([^\s']+?)'?\.?(?=\s|$)/i;

/** The ways a paste names its server, most explicit first. */
const FORMS = [
  { pattern: SERVER_SETTING, colonPort: false, where: 'flat' },
  { pattern: URL_FORM, colonPort: true, where: 'flat' },
  { pattern: DASH_S, colonPort: false, where: 'text' },
  { pattern: TOOL_PHRASE, colonPort: false, where: 'flat' },
] as const;

function found(text: string, line: string, allowColonPort: boolean): FoundTarget | undefined {
  const spec = parseServerSpec(text, { allowColonPort });
  return spec ? { spec, line } : undefined;
}

export function findTargetInText(paste: Paste): FoundTarget | undefined {
  // Command lines are read from the text with its line breaks: an option belongs to its own line.
  for (const { pattern, colonPort, where } of FORMS) {
    const m = pattern.exec(paste[where]);
    if (m) {
      const line = where === 'flat' ? paste.lineAt(m.index) : paste.lineAtText(m.index);
      const value = (m[1] as string).replace(/^"|"$/g, '');
      const hit = found(pattern === URL_FORM ? decodeUriSafely(value) : value, line, colonPort);
      if (hit) return hit;
    }
  }
  return undefined;
}
