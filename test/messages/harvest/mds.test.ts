// The Microsoft.Data.SqlClient harvester's parsing and selection, on excerpts of its real resx files and code
// (test/fixtures/messages/mds/SOURCES.md), and the snapshot reader's batch methods on a small repository made here.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { GitSnapshot, type GrepHit } from '../../../scripts/messages/harvest/git-snapshot.js';
import {
  buildOf,
  carriedNote,
  compositionEntries,
  dotnetSyntax,
  isConnectionKey,
  isReleaseTag,
  layerOf,
  literalContaining,
  parseResx,
  refEntries,
  resxLocale,
  unescapeBackslashes,
} from '../../../scripts/messages/harvest/mds.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/messages/mds/${name}`, import.meta.url), 'utf8');
const EN = 'src/Microsoft.Data.SqlClient/src/Resources/Strings.resx';
const DE = 'src/Microsoft.Data.SqlClient/src/Resources/Strings.de.resx';

describe('parseResx', () => {
  const en = parseResx(fixture('Strings.resx'));

  it('reads the <data> texts and not the sample entries of the header comment', () => {
    expect(en.get('SNI_ERROR_40')).toBe('Could not open a connection to SQL Server');
    expect(en.has('Name1')).toBe(false);
    expect(en.size).toBe(12);
  });

  it('decodes XML entities', () => {
    expect(en.get('SQL_InvalidPacketSizeValue')).toBe("Invalid 'Packet Size'.  The value must be an integer >= 512 and <= 32768.");
  });

  it('keeps only the keys asked for, and reads the translations', () => {
    const de = parseResx(fixture('Strings.de.resx'), (key) => key.startsWith('SNI_'));
    expect([...de.keys()]).toEqual(['SNI_PN1', 'SNI_PN7', 'SNI_ERROR_26', 'SNI_ERROR_40', 'SNI_ERROR_51']);
    expect(de.get('SNI_ERROR_40')).toBe('Es konnte keine Verbindung zu SQL Server hergestellt werden');
    expect(de.get('SNI_ERROR_51')).toContain('"(localdb)\\instance_name"');
  });

  it('reads the early netcore SR.resx, whose wording differs from the netfx build', () => {
    const sr = parseResx(fixture('SR.netcore-v1.0.19239.1.resx'));
    expect(sr.get('SNI_PN9')).toBe('SQL Network Interfaces');
    expect(sr.get('SQL_SSPIGenerateError')).toBe('Failed to generate SSPI context.');
  });

  it('skips typed resources and reads CDATA and empty values', () => {
    const xml =
      '<root><data name="Icon1" type="System.Drawing.Icon, System.Drawing"><value>AAAB</value></data>' +
      '<data name="A"><value><![CDATA[x < y & z]]> &amp; more</value></data><data name="B"><value /></data></root>';
    expect([...parseResx(xml)]).toEqual([
      ['A', 'x < y & z & more'],
      ['B', ''],
    ]);
  });
});

describe('selection', () => {
  it.each([
    ['SNI_ERROR_40', true],
    ['SNI_PN7', true],
    ['Snix_Connect', true],
    ['SQL_Timeout_PreLogin_InitializeConnection', true],
    ['ADP_PooledOpenTimeout', true],
    ['SQL_SSPIGenerateError', true],
    ['ADP_KeywordNotSupported', true],
    ['SQL_SNIPacketAllocationFailure', true],
    ['SQL_BulkLoadInvalidTimeout', false],
    ['ADP_ConnectionRequired_Fill', false],
    ['SQLCR_InvalidRetryParameters', false],
    ['DbConnectionString_Encrypt', false],
    ['SNI_IncorrectPhysicalConnectionType', false],
  ])('%s → %s', (key, selected) => {
    expect(isConnectionKey(key)).toBe(selected);
  });

  it('puts SNI texts in the sni layer and SqlException framing in the wrapper layer', () => {
    expect(layerOf('SNI_ERROR_26')).toBe('sni');
    expect(layerOf('SNI_PN1')).toBe('sni');
    expect(layerOf('SQL_ExClientConnectionId')).toBe('wrapper');
    expect(layerOf('Snix_Connect')).toBe('driver');
  });

  it('names placeholder syntax', () => {
    expect(dotnetSyntax('Keyword not supported: {0}.')).toBe('dotnet');
    expect(dotnetSyntax('{0} (0x{1:X}).')).toBe('dotnet');
    expect(dotnetSyntax('Instance failure.')).toBe('none');
  });
});

