// The command line every git-based harvester shares: `--git-dir <snapshot> [--out <file>]`, run only when the module
// is the program (so tests can import its parsing functions).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GitSnapshot } from './git-snapshot.js';
import { writeSourceFile, type SourceFile } from './source-file.js';

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
