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

  /** `info` of many refs in two git calls. */
  infos(refs: readonly string[]): RefInfo[] {
    if (refs.length === 0) return [];
    const commits = this.git(['rev-parse', ...refs.map((ref) => `${ref}^{commit}`)]).trim().split('\n');
    const dates = new Map(
      this.git(['show', '-s', '--format=%H %cs', ...new Set(commits)])
        .trim()
        .split('\n')
        .map((line) => line.split(' ') as [string, string]),
    );
    return refs.map((ref, i) => ({ ref, commit: commits[i]!, date: dates.get(commits[i]!) ?? '' }));
  }

  /** Paths under `dir` at `ref` (recursive), optionally filtered. */
  list(ref: string, dir = '', pattern: RegExp = /./): string[] {
    const out = this.git(['ls-tree', '-r', '--name-only', ref, ...(dir ? ['--', dir] : [])]);
    return out.split('\n').filter((p) => p !== '' && pattern.test(p));
  }

  /** The blob id of every `<ref>:<path>` ('' where the path is absent), refs × paths in order, in one git call. */
  private blobIds(refs: readonly string[], paths: readonly string[]): string[] {
    const specs = refs.flatMap((ref) => paths.map((path) => `${ref}:${path}`));
    const out = execFileSync('git', ['--git-dir', this.gitDir, 'cat-file', '--batch-check=%(objectname)'], {
      encoding: 'utf8',
      input: `${specs.join('\n')}\n`,
      maxBuffer: 256 * 1024 * 1024,
    }).split('\n');
    return specs.map((_, i) => (/^[0-9a-f]{40,64}$/.test(out[i] ?? '') ? out[i]! : ''));
  }

  /**
   * The refs, in the order given, at which some of `paths` holds content no earlier ref held (a path absent at a ref
   * counts as its own content; a ref holding none of the paths is left out): the subsample of release tags that
   * still reads every distinct version of those files. One git call for all refs and paths.
   */
  changedRefs(refs: readonly string[], paths: readonly string[]): string[] {
    const blobs = this.blobIds(refs, paths);
    const seen = paths.map(() => new Set<string>());
    return refs.filter((_, r) => {
      if (paths.every((_path, p) => blobs[r * paths.length + p] === '')) return false;
      let changed = false;
      paths.forEach((_path, p) => {
        const blob = blobs[r * paths.length + p]!;
        if (!seen[p]!.has(blob)) {
          seen[p]!.add(blob);
          changed = true;
        }
      });
      return changed;
    });
  }

  /**
   * The text of each of `paths` at each of `refs` (absent paths left out), in two git calls whatever the number of
   * refs: for harvesters that read the same few files at hundreds of tags. A file unchanged between refs is the same
   * string, so per-text caches work.
   */
  readMany(refs: readonly string[], paths: readonly string[]): Map<string, Map<string, string>> {
    const blobs = this.blobIds(refs, paths);
    const distinct = [...new Set(blobs.filter(Boolean))];
    const out = execFileSync('git', ['--git-dir', this.gitDir, 'cat-file', '--batch'], {
      input: `${distinct.join('\n')}\n`,
      maxBuffer: 1024 * 1024 * 1024,
    });
    const texts = new Map<string, string>();
    let at = 0;
    for (const blob of distinct) {
      const headerEnd = out.indexOf(10, at);
      const size = Number(out.subarray(at, headerEnd).toString('latin1').split(' ')[2]);
      texts.set(blob, out.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
      at = headerEnd + 1 + size + 1;
    }
    return new Map(
      refs.map((ref, r) => [
        ref,
        new Map(paths.flatMap((path, p) => {
          const text = texts.get(blobs[r * paths.length + p]!);
          return text === undefined ? [] : [[path, text] as const];
        })),
      ]),
    );
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