describe('files and refs', () => {
  it('reads locale and build from the path', () => {
    expect(resxLocale(EN)).toBe('en');
    expect(resxLocale('src/Microsoft.Data.SqlClient/netcore/src/Resources/SR.resx')).toBe('en');
    expect(resxLocale('src/Microsoft.Data.SqlClient/netfx/src/Resources/Strings.zh-Hant.resx')).toBe('zh-Hant');
    expect(resxLocale('src/Microsoft.Data.SqlClient/src/Resources/Strings.Designer.cs')).toBeUndefined();
    expect(buildOf('src/Microsoft.Data.SqlClient/netfx/src/Resources/Strings.de.resx')).toBe('netfx');
    expect(buildOf(DE)).toBe('shared');
  });

  it('takes release tags, not the add-on or branch-marker tags', () => {
    expect(['v1.0.19239.1', 'V5.2.0', '1.0.19221.1-Preview', 'v6.1.0-preview2'].every(isReleaseTag)).toBe(true);
    expect(['AKV_v1.0.0', 'MSS_v1.0.0', 'Before-sni-merge'].some(isReleaseTag)).toBe(false);
  });
});

describe('composition sites', () => {
  const tdsParser = fixture('TdsParser.cs.excerpt').split('\n');
  const localDb = fixture('LocalDbApi.cs.excerpt').split('\n');

  it('reads the provider layout and the managed-SNI join from TdsParser.cs', () => {
    const hits: GrepHit[] = tdsParser.map((text, i) => ({ ref: 'HEAD', path: 'src/x/TdsParser.cs', line: i + 1, text }));
    const entries = compositionEntries(hits).get('HEAD') ?? [];
    expect(entries.map((e) => [e.id, e.template, e.layer, e.locale])).toEqual([
      ['mds:TdsParser.ProcessSNIError.managed', '{0}: {1}', 'wrapper', 'en'],
      ['mds:TdsParser.ProcessSNIError', '{0} (provider: {1}, error: {2} - {3})', 'wrapper', 'en'],
    ]);
  });

  it('numbers the holes of an interpolated string and reads plain literals', () => {
    const line = localDb.find((l) => l.includes('(error: {')) ?? '';
    expect(literalContaining(line, ' (error: {')).toBe('{0} (error: {1} - {2})');
    const hresult = localDb.find((l) => l.includes('0x{1:X}')) ?? '';
    expect(literalContaining(hresult, '{0} (0x{1:X}).')).toBe('{0} (0x{1:X}).');
    expect(literalContaining('Log("a \\"quoted\\" {0}\\n")', 'quoted')).toBe('a "quoted" {0}\n');
  });

  it('decodes \\uXXXX and leaves a \\u without four hex digits as u', () => {
    expect(unescapeBackslashes('caf\\u00e9 \\ux \\\\ \\t')).toBe('café ux \\ \t');
  });

  it('finds a site only in the files it belongs to', () => {
    const line = localDb.find((l) => l.includes('(error: {')) ?? '';
    expect(compositionEntries([{ ref: 'v1', path: 'src/x/TdsParser.cs', line: 1, text: line }]).size).toBe(0);
    expect(compositionEntries([{ ref: 'v1', path: 'src/x/LocalDb/LocalDbApi.cs', line: 1, text: line }]).get('v1')?.[0]?.id).toBe(
      'mds:LocalDB.CreateLocalDBException',
    );
  });
});

