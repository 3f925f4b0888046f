import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitSnapshot } from '../../../scripts/messages/harvest/git-snapshot.js';

describe('GitSnapshot batch reads', () => {
  let dir: string;
  let snapshot: GitSnapshot;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'git-snapshot-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_COMMITTER_DATE: '2024-01-02T00:00:00Z', GIT_AUTHOR_DATE: '2024-01-02T00:00:00Z' } });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    execFileSync('sh', ['-c', 'printf "first é\\n" > a.txt'], { cwd: dir });
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    git('tag', 'v1');
    execFileSync('sh', ['-c', 'printf "second\\n" > a.txt; printf "b\\n" > b.txt'], { cwd: dir });
    git('add', '.');
    git('commit', '-q', '-m', 'two');
    git('tag', 'v2');
    git('tag', 'v2-again');
    snapshot = new GitSnapshot(join(dir, '.git'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every (ref, path) pair, multi-byte text intact, undefined where the file is missing', () => {
    const texts = snapshot.readEach([
      { ref: 'v1', path: 'a.txt' },
      { ref: 'v2', path: 'a.txt' },
      { ref: 'v1', path: 'b.txt' },
      { ref: 'v2-again', path: 'b.txt' },
    ]);
    expect([...texts]).toEqual([
      ['v1:a.txt', 'first é\n'],
      ['v2:a.txt', 'second\n'],
      ['v1:b.txt', undefined],
      ['v2-again:b.txt', 'b\n'],
    ]);
  });

  it('gives the same infos as info(), one per ref even when two refs share a commit', () => {
    const refs = ['v1', 'v2', 'v2-again'];
    expect(snapshot.infoEach(refs)).toEqual(refs.map((ref) => snapshot.info(ref)));
    expect(snapshot.infoEach(refs)[2]).toMatchObject({ ref: 'v2-again', date: '2024-01-02' });
  });
});
