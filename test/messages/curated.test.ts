// The curated message files (messages/curated/*.yaml): every entry well formed, and every entry's `seen` text — the
// paste it was read from — holding its template's wording and read back as that entry by the recognizer.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildCatalogue, inputsOfCurated, type CuratedFile } from '../../scripts/messages/catalogue-build.js';
import { MESSAGES_DIR } from '../../scripts/messages/catalogue-inputs.js';
import { indexCatalogue, LAYERS } from '../../src/messages/catalogue.js';
import { coreParts } from '../../src/messages/pattern.js';
import { recognizeMessages } from '../../src/messages/recognize.js';
import { parseTemplate, PLACEHOLDER_SYNTAXES } from '../../src/messages/template.js';
import { PROVIDERS } from '../../src/schemas/vocabulary.js';

const CURATED_DIR = join(MESSAGES_DIR, 'curated');
const files: Array<{ name: string; file: CuratedFile }> = readdirSync(CURATED_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({ name, file: parse(readFileSync(join(CURATED_DIR, name), 'utf8')) as CuratedFile }));
const entries = files.flatMap(({ name, file }) => file.entries.map((entry) => ({ name, source: file.source, entry })));

/**
 * Pastes the recognizer cannot yet read back as their entry, each for a reason in src/messages/ (not the data): the
 * entry is right, the matcher misses it.
 */

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The literal runs of a template, placeholders aside, in order, as wording (spaces squeezed). */
function literalRuns(template: string, syntax: CuratedFile['entries'][number]['syntax']): string[] {
  return coreParts(parseTemplate(template, syntax ?? 'none'))
    .flatMap((part) => ('literal' in part ? [squeeze(part.literal)] : []))
    .filter((run) => run !== '');
}

/** Whether `runs` occur in `text` in this order, without overlapping. */
function containsInOrder(text: string, runs: readonly string[]): boolean {
  let from = 0;
  for (const run of runs) {
    const at = text.indexOf(run, from);
    if (at < 0) return false;
    from = at + run.length;
  }
  return true;
}

describe('curated message files', () => {
  it('exist and describe themselves', () => {
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['netfx-localized.yaml', 'odbc-driver.yaml', 'ssms.yaml', 'windows.yaml']),
    );
    for (const { file } of files) {
      expect(file.source).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const field of [file.title, file.origin, file.licence]) expect(typeof field === 'string' && field.length > 0).toBe(true);
      expect(file.entries.length).toBeGreaterThan(0);
    }
  });

  it.each(entries.map((e) => [`${e.name} ${e.entry.id} (${e.entry.locale})`, e] as const))('%s is well formed', (_label, { source, entry }) => {
    expect(entry.id).toMatch(new RegExp(`^${source}:[A-Za-z0-9_.-]+$`));
    expect(Intl.getCanonicalLocales(entry.locale)).toEqual([entry.locale]);
    expect(LAYERS).toContain(entry.layer);
    if (entry.provider !== undefined) expect(PROVIDERS).toContain(entry.provider);
    if (entry.syntax !== undefined) expect(PLACEHOLDER_SYNTAXES).toContain(entry.syntax);
    const url = new URL(entry.url);
    expect(url.protocol).toBe('https:');
    expect(entry.template.trim()).toBe(entry.template);
    expect(entry.seen.length).toBeGreaterThan(0);
  });

  it.each(entries.map((e) => [`${e.entry.id} (${e.entry.locale})`, e] as const))("%s: the page's text holds the template's wording", (_label, { entry }) => {
    const runs = literalRuns(entry.template, entry.syntax);
    expect(runs.length).toBeGreaterThan(0);
    expect(containsInOrder(squeeze(entry.seen), runs)).toBe(true);
  });

  it('has one entry per (id, locale, template)', () => {
    const keys = entries.map(({ entry }) => `${entry.id}\u0000${entry.locale}\u0000${entry.template}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe('read back', () => {
    const inputs = files.flatMap(({ file }) => inputsOfCurated(file));
    const { file, report } = buildCatalogue(inputs, {}, {});
    const catalogue = indexCatalogue(file);

    it('builds every entry into the catalogue', () => {
      expect(report.excluded).toEqual([]);
    });

    it.each(entries.map((e) => [`${e.entry.id} (${e.entry.locale}) from ${e.entry.url}`, e] as const))('%s is recognised in its page text', (_label, { entry }) => {
      const found = recognizeMessages(squeeze(entry.seen), { catalogue }).map((m) => m.id);
      expect(found).toContain(entry.id);
    });
  });
});
