// The catalogue build: which templates become entries, how locales share one, what anchors and meanings hold, and
// that the committed messages/catalogue.json is what the committed sources build.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { buildCatalogue } from '../../scripts/messages/catalogue-build.js';
import { inputEntry } from './helpers.js';
import { readCatalogueInputs } from '../../scripts/messages/catalogue-inputs.js';
import { CATALOGUE_FILE } from '../../src/messages/catalogue.js';
import { renderSourcesDoc, SOURCES_DOC_FILE } from '../../scripts/messages/sources-doc.js';

const entry = inputEntry;

describe('buildCatalogue', () => {
  it('leaves out templates with too little wording of their own, and says why', () => {
    const { file, report } = buildCatalogue(
      [entry('mds:TdsParser.ProcessSNIError.managed', '{0}: {1}', { syntax: 'dotnet' }), entry('mds:SNI_PN7', 'TCP Provider')],
      {},
      {},
    );
    expect(file.entries).toEqual([]);
    expect(report.excluded.map((e) => e.reason)).toEqual(['too little literal wording to be told apart', 'too little literal wording to be told apart']);
  });

  it('refuses unknown layers, providers and syntaxes instead of building them', () => {
    const { report } = buildCatalogue(
      [
        entry('a:1', 'A long enough message text', { layer: 'kernel' as never }),
        entry('a:2', 'A long enough message text', { provider: 'oracle' }),
        entry('a:3', 'A long enough message text', { syntax: 'perl' as never }),
      ],
      {},
      {},
    );
    expect(report.excluded.map((e) => e.reason)).toEqual(['unknown layer "kernel"', 'unknown provider "oracle"', 'unknown syntax "perl"']);
  });

  it('makes one entry of a text several locales share (English left in a localized file)', () => {
    const text = 'Error Number:{0},State:{1},Class:{2}';
    const { file } = buildCatalogue(
      ['es', 'it', 'ko'].map((locale) => entry('mds:SQL_ExErrorNumberStateClass', text, { locale, syntax: 'dotnet' })),
      {},
      {},
    );
    expect(file.entries.map((e) => e.locales)).toEqual([['es', 'it', 'ko']]);
  });

  it('anchors an entry on the rarest tokens of its opening, rarest first', () => {
    const { file } = buildCatalogue(
      [
        entry('sqlserver:18456', "Login failed for user '%.*ls'.%.*ls", { syntax: 'printf', layer: 'server' }),
        entry('sqlserver:18470', "Login failed for user '%.*ls'. Reason: The account is disabled.%.*ls", { syntax: 'printf', layer: 'server' }),
        entry('x:1', 'Login timeout expired while reading'),
      ],
      {},
      {},
    );
    const anchors = Object.fromEntries(file.entries.map((e) => [e.id, e.anchors]));
    // "login" opens all three, "failed" two, "timeout" one; the opening is the first 35% of the wording.
    expect(anchors['x:1']?.[0]).toBe('timeout');
    expect(anchors['sqlserver:18456']).toEqual(['failed', 'login']);
  });

  it('keeps meanings in the fact vocabulary and reports the rest as problems', () => {
    const { file, report } = buildCatalogue(
      [entry('mds:SNI_ERROR_26', 'Error Locating Server/Instance Specified', { layer: 'sni' })],
      {
        'mds:SNI_ERROR_26': { facts: { 'error.family': 'not_found', 'error.sniError': 26 } },
        'mds:SNI_ERROR_99': { facts: { 'error.sniError': 99 } },
        'mds:SNI_ERROR_28': { facts: { 'error.family': 'nowhere', 'target.host': 'x' } },
      },
      {},
    );
    expect(file.meanings['mds:SNI_ERROR_26']).toEqual({ facts: { 'error.family': 'not_found', 'error.sniError': 26 } });
    expect(report.problems).toEqual([
      'meanings.yaml: mds:SNI_ERROR_99 is not a catalogue entry',
      'meanings.yaml: mds:SNI_ERROR_28 is not a catalogue entry',
      expect.stringContaining('mds:SNI_ERROR_28: error.family: value must be equal to one of the allowed values'),
      'meanings.yaml: mds:SNI_ERROR_28: "target.host" is not an error.* fact of the vocabulary',
    ]);
  });
});

describe('messages/catalogue.json', () => {
  it('is what the committed sources, curated files and meanings build (run npm run messages:build)', () => {
    const { inputs, meanings, sources } = readCatalogueInputs();
    const { file } = buildCatalogue(inputs, meanings, sources);
    const committed = JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as typeof file;
    // Compared piece by piece, so that a stale file names what differs instead of printing megabytes.
    expect(committed.format).toBe(file.format);
    expect(committed.sources).toEqual(file.sources);
    expect(committed.meanings).toEqual(file.meanings);
    expect(committed.entries.length).toBe(file.entries.length);
    const stale = file.entries.find((entry, i) => JSON.stringify(entry) !== JSON.stringify(committed.entries[i]));
    expect(stale?.id).toBeUndefined();
  });

  it('has its provenance table, docs/catalogue-sources.md, rendered from the same inputs (run npm run messages:build)', () => {
    const { inputs, meanings, sources, harvests } = readCatalogueInputs();
    const { report } = buildCatalogue(inputs, meanings, sources);
    expect(readFileSync(SOURCES_DOC_FILE, 'utf8')).toBe(renderSourcesDoc(sources, harvests, report));
  });
});
