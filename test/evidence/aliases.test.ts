// Client-alias parser: real alias texts in test/fixtures/evidence/aliases/ yield the entries SOURCES.yaml lists.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { aliases, parseAliasValue } from '../../src/evidence/aliases.js';
import { factsSchemaErrors } from '../helpers.js';
import type { Facts } from '../../src/schemas/facts.js';

type Entry = NonNullable<Facts['alias.entries']>[number];

interface Fixture {
  file: string;
  source: string;
  expect: { entries?: Entry[]; sameAs?: string };
}

const dir = new URL('../fixtures/evidence/aliases/', import.meta.url);
const read = (file: string, base: URL = dir) => readFileSync(new URL(file, base), 'utf8');
const fixtures = parseYaml(read('SOURCES.yaml')) as Fixture[];
const expectedEntries = (fixture: Fixture): Entry[] =>
  fixture.expect.entries ?? fixtures.find((other) => other.file === fixture.expect.sameAs)?.expect.entries ?? [];

const schemaErrors = factsSchemaErrors;

/** The seed write-up's `netstat -aon` excerpt, verbatim. */
const SEED_NETSTAT = readFileSync(new URL('../fixtures/seed/artefacts/netstat.txt', import.meta.url), 'utf8');
const SEED_SQLCLIENT = read('sqlclient.txt', new URL('../fixtures/seed/', import.meta.url));
const errorlogDir = new URL('../fixtures/evidence/errorlog/', import.meta.url);
const ERRORLOG_FILES = ['linux-2019-k8s-startup.txt', 'windows-express-2019-setup-no-tcp.txt', 'seed-listening-line.txt'];

describe.each(fixtures)('$file', (fixture) => {
  const text = read(fixture.file);
  const result = aliases.parse(text);

  it('yields every alias the text defines', () => {
    expect(result.facts['alias.entries']).toEqual(expectedEntries(fixture));
    expect(result.warnings).toEqual([]);
  });

  it('sets no correlation fact (that is derived elsewhere)', () => {
    expect(Object.keys(result.facts)).toEqual(['alias.entries']);
  });

  it('quotes the first alias line', () => {
    const line = result.sources?.['alias.entries'] ?? '';
    expect(line).not.toBe('');
    expect(text.replace(/\u0000/g, '')).toContain(line);
  });

  it('produces facts the schema accepts', () => {
    expect(schemaErrors(result.facts)).toBe('');
  });

  it('is recognised as a client-alias listing', () => {
    expect(aliases.detect(text)).toBeGreaterThanOrEqual(0.5);
  });
});

describe('alias values', () => {
  // The first five as published: sqladm.blogspot.com "SQL Alias" (New-ItemProperty example), a
  // SqlServerDsc comment ("DBNMPNTW,\\ServerName\PIPE\sql\query"), mattgwagner/New-Machine
  // Add-SqlServerAlias.ps1 (instance and port), the pymssql docs host with dbatools' port-less
  // "DBMSSOCN,$ServerAlias" form, a code comment listing DBMSLPCN (search-index file id
  // 70723483168). The last two are made here: a legacy Net-Library and an impossible port.
  it.each<[string, Omit<Entry, 'name'>]>([
    ['DBMSSOCN,DBSERVER.bacon.lan,54321', { protocol: 'tcp', host: 'DBSERVER.bacon.lan', port: 54321 }],
    ['DBNMPNTW,\\\\ServerName\\PIPE\\sql\\query', { protocol: 'np', host: 'ServerName', pipe: '\\\\ServerName\\PIPE\\sql\\query' }],
    ['DBMSSOCN,SQLservername\\instancename,1433', { protocol: 'tcp', host: 'SQLservername\\instancename', port: 1433 }],
    ['DBMSSOCN,sqlhost4', { protocol: 'tcp', host: 'sqlhost4' }],
    ['DBMSLPCN,host', { protocol: 'lpc', host: 'host' }],
    ['DBMSRPCN,host', { protocol: 'other', host: 'host' }],
    ['DBMSSOCN,db01,99999', { protocol: 'tcp', host: 'db01' }],
  ])('%s', (value, fields) => {
    expect(parseAliasValue('A', value)).toEqual({ name: 'A', ...fields });
  });
});

