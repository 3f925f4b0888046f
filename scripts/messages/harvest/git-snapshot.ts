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

  private git(args: readonly string[], input?: string): string {
    return execFileSync('git', ['--git-dir', this.gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, input });
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

  /** `info` for many refs with two git processes (one `info` per ref costs ~20 ms on a large repository). */
  infoEach(refs: readonly string[]): RefInfo[] {
    if (refs.length === 0) return [];
    const commits = this.git(['rev-parse', ...refs.map((ref) => `${ref}^{commit}`)]).trim().split('\n');
    const unique = [...new Set(commits)];
    const dates = new Map(
      this.git(['log', '--no-walk=unsorted', '--format=%H %cs', ...unique])
        .trim()
        .split('\n')
        .map((line) => line.split(' ') as [string, string]),
    );
    return refs.map((ref, i) => ({ ref, commit: commits[i] as string, date: dates.get(commits[i] as string) ?? '' }));
  }

  /** Paths under `dir` at `ref` (recursive), optionally filtered. */
  list(ref: string, dir = '', pattern: RegExp = /./): string[] {
    const out = this.git(['ls-tree', '-r', '--name-only', ref, ...(dir ? ['--', dir] : [])]);
    return out.split('\n').filter((p) => p !== '' && pattern.test(p));
  }

  /**
   * The text of many files at many refs with two git processes (one lookup, one read), each distinct blob read once:
   * a key `${ref}:${path}` for every pair, undefined where the file does not exist at that ref. For harvesters that
   * read the same few files at hundreds of tags, where `read` per file would take minutes.
   */
  readEach(pairs: ReadonlyArray<{ ref: string; path: string }>): Map<string, string | undefined> {
    const names = pairs.map(({ ref, path }) => `${ref}:${path}`);
    const found = this.git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], `${names.join('\n')}\n`).split('\n');
    const blobOf = names.map((_, i) => {
      const [id, type] = (found[i] ?? '').split(' ');
      return type === 'blob' ? id : undefined;
    });
    const ids = [...new Set(blobOf.filter((id): id is string => id !== undefined))];
    const texts = new Map<string, string>();
    if (ids.length > 0) {
      const out = execFileSync('git', ['--git-dir', this.gitDir, 'cat-file', '--batch'], {
        input: `${ids.join('\n')}\n`,
        maxBuffer: 1024 * 1024 * 1024,
      });
      let at = 0;
      while (at < out.length) {
        const eol = out.indexOf(10, at);
        const [id = '', , size = '0'] = out.subarray(at, eol).toString('utf8').split(' ');
        const start = eol + 1;
        texts.set(id, out.subarray(start, start + Number(size)).toString('utf8'));
        at = start + Number(size) + 1;
      }
    }
    return new Map(names.map((name, i) => [name, blobOf[i] === undefined ? undefined : texts.get(blobOf[i] as string)]));
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
