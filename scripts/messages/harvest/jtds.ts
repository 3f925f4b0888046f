// Harvests jTDS's connection-, login-, TLS- and network-related messages into messages/sources/jtds.json: keys of
// Messages.properties, and the exception texts hard-coded in its Java sources ("DB server closed connection.",
// "SSO Failed: " + …), at the commits of its releases (the repository tags only 1.3.1–1.3.3) and master.
//
//   npx tsx scripts/messages/harvest/jtds.ts --git-dir <milesibastos/jTDS snapshot> [--out messages/sources/jtds.json]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { GitSnapshot, type RefInfo } from './git-snapshot.js';
import { decodeJavaString, lexJava, type JavaToken } from './jdbc.js';
import { mergeReadings, writeSourceFile, type Reading, type SourceFile } from './source-file.js';

const SOURCE_DIR = 'src/main/net/sourceforge/jtds';
const MESSAGES_PATH = `${SOURCE_DIR}/jdbc/Messages.properties`;

/**
 * The refs read, oldest first: commits on the repository's history (an import of the SourceForge trunk) whose
 * message names a release, then the tags and master. 1.2.7, 1.2.8 and 1.3.0 were cut elsewhere and cannot be told
 * apart here; Messages.properties is the same from 2013-03-18 to master.
 */
export const JTDS_REFS: ReadonlyArray<{ rev: string; release: string }> = [
  { rev: '7ab3dc0', release: '1.2.2 ("Updated to reflect 1.2.2 release.")' },
  { rev: 'df820bc', release: '1.2.3 ("Prepared change log and build script for release 1.2.3.")' },
  { rev: '8485a16', release: '1.2.4 ("Prepared jTDS 1.2.4 release.")' },
  { rev: 'b17f920', release: '1.2.5 ("Updated change log for release 1.2.5.")' },
  { rev: '417ed82', release: '1.2.6 ("Updated project files, build scripts and change log for release 1.2.6.")' },
  { rev: 'e02f9d1', release: '1.3.1 prepared ("Updated for jTDS release 1.2.8 and 1.3.1.")' },
  { rev: 'v1.3.1', release: 'tag v1.3.1' },
  { rev: 'v1.3.2', release: 'tag v1.3.2' },
  { rev: 'v1.3.3', release: 'tag v1.3.3' },
  { rev: 'master', release: 'default branch' },
];

/** Messages.properties keys harvested: each read where jTDS raises it. */
export const SELECTED_PROPERTIES = [
  'error.connection.badhost', // JtdsConnection: UnknownHostException while connecting
  'error.connection.badprop', // JtdsConnection: a connection property's value is invalid
  'error.connection.ioerror', // JtdsConnection: any other IOException while connecting
  'error.connection.nohost', // JtdsDataSource: no serverName
  'error.connection.servertype', // JtdsDataSource: bad serverType
  'error.connection.sso', // TdsCore (to 1.2.x): SSO asked for off Windows
  'error.connection.timeout', // JtdsConnection: the login timer fired
  'error.driver.badurl', // Driver: the JDBC URL does not parse
  'error.generic.ioerror', // TdsCore and others: an IOException reading a response
  'error.generic.tdserror', // TdsCore: a ProtocolException reading a response
  'error.generic.closed', // "Invalid state, the Connection object is closed."
  'error.jdbcx.conclosed', // PooledConnection closed
  'error.conproxy.noconn', // a pooled connection's proxy used after it was returned
  'error.msinfo.badinfo', // MSSqlServerInfo: no answer from the SQL Browser (UDP 1434)
  'error.msinfo.badinst', // JtdsConnection: the Browser lists no such instance
  'error.msinfo.badport', // MSSqlServerInfo: the Browser's tcp port does not parse
  'error.ssl.encryptionoff', // TdsCore: ssl=require but the server does not encrypt
] as const;

/**
 * Hard-coded exception texts kept, by the start of their template (non-literal operands become {0}, {1}, …).
 * Found by listing every `new …Exception("…" …)` and `new Exception("…")` in the sources and keeping those a
 * connection attempt can print (the others are statement, LOB, data and internal-state errors).
 */
