// Harvests the OpenSSL texts a SQL Server client on Linux or macOS embeds in its TLS errors — SSL reason strings
// (ssl/ssl_err.c, "error:0A000086:SSL routines::certificate verify failed") and certificate verification texts
// (crypto/x509/x509_txt.c, X509_verify_cert_error_string: "self-signed certificate") — into
// messages/sources/openssl.json. openssl/openssl is over the snapshot limit, so the release sources are read from
// python/cpython-source-deps, which imports each OpenSSL release tarball CPython builds with under a tag named after
// it (openssl-1.0.2k … openssl-3.0.16), and the newest x509_txt.c from a local directory of openssl/openssl files
// read through the search index (OPENSSL_HEAD_FILES).
//
//   npx tsx scripts/messages/harvest/openssl.ts --git-dir <python/cpython-source-deps snapshot> \
//     [--dir <directory of openssl/openssl files>] [--out messages/sources/openssl.json]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { GitSnapshot, type RefInfo } from './git-snapshot.js';
import { byDate, unescapeBackslashes } from './mds.js';
import { mergeReadings, writeSourceFile, type Reading, type SourceFile } from './source-file.js';

export const REASONS_PATH = 'ssl/ssl_err.c';
export const VERIFY_PATH = 'crypto/x509/x509_txt.c';

/** The snapshot the release sources come from: its tags carry the OpenSSL version. */
export const RELEASES_REPOSITORY = 'python/cpython-source-deps';

/** Files of openssl/openssl read through the search index (newer than the newest release CPython imported). */
export const OPENSSL_HEAD_FILES = [{ path: VERIFY_PATH, commit: '0223dfcf1e4d4d6f0a9a671ce570c6a1c057fe93' }] as const;

/**
 * SSL reason codes a client meets while connecting, chosen from the whole list (about 350): the protocol-version and
 * cipher/security-level refusals, the alerts a server (SQL Server's SChannel) sends, certificate verification, and the
 * texts of a connection that closes mid-handshake or does not speak TLS. Left out: configuration, session, QUIC,
 * server-side and internal reasons.
 */
export const SELECTED_REASONS = [
  // Protocol version
  'SSL_R_UNSUPPORTED_PROTOCOL', 'SSL_R_WRONG_VERSION_NUMBER', 'SSL_R_NO_PROTOCOLS_AVAILABLE', 'SSL_R_VERSION_TOO_LOW',
  'SSL_R_VERSION_TOO_HIGH', 'SSL_R_UNKNOWN_PROTOCOL', 'SSL_R_UNSUPPORTED_SSL_VERSION', 'SSL_R_WRONG_SSL_VERSION',
  'SSL_R_UNKNOWN_SSL_VERSION', 'SSL_R_BAD_PROTOCOL_VERSION_NUMBER', 'SSL_R_TLSV1_ALERT_PROTOCOL_VERSION',
  'SSL_R_INAPPROPRIATE_FALLBACK', 'SSL_R_TLSV1_ALERT_INAPPROPRIATE_FALLBACK',
  // Ciphers, signature algorithms, key sizes and renegotiation (security level)
  'SSL_R_NO_CIPHERS_AVAILABLE', 'SSL_R_NO_SHARED_CIPHER', 'SSL_R_NO_CIPHER_MATCH', 'SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM',
  'SSL_R_NO_SHARED_SIGNATURE_ALGORITHMS', 'SSL_R_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED', 'SSL_R_NO_SUITABLE_GROUPS',
  'SSL_R_DH_KEY_TOO_SMALL', 'SSL_R_EE_KEY_TOO_SMALL', 'SSL_R_CA_KEY_TOO_SMALL', 'SSL_R_CA_MD_TOO_WEAK',
  'SSL_R_INSUFFICIENT_SECURITY', 'SSL_R_SSL_HANDSHAKE_FAILURE', 'SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED',
  // Alerts the server sent
  'SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE', 'SSL_R_SSLV3_ALERT_BAD_CERTIFICATE', 'SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN', 'SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED',
  'SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE', 'SSL_R_SSLV3_ALERT_ILLEGAL_PARAMETER',
  'SSL_R_SSLV3_ALERT_UNEXPECTED_MESSAGE', 'SSL_R_SSLV3_ALERT_BAD_RECORD_MAC', 'SSL_R_TLSV1_ALERT_INSUFFICIENT_SECURITY',
  'SSL_R_TLSV1_ALERT_INTERNAL_ERROR', 'SSL_R_TLSV1_ALERT_UNKNOWN_CA', 'SSL_R_TLSV1_ALERT_DECODE_ERROR',
  'SSL_R_TLSV1_ALERT_DECRYPT_ERROR', 'SSL_R_TLSV1_ALERT_ACCESS_DENIED', 'SSL_R_TLSV1_UNRECOGNIZED_NAME',
  'SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL',
  // Certificate verification
  'SSL_R_CERTIFICATE_VERIFY_FAILED',
  // The connection closed mid-handshake, or the peer does not speak TLS
  'SSL_R_UNEXPECTED_EOF_WHILE_READING', 'SSL_R_UNEXPECTED_MESSAGE', 'SSL_R_UNEXPECTED_RECORD', 'SSL_R_HTTP_REQUEST',
  'SSL_R_HTTPS_PROXY_REQUEST', 'SSL_R_PACKET_LENGTH_TOO_LONG', 'SSL_R_RECORD_LENGTH_MISMATCH', 'SSL_R_BAD_PACKET_LENGTH',
  'SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', 'SSL_R_PROTOCOL_IS_SHUTDOWN', 'SSL_R_NO_APPLICATION_PROTOCOL',
] as const;

