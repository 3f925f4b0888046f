// Every regex the product runs on pasted text is linear: the literals and composed regexes of src/, the built-in
// rules' `matches` patterns and the schemas' patterns (test/regex-safety/inventory.ts), each judged by recheck
// (test/regex-safety/verdicts.ts). Judging all of them takes minutes, so their verdicts are recorded in
// verdicts.json by `npm run regex-verdicts`; this test judges, live, what the record lacks (a new or changed
// pattern), and fails on any pattern that is not proven safe or whose verdict is not recorded.
import { describe, expect, it } from '@jest/globals';
import { composedRegexes, composeRegex } from '../../src/compose-regex.js';
import { regexInventory, regexLiterals, unlistedConstructions, type InventoryRegex } from './inventory.js';
import { judgeAll, recordedVerdicts, verdictKey, type Verdict } from './verdicts.js';

/** How many unrecorded patterns the test judges itself before asking for `npm run regex-verdicts`. */
const LIVE_BUDGET = 8;

describe('the regex inventory', () => {
  it('lists the literals, composed regexes and schema patterns of the code base', async () => {
    const inventory = await regexInventory();
    const count = (kind: InventoryRegex['kind']) => inventory.filter((r) => r.kind === kind).length;
    // Known members of each kind, so an inventory that silently stops finding a kind fails here.
    const has = (where: string, fragment: string) => inventory.some((r) => r.where.startsWith(where) && r.source.includes(fragment));
    expect(count('literal')).toBeGreaterThan(300);
    expect(count('composed')).toBeGreaterThan(30);
    expect(has('src/evidence/errorlog.ts', 'CLIENT')).toBe(true);
    expect(has('src/normalize/dblib.ts', 'Net-Library error')).toBe(true);
    expect(inventory.find((r) => r.kind === 'composed' && r.source.includes('HResult'))?.where).toMatch(/^src\/normalize\/sqlcmd\.ts:\d+$/);
    expect(has('schemas/rule.schema.json', '[a-z0-9]')).toBe(true);
  }, 60_000);

  it('reads regex literals with their flags from source text', () => {
    const found = regexLiterals([{ file: 'src/x.ts', text: 'const A = /(a+)+$/gi;\nconst b = "/not a regex/";\nconst C = [/x\\/y/];' }]);
    expect(found).toEqual([
      { where: 'src/x.ts:1', source: '(a+)+$', flags: 'gi', kind: 'literal' },
      { where: 'src/x.ts:3', source: 'x\\/y', flags: '', kind: 'literal' },
    ]);
  });

  it('lists what composeRegex builds', () => {
    const before = composedRegexes().length;
    composeRegex(`${/a/.source}|b`, 'i');
    expect(composedRegexes().slice(before).map(({ source, flags }) => ({ source, flags }))).toEqual([{ source: 'a|b', flags: 'i' }]);
  });

  it('refuses regexes built where the inventory cannot list them', () => {
    const text = [
      "import { composeRegex } from '../compose-regex.js';",
      "const TOP = composeRegex('a|b');",
      "const RAW = new RegExp('(a+)+$');",
      "const called = RegExp('x');",
      'function later(word: string) {',
      '  return composeRegex(`${word}+$`);',
      '}',
      'const arrow = (w: string) => composeRegex(w);',
    ].join('\n');
    const found = unlistedConstructions([{ file: 'src/normalize/x.ts', text }]).map((f) => f.where);
    expect(found).toEqual(['src/normalize/x.ts:3', 'src/normalize/x.ts:4', 'src/normalize/x.ts:6', 'src/normalize/x.ts:8']);
  });

  it('lets a listed builder compose for its callers only where they call it at module level', () => {
    const builder = [
      'export function matchFinder(p: RegExp) {',
      "  return composeRegex(p.source.slice(1), 'g');",
      '}',
      'export function wordFirst(s: { pattern: RegExp }) {',
      '  return { ...s, find: matchFinder(s.pattern) };',
      '}',
      'function other(p: RegExp) {',
      '  return composeRegex(p.source);',
      '}',
    ].join('\n');
    const caller = ['const A = wordFirst(shape);', 'const late = (s: Shape) => matchFinder(s.pattern);'].join('\n');
    const found = unlistedConstructions([
      { file: 'src/redact/match-finder.ts', text: builder },
      { file: 'src/redact/shapes/index.ts', text: caller },
    ]).map((f) => f.where);
    expect(found).toEqual(['src/redact/match-finder.ts:8', 'src/redact/shapes/index.ts:2']);
  });

  it('finds no regex built outside composeRegex at module level in src', () => {
    expect(unlistedConstructions().map((f) => `${f.where}: ${f.why}`)).toEqual([]);
  });
});

describe('recheck', () => {
  it('judges a catastrophic pattern vulnerable and a bounded one safe', async () => {
    const [nested, bounded] = await judgeAll([
      { source: '\\[CLIENT\\s*:\\s*([^\\]]*)\\]', flags: 'i' },
      { source: '\\[CLIENT: [^\\]]{1,60}\\]', flags: '' },
    ]);
    expect(nested?.status).toBe('vulnerable');
    expect(bounded?.status).toBe('safe');
  }, 120_000);
});

describe('every regex of the product', () => {
  it('is proven linear by recheck (recorded in verdicts.json)', async () => {
    const inventory = await regexInventory();
    const recorded = recordedVerdicts();
    const missing = inventory.filter((p) => !recorded.has(verdictKey(p)));
    const live = new Map<string, Verdict>();
    for (const verdict of await judgeAll(missing.slice(0, LIVE_BUDGET))) live.set(verdictKey(verdict), verdict);

    const problems = inventory.flatMap((p) => {
      const name = `${p.where} /${p.source}/${p.flags}`;
      const verdict = recorded.get(verdictKey(p)) ?? live.get(verdictKey(p));
      if (!verdict) return [`${name}: not judged yet (run npm run regex-verdicts)`];
      if (verdict.status !== 'safe') return [`${name}: ${verdict.status}, ${verdict.detail}`];
      return recorded.has(verdictKey(p)) ? [] : [`${name}: safe, but its verdict is not recorded (run npm run regex-verdicts)`];
    });
    expect(problems).toEqual([]);
  }, 300_000);
});