describe('refEntries and notes', () => {
  const tables = [
    { path: EN, locale: 'en', table: parseResx(fixture('Strings.resx')) },
    { path: DE, locale: 'de', table: parseResx(fixture('Strings.de.resx')) },
  ];

  it('gives one entry per selected key and language', () => {
    const entries = refEntries(tables, [], 'mds');
    expect(entries.filter((e) => e.locale === 'en').map((e) => e.id)).not.toContain('mds:SQL_BulkLoadInvalidTimeout');
    expect(entries.find((e) => e.id === 'mds:SNI_PN7' && e.locale === 'de')).toMatchObject({
      template: 'TCP-Anbieter',
      layer: 'sni',
      provider: 'sqlclient',
      syntax: 'none',
      path: DE,
    });
  });

  it('flags English left in a localized file', () => {
    const carried = new Map();
    const entries = refEntries(tables, [], 'mds', carried);
    const frame = entries.find((e) => e.id === 'mds:SQL_ExClientConnectionId' && e.locale === 'de');
    expect(frame?.template).toBe('ClientConnectionId:{0}');
    const seen = carried.get(`mds:SQL_ExClientConnectionId\u0000de\u0000ClientConnectionId:{0}`);
    expect(carriedNote(seen, 'de')).toBe('English text left in the de file (not translated there)');
  });

  it('notes an English wording that only one of the split builds had', () => {
    expect(carriedNote({ builds: new Set(['netcore']), english: false }, 'en')).toBe('wording of the netcore (.NET Core) build only');
    expect(carriedNote({ builds: new Set(['netfx', 'netcore']), english: false }, 'en')).toBeUndefined();
    expect(carriedNote({ builds: new Set(['netfx']), english: false }, 'de')).toBeUndefined();
  });
});

describe('GitSnapshot batch reads', () => {
  it('reads many files, greps many refs, and gives ref dates and file history', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harvest-'));
    try {
      const git = (...args: string[]) =>
        execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
          encoding: 'utf8',
          env: { ...process.env, GIT_COMMITTER_DATE: '2024-01-02T00:00:00Z', GIT_AUTHOR_DATE: '2024-01-02T00:00:00Z' },
        });
      git('init', '-q');
      writeFileSync(join(dir, 'a.txt'), 'one {0} (provider: {1})\n');
      git('add', '.');
      git('commit', '-q', '-m', 'first');
      git('tag', 'v1');
      writeFileSync(join(dir, 'a.txt'), 'two\n');
      writeFileSync(join(dir, 'b.txt'), 'same\n');
      git('add', '.');
      git('commit', '-q', '-m', 'second');
      git('tag', 'v2');
      const snapshot = new GitSnapshot(join(dir, '.git'));
      const blobs = snapshot.readMany([
        { ref: 'v1', path: 'a.txt' },
        { ref: 'v1', path: 'b.txt' },
        { ref: 'v2', path: 'a.txt' },
      ]);
      expect(blobs.map((b) => b?.text)).toEqual(['one {0} (provider: {1})\n', undefined, 'two\n']);
      expect(snapshot.grep(['v1', 'v2'], ['(provider: {1})'], ['a.txt'])).toEqual([
        { ref: 'v1', path: 'a.txt', line: 1, text: 'one {0} (provider: {1})' },
      ]);
      expect(snapshot.grep(['v2'], ['nowhere'], ['a.txt'])).toEqual([]);
      const infos = snapshot.infos(['v2', 'v1', 'v2']);
      expect(infos.map((i) => [i.ref, i.date])).toEqual([
        ['v2', '2024-01-02'],
        ['v1', '2024-01-02'],
        ['v2', '2024-01-02'],
      ]);
      expect(snapshot.history('HEAD', 'a.txt')).toEqual([infos[0]?.commit, infos[1]?.commit]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