/**
 * Certificate verification results a client meets with SQL Server's certificates (self-signed, private CA, expired,
 * issued for another name, and the strict checks Python 3.13 and OpenSSL 3 apply to old self-signed certificates),
 * chosen from the whole X509_V_ERR list (about 100). Left out: CRL, OCSP, DANE, proxy-certificate, name-constraint and
 * Suite B results.
 */
export const SELECTED_VERIFY_CODES = [
  'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT', 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT',
  'X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN', 'X509_V_ERR_CERT_HAS_EXPIRED', 'X509_V_ERR_CERT_NOT_YET_VALID',
  'X509_V_ERR_CERT_UNTRUSTED', 'X509_V_ERR_CERT_REJECTED', 'X509_V_ERR_CERT_REVOKED', 'X509_V_ERR_CERT_SIGNATURE_FAILURE',
  'X509_V_ERR_CERT_CHAIN_TOO_LONG', 'X509_V_ERR_INVALID_CA', 'X509_V_ERR_INVALID_PURPOSE', 'X509_V_ERR_KEYUSAGE_NO_CERTSIGN',
  'X509_V_ERR_HOSTNAME_MISMATCH', 'X509_V_ERR_IP_ADDRESS_MISMATCH', 'X509_V_ERR_EE_KEY_TOO_SMALL',
  'X509_V_ERR_CA_KEY_TOO_SMALL', 'X509_V_ERR_CA_MD_TOO_WEAK', 'X509_V_ERR_UNABLE_TO_GET_CRL',
  'X509_V_ERR_EMPTY_SUBJECT_ALT_NAME', 'X509_V_ERR_CA_BCONS_NOT_CRITICAL', 'X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER',
  'X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER', 'X509_V_ERR_CA_CERT_MISSING_KEY_USAGE',
] as const;

/** C adjacent string literals joined and decoded: `"a" "b"` → ab. */
function cStrings(literals: string): string {
  return [...literals.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((m) => unescapeBackslashes(m[1]!)).join('');
}

/**
 * The reason table of ssl_err.c, code → text, in each shape it has had: `{ERR_REASON(SSL_R_X), "text"}` (1.0.2),
 * `{ERR_PACK(ERR_LIB_SSL, 0, SSL_R_X), "text"}` (1.1.0 on), `{SSL_R_X ,"text"}` (0.9.x); the text may start on the
 * next line or be split into adjacent literals.
 */
export function sslReasons(source: string): Map<string, string> {
  const reasons = new Map<string, string>();
  const row =
    /\{\s*(?:ERR_REASON\s*\(\s*|ERR_PACK\s*\([^,]*,[^,]*,\s*)?(SSL_R_\w+)\s*\)?\s*,\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)\}/g;
  for (const [, code, literals] of source.matchAll(row)) reasons.set(code!, cStrings(literals!));
  return reasons;
}

/**
 * X509_verify_cert_error_string's switch, code → text: `case X509_V_ERR_X: return "text";` (with or without
 * parentheses around the literal); cases that fall through to one return all get its text.
 */
export function verifyTexts(source: string): Map<string, string> {
  const texts = new Map<string, string>();
  let pending: string[] = [];
  const step = /case\s+(X509_V_\w+)\s*:|return\s*\(?\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)\)?\s*;/g;
  for (const [, code, literals] of source.matchAll(step)) {
    if (code) {
      pending.push(code);
    } else {
      for (const name of pending) texts.set(name, cStrings(literals!));
      pending = [];
    }
  }
  return texts;
}