export const LITERAL_SITES: ReadonlyArray<{ id: string; prefix: string }> = [
  { id: 'literal.db-server-closed-connection', prefix: 'DB server closed connection.' }, // SharedSocket.readPacket: EOF
  { id: 'literal.unknown-packet-type', prefix: 'Unknown packet type 0x' }, // SharedSocket.readPacket
  { id: 'literal.invalid-packet-length', prefix: 'Invalid network packet length ' }, // SharedSocket.readPacket
  { id: 'literal.login-timed-out', prefix: 'Login timed out' }, // JtdsConnection/ConnectionJDBC2: login timer
  { id: 'literal.named-pipe-timed-out', prefix: 'Connection timed out to named pipe' }, // createNamedPipe
  { id: 'literal.prelogin-too-many-entries', prefix: 'Pre Login packet has more than 8 entries' }, // TdsCore
  { id: 'literal.sso-failed', prefix: 'SSO Failed: ' }, // TdsCore: native SSPI (ntlmauth.dll) failed
  { id: 'literal.gss-failed', prefix: 'GSS Failed: ' }, // TdsCore: Kerberos token could not be made
  { id: 'literal.gss-failure', prefix: 'GSS failure: ' }, // TdsCore: Kerberos token exchange failed
  { id: 'literal.ntlm-challenge-too-small', prefix: 'NTLM challenge: packet is too small:' }, // TdsCore
  { id: 'literal.ntlm-challenge-sequence', prefix: 'NTLM challenge: got unexpected sequence number:' }, // TdsCore
  { id: 'literal.sspi-library-not-loaded', prefix: 'Native SSPI library not loaded.' }, // SSPIJNIClient
  { id: 'literal.sspi-not-initialized', prefix: 'SSPI Not Initialized' }, // SSPIJNIClient
  { id: 'literal.unknown-server-type', prefix: 'Unknown serverType: ' }, // DefaultProperties
];

/**
 * A .properties file's key → value, with line continuations joined, `#`/`!` comments skipped, `=`, `:` or
 * white space as separator, and \uXXXX and one-letter escapes decoded (java.util.Properties.load).
 */
export function parseProperties(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    // An odd number of trailing backslashes continues the line.
    while (/(?:^|[^\\])(?:\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i]!.replace(/^[ \t\f]+/, '');
    }
    const separator = /^((?:\\[\s\S]|[^\\=: \t\f])*)[ \t\f]*[=: \t\f]?[ \t\f]*/.exec(line)!;
    pairs.set(decodeJavaString(separator[1]!), decodeJavaString(line.slice(separator[0].length)));
  }
  return pairs;
}

/** The first argument's text of each `new XxxException(…)` / `new Exception(…)` whose argument starts with a literal. */
export function exceptionTemplates(source: string): Array<{ template: string; line: number }> {
  const tokens = lexJava(source);
  const found: Array<{ template: string; line: number }> = [];
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (tokens[k]!.text !== 'new' || !/(?:^|\.)\w*Exception$/.test(tokens[k + 1]!.text) || tokens[k + 2]!.text !== '(') continue;
    if (tokens[k + 3]?.kind !== 'string') continue;
    found.push({ template: templateOfArgument(tokens, k + 3), line: tokens[k + 3]!.line });
  }
  return found;
}

/**
 * Joins a `+` expression starting at tokens[start] up to the `,`, `)` or `;` that ends it: literals as their text
 * (a quote doubled, as MessageFormat writes it), each other operand as the next {n}.
 */
