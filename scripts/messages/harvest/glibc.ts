// Harvests the glibc texts a client on Linux embeds in its connection errors — strerror's socket errno texts and
// gai_strerror's name-resolution texts — in English and in every translation of po/*.po, at every release tag and
// master, into messages/sources/glibc.json. FreeTDS (Net-Lib "… (111)"), pymssql, Python's socket errors and other
// C-library users print them, translated when the process set LC_MESSAGES and libc.mo is installed.
//
//   npx tsx scripts/messages/harvest/glibc.ts --git-dir <bminor/glibc snapshot> [--out messages/sources/glibc.json]
import type { GitSnapshot, RefInfo } from './git-snapshot.js';
import { byDate, runHarvester, unescapeBackslashes } from './mds.js';
import { mergeReadings, type Reading, type SourceFile } from './source-file.js';

/** The strerror texts of the errno values a TCP connect, read or write reports. */
export const ERRNO_KEYS = [
  'ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN',
  'ENETRESET', 'EPIPE', 'EINPROGRESS', 'EADDRNOTAVAIL', 'ENOTCONN',
] as const;

/** The gai_strerror texts of getaddrinfo's failures (EAI_MEMORY, EAI_BADFLAGS and the async-lookup codes left out). */
export const GAI_KEYS = [
  'EAI_NONAME', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_ADDRFAMILY', 'EAI_SERVICE', 'EAI_SYSTEM',
] as const;

const KEYS: ReadonlySet<string> = new Set([...ERRNO_KEYS, ...GAI_KEYS]);

/**
 * Where the English texts are defined across releases: errlist.h (2.32 on, `_S(ECONNREFUSED, N_("…"))`), the
 * generated errlist.c before it (`[ERR_REMAP (ECONNREFUSED)] = N_("…")`), gai_strerror-strs.h (2.10 on) and the
 * table in gai_strerror.c before it (`{ EAI_AGAIN, N_("…") }`).
 */
export const SOURCE_PATHS = [
  'sysdeps/gnu/errlist.h',
  'sysdeps/gnu/errlist.c',
  'sysdeps/posix/gai_strerror-strs.h',
  'sysdeps/posix/gai_strerror.c',
] as const;

/** Every `E…`/`EAI_…` name paired with an N_("…") text in a C source, in any of the table shapes glibc has used. */
export function englishTexts(source: string): Map<string, string> {
  const texts = new Map<string, string>();
  const pair = /\b(E[A-Z0-9_]+)\s*\)?\s*\]?\s*[,=]\s*N_\s*\(\s*"((?:[^"\\\n]|\\.)*)"\s*\)/g;
  for (const [, key, text] of source.matchAll(pair)) {
    if (!texts.has(key!)) texts.set(key!, unescapeBackslashes(text!));
  }
  return texts;
}

/** One translation of a PO file: its msgid, msgstr and whether a translator marked it fuzzy. */
export interface PoEntry {
  msgid: string;
  msgstr: string;
  fuzzy: boolean;
}

/**
 * The entry of a gettext PO file (already decoded) whose msgid is `msgid`, if it has one: the msgstr with its
 * continuation lines joined and C escapes decoded, and the fuzzy flag of its `#,` line. Looks the msgid up instead of
 * reading the whole file, which makes a 900-file harvest fast; the selected msgids are short, so always written on one
 * line. Obsolete entries (`#~ msgid`) do not match.
 */
export function findPoEntry(po: string, msgid: string): PoEntry | undefined {
  const quoted = `msgid "${msgid.replace(/["\\]/g, '\\$&')}"`;
  for (let at = po.indexOf(quoted); at >= 0; at = po.indexOf(quoted, at + 1)) {
    const lineStart = po.lastIndexOf('\n', at - 1) + 1;
    if (lineStart !== at || !/^\s*\n/.test(po.slice(at + quoted.length, at + quoted.length + 2))) continue;
    const blockStart = po.lastIndexOf('\n\n', at);
    const header = po.slice(blockStart < 0 ? 0 : blockStart, at);
    const fuzzy = header.split('\n').some((line) => line.startsWith('#,') && /\bfuzzy\b/.test(line));
    const after = po.slice(at + quoted.length).replace(/^\r?\n/, '').split('\n');
    const first = /^msgstr\s+"(.*)"\s*$/.exec(after[0] ?? '');
    if (!first) return undefined; // msgctxt or plural entry: not one of ours
    const parts = [first[1]!];
    for (const line of after.slice(1)) {
      const more = /^\s*"(.*)"\s*$/.exec(line);
      if (!more) break;
      parts.push(more[1]!);
    }
    return { msgid, msgstr: unescapeBackslashes(parts.join('')), fuzzy };
  }
  return undefined;
}

/** The charset a PO file's header declares ("Content-Type: text/plain; charset=EUC-JP"), UTF-8 when it names none. */
export function poCharset(bytes: Buffer): string {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const charset = /charset=([A-Za-z0-9_.:-]+)/.exec(head)?.[1];
  return charset === undefined || /^CHARSET$/i.test(charset) ? 'utf-8' : charset.toLowerCase();
}

/** A PO file's text, decoded with the charset its header declares. */
export function decodePo(bytes: Buffer): string {
  return new TextDecoder(poCharset(bytes)).decode(bytes);
}

/**
 * `findPoEntry` on an undecoded PO file: every charset glibc's PO files have used is ASCII-compatible, so the ASCII
 * msgid is found in the bytes and only the entries around it are decoded (decoding 900 whole files took seconds).
 */
