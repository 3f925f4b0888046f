// What every git-based harvester shares: the refs it reads (sorted oldest first), the loop that reads the same files at
// each ref and merges the readings, and the command line `--git-dir <snapshot> [--out <file>]`, run only when the
// module is the program (so tests can import its parsing functions).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GitSnapshot, type RefInfo } from './git-snapshot.js';
import { mergeReadings, writeSourceFile, type HarvestedEntry, type Reading, type SourceFile } from './source-file.js';

/** The given refs' infos, oldest commit first (then by name), as mergeReadings wants them. */
export function refsByDate(snapshot: GitSnapshot, names: readonly string[]): RefInfo[] {
  return snapshot.infos(names).sort((a, b) => a.date.localeCompare(b.date) || a.ref.localeCompare(b.ref));
}

/** Reads `paths` at every ref (in one batch) and merges what `read` finds in each ref's files. */
export function harvestRefs(
  snapshot: GitSnapshot,
  refs: readonly RefInfo[],
  paths: readonly string[],
  read: (files: ReadonlyMap<string, string | undefined>) => Reading['entries'],
): HarvestedEntry[] {
  const texts = snapshot.readAt(refs.map(({ ref }) => ref), paths);
  const readings: Reading[] = refs.map((ref) => ({
    ref,
    entries: read(new Map(paths.map((path) => [path, texts.get(ref.ref)?.get(path)]))),
  }));
  return mergeReadings(readings);
}

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/** Runs `harvest` on `--git-dir` and writes `--out` (default messages/sources/<source>.json) with a one-line summary. */
export function harvestCli(moduleUrl: string, source: string, harvest: (snapshot: GitSnapshot) => SourceFile): void {
  if (!isMain(moduleUrl)) return;
  const { values } = parseArgs({ options: { 'git-dir': { type: 'string' }, out: { type: 'string' } } });
  const gitDir = values['git-dir'];
  if (!gitDir) {
    console.error(`usage: npx tsx scripts/messages/harvest/${source}.ts --git-dir <snapshot> [--out messages/sources/${source}.json]`);
    process.exit(2);
  }
  const out = values.out ?? `messages/sources/${source}.json`;
  const file = harvest(new GitSnapshot(gitDir));
  writeSourceFile(out, file);
  console.log(`${out}: ${file.entries.length} entries from ${file.harvested.length} refs`);
}