describe('.reg details', () => {
  // The layout the "dbacentral" generator script prints (search-index file id 23480973628:
  // '"'+REPLACE(@SQLName,'\','\\')+'"="DBMSSOCN,'+…): backslashes doubled in names and values.
  it('undoes doubled backslashes in names and values', () => {
    const reg = [
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSSQLServer\\Client\\ConnectTo]',
      '"DB01\\\\SQLEXPRESS"="DBMSSOCN,DB01\\\\SQLEXPRESS,1450"',
    ].join('\r\n');
    expect(aliases.parse(reg).facts['alias.entries']).toEqual([
      { name: 'DB01\\SQLEXPRESS', protocol: 'tcp', host: 'DB01\\SQLEXPRESS', port: 1450, view: '64-bit' },
    ]);
  });

  it('ignores values of other keys and non-string values', () => {
    const reg = read('reg-export-sql-dump-both-views.reg');
    const names = aliases.parse(reg).facts['alias.entries']?.map((entry) => entry.name);
    expect(names).not.toContain('AutoDisconnect');
  });

  it('reads a pasted reg query and .reg of both views together', () => {
    const both = `${read('reg-query-derived.txt')}\n${read('reg-export-sql-dump-both-views.reg')}`;
    expect(aliases.parse(both).facts['alias.entries']).toHaveLength(8);
  });

  // The key path exactly as the seed write-up prints it, with no value under it.
  it('says so when the ConnectTo key holds no value', () => {
    const result = aliases.parse('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSSQLServer\\Client\\ConnectTo\\');
    expect(result.facts).toEqual({});
    expect(result.warnings).toEqual(['the ConnectTo key holds no alias values']);
  });

  it('drops a Get-ItemProperty block whose PSPath is another key', () => {
    const block = read('get-itemproperty-derived.txt').replace(/Client\\ConnectTo/g, 'Client\\SuperSocketNetLib');
    expect(aliases.parse(block).facts).toEqual({});
  });
});

describe('detect', () => {
  it.each([
    ...ERRORLOG_FILES.map((file) => [`ERRORLOG ${file}`, read(file, errorlogDir)]),
    ["the seed's netstat -aon", SEED_NETSTAT],
    ["the seed's SqlClient error", SEED_SQLCLIENT],
    ['an empty paste', ''],
  ])('is low on %s', (_, text) => {
    expect(aliases.detect(text as string)).toBeLessThan(0.3);
  });
});

describe('any input', () => {
  const realLines = fixtures.flatMap(({ file }) => read(file).split(/\r?\n/)).filter((line) => line.trim() !== '');

  it('never throws and always yields schema-valid facts', () => {
    const pieces = fc.oneof(fc.string(), fc.constantFrom(...realLines), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('\n');
        const result = aliases.parse(text);
        const score = aliases.detect(text);
        return schemaErrors(result.facts) === '' && Array.isArray(result.warnings) && score >= 0 && score <= 1;
      }),
      { numRuns: 300 },
    );
  });

  it('does not backtrack on long near-miss lines', () => {
    const nearMisses = [
      `"${' '.repeat(300_000)}`,
      `[HKEY_${'x'.repeat(300_000)}`,
      `reg add ${'"'.repeat(300_000)}`,
      `x ${' '.repeat(300_000)}: DBMSSOCN,`,
    ];
    // How fast these run is measured by `npm run bench`; here: no host or port is invented from them
    // (the last one is a Get-ItemProperty-shaped line, an alias "x" of type DBMSSOCN with no host).
    for (const text of nearMisses) {
      for (const entry of aliases.parse(text).facts['alias.entries'] ?? []) expect(entry).toEqual({ name: 'x', protocol: 'tcp' });
      expect(aliases.detect(text)).toBeLessThanOrEqual(1);
    }
  });
});