/** The selected entries of one version's files (either may be missing). */
export function opensslEntries(files: { reasons?: string; verify?: string }): Reading['entries'] {
  const base = { locale: 'en', syntax: 'none', layer: 'tls' } as const;
  const entries: Reading['entries'] = [];
  const reasons = files.reasons === undefined ? new Map<string, string>() : sslReasons(files.reasons);
  for (const code of SELECTED_REASONS) {
    const text = reasons.get(code);
    if (text) entries.push({ ...base, id: `openssl:${code}`, template: text, path: REASONS_PATH });
  }
  const verify = files.verify === undefined ? new Map<string, string>() : verifyTexts(files.verify);
  for (const code of SELECTED_VERIFY_CODES) {
    const text = verify.get(code);
    if (text) entries.push({ ...base, id: `openssl:${code}`, template: text, path: VERIFY_PATH });
  }
  return entries;
}

const SELECTION = [
  `SSL reason strings (${REASONS_PATH}, the table crypto/err/openssl.txt generates; that file lacks the alert reasons)`,
  `and certificate verification texts (${VERIFY_PATH}) a client meets while connecting: ${SELECTED_REASONS.length}`,
  `reason codes and ${SELECTED_VERIFY_CODES.length} verification codes chosen by hand from the whole lists (see`,
  'SELECTED_REASONS and SELECTED_VERIFY_CODES in the generator); ids are the C names. Releases 1.0.2k to 3.0.16 are read',
  `from ${RELEASES_REPOSITORY}, which imports each OpenSSL release tarball under a tag of that name (refs`,
  `"${RELEASES_REPOSITORY}:openssl-…" with that repository's commits; every tag at which one of the two files changed),`,
  `and the newest ${VERIFY_PATH} of openssl/openssl through the search index (ref "openssl/openssl@<commit>", no date).`,
  'Reason strings newer than 3.0.16 are not read (newer 3.x print "ssl/tls alert …" for the sslv3 alert reasons, seen in',
  'pastes): openssl/openssl is over the snapshot limit and the index holds an old ssl_err.c. English only.',
].join(' ');

export function harvestOpenssl(releases: GitSnapshot, headDir?: string): SourceFile {
  const candidates = [...releases.tags(/^openssl-\d/), 'openssl-3.0'];
  const tags = releases.changedRefs(candidates, [REASONS_PATH, VERIFY_PATH]);
  // One `git log -1` a ref: `infos` (git show -s) stops at a commit of this snapshot whose tree lacks an object.
  const infos = tags.map((tag) => releases.info(tag)).sort(byDate);
  const texts = releases.readAt(tags, [REASONS_PATH, VERIFY_PATH]);
  const readings: Reading[] = infos.map((info) => ({
    ref: { ...info, ref: `${RELEASES_REPOSITORY}:${info.ref}` },
    entries: opensslEntries({
      reasons: texts.get(info.ref)?.get(REASONS_PATH),
      verify: texts.get(info.ref)?.get(VERIFY_PATH),
    }),
  }));
  if (headDir !== undefined) {
    for (const { path, commit } of OPENSSL_HEAD_FILES) {
      const file = join(headDir, path);
      if (!existsSync(file)) throw new Error(`missing ${path} under ${headDir}`);
      const text = readFileSync(file, 'utf8');
      const ref: RefInfo = { ref: `openssl/openssl@${commit}`, commit, date: '' };
      readings.push({ ref, entries: opensslEntries(path === VERIFY_PATH ? { verify: text } : { reasons: text }) });
    }
  }
  return {
    source: 'openssl',
    title: 'OpenSSL SSL reason strings and certificate verification texts',
    repository: 'https://github.com/openssl/openssl',
    licence: 'OpenSSL AND Apache-2.0',
    generator: 'scripts/messages/harvest/openssl.ts',
    selection: SELECTION,
    harvested: readings.map(({ ref }) => ref),
    entries: mergeReadings(readings),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = { 'git-dir': { type: 'string' }, dir: { type: 'string' }, out: { type: 'string' } } as const;
  const { values } = parseArgs({ options });
  if (!values['git-dir']) throw new Error('usage: --git-dir <cpython-source-deps snapshot> [--dir <openssl files>] [--out …]');
  const out = values.out ?? 'messages/sources/openssl.json';
  const file = harvestOpenssl(new GitSnapshot(values['git-dir']), values.dir);
  writeSourceFile(out, file);
  console.log(`${out}: ${file.entries.length} entries from ${file.harvested.length} refs`);
}
