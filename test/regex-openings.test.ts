// openingsOf (src/regex-openings.ts): texts one of which every match of a pattern starts with. Checked on hand-read
// patterns, and on every regex of the product against the real pastes of the fixtures (corpus, errors, seed,
// real-clients): each match opens with one of its openings.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { openingsOf } from '../src/regex-openings.js';
import { escapeRegExp } from '../src/redact/escape-regexp.js';
import { composedRegexesOfSrc, regexLiterals } from './regex-safety/inventory.js';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const textsUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? textsUnder(join(dir, entry.name)) : /\.(txt|ya?ml|log)$/.test(entry.name) ? [readFileSync(join(dir, entry.name), 'utf8')] : [],
  );

describe('openingsOf', () => {
  it.each([
    [/\bLog(?:in|on) failed for/i, ['Login failed for', 'Logon failed for']],
    [/[ÉE]chec de l.ouverture/i, ['Échec de l', 'Echec de l']],
    [/\((?:SQLExecDirectW?|SQLExecute)\)/, ['(SQLExecDirect', '(SQLExecute']],
    [/(?<!named instance \S{1,128} failed)\bjava\.net\.(?:Socket|NoRoute)/, ['java.net.Socket', 'java.net.NoRoute']],
    [/Add?ress/, ['Ad']],
    [/a+b/, ['a']],
    [/(?:a|b)\bc/, ['ac', 'bc']],
    [/x|y\d/, ['x', 'y']],
  ])('reads %s as opening with %j', (pattern, openings) => {
    expect(openingsOf(pattern)).toEqual(openings);
  });

  it.each([/\d+ found/, /ab|c?d/, /(?:x|)y/, /[a-z]+/, /(?:a|[0-9])b/, /.abc/])('gives no openings for %s, where a match may open with no fixed text', (pattern) => {
    expect(openingsOf(pattern)).toBeUndefined();
  });

  it('stops expanding past MAX_OPENINGS and keeps the shorter openings', () => {
    expect(openingsOf(/[ab][cd][ef][gh]z/)).toEqual(['ace', 'acf', 'ade', 'adf', 'bce', 'bcf', 'bde', 'bdf']);
  });

  it('opens every match of every regex of the product in the real pastes of the fixtures', async () => {
    const texts = ['corpus', 'errors', 'seed', 'real-clients'].flatMap((dir) => textsUnder(join(FIXTURES, dir))).join('\n\u0000\n');
    const regexes = [...regexLiterals(), ...(await composedRegexesOfSrc())];
    let checked = 0;
    for (const { source, flags, where } of regexes) {
      const pattern = new RegExp(source, `${flags.replace(/[gy]/g, '')}g`);
      const openings = openingsOf(pattern);
      if (!openings) continue;
      const opens = new RegExp(openings.map(escapeRegExp).join('|'), `${flags.replace(/[gy]/g, '')}y`);
      for (const m of texts.matchAll(pattern)) {
        opens.lastIndex = m.index;
        expect([where, source, m[0].slice(0, 40), opens.test(texts)]).toEqual([where, source, m[0].slice(0, 40), true]);
        checked++;
      }
    }
    // The fixtures hold thousands of matches of these patterns: the check is not vacuous.
    expect(checked).toBeGreaterThan(1000);
  });
});
