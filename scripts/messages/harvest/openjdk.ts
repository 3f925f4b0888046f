// Harvests the JDK's own socket and TLS texts that mssql-jdbc and jTDS embed in their messages (the {2} of
// R_tcpipConnectionFailed, the cause of R_sslFailed, jTDS's "Network error IOException: {0}") into
// messages/sources/openjdk.json. openjdk/jdk is far over the snapshot limit, so the script reads a local directory
// holding the few files named in OPENJDK_FILES (whole, or the excerpts carrying the texts) at their repository paths.
//
//   npx tsx scripts/messages/harvest/openjdk.ts --dir <directory> [--out messages/sources/openjdk.json]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { lexJava, decodeJavaString } from './jdbc.js';
import { templateOfArgument } from './jtds.js';
import { mergeReadings, writeSourceFile, type Layer, type Reading, type SourceFile } from './source-file.js';

/** The files read (through the search index's copy of github.com/openjdk/jdk) and the commit each was read at. */
export const OPENJDK_FILES = [
  { path: 'src/java.base/windows/native/libnet/net_util_md.c', commit: '22a7bb2b73aa4e68ee58d87a409ea2ff84c0be88' },
  { path: 'src/java.base/windows/native/libnet/DualStackPlainSocketImpl.c', commit: '568874f5451ede6991be7c21fb1c7dca941eb926' },
  { path: 'src/java.base/share/classes/sun/nio/ch/NioSocketImpl.java', commit: '04a3926e5f51a7c2dce5aae9b14965388e7b44d1' },
  { path: 'src/java.base/share/classes/sun/security/ssl/Alert.java', commit: '0195e41f627e6ab00af1fa039956072262680563' },
  { path: 'src/java.base/share/classes/sun/security/ssl/HandshakeContext.java', commit: '02e010d6b96c060e574f3e5e4025624b9846e0d3' },
  { path: 'src/java.base/share/classes/sun/security/validator/PKIXValidator.java', commit: '0336d8fbf1d8c4c3eeda562856cac618e34d079e' },
  {
    path: 'src/java.base/share/classes/sun/security/provider/certpath/SunCertPathBuilder.java',
    commit: '240349422ecb188d584a13c2c22d66508ce0e2fd',
  },
] as const;

/** Winsock errors a connection attempt meets; NET_ThrowNew prints "<text>: <what failed>". */
export const WINSOCK_CODES = [
  'WSAECONNREFUSED', 'WSAETIMEDOUT', 'WSAEHOSTUNREACH', 'WSAENETUNREACH', 'WSAENETDOWN', 'WSAEHOSTDOWN',
  'WSAECONNRESET', 'WSAECONNABORTED', 'WSAENETRESET', 'WSAEADDRNOTAVAIL', 'WSAENOBUFS', 'WSAHOST_NOT_FOUND',
  'WSATRY_AGAIN', 'WSANO_DATA', 'WSAEACCES', 'WSAENOTCONN', 'WSAESHUTDOWN',
] as const;

/** TLS alerts a client can receive from SQL Server's SChannel, printed as "Received fatal alert: <description>". */
export const ALERTS = [
  'handshake_failure', 'protocol_version', 'insufficient_security', 'internal_error', 'illegal_parameter',
  'decode_error', 'decrypt_error', 'bad_certificate', 'unsupported_certificate', 'certificate_unknown',
  'certificate_expired', 'certificate_revoked', 'unknown_ca', 'access_denied', 'unexpected_message',
  'bad_record_mac', 'unrecognized_name', 'certificate_required', 'no_application_protocol',
] as const;

/** Literal texts kept, by the path of the file and the start of the text (other operands of + become {0}). */
export const LITERAL_SITES: ReadonlyArray<{ id: string; file: string; prefix: string; layer: Layer }> = [
  { id: 'socket.connect-timed-out', file: 'NioSocketImpl.java', prefix: 'Connect timed out', layer: 'os' },
  { id: 'socket.read-timed-out', file: 'NioSocketImpl.java', prefix: 'Read timed out', layer: 'os' },
  { id: 'socket.connection-reset', file: 'NioSocketImpl.java', prefix: 'Connection reset', layer: 'os' },
  { id: 'socket.connect-timed-out-legacy', file: 'DualStackPlainSocketImpl.c', prefix: 'connect timed out', layer: 'os' },
  { id: 'socket.address-invalid', file: 'DualStackPlainSocketImpl.c', prefix: 'connect: Address is invalid', layer: 'os' },
  { id: 'socket.unable-to-establish', file: 'DualStackPlainSocketImpl.c', prefix: 'Unable to establish connection', layer: 'os' },
  { id: 'tls.no-appropriate-protocol', file: 'HandshakeContext.java', prefix: 'No appropriate protocol', layer: 'tls' },
  { id: 'tls.no-appropriate-cipher-suite', file: 'HandshakeContext.java', prefix: 'No appropriate cipher suite', layer: 'tls' },
  { id: 'tls.received-fatal-alert', file: 'Alert.java', prefix: 'Received fatal alert: ', layer: 'tls' },
  { id: 'tls.pkix-path-building-failed', file: 'PKIXValidator.java', prefix: 'PKIX path building failed: ', layer: 'tls' },
  { id: 'tls.no-certification-path', file: 'SunCertPathBuilder.java', prefix: 'unable to find valid certification path', layer: 'tls' },
];

