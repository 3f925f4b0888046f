// Reads files of an upstream repository's snapshot (a bare git directory brought by `fetch`) at any ref.
// Harvesters take the directory as an argument and never record it: only the repository URL and commits.
import { execFileSync } from 'node:child_process';

export interface RefInfo {
  /** The tag or branch name as given ("v5.1.0", "HEAD", "refs/pull/441/head"). */
  ref: string;
  commit: string;
  /** Committer date of that commit, YYYY-MM-DD. */
  date: string;
}

export class GitSnapshot {
  constructor(readonly gitDir: string) {}

  private git(args: readonly string[]): string {
    return execFileSync('git', ['--git-dir', this.gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  }

  /** Tags whose name matches, oldest first by the tagged commit's date. */
  tags(pattern: RegExp = /./): string[] {
    const lines = this.git(['for-each-ref', '--sort=creatordate', '--format=%(refname:short)', 'refs/tags']).split('\n');
    return lines.filter((name) => name !== '' && pattern.test(name));
  }

  /** Every ref name (branches, tags, pull refs) the snapshot holds. */
  refs(): string[] {
    return this.git(['for-each-ref', '--format=%(refname)']).split('\n').filter(Boolean);
  }

  /** The branch the snapshot's HEAD names (a fetched repository's default branch), e.g. "main". */
  defaultBranch(): string {
    return this.git(['symbolic-ref', '--short', 'HEAD']).trim();
  }

  info(ref: string): RefInfo {
    const [commit = '', date = ''] = this.git(['log', '-1', '--format=%H%n%cs', `${ref}^{commit}`]).trim().split('\n');
    return { ref, commit, date };
  }

  /** info() for many refs in two git calls (a harvester reading a hundred tags stays fast), in the order given. */
  infos(refs: readonly string[]): RefInfo[] {
    if (refs.length === 0) return [];
    const commits = this.git(['rev-parse', ...refs.map((ref) => `${ref}^{commit}`)]).trim().split('\n');
    const dates = new Map<string, string>();
    for (const line of this.git(['show', '-s', '--format=%H %cs', ...new Set(commits)]).trim().split('\n')) {
      const [commit = '', date = ''] = line.split(' ');
      dates.set(commit, date);
    }
    return refs.map((ref, i) => ({ ref, commit: commits[i]!, date: dates.get(commits[i]!) ?? '' }));
  }

  /** read() for many (ref, path) pairs in one git call, in the order given; undefined where a file is missing. */
  readMany(files: ReadonlyArray<{ ref: string; path: string }>): Array<string | undefined> {
    if (files.length === 0) return [];
    const input = files.map(({ ref, path }) => `${ref}:${path}\n`).join('');
    const out = execFileSync('git', ['--git-dir', this.gitDir, 'cat-file', '--batch'], {
      input,
      maxBuffer: 1024 * 1024 * 1024,
    });
    const texts: Array<string | undefined> = [];
    let at = 0;
    for (let i = 0; i < files.length; i++) {
      const headerEnd = out.indexOf(0x0a, at);
      const header = out.subarray(at, headerEnd).toString('utf8');
      const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
      if (size === undefined) {
        // "<name> missing" or "ambiguous", or a tree: nothing to read, no body follows but a tree's.
        const treeSize = /^[0-9a-f]+ \w+ (\d+)$/.exec(header)?.[1];
        at = headerEnd + 1 + (treeSize === undefined ? 0 : Number(treeSize) + 1);
        texts.push(undefined);
        continue;
      }
      const start = headerEnd + 1;
      texts.push(out.subarray(start, start + Number(size)).toString('utf8'));
      at = start + Number(size) + 1;
    }
    return texts;
  }

  /** Paths under `dir` at `ref` (recursive), optionally filtered. */
  list(ref: string, dir = '', pattern: RegExp = /./): string[] {
    const out = this.git(['ls-tree', '-r', '--name-only', ref, ...(dir ? ['--', dir] : [])]);
    return out.split('\n').filter((p) => p !== '' && pattern.test(p));
  }

  /** A file's text at `ref`, or undefined when the file does not exist there. */
  read(ref: string, path: string): string | undefined {
    try {
      return execFileSync('git', ['--git-dir', this.gitDir, 'show', `${ref}:${path}`], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return undefined;
    }
  }
}
