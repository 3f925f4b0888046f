// What `npm pack` puts in the package (package.json `files`), as a user installing from the registry gets it: the
// licence, README and changelog, every document the README and the CLI's own texts link to, and source maps that do
// not point into sources the package does not ship. The pack is listed without running the build (--ignore-scripts):
// the build is `prepare`, which `npm ci` already ran, and rebuilding here would race the tests that run dist/.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGED_BIN_BUILT, REPO_ROOT, runCommandAsync } from './helpers.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

async function packedFiles(): Promise<string[]> {
  const { code, stdout, stderr } = await runCommandAsync(NPM, ['pack', '--dry-run', '--json', '--ignore-scripts']);
  if (code !== 0) throw new Error(`npm pack failed: ${stderr}`);
  const [pack] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  return (pack?.files ?? []).map((f) => f.path);
}

/** The docs/… paths a text names. */
const docsNamedIn = (text: string) => [...new Set(text.match(/docs\/[\w-]+\.(?:md|png)/g) ?? [])];

describe('the npm package', () => {
  it('ships the licence, README, changelog and every document they and the CLI link to', async () => {
    const files = await packedFiles();
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']));
    const linked = [
      ...docsNamedIn(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')),
      // `rules new` and rule problems point at these.
      ...docsNamedIn(readFileSync(join(REPO_ROOT, 'src/rules/scaffold.ts'), 'utf8')),
      ...docsNamedIn(readFileSync(join(REPO_ROOT, 'src/rules/problem-codes.ts'), 'utf8')),
    ];
    expect(linked.length).toBeGreaterThan(5);
    expect(linked.filter((doc) => !files.includes(doc))).toEqual([]);
    // Not the sources nor the tests: the package runs from dist/.
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  }, 60_000);

  (PACKAGED_BIN_BUILT ? it : it.skip)('ships source maps that carry their sources, since the sources are not shipped', async () => {
    const maps = (await packedFiles()).filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(10);
    const dangling = maps.filter((map) => {
      const { sources, sourcesContent } = JSON.parse(readFileSync(join(REPO_ROOT, map), 'utf8')) as { sources: string[]; sourcesContent?: Array<string | null> };
      return sources.some((_, i) => typeof sourcesContent?.[i] !== 'string');
    });
    expect(dangling).toEqual([]);
  }, 60_000);
});
