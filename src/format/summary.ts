// The facts a person wants first, shared by the text and Markdown renderings.
import type { Diagnosis } from '../schemas/diagnosis.js';

/** "sqlclient (System.Data.SqlClient) · TCP Provider error 0 · OS error 10061". */
export function clientLine(d: Diagnosis): string | undefined {
  const f = d.facts;
  const parts: string[] = [];
  if (d.providers.length > 0) parts.push(`${d.providers.join(', ')}${f['error.driver'] ? ` (${f['error.driver']})` : ''}`);
  if (f['error.sniProvider'] !== undefined) {
    parts.push(`${f['error.sniProvider']}${f['error.sniError'] !== undefined ? ` error ${f['error.sniError']}` : ''}`);
  }
  if (f['error.osErrors']?.length) parts.push(`OS error ${f['error.osErrors'].join(', ')}`);
  if (f['error.numbers']?.length) parts.push(`error ${f['error.numbers'].join(', ')}`);
  if (f['error.sqlStates']?.length) parts.push(`SQLSTATE ${f['error.sqlStates'].join(', ')}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** "tcp:db01\SQLEXPRESS, port 1234 (dialled 1234)". */
export function targetLine(d: Diagnosis): string | undefined {
  const f = d.facts;
  if (f['target.host'] === undefined) return undefined;
  const name = `${f['target.protocol'] ? `${f['target.protocol']}:` : ''}${f['target.host']}${f['target.instance'] ? `\\${f['target.instance']}` : ''}`;
  const port = f['target.port'] !== undefined ? `, port ${f['target.port']}` : '';
  const tried = f['target.portTried'] !== undefined && f['target.portTried'] !== f['target.port'] ? ` (dialled port ${f['target.portTried']})` : '';
  return `${name}${port}${tried}`;
}

export const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;

/** How many causes are shown with their evidence and fixes; the rest get one line each. */
export const DETAILED_CAUSES = 3;
