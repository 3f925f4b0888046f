// GitSnapshot's batch readers (changedRefs, readAt, infos) on a small repository built in a temporary directory.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitSnapshot } from '../../../scripts/messages/harvest/git-snapshot.js';

let dir: string;
let snapshot: GitSnapshot;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'git-snapshot-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  const commit = (tag: string, files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', tag);
    git('tag', tag);
  };
  commit('v0', { 'other.txt': 'x' });
  commit('v1', { 'a.txt': 'one' });
  commit('v2', { 'other.txt': 'y' });
  commit('v3', { 'a.txt': 'two' });
  commit('v4', { 'a.txt': 'one' });
  commit('v5', { 'a.txt': 'première é\n' });
  snapshot = new GitSnapshot(join(dir, '.git'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GitSnapshot', () => {
  it('keeps the refs at which a path holds content no earlier ref held, skipping refs without it', () => {
    expect(snapshot.changedRefs(['v0', 'v1', 'v2', 'v3', 'v4'], ['a.txt', 'b.txt'])).toEqual(['v1', 'v3']);
  });

  it('reads many files at many refs, leaving absent ones out', () => {
    const files = snapshot.readAt(['v0', 'v3'], ['a.txt', 'other.txt']);
    expect([...files.get('v0')!]).toEqual([['other.txt', 'x']]);
    expect([...files.get('v3')!]).toEqual([
      ['a.txt', 'two'],
      ['other.txt', 'y'],
    ]);
  });

  it('keeps multi-byte text intact (git cat-file answers in bytes)', () => {
    expect(snapshot.readAt(['v5'], ['a.txt']).get('v5')?.get('a.txt')).toBe('première é\n');
  });

  it('gives the commit and date of each ref, in the order given', () => {
    const infos = snapshot.infos(['v3', 'v1', 'v1']);
    expect(infos.map((info) => info.ref)).toEqual(['v3', 'v1', 'v1']);
    expect(infos[0]).toEqual(snapshot.info('v3'));
    expect(infos[1]!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
