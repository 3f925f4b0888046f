// Harvests .NET Framework System.Data's SqlClient connection-related messages (microsoft/referencesource
// System.Data/system.data.txt, English) into messages/sources/netfx.json, with the key selection and composition sites
// of Microsoft.Data.SqlClient (mds.ts), which was forked from this code. The translations .NET Framework prints on
// non-English systems ship only in its closed language packs and are not here.
import { GitSnapshot, type RefInfo } from './git-snapshot.js';
import { byDate, harvestCompositions, isConnectionKey, refEntries, runHarvester, SELECTION, unescapeBackslashes } from './mds.js';
import { mergeReadings, type Reading, type SourceFile } from './source-file.js';

const PROJECT = 'System.Data';
const STRINGS = `${PROJECT}/system.data.txt`;

/**
 * The resources of a ResGen text file (`KEY=value` lines; `;` and `#` start comments; `[strings]` section headers),
 * with ResGen's escapes decoded (\\ \" \n \r \t \uXXXX). Only the keys `keep` accepts, when given.
 */
export function parseResourceText(text: string, keep: (key: string) => boolean = () => true): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (/^\s*(?:[;#]|\[|$)/.test(raw)) continue;
    const equals = raw.indexOf('=');
    if (equals < 0) continue;
    const key = raw.slice(0, equals).trim();
    if (!keep(key)) continue;
    const value = unescapeBackslashes(raw.slice(equals + 1));
    out.set(key, value);
  }
  return out;
}

export function harvestNetfx(snapshot: GitSnapshot): SourceFile {
  // No tag but 4.6.2 names a .NET Framework version, so the commits that changed the file on the default branch
  // (4.6.1 → 4.7 → 4.7.2, whose text 4.8 kept) are read by their ids, with the tag and HEAD.
  const refs = [...new Set([...snapshot.tags(), ...snapshot.history('HEAD', STRINGS).reverse(), 'HEAD'])];
  const infos: RefInfo[] = snapshot
    .infos(refs)
    .filter(({ ref }) => snapshot.read(ref, STRINGS) !== undefined)
    .sort(byDate);
  const code = harvestCompositions(snapshot, refs, PROJECT, 'netfx');
  const readings: Reading[] = infos.map((info) => {
    const table = parseResourceText(snapshot.read(info.ref, STRINGS) ?? '', isConnectionKey);
    return { ref: info, entries: refEntries([{ path: STRINGS, locale: 'en', table }], code.get(info.ref) ?? [], 'netfx') };
  });
  return {
    source: 'netfx',
    title: '.NET Framework System.Data (SqlClient)',
    repository: 'https://github.com/microsoft/referencesource',
    licence: 'MIT',
    generator: 'scripts/messages/harvest/netfx.ts',
    selection:
      `${SELECTION} File: ${STRINGS} (ResGen KEY=value text), English only: the localized texts .NET Framework ` +
      `prints come from its closed language packs and differ from Microsoft.Data.SqlClient's translations. Wrapper ` +
      `entries are the hard-coded English layouts in ${PROJECT}'s SqlClient code, found as in mds. Refs: the tag 4.6.2, ` +
      `every commit of the default branch that changed the file (by id: no tag names 4.7 or 4.7.2), and HEAD (4.8).`,
    harvested: infos,
    entries: mergeReadings(readings),
  };
}

runHarvester(import.meta.url, 'messages/sources/netfx.json', harvestNetfx);
