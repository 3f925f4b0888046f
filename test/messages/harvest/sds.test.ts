// The System.Data.SqlClient (corefx) harvester: its tag subsample and its reading of the real string table and code
// (test/fixtures/messages/sds/SOURCES.md).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { compositionEntries, parseResx, refEntries } from '../../../scripts/messages/harvest/mds.js';
import { isReleaseTag, releaseLine, subsample } from '../../../scripts/messages/harvest/sds.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/messages/sds/${name}`, import.meta.url), 'utf8');

describe('tags', () => {
  it('takes release tags without their -dependencies twins', () => {
    expect(['v1.0.0-rc1', 'v2.1-preview1', 'v3.1.32', 'v3.0.100-preview8-013656'].every(isReleaseTag)).toBe(true);
    expect(['v2.1.4-dependencies', 'master', 'System.Reflection.Metadata-1.0.21', '1.0-msrc-april-2017-shipped'].some(isReleaseTag)).toBe(false);
  });

  it('groups tags by major.minor', () => {
    expect(releaseLine('v2.1.30')).toBe('2.1');
    expect(releaseLine('v2.1-preview1')).toBe('2.1');
    expect(releaseLine('v3.0.100-preview8-013656')).toBe('3.0');
  });

  it('keeps the first tag of each version of the file and the newest tag of each line', () => {
    const tags = [
      { tag: 'v1.0.0-rc1', oid: 'a' },
      { tag: 'v1.0.0', oid: 'b' },
      { tag: 'v1.0.1', oid: 'b' },
      { tag: 'v1.0.2', oid: 'b' },
      { tag: 'v1.1.0', oid: 'b' },
      { tag: 'v2.0.0', oid: 'c' },
      { tag: 'v1.1.1', oid: 'b' },
      { tag: 'v9.9.9', oid: undefined },
    ];
    expect(subsample(tags)).toEqual(['v1.0.0-rc1', 'v1.0.0', 'v1.0.2', 'v2.0.0', 'v1.1.1']);
  });
});

describe('reading', () => {
  it('reads the English table with the shared selection', () => {
    const table = parseResx(fixture('Strings.v3.1.32.resx'));
    const entries = refEntries([{ path: 'src/System.Data.SqlClient/src/Resources/Strings.resx', locale: 'en', table }], [], 'sds');
    expect(entries.map((e) => e.id).sort()).toEqual([
      'sds:LocalDBNotSupported',
      'sds:SNI_ERROR_40',
      'sds:SQL_KerberosTicketMissingError',
      'sds:SQL_SSPIGenerateError',
    ]);
    expect(table.get('SQL_SSPIGenerateError')).toBe('Failed to generate SSPI context.');
  });

  it('reads the provider layout written with String.Format((IFormatProvider)null, …)', () => {
    const [text = ''] = fixture('TdsParser.v1.0.0.cs.excerpt').split('\n');
    const entries = compositionEntries([{ ref: 'v1.0.0', path: 'src/System.Data.SqlClient/src/System/Data/SqlClient/TdsParser.cs', line: 1325, text }], 'sds');
    expect(entries.get('v1.0.0')?.map((e) => [e.id, e.template])).toEqual([['sds:TdsParser.ProcessSNIError', '{0} (provider: {1}, error: {2} - {3})']]);
  });
});
