// Harvests System.Net.Security's connection texts — SslStream's TLS and certificate errors, its OpenSSL interop errors
// and NegotiateStream's GSSAPI/Kerberos/NTLM errors, which Microsoft.Data.SqlClient on .NET Core/.NET 5+ (and every
// other .NET client) shows inside "(provider: SSL Provider, error: …)" and as inner exceptions — into
// messages/sources/netsec.json. .NET Core 1.0–3.1 live in dotnet/corefx (read from its snapshot at release tags);
// .NET 5+ live in dotnet/runtime, which is over the snapshot limit, so its file versions are read from a local
// directory of files saved from the search index (test/fixtures/messages/netsec/runtime, see its SOURCES.md).
//
//   npx tsx scripts/messages/harvest/netsec.ts --git-dir <dotnet/corefx snapshot> \
//     [--runtime-dir test/fixtures/messages/netsec/runtime] [--out messages/sources/netsec.json]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMain } from './harvest-cli.js';
import { GitSnapshot, type RefInfo } from './git-snapshot.js';
import { byDate, dotnetSyntax, parseResx } from './mds.js';
import { isReleaseTag, subsample } from './sds.js';
import { mergeReadings, writeSourceFile, type Layer, type Reading, type SourceFile } from './source-file.js';

type Entry = Reading['entries'][number];

const SECURITY = 'src/System.Net.Security/src/Resources/Strings.resx';
const HTTP = 'src/System.Net.Http/src/Resources/Strings.resx';
/** The same file in dotnet/runtime, where corefx's src/ moved to src/libraries/. */
const RUNTIME_SECURITY = `src/libraries/${SECURITY.slice('src/'.length)}`;

// ---------------------------------------------------------------------------------------------------------------
// Selection

/** System.Net.Security keys about TLS, certificates, the OpenSSL/GSSAPI interop and Negotiate authentication. */
const SECURITY_KEYS = /^net_(?:ssl_|auth_|gssapi_|nego_|ntlm_|frame_|io_eof$|io_connectionclosed$|io_readfailure$|security|allocate_ssl_|generic_operation_failed$|alpn_failed$)/;
/** Keys the pattern takes that an application's misuse of the API raises, not a connection (reviewed by hand). */
const SECURITY_EXCLUDED = new Set([
  'net_auth_client_server',
  'net_auth_must_specify_extended_protection_scheme',
  'net_auth_noauth',
  'net_auth_reauth',
  'net_auth_supported_impl_levels',
  'net_frame_max_size',
  'net_nego_server_not_supported',
  'net_ssl_app_protocol_invalid',
  'net_ssl_app_protocols_invalid',
  'net_ssl_certificate_exist',
  'net_ssl_io_already_shutdown',
  'net_ssl_io_no_server_cert',
  'net_ssl_x509Name_push_failed_error',
]);
/** System.Net.Http: only HttpClient's wrapper of an SslStream failure (Entra token requests go through it). */
const HTTP_KEYS = new Set(['net_http_ssl_connection_failed']);

export function isSecurityKey(key: string): boolean {
  return SECURITY_KEYS.test(key) && !SECURITY_EXCLUDED.has(key);
}

export function isHttpKey(key: string): boolean {
  return HTTP_KEYS.has(key);
}

/** os for Negotiate's GSSAPI/Kerberos/NTLM texts (NegotiateStream, NTAuthentication), tls for SslStream's and OpenSSL's. */
export function layerOf(key: string): Layer {
  return /^net_(?:gssapi_|nego_|ntlm_|auth_bad_client_creds|auth_context_expectation|frame_size$|frame_read_io$|securitypackagesupport$)/.test(key)
    ? 'os'
    : 'tls';
}

export const SELECTION =
  `Resource keys chosen by name. ${SECURITY} (System.Net.Security): keys matching ${SECURITY_KEYS.source}, minus keys ` +
  `reviewed by hand as raised by an application's misuse of the API or by server-mode code, not by a failing ` +
  `connection: ${[...SECURITY_EXCLUDED].join(', ')}; event_*/net_log_* (EventSource traces) and the stream-misuse ` +
  `keys are not taken. ${HTTP} (System.Net.Http): only ${[...HTTP_KEYS].join(', ')}. Layer os for the ` +
  `GSSAPI/Kerberos/NTLM/Negotiate texts, tls for SslStream's, certificate and OpenSSL-interop texts. No provider: ` +
  `these texts are .NET's, printed by every .NET client. English only (.NET does not localize these resources in ` +
  `its runtime packs). Not here: the GSSAPI status texts inside "GSSAPI operation failed with error - {0} ({1})" ` +
  `("An unsupported mechanism was requested", "No Kerberos credentials available", "Cannot find KDC for realm") ` +
  `come from the system's GSSAPI library (MIT krb5 or Heimdal) through gss_display_status, not from .NET; ` +
  `Interop.AppleCrypto's texts are macOS Security framework messages, and System.Net.Primitives holds no connection text.`;

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** The entries of one ref's string tables: the selected keys of each file present. */
export function tableEntries(files: ReadonlyArray<{ path: string; text: string | undefined; keep: (key: string) => boolean }>): Entry[] {
  const entries: Entry[] = [];
  for (const { path, text, keep } of files) {
    if (text === undefined) continue;
    for (const [key, template] of parseResx(text, keep)) {
      entries.push({ id: `netsec:${key}`, locale: 'en', template, syntax: dotnetSyntax(template), layer: layerOf(key), path });
    }
  }
  return entries;
}

