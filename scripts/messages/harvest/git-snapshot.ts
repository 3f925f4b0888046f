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

/** One line `grep` found: the ref and path it is in, its 1-based number and its text. */
export interface GrepHit {
  ref: string;
  path: string;
  line: number;
  text: string;
}

/** A blob read by `readMany`: its object id (equal ids, equal texts) and its text. */
export interface Blob {
  oid: string;
  text: string;
}

export class GitSnapshot {
  constructor(readonly gitDir: string) {}

  private git(args: readonly string[], input?: string): string {
    return execFileSync('git', ['--git-dir', this.gitDir, ...args], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      ...(input === undefined ? {} : { input }),
    });
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

  /** `info` of many refs in two git processes, in the order given. */
  infos(refs: readonly string[]): RefInfo[] {
    if (refs.length === 0) return [];
    const commits = this.git(['rev-parse', ...refs.map((ref) => `${ref}^{commit}`)]).trim().split('\n');
    const dates = new Map(
      // `log --no-walk` reads only the commits named; `show` failed on a snapshot missing objects they point to.
      this.git(['log', '--no-walk=unsorted', '--format=%H %cs', ...new Set(commits)])
        .trim()
        .split('\n')
        .map((line) => line.split(' ') as [string, string]),
    );
    return refs.map((ref, i) => ({ ref, commit: commits[i]!, date: dates.get(commits[i]!) ?? '' }));
  }

  /** Commits reachable from `ref` that changed `path`, newest first (to harvest every version where few tags exist). */
  history(ref: string, path: string): string[] {
    return this.git(['log', '--format=%H', ref, '--', path]).split('\n').filter(Boolean);
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
   * The text of each of `paths` at each of `refs` (absent paths left out), read with `readMany`: for harvesters that
   * read the same few files at hundreds of tags. A file unchanged between refs is the same string, so per-text caches
   * work.
   */
  readAt(refs: readonly string[], paths: readonly string[]): Map<string, Map<string, string>> {
    const blobs = this.readMany(refs.flatMap((ref) => paths.map((path) => ({ ref, path }))));
    return new Map(
      refs.map((ref, r) => [
        ref,
        new Map(
          paths.flatMap((path, p) => {
            const blob = blobs[r * paths.length + p];
            return blob === undefined ? [] : [[path, blob.text] as const];
          }),
        ),
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

  /**
   * Many files at many refs in a few git processes (`cat-file --batch`), each distinct blob read once: one result per
   * spec, in order, undefined where the ref lacks the path. For harvesters that read dozens of files at 100+ tags.
   */
  readMany(specs: ReadonlyArray<{ ref: string; path: string }>): Array<Blob | undefined> {
    const texts = new Map<string, string>();
    return this.readManyBytes(specs).map((blob) => {
      if (blob === undefined) return undefined;
      let text = texts.get(blob.oid);
      if (text === undefined) texts.set(blob.oid, (text = blob.bytes.toString('utf8')));
      return { oid: blob.oid, text };
    });
  }

  /**
   * `readMany` without decoding, for files that name their own encoding (gettext PO files of old releases are
   * ISO-8859-n, EUC-JP, KOI8-R, …). Specs holding the same blob share one Buffer.
   */
  readManyBytes(specs: ReadonlyArray<{ ref: string; path: string }>): Array<{ oid: string; bytes: Buffer } | undefined> {
    if (specs.length === 0) return [];
    const input = specs.map(({ ref, path }) => `${ref}:${path}\n`).join('');
    const heads = this.git(['cat-file', '--batch-check'], input).split('\n').slice(0, specs.length);
    const found = heads.map((head) => /^([0-9a-f]{40,64}) blob (\d+)$/.exec(head));
    const contents = new Map<string, Buffer>();
    const pending = [...new Map(found.flatMap((m) => (m ? [[m[1]!, Number(m[2])] as const] : []))).entries()];
    // Bounded chunks keep each answer well under the buffer limit.
    for (let start = 0; start < pending.length; ) {
      let end = start;
      for (let size = 0; end < pending.length && (end === start || size + pending[end]![1] < 64 * 1024 * 1024); end++) {
        size += pending[end]![1];
      }
      const chunk = pending.slice(start, end);
      const out = this.gitBuffer(['cat-file', '--batch'], chunk.map(([oid]) => `${oid}\n`).join(''));
      let at = 0;
      for (const [oid, size] of chunk) {
        at = out.indexOf(10, at) + 1; // past "<oid> blob <size>\n"
        contents.set(oid, out.subarray(at, at + size));
        at += size + 1;
      }
      start = end;
    }
    return found.map((m) => (m ? { oid: m[1]!, bytes: contents.get(m[1]!)! } : undefined));
  }

  /** Lines holding any of `strings` (fixed, case-sensitive) in the files `pathspecs` select, at every ref, in one `git grep`. */
  grep(refs: readonly string[], strings: readonly string[], pathspecs: readonly string[]): GrepHit[] {
    if (refs.length === 0 || strings.length === 0) return [];
    const args = ['grep', '--null', '-n', '-F', ...strings.flatMap((s) => ['-e', s]), ...refs, '--', ...pathspecs];
    let out: string;
    try {
      out = this.git(args);
    } catch (error) {
      if ((error as { status?: number }).status === 1) return []; // git grep exits 1 when nothing matched
      throw error;
    }
    return out
      .split('\n')
      .filter(Boolean)
      .map((row) => {
        const [where = '', line = '', text = ''] = row.split('\0');
        const colon = where.indexOf(':');
        return { ref: where.slice(0, colon), path: where.slice(colon + 1), line: Number(line), text };
      });
  }

  private gitBuffer(args: readonly string[], input: string): Buffer {
    return execFileSync('git', ['--git-dir', this.gitDir, ...args], { input, maxBuffer: 256 * 1024 * 1024 });
  }
}
