// The secrets corpus (test/fixtures/secrets/shapes.yaml) and what a leak is: a secret, or any 6-character piece of
// it, in an output once that output is read as its reader reads it (JSON strings decoded, Markdown and HTML
// escapes undone). A piece that also appears where no secret was pasted (the rules' text, the format's words) is
// no evidence of a leak.
import { readFileSync } from 'node:fs';
import { decodeHTML } from 'entities';
import { parse } from 'yaml';

export interface SecretShape {
  id: string;
  kind: string;
  source: string;
  paste: string;
  secrets: string[];
}

export function secretShapes(): SecretShape[] {
  return parse(readFileSync(new URL('../fixtures/secrets/shapes.yaml', import.meta.url), 'utf8')) as SecretShape[];
}

/** Errors the shapes are pasted next to, so that the lines holding them are quoted as a record's line. */
export const ERRORS = [
  'Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. (provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)',
  'ConnectionError: Failed to connect to db07:1433 - Could not connect (sequence)',
  "Sqlcmd: Error: Microsoft ODBC Driver 18 for SQL Server : Login failed for user 'sa'..",
] as const;

/** How a person pastes a shape: on the error's line, on lines of its own, and as the paste went through JSON or HTML. */
export function pasteVariants(shape: SecretShape, index: number): Array<{ name: string; text: string }> {
  const error = ERRORS[index % ERRORS.length] as string;
  const sameLine = `${shape.paste} ${error}`;
  const ownLines = `${error}\n${shape.paste}\n${error}`;
  return [
    { name: 'same line', text: sameLine },
    { name: 'own lines', text: ownLines },
    { name: 'JSON-escaped', text: JSON.stringify(sameLine).slice(1, -1) },
    { name: 'HTML-escaped', text: sameLine.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;') },
  ];
}

/** A log in which a shape sits on an error's line and below it (the .env, YAML or compose block a person pastes). */
export function logWith(shape: SecretShape, index: number): string {
  const error = (ERRORS[index % ERRORS.length] as string).replace('db07', `db${index}`);
  const indented = shape.paste
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `2024-05-01 10:00:${String(index % 60).padStart(2, '0')} ERROR ${shape.paste.split('\n').at(-1)} ${error}\n${indented}\n`;
}

const WINDOW = 6;

/** The pieces of a secret a leak would show: every 6-character window, or the whole of a shorter one. */
export function secretWindows(secret: string): string[] {
  if (secret.length <= WINDOW) return [secret];
  return Array.from({ length: secret.length - WINDOW + 1 }, (_, i) => secret.slice(i, i + WINDOW));
}

function jsonStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => jsonStrings(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (out.push(k), jsonStrings(v, out));
}

/** An output as its reader sees it: JSON's strings decoded, then Markdown's backslash escapes and HTML entities undone. */
export function readable(output: string | object): string {
  const strings: string[] = [];
  if (typeof output === 'object') jsonStrings(output, strings);
  else {
    try {
      jsonStrings(JSON.parse(output), strings);
    } catch {
      strings.push(output);
    }
  }
  const text = strings.join('\n');
  return `${text}\n${decodeHTML(text.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1'))}`;
}

/** The ways a secret is written in a paste: as itself, JSON-escaped, with its quotes or braces doubled, URL- or HTML-encoded. */
function spellings(secret: string): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    secret.replace(/"/g, '""'),
    secret.replace(/'/g, "''"),
    secret.replace(/}/g, '}}'),
    encodeURIComponent(secret),
    secret.replace(/&/g, '&amp;').replace(/"/g, '&quot;'),
  ];
}

/** A paste with its secrets cut out: what of it an output may show without leaking anything. */
export function withoutSecrets(paste: string, secrets: readonly string[]): string {
  let text = paste;
  for (const spelling of secrets.flatMap(spellings).sort((a, b) => b.length - a.length)) text = text.split(spelling).join(' ');
  return text;
}

/** The windows of the shape's secrets an output shows, that the background (output without secrets) does not. */
export function leakedPieces(secrets: readonly string[], output: string, background: string): string[] {
  const shown = output.toLowerCase();
  const usual = background.toLowerCase();
  return secrets.flatMap((secret) => secretWindows(secret).filter((w) => shown.includes(w.toLowerCase()) && !usual.includes(w.toLowerCase())));
}