export function templateOfArgument(tokens: readonly JavaToken[], start: number): string {
  let template = '';
  let placeholder = 0;
  let depth = 0;
  let inOperand = false;
  for (let k = start; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (depth === 0 && token.kind === 'punct' && (token.text === ',' || token.text === ')' || token.text === ';')) break;
    if (token.text === '(' || token.text === '[') depth++;
    if (token.text === ')' || token.text === ']') depth--;
    if (depth === 0 && token.kind === 'punct' && token.text === '+') {
      inOperand = false;
    } else if (depth === 0 && token.kind === 'string' && !inOperand) {
      template += decodeJavaString(token.text).replace(/'/g, "''");
    } else if (!inOperand) {
      template += `{${placeholder++}}`;
      inOperand = true;
    }
  }
  return template;
}

/** One ref's entries: the selected properties and the literal sites found in the Java sources given. */
export function jtdsEntries(properties: string | undefined, javaFiles: ReadonlyArray<{ path: string; text: string }>): Reading['entries'] {
  const entries: Reading['entries'] = [];
  const common = { locale: 'en', syntax: 'java', layer: 'driver', provider: 'jdbc' } as const;
  if (properties !== undefined) {
    const pairs = parseProperties(properties);
    for (const key of SELECTED_PROPERTIES) {
      const template = pairs.get(key);
      if (template !== undefined) entries.push({ id: `jtds:${key}`, template, path: MESSAGES_PATH, ...common });
    }
  }
  for (const { path, text } of javaFiles) {
    for (const { template } of exceptionTemplates(text)) {
      const site = LITERAL_SITES.find(({ prefix }) => template.startsWith(prefix));
      if (site) entries.push({ id: `jtds:${site.id}`, template, path, ...common, note: 'hard-coded in the Java source' });
    }
  }
  return entries;
}

const SELECTION = [
  `Messages.properties keys chosen by hand (SELECTED_PROPERTIES in scripts/messages/harvest/jtds.ts: ${SELECTED_PROPERTIES.length} keys`,
  'about connecting, the SQL Browser lookup, SSL, login timeouts, connection properties and closed or pooled',
  'connections; each read where jTDS raises it), and the exception texts hard-coded in the Java sources under',
  `${SOURCE_DIR}: every \`new …Exception("…" + …)\` was listed and ${LITERAL_SITES.length} connection-relevant ones kept`,
  '(LITERAL_SITES, matched by the start of the text; ids jtds:literal.<slug>; other operands of + become {0}, {1}, …',
  "and a quote is doubled, so every template reads as MessageFormat). Statement, LOB, data, XA and internal-state",
  'messages are left out. Refs: the trunk commits that name a release — ' +
    JTDS_REFS.filter(({ rev }) => /^[0-9a-f]{7}$/.test(rev))
      .map(({ rev, release }) => `${rev} = ${release}`)
      .join('; ') +
    ' — then tags v1.3.1, v1.3.2, v1.3.3 and master. English only.',
].join(' ');

export function harvestJtds(snapshot: GitSnapshot): SourceFile {
  const refs = snapshot.infos(JTDS_REFS.map(({ rev }) => rev));
  const javaPaths = new Set(refs.flatMap((ref) => snapshot.list(ref.commit, SOURCE_DIR, /\.java$/)));
  const texts = snapshot.readAt(refs.map((ref) => ref.commit), [MESSAGES_PATH, ...javaPaths]);
  const readings: Reading[] = refs.map((ref: RefInfo) => {
    const files = texts.get(ref.commit)!;
    const java = [...files].filter(([path]) => path !== MESSAGES_PATH).map(([path, text]) => ({ path, text }));
    return { ref, entries: jtdsEntries(files.get(MESSAGES_PATH), java) };
  });
  return {
    source: 'jtds',
    title: 'jTDS JDBC driver',
    repository: 'https://github.com/milesibastos/jTDS',
    licence: 'LGPL-2.1-or-later',
    generator: 'scripts/messages/harvest/jtds.ts',
    selection: SELECTION,
    harvested: refs,
    entries: mergeReadings(readings),
  };
}

function main(): void {
  const { values } = parseArgs({ options: { 'git-dir': { type: 'string' }, out: { type: 'string' } } });
  if (!values['git-dir']) throw new Error('usage: jtds.ts --git-dir <jTDS snapshot> [--out file]');
  const out = values.out ?? 'messages/sources/jtds.json';
  const file = harvestJtds(new GitSnapshot(values['git-dir']));
  writeSourceFile(out, file);
  console.log(`wrote ${out}: ${file.entries.length} entries from ${file.harvested.length} refs`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