export function poLookup(bytes: Buffer): (msgid: string) => PoEntry | undefined {
  const decoder = new TextDecoder(poCharset(bytes));
  return (msgid) => {
    const at = bytes.indexOf(`msgid "${msgid}"`, 0, 'latin1');
    if (at < 0) return undefined;
    const from = Math.max(0, bytes.lastIndexOf('\n\n', at, 'latin1'));
    const next = bytes.indexOf('\n\n', at, 'latin1');
    const to = next < 0 ? bytes.length : next;
    return findPoEntry(decoder.decode(bytes.subarray(from, to)), msgid) ?? findPoEntry(decodePo(bytes), msgid);
  };
}

/** BCP 47 tag of a po/ file: po/de.po → de, po/pt_BR.po → pt-BR, po/zh_TW.po → zh-TW. */
export function poLocale(path: string): string {
  return path.replace(/^po\//, '').replace(/\.po$/, '').replace('_', '-');
}

/** The entries one ref gives: each selected key in English (from the C source) and in every PO file translating it. */
export function glibcEntries(
  sources: ReadonlyMap<string, string>,
  poFiles: ReadonlyMap<string, (msgid: string) => PoEntry | undefined>,
): Reading['entries'] {
  const english = new Map<string, { text: string; path: string }>();
  for (const [path, source] of sources) {
    for (const [key, text] of englishTexts(source)) {
      if (KEYS.has(key) && !english.has(key)) english.set(key, { text, path });
    }
  }
  const base = { syntax: 'none', layer: 'os' } as const;
  const entries: Reading['entries'] = [];
  for (const [key, { text, path }] of english) {
    entries.push({ ...base, id: `glibc:${key}`, locale: 'en', template: text, path });
  }
  for (const [path, lookup] of poFiles) {
    for (const [key, { text }] of english) {
      const found = lookup(text);
      if (found && !found.fuzzy && found.msgstr !== '') {
        entries.push({ ...base, id: `glibc:${key}`, locale: poLocale(path), template: found.msgstr, path });
      }
    }
  }
  return entries;
}

/**
 * The readings of `paths` at each ref: the source files as text and each PO file as a lookup of its msgids, given to
 * `entriesOf`. A PO file unchanged between refs (the same blob) is indexed once. Shared with the krb5 harvester.
 */
export function poReadings(
  snapshot: GitSnapshot,
  infos: readonly RefInfo[],
  paths: readonly string[],
  entriesOf: (sources: ReadonlyMap<string, string>, poFiles: ReadonlyMap<string, (msgid: string) => PoEntry | undefined>) => Reading['entries'],
): Reading[] {
  const blobs = snapshot.readManyBytes(infos.flatMap(({ ref }) => paths.map((path) => ({ ref, path }))));
  const lookups = new Map<Buffer, (msgid: string) => PoEntry | undefined>();
  return infos.map((info, r) => {
    const sources = new Map<string, string>();
    const poFiles = new Map<string, (msgid: string) => PoEntry | undefined>();
    paths.forEach((path, p) => {
      const blob = blobs[r * paths.length + p];
      if (blob === undefined) return;
      if (!path.endsWith('.po')) {
        sources.set(path, blob.bytes.toString('utf8'));
        return;
      }
      let lookup = lookups.get(blob.bytes);
      if (lookup === undefined) lookups.set(blob.bytes, (lookup = poLookup(blob.bytes)));
      poFiles.set(path, lookup);
    });
    return { ref: info, entries: entriesOf(sources, poFiles) };
  });
}

const SELECTION = [
  `strerror texts of the errno values a TCP connect, read or write reports (${ERRNO_KEYS.join(', ')}) and gai_strerror`,
  `texts of getaddrinfo failures (${GAI_KEYS.join(', ')}); ids are the C names. English from ${SOURCE_PATHS.join(', ')}`,
  '(whichever exist at the ref), translations from every po/*.po that translates that msgid, fuzzy and empty msgstr',
  'skipped, each file decoded with the charset its header declares. Refs: the glibc-2.N and 2.N.M release tags (not the',
  '2.0.9x, 2.0.1xx and 2.1.9x test releases) at which some of those files changed, and master; locales are the PO file',
  'names (pt_BR → pt-BR).',
].join(' ');

/** Release tags: glibc-2.N and the 2.N.M maintenance releases, not the 2.0.9x/2.0.1xx/2.1.9x test releases. */
export const RELEASE_TAG = /^glibc-2\.\d+(?:\.[1-8]?\d)?[a-z]?$/;

export function harvestGlibc(snapshot: GitSnapshot): SourceFile {
  const candidates = [...snapshot.tags(RELEASE_TAG), 'master'];
  const allPo = new Set(candidates.flatMap((ref) => snapshot.list(ref, 'po', /^po\/[^/]+\.po$/)));
  const paths = [...SOURCE_PATHS, ...[...allPo].sort()];
  const refs = snapshot.changedRefs(candidates, paths);
  const infos: RefInfo[] = snapshot.infos(refs).sort(byDate);
  const readings = poReadings(snapshot, infos, paths, glibcEntries);
  return {
    source: 'glibc',
    title: 'GNU C Library socket and name-resolution messages (strerror, gai_strerror)',
    repository: 'https://github.com/bminor/glibc',
    licence: 'LGPL-2.1-or-later',
    generator: 'scripts/messages/harvest/glibc.ts',
    selection: SELECTION,
    harvested: infos,
    entries: mergeReadings(readings),
  };
}

runHarvester(import.meta.url, 'messages/sources/glibc.json', harvestGlibc);
