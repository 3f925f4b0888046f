// The shape of messages/sources/<source>.json, written by one harvester per upstream, and the helpers every
// harvester shares: merging the readings of several refs (release tags) and writing the file stably.
import { writeFileSync } from 'node:fs';
import type { Layer } from '../../../src/messages/catalogue.js';
import type { PlaceholderSyntax } from '../../../src/messages/template.js';
import type { RefInfo } from './git-snapshot.js';

export type { Layer, PlaceholderSyntax };

export interface HarvestedEntry {
  /** `<source>:<key>`: stable across versions and locales (the key the upstream uses, or a documented derived one). */
  id: string;
  /** BCP 47 tag: en, de, pt-BR, zh-Hans, zh-Hant. */
  locale: string;
  /** The text as published, with the file format's own escapes decoded (XML entities, \uXXXX, C escapes). */
  template: string;
  syntax: PlaceholderSyntax;
  layer: Layer;
  /** The client family that prints it, in the vocabulary of src/schemas/vocabulary.ts PROVIDERS, when one does. */
  provider?: string;
  /** Path of the file inside the repository at `commit`. */
  path: string;
  /** Every harvested ref whose file carries exactly this text, oldest first. */
  refs: string[];
  /** The newest of those refs' commit. */
  commit: string;
  /** Anything a reader of the entry needs (e.g. "pre-1.5 wording"). */
  note?: string;
}

export interface SourceFile {
  /** Short id, the prefix of every entry id: mds, jdbc, freetds, … */
  source: string;
  title: string;
  /** https://github.com/<owner>/<name> */
  repository: string;
  /** SPDX identifier of the upstream licence. */
  licence: string;
  /** The script that wrote this file. */
  generator: string;
  /** How the connection-, login-, TLS- and network-related messages were chosen from the upstream's whole set. */
  selection: string;
  /** Every ref that was read, oldest first. */
  harvested: RefInfo[];
  entries: HarvestedEntry[];
}

/** One ref's reading: the entries found in the files at that ref (refs/commit are filled by mergeReadings). */
export interface Reading {
  ref: RefInfo;
  entries: Array<Omit<HarvestedEntry, 'refs' | 'commit'>>;
}

/**
 * Merges the readings of several refs, oldest first: one entry per distinct (id, locale, template), listing every
 * ref that carries that exact text, and the commit of the newest one. A reworded message keeps both wordings.
 */
export function mergeReadings(readings: readonly Reading[]): HarvestedEntry[] {
  const merged = new Map<string, HarvestedEntry>();
  for (const { ref, entries } of readings) {
    for (const entry of entries) {
      const key = `${entry.id}\u0000${entry.locale}\u0000${entry.template}`;
      const seen = merged.get(key);
      if (seen) {
        if (!seen.refs.includes(ref.ref)) seen.refs.push(ref.ref);
        seen.commit = ref.commit;
        seen.path = entry.path;
      } else {
        merged.set(key, { ...entry, refs: [ref.ref], commit: ref.commit });
      }
    }
  }
  return [...merged.values()];
}

/**
 * The documented derived key of a message written as a code literal: its first eight words, lower-case, placeholders
 * (%s, %1!s!) and punctuation dropped ("tds_setup_socket: connect(2) returned \"%s\"" → "tds_setup_socket-connect-2-returned").
 */
export function literalKey(text: string): string {
  const words = text
    .replace(/%[-+ #0-9.*]*(?:hh|h|ll|l|z)?[a-zA-Z]|%\d+!(?:[a-z]+!)?/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9_]+/)
    .filter(Boolean);
  return words.slice(0, 8).join('-');
}

const byEntry = (a: HarvestedEntry, b: HarvestedEntry) =>
  a.id.localeCompare(b.id) || a.locale.localeCompare(b.locale) || a.template.localeCompare(b.template);

/**
 * Writes the file with entries in a stable order, so a re-run on the same refs gives the same bytes: one entry per
 * line (an entry lists up to a hundred refs, which one per line would make a file of megabytes).
 */
export function writeSourceFile(path: string, file: SourceFile): void {
  const { entries, ...head } = file;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const lines = [...entries].sort(byEntry).map((entry) => `    ${JSON.stringify(entry)}`);
  writeFileSync(path, `${top},\n  "entries": [\n${lines.join(',\n')}\n  ]\n}\n`);
}