/**
 * Every string expression in Java or C source: Java's `"a" + x + "b"` as "a{0}b", C's adjacent literals
 * `"a" "b"` as "ab". Quotes are doubled, so each reads as a MessageFormat template.
 */
export function stringExpressions(source: string): string[] {
  const tokens = lexJava(source);
  const found: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]!.kind !== 'string' || tokens[k - 1]?.text === '+' || tokens[k - 1]?.kind === 'string') continue;
    if (tokens[k + 1]?.kind === 'string') {
      let text = '';
      for (let j = k; tokens[j]?.kind === 'string'; j++) text += decodeJavaString(tokens[j]!.text);
      found.push(text.replace(/'/g, "''"));
    } else {
      found.push(templateOfArgument(tokens, k));
    }
  }
  return found;
}

/** The rows of net_util_md.c's winsock_errors table: code → text. */
export function winsockTable(source: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of source.matchAll(/\{\s*(WSA\w+)\s*,\s*(?:0|"\w*")\s*,\s*"((?:[^"\\]|\\.)*)"\s*\}/g)) {
    rows.set(match[1]!, decodeJavaString(match[2]!));
  }
  return rows;
}

/** The descriptions of Alert.java's enum constants: `NAME ((byte)N, "description", bool)`. */
export function alertDescriptions(source: string): string[] {
  return [...source.matchAll(/\(\(byte\)\s*\d+\s*,\s*"(\w+)"\s*,\s*(?:true|false)\s*\)/g)].map((m) => m[1]!);
}

/** One file's entries. */
export function openjdkEntries(path: string, source: string): Reading['entries'] {
  const entries: Reading['entries'] = [];
  const base = { locale: 'en', provider: 'jdbc', path } as const;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'net_util_md.c' && source.includes('"%s: %s"')) {
    const table = winsockTable(source);
    for (const code of WINSOCK_CODES) {
      const text = table.get(code);
      if (text === undefined) continue;
      entries.push({
        ...base,
        id: `openjdk:winsock.${code}`,
        template: `${text.replace(/'/g, "''")}: {0}`,
        syntax: 'java',
        layer: 'os',
        note: 'JDK on Windows (NET_ThrowNew): {0} is what failed, e.g. "connect", "getsockopt", or "no further information"',
      });
    }
  }
  const expressions = stringExpressions(source);
  if (name === 'Alert.java' && expressions.includes('Received fatal alert: {0}')) {
    const known = new Set(alertDescriptions(source));
    for (const alert of ALERTS.filter((a) => known.has(a))) {
      entries.push({ ...base, id: `openjdk:tls.alert.${alert}`, template: `Received fatal alert: ${alert}`, syntax: 'none', layer: 'tls' });
    }
  }
  for (const template of expressions) {
    const site = LITERAL_SITES.find((s) => s.file === name && template.startsWith(s.prefix));
    if (site) entries.push({ ...base, id: `openjdk:${site.id}`, template, syntax: /\{\d\}/.test(template) ? 'java' : 'none', layer: site.layer });
  }
  return entries;
}

const SELECTION = [
  'The JDK texts that mssql-jdbc and jTDS messages carry inside them: the Windows socket error table of',
  `net_util_md.c (${WINSOCK_CODES.length} connection-related codes, as "<text>: {0}", the form NET_ThrowNew prints), the`,
  'connect/read time-out and reset texts of NioSocketImpl (JDK 13+) and DualStackPlainSocketImpl (JDK 7–12 on',
  `Windows), and the TLS texts of sun.security (no appropriate protocol, PKIX path building, "Received fatal alert: …" for`,
  `${ALERTS.length} alerts). Read through the search index's copy of openjdk/jdk (the repository is far over the snapshot`,
  'limit): one version of each file, at the commit listed in harvested (no dates known). On Linux and macOS the socket',
  'text is strerror\'s (see the glibc source). English only, as the JDK prints it.',
].join(' ');

export function harvestOpenjdk(dir: string): SourceFile {
  const readings: Reading[] = [];
  for (const { path, commit } of OPENJDK_FILES) {
    const file = join(dir, path);
    if (!existsSync(file)) throw new Error(`missing ${path} under ${dir}`);
    readings.push({ ref: { ref: commit, commit, date: '' }, entries: openjdkEntries(path, readFileSync(file, 'utf8')) });
  }
  return {
    source: 'openjdk',
    title: 'OpenJDK socket and TLS messages embedded by JDBC drivers',
    repository: 'https://github.com/openjdk/jdk',
    licence: 'GPL-2.0-only WITH Classpath-exception-2.0',
    generator: 'scripts/messages/harvest/openjdk.ts',
    selection: SELECTION,
    harvested: readings.map(({ ref }) => ref),
    entries: mergeReadings(readings),
  };
}

function main(): void {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, out: { type: 'string' } } });
  if (!values.dir) throw new Error('usage: openjdk.ts --dir <directory of openjdk/jdk files> [--out file]');
  const out = values.out ?? 'messages/sources/openjdk.json';
  const file = harvestOpenjdk(values.dir);
  writeSourceFile(out, file);
  console.log(`wrote ${out}: ${file.entries.length} entries from ${file.harvested.length} files`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
