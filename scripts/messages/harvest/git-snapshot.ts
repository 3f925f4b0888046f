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

  info(ref: string): RefInfo {
    const [commit = '', date = ''] = this.git(['log', '-1', '--format=%H%n%cs', `${ref}^{commit}`]).trim().split('\n');
    return { ref, commit, date };
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
