// What the harvesters of sources whose messages are code literals (tedious, node-mssql, go-mssqldb, tiberius, Prisma)
// share: an error-construction site found by a language's light extractor, the reviewed allow-list entry (Pick) that
// keeps it under a stable key, and the run over release tags that turns kept sites into a source file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GitSnapshot, type RefInfo } from './git-snapshot.js';
import { mergeReadings, writeSourceFile, type Layer, type PlaceholderSyntax, type Reading, type SourceFile } from './source-file.js';

/** One place in a source file that builds an error (or a message fragment) whose text holds literal words. */
export interface ErrorSite {
  /** What is built: the error class or function (`ConnectionError`, `fmt.Errorf`, `#[error]`, `fragment`, …). */
  kind: string;
  /** The message, placeholders in the source language's syntax. */
  template: string;
  /** The error code given beside the message (tedious's `'ETIMEOUT'`, Prisma's `"P1001"`), if any. */
  code?: string;
  /** A name the site gives the message in the code (a Rust enum variant, a Go function), to tell sites apart. */
  context?: string;
  /** Printed with the text (an exception class name): kept in the entry's note. */
  label?: string;
  line: number;
}

/** A reviewed choice of sites: which message it is, and what a reader of the entry needs to know. */
export interface Pick {
  /** The id's key: `<source>:<key>`. */
  key: string;
  /** Matches the template of the sites it picks (their wording in every version). */
  text: RegExp;
  /** Only sites of this kind. */
  kind?: string;
  /** Only sites in a file whose path matches. */
  path?: RegExp;
  /** Only sites whose context matches. */
  context?: RegExp;
  /** Only sites that carry this code (Prisma's P1001). */
  withCode?: string;
  /** The code the library attaches, for sites that carry none themselves (kept in the entry's note). */
  code?: string;
  /**
   * For a family of similar messages (connection-string parse errors): the id's key is `<key>.<slug of the text>`
   * (templateSlug), one id per message, stable while its words stay the same.
   */
  slug?: boolean;
  layer: Layer;
  note: string;
}

/**
 * The words of a template, lowercased and joined by '-', placeholders (%v, {0}, ${x}, {name}) dropped: a key for
 * messages that have no name of their own in the code. Case changes between versions keep the key.
 */
