// Harvests TinyTDS's own connection texts (the few it raises or warns itself; every other TinyTds::Error message is
// FreeTDS db-lib's text) at every release tag into messages/sources/tinytds.json.
//   npx tsx scripts/messages/harvest/tinytds.ts --git-dir <rails-sqlserver/tiny_tds snapshot> [--out messages/sources/tinytds.json]
import { decodeCString, literalArguments } from './c-literal.js';
import type { GitSnapshot, RefInfo } from './git-snapshot.js';
import { harvestCli, harvestRefs, refsByDate } from './harvest-cli.js';
import { literalKey, type Reading, type SourceFile } from './source-file.js';

type Entry = Reading['entries'][number];

const CLIENT_C = 'ext/tiny_tds/client.c';
const CLIENT_RB = 'lib/tiny_tds/client.rb';
export const TINYTDS_PATHS = [CLIENT_C, CLIENT_RB];

/** Connection-related texts among the literals TinyTDS raises or warns. */
export const TINYTDS_SELECTED = /closed connection|dbinit|azure|contained|use_utf16|TDS version|FreeTDS|:host option|:username option|:dataserver/i;

/** The literal of every `raise ArgumentError, '…'` (or "…") in Ruby source, with Ruby's quoting rules. */
export function rubyRaiseLiterals(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\braise\s+[\w:]+\s*,\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")/g)) {
    if (m[1] !== undefined) found.push(m[1].replace(/\\([\\'])/g, '$1'));
    else if (!/#\{/.test(m[2] as string)) found.push(decodeCString(m[2] as string));
  }
  return found;
}

/** The literals client.c passes to rb_raise (second argument), rb_warn and rb_warning (first). */
export function extensionLiterals(source: string): Array<{ text: string; raised: boolean }> {
  return [
    ...literalArguments(source, 'rb_raise', 1).map((l) => ({ text: l.value, raised: true })),
    ...literalArguments(source, 'rb_warn', 0).map((l) => ({ text: l.value, raised: false })),
    ...literalArguments(source, 'rb_warning', 0).map((l) => ({ text: l.value, raised: false })),
  ];
}

export function readTinytds(files: ReadonlyMap<string, string | undefined>): Entry[] {
  const found = [
    ...extensionLiterals(files.get(CLIENT_C) ?? '').map((l) => ({
      ...l,
      path: CLIENT_C,
      note: l.raised ? 'raised as TinyTds::Error' : 'a Ruby warning (rb_warn) at connect',
    })),
    ...rubyRaiseLiterals(files.get(CLIENT_RB) ?? '').map((text) => ({ text, path: CLIENT_RB, note: 'raised as ArgumentError by TinyTds::Client.new' })),
  ];
  return found
    .filter((l) => TINYTDS_SELECTED.test(l.text))
    .map((l) => ({
      id: `tinytds:${literalKey(l.text)}`,
      locale: 'en',
      template: l.text,
      syntax: 'none' as const,
      layer: 'driver' as const,
      provider: 'dblib',
      path: l.path,
      note: l.note,
    }));
}

export function tinytdsRefs(snapshot: GitSnapshot): RefInfo[] {
  return refsByDate(snapshot, [...snapshot.tags(/^v?\d/), 'master']);
}

export function harvestTinytds(snapshot: GitSnapshot): SourceFile {
  const refs = tinytdsRefs(snapshot);
  return {
    source: 'tinytds',
    title: 'TinyTDS (Ruby)',
    repository: 'https://github.com/rails-sqlserver/tiny_tds',
    licence: 'MIT',
    generator: 'scripts/messages/harvest/tinytds.ts',
    selection: `Literals of rb_raise, rb_warn and rb_warning in ${CLIENT_C} and of raise … in ${CLIENT_RB} matching ${TINYTDS_SELECTED.source} (closed connection, dbinit, the FreeTDS/TDS-version checks, azure/contained options, missing host or user); keys are the literal's first words. Every other TinyTds::Error message is FreeTDS db-lib's dberrstr as is (source freetds), e.g. "Adaptive Server connection timed out"; TinyTDS's err_handler drops 100 (SYBEVERDOWN), 20017 (SYBESEOF), 20018 (SYBESMSG) and SYBEICONVI. Refs: every version tag and master.`,
    harvested: refs,
    entries: harvestRefs(snapshot, refs, TINYTDS_PATHS, readTinytds),
  };
}

harvestCli(import.meta.url, 'tinytds', (snapshot) => harvestTinytds(snapshot));