/** The dotnet/runtime commits saved under `dir`, oldest first, as its ORDER file lists them (one 40-hex id a line). */
export function runtimeCommits(order: string): string[] {
  return order
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[0-9a-f]{40}$/.test(line));
}

// ---------------------------------------------------------------------------------------------------------------
// Harvest

export function harvestNetsec(snapshot: GitSnapshot, runtimeDir?: string): SourceFile {
  const tags = snapshot.tags().filter(isReleaseTag);
  const security = snapshot.readMany(tags.map((ref) => ({ ref, path: SECURITY })));
  const http = snapshot.readMany(tags.map((ref) => ({ ref, path: HTTP })));
  // A tag is a distinct version when either file changed.
  const versions = tags.map((tag, i) => ({
    tag,
    oid: security[i] ? `${security[i]!.oid}:${http[i]?.oid ?? ''}` : undefined,
  }));
  const refs = [...subsample(versions), 'master'];
  const at = (ref: string, blobs: typeof security, path: string) => {
    const i = tags.indexOf(ref);
    return i >= 0 ? blobs[i]?.text : snapshot.read(ref, path);
  };
  const corefx: Reading[] = snapshot
    .infos(refs)
    .sort(byDate)
    .map((info) => ({
      ref: info,
      entries: tableEntries([
        { path: SECURITY, text: at(info.ref, security, SECURITY), keep: isSecurityKey },
        { path: HTTP, text: at(info.ref, http, HTTP), keep: isHttpKey },
      ]),
    }));

  const runtime: Reading[] = [];
  if (runtimeDir) {
    for (const commit of runtimeCommits(readFileSync(join(runtimeDir, 'ORDER'), 'utf8'))) {
      const file = join(runtimeDir, commit, RUNTIME_SECURITY);
      const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      const ref: RefInfo = { ref: `dotnet/runtime@${commit}`, commit, date: '' };
      runtime.push({ ref, entries: tableEntries([{ path: RUNTIME_SECURITY, text, keep: isSecurityKey }]) });
    }
  }

  return {
    source: 'netsec',
    title: 'System.Net.Security (SslStream, Negotiate) of .NET',
    repository: 'https://github.com/dotnet/runtime',
    licence: 'MIT',
    generator: 'scripts/messages/harvest/netsec.ts',
    selection:
      `${SELECTION} Refs: .NET Core 1.0–3.1 from dotnet/corefx (the library's home before dotnet/runtime): of every ` +
      `release tag (v*, without the -dependencies twins) the first tag carrying each distinct version of the two ` +
      `files and the newest tag of each major.minor line, plus the tag master. .NET 5+ from dotnet/runtime ` +
      `(${RUNTIME_SECURITY}), over the snapshot limit: only the file versions the search index holds, read by commit ` +
      `(refs dotnet/runtime@<commit>, oldest first, dates unknown) and saved as excerpts of their <data> elements ` +
      `(test/fixtures/messages/netsec/runtime/SOURCES.md says which); which .NET release first shipped each is not ` +
      `known here, and System.Net.Http's file was not read from dotnet/runtime.`,
    harvested: [...corefx.map(({ ref }) => ref), ...runtime.map(({ ref }) => ref)],
    entries: mergeReadings([...corefx, ...runtime]),
  };
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { 'git-dir': { type: 'string' }, 'runtime-dir': { type: 'string' }, out: { type: 'string' } } });
  if (!values['git-dir']) {
    console.error('usage: npx tsx scripts/messages/harvest/netsec.ts --git-dir <dotnet/corefx snapshot> [--runtime-dir <dir>] [--out messages/sources/netsec.json]');
    process.exit(2);
  }
  const out = values.out ?? 'messages/sources/netsec.json';
  const file = harvestNetsec(new GitSnapshot(values['git-dir']), values['runtime-dir']);
  writeSourceFile(out, file);
  console.log(`${out}: ${file.entries.length} entries from ${file.harvested.length} refs`);
}