export function templateSlug(template: string): string {
  return template
    .replace(/%[-+# 0-9.*]*[a-zA-Z]|\$\{[^}]*\}|\{[\w.:?]*\}/g, ' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The key a pick gives a site: its own, or with the slug of the site's text. */
export function keyOf(pick: Pick, site: ErrorSite): string {
  return pick.slug ? `${pick.key}.${templateSlug(site.template)}` : pick.key;
}

/** The first pick a site matches, if any: a site matching none is left out of the catalogue. */
export function pickFor(site: ErrorSite, path: string, picks: readonly Pick[]): Pick | undefined {
  return picks.find(
    (pick) =>
      (pick.kind === undefined || pick.kind === site.kind) &&
      (pick.path === undefined || pick.path.test(path)) &&
      (pick.context === undefined || pick.context.test(site.context ?? '')) &&
      (pick.withCode === undefined || pick.withCode === site.code) &&
      pick.text.test(site.template),
  );
}

/** How a literal source is harvested: its files, its extractor and its allow-list. */
export interface LiteralSource extends Omit<SourceFile, 'harvested' | 'entries'> {
  /** Release tags to read (HEAD is always read too). */
  tags: RegExp;
  /** Every path, in any version, that may hold picked sites. */
  paths: readonly string[];
  sites: (path: string, text: string) => ErrorSite[];
  picks: readonly Pick[];
  /** The syntax of a template (`none` when it has no placeholder). */
  syntax: (template: string) => PlaceholderSyntax;
  provider?: string;
  locale?: string;
}

/** The entries one ref's files give. */
export function readFiles(files: ReadonlyMap<string, string>, source: LiteralSource): Reading['entries'] {
  const entries: Reading['entries'] = [];
  for (const [path, text] of files) {
    for (const site of source.sites(path, text)) {
      const pick = pickFor(site, path, source.picks);
      if (!pick) continue;
      const code = site.code ?? pick.code;
      entries.push({
        id: `${source.source}:${keyOf(pick, site)}`,
        locale: source.locale ?? 'en',
        template: site.template,
        syntax: source.syntax(site.template),
        layer: pick.layer,
        ...(source.provider ? { provider: source.provider } : {}),
        path,
        note: [code ? `code ${code}` : undefined, site.label, pick.note].filter(Boolean).join('; '),
      });
    }
  }
  return entries;
}

/** The files a harvest reads at each ref. */
type FilesAtRefs = Array<{ ref: RefInfo; files: ReadonlyMap<string, string> }>;

/** The release tags at which one of the paths changed (GitSnapshot.changedRefs), and HEAD, with their files. */
function readSnapshot(gitDir: string, source: LiteralSource): FilesAtRefs {
  const snapshot = new GitSnapshot(gitDir);
  const refs = [...snapshot.changedRefs(snapshot.tags(source.tags), source.paths), 'HEAD'];
  const filesAt = snapshot.readAt(refs, source.paths);
  return snapshot.infos(refs).map((ref) => ({ ref, files: filesAt.get(ref.ref)! }));
}

/** A directory of files saved from the search index: manifest.json lists, oldest first, each commit and its files. */
interface SavedFilesManifest {
  refs: Array<{ commit: string; files: Array<{ path: string }> }>;
}

/**
 * The files of a directory saved from the search index, for a repository too large to fetch: `<dir>/manifest.json`
 * and `<dir>/<commit>/<path>`. Each commit is a ref (its date is unknown there, so empty).
 */
function readSavedFiles(dir: string): FilesAtRefs {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as SavedFilesManifest;
  return manifest.refs.map(({ commit, files }) => ({
    ref: { ref: commit, commit, date: '' },
    files: new Map(files.map(({ path }) => [path, readFileSync(join(dir, commit, path), 'utf8')] as const)),
  }));
}

/**
 * The CLI of a literal harvester: `--git-dir <snapshot> | --files <dir> [--out <file>] [--sites]`. Reads the release
 * tags at which one of the paths changed and HEAD (or the saved files), keeps the picked sites, and writes the
 * source file; `--sites` prints every candidate site of every ref with the key it got (`-` for none), for reviewing
 * the allow-list.
 */
export function runLiteralHarvest(source: LiteralSource, argv: readonly string[] = process.argv.slice(2)): void {
  const { values } = parseArgs({
    args: [...argv],
    options: { 'git-dir': { type: 'string' }, files: { type: 'string' }, out: { type: 'string' }, sites: { type: 'boolean' } },
  });
  const gitDir = values['git-dir'];
  if (!gitDir && !values.files) throw new Error('--git-dir <snapshot> or --files <dir> is required');
  const read = gitDir ? readSnapshot(gitDir, source) : readSavedFiles(values.files!);
  const readings: Reading[] = read.map(({ ref, files }) => {
    if (values.sites) {
      for (const [path, text] of files) {
        for (const site of source.sites(path, text)) {
          const pick = pickFor(site, path, source.picks);
          const key = pick ? keyOf(pick, site) : '-';
          const where = `${path}:${site.line}${site.context ? ` ${site.context}` : ''}`;
          console.log([ref.ref, where, site.kind, site.code ?? '', key, JSON.stringify(site.template)].join('\t'));
        }
      }
    }
    return { ref, entries: readFiles(files, source) };
  });
  const entries = mergeReadings(readings);
  const harvested = read.map(({ ref }) => ref);
  const { source: id, title, repository, licence, generator, selection } = source;
  if (values.out) writeSourceFile(values.out, { source: id, title, repository, licence, generator, selection, harvested, entries });
  console.error(`${source.source}: ${harvested.length} refs, ${entries.length} entries`);
}
