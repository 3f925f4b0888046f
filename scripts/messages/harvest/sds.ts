// Harvests System.Data.SqlClient's (the .NET Core package, dotnet/corefx) connection-related messages into
// messages/sources/sds.json: one English string table, read at a documented subsample of corefx's release tags, with
// the same key selection and composition sites as Microsoft.Data.SqlClient (mds.ts), which forked from it.
import { GitSnapshot, type RefInfo } from './git-snapshot.js';
import { byDate, harvestCompositions, parseResx, isConnectionKey, refEntries, runHarvester, SELECTION } from './mds.js';
import { mergeReadings, type Reading, type SourceFile } from './source-file.js';

const PROJECT = 'src/System.Data.SqlClient';
const STRINGS = `${PROJECT}/src/Resources/Strings.resx`;

/** corefx release tags (v1.0.0-rc1 … v3.1.32), without the `-dependencies` twins that tag the same sources. */
export function isReleaseTag(tag: string): boolean {
  return /^v\d+\.\d+/.test(tag) && !tag.endsWith('-dependencies');
}

/** major.minor of a corefx tag: v2.1.30 → 2.1, v2.1-preview1 → 2.1, v3.0.100-preview8-013656 → 3.0. */
export function releaseLine(tag: string): string {
  return /^v(\d+\.\d+)/.exec(tag)?.[1] ?? tag;
}

/**
 * The tags to harvest out of every release tag (oldest first, each with the file's blob id or undefined): the first
 * tag that carries each distinct version of the file, and the newest tag of each major.minor line that carries it.
 */
export function subsample(tags: ReadonlyArray<{ tag: string; oid: string | undefined }>): string[] {
  const chosen = new Set<string>();
  const seenVersions = new Set<string>();
  const newestOfLine = new Map<string, string>();
  for (const { tag, oid } of tags) {
    if (oid === undefined) continue;
    if (!seenVersions.has(oid)) {
      seenVersions.add(oid);
      chosen.add(tag);
    }
    newestOfLine.set(releaseLine(tag), tag);
  }
  for (const tag of newestOfLine.values()) chosen.add(tag);
  return tags.map(({ tag }) => tag).filter((tag) => chosen.has(tag));
}

export function harvestSds(snapshot: GitSnapshot): SourceFile {
  const tags = snapshot.tags().filter(isReleaseTag);
  const blobs = snapshot.readMany(tags.map((ref) => ({ ref, path: STRINGS })));
  // The last state of the development branch is tagged `master`; the default branch (archive) holds only a README.
  const refs = [...subsample(tags.map((tag, i) => ({ tag, oid: blobs[i]?.oid }))), 'master'];
  const texts = new Map(refs.map((ref) => [ref, blobs[tags.indexOf(ref)]?.text ?? snapshot.read(ref, STRINGS)]));
  const infos: RefInfo[] = snapshot.infos(refs).sort(byDate);
  const code = harvestCompositions(snapshot, refs, `${PROJECT}/src`, 'sds');
  const readings: Reading[] = infos.map((info) => {
    const text = texts.get(info.ref);
    const tables = text === undefined ? [] : [{ path: STRINGS, locale: 'en', table: parseResx(text, isConnectionKey) }];
    return { ref: info, entries: refEntries(tables, code.get(info.ref) ?? [], 'sds') };
  });
  return {
    source: 'sds',
    title: 'System.Data.SqlClient (.NET Core, corefx)',
    repository: 'https://github.com/dotnet/corefx',
    licence: 'MIT',
    generator: 'scripts/messages/harvest/sds.ts',
    selection:
      `${SELECTION} File: ${STRINGS}, English only (.NET Core does not localize its exception messages). Wrapper ` +
      `entries are the driver's hard-coded English layouts, found as in mds. Refs: of every corefx release tag ` +
      `(v*, without the -dependencies twins), the first tag carrying each distinct version of the file and the newest ` +
      `tag of each major.minor line, plus the tag master (the development branch's last state before the library ` +
      `moved to dotnet/runtime; the default branch, archive, holds no source).`,
    harvested: infos,
    entries: mergeReadings(readings),
  };
}

runHarvester(import.meta.url, 'messages/sources/sds.json', harvestSds);
