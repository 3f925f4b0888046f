// Process-list parser: real tasklist/Get-Process/ps outputs yield the PIDs and names SOURCES.yaml reads off them.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { processes } from '../../src/evidence/processes.js';
import { expectSaneParse, factsSchemaErrors, mixedPastes } from '../helpers.js';

interface ExpectedProcess {
  pid: number;
  name: string;
}

interface Fixture {
  file: string;
  source: string;
  mixed?: boolean;
  expect: {
    count?: number;
    processes?: ExpectedProcess[];
    source?: string;
  };
}

const dir = new URL('../fixtures/evidence/processes/', import.meta.url);
const read = (file: string, base: URL = dir) => readFileSync(new URL(file, base), 'utf8');
const fixtures = parseYaml(read('SOURCES.yaml')) as Fixture[];

const socketDir = new URL('../fixtures/evidence/sockets/', import.meta.url);
const socketFixtures = (parseYaml(read('SOURCES.yaml', socketDir)) as Fixture[]).filter((f) => !f.mixed);

const schemaErrors = factsSchemaErrors;

const processesOf = (text: string) => processes.parse(text).facts.processes ?? [];

const REAL_LINES = fixtures.flatMap(({ file }) => read(file).split('\n'));
const SVC = read('tasklist-svc-sqlservr-named-instance.txt');

describe.each(fixtures)('$file', ({ file, expect: expected }) => {
  const text = read(file);
  const result = processes.parse(text);
  const list = result.facts.processes ?? [];

  it('lists the processes its text shows, PID and name as printed', () => {
    for (const wanted of expected.processes ?? []) expect(list).toContainEqual(wanted);
  });

  it('lists each process once', () => {
    if (expected.count !== undefined) expect(list).toHaveLength(expected.count);
    expect(new Set(list.map((p) => `${p.pid}|${p.name}`)).size).toBe(list.length);
  });

  it('quotes a process line as evidence', () => {
    const quoted = result.sources?.processes ?? '';
    expect(quoted).not.toBe('');
    expect(text).toContain(quoted);
    if (expected.source) expect(quoted).toContain(expected.source);
  });

  it('reads its rows without warnings', () => {
    expect(result.warnings).toEqual([]);
  });

  it('yields facts that fit the fact schema', () => {
    expect(schemaErrors(result.facts)).toBe('');
  });

  it(`is recognised as a process list (${file})`, () => {
    expect(processes.detect(text)).toBeGreaterThanOrEqual(0.5);
  });
});

describe('tasklist /FI with no match', () => {
  // The message tasklist prints when the filter matches nothing (its exact English text).
  const NO_MATCH = 'INFO: No tasks are running which match the specified criteria.';

  it('says no such process runs: an empty list, quoted', () => {
    const result = processes.parse(`C:\\>tasklist /FI "PID eq 5472"\n${NO_MATCH}\n`);
    expect(result.facts).toEqual({ processes: [] });
    expect(result.sources?.processes).toBe(NO_MATCH);
    expect(processes.detect(NO_MATCH)).toBeGreaterThanOrEqual(0.5);
  });
});

describe('detect', () => {
  it.each(socketFixtures.map((f) => f.file))('is low on the socket table %s', (file) => {
    expect(processes.detect(read(file, socketDir))).toBeLessThan(0.3);
  });

  it('is low on an ERRORLOG line and on a SqlClient error', () => {
    const seed = new URL('../fixtures/seed/', import.meta.url);
    expect(processes.detect(read('artefacts/errorlog.txt', seed))).toBeLessThan(0.3);
    expect(processes.detect(read('artefacts/netstat.txt', seed))).toBeLessThan(0.3);
    expect(processes.detect(read('sqlclient.txt', seed))).toBeLessThan(0.3);
    expect(processes.detect(read('sqlclient-mds-refused-vs-exception-helper.txt', new URL('../fixtures/errors/', import.meta.url)))).toBeLessThan(0.3);
  });
});

describe('damaged input', () => {
  const full = new Set(processesOf(SVC).map((p) => p.name));

  it('never throws on a list cut anywhere, and keeps to names the list holds', () => {
    for (let end = 0; end < SVC.length; end += 41) {
      const result = processes.parse(SVC.slice(0, end));
      expect(schemaErrors(result.facts)).toBe('');
      // A cut inside a name leaves a prefix of it.
      for (const { name } of result.facts.processes ?? []) expect([...full].some((known) => known.startsWith(name))).toBe(true);
    }
  });

  it('reports damaged rows of a table in one warning and keeps the good ones', () => {
    const damaged = SVC.replace('sqlservr.exe                  3520', 'sqlservr.exe                  35x0').replace(
      'msdtc.exe                     3688',
      'msdtc.exe                     3=88',
    );
    const result = processes.parse(damaged);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^2 lines/);
    expect(result.facts.processes).toHaveLength(74);
  });

  it('sums up a thousand broken CSV rows in one warning', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `"sqlservr.exe","12${i}x","Services","0","1 K"`);
    const result = processes.parse(rows.join('\r\n'));
    expect(result.facts).toEqual({});
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^1000 lines/);
  });

  it('says so when the text holds no process list', () => {
    const result = processes.parse('Login failed for user sa.');
    expect(result.facts).toEqual({});
    expect(result.warnings).toHaveLength(1);
  });
});

describe('long input', () => {
  // How fast these run is measured by `npm run bench`, not asserted here.
  it('reads half a megabyte of tasklist /svc', () => {
    const big = SVC.repeat(Math.ceil(500_000 / SVC.length));
    expect(processesOf(big)).toHaveLength(76);
  });

  it('finds no process in long runs of one character', () => {
    for (const char of ['"', '=', '-', ' ', '0', '/', '[', ',']) {
      expect(processes.parse(`${char.repeat(200_000)}\n1 ${char.repeat(200_000)}`).facts.processes ?? []).toEqual([]);
      expect(processes.detect(char.repeat(200_000))).toBeLessThanOrEqual(1);
    }
  });
});

describe('properties', () => {
  const checkResult = (text: string) => expectSaneParse(processes, text);

  it('never throws and yields schema-valid facts for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), checkResult), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), checkResult), { numRuns: 300 });
  });

  it('never throws on real lines mixed with random and mutated ones', () => {
    fc.assert(fc.property(mixedPastes(REAL_LINES), checkResult), { numRuns: 300 });
  });
});
