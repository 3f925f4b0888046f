// Socket-table parser: real netstat/ss/lsof/Get-NetTCPConnection outputs yield the listeners SOURCES.yaml reads off them.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { sockets, type Listener } from '../../src/evidence/sockets.js';
import { expectSaneParse, factsSchemaErrors, mixedPastes } from '../helpers.js';

interface Socket {
  address: string;
  port: number;
}

interface ExpectedListener extends Socket {
  pid?: number;
  process?: string;
  /** The text shows no owner for this socket. */
  noProcess?: boolean;
}

interface Fixture {
  file: string;
  source: string;
  mixed?: boolean;
  expect: {
    count?: number;
    listeners?: ExpectedListener[];
    absent?: Socket[];
    source?: string;
    noFact?: boolean;
    warnings?: string[];
  };
}

const dir = new URL('../fixtures/evidence/sockets/', import.meta.url);
const read = (file: string, base: URL = dir) => readFileSync(new URL(file, base), 'utf8');
const fixtures = parseYaml(read('SOURCES.yaml')) as Fixture[];

const processDir = new URL('../fixtures/evidence/processes/', import.meta.url);
const processFixtures = (parseYaml(read('SOURCES.yaml', processDir)) as Fixture[]).filter((f) => !f.mixed);

const schemaErrors = factsSchemaErrors;

const listenersOf = (text: string): Listener[] => sockets.parse(text).facts['netstat.listeners'] ?? [];
const find = (listeners: readonly Listener[], socket: Socket) =>
  listeners.find((l) => l.address === socket.address && l.port === socket.port);
const key = (socket: Socket) => `${socket.address}|${socket.port}`;

/** Every line of every real fixture, the raw material of the mutation tests. */
const REAL_LINES = fixtures.flatMap(({ file }) => read(file).split('\n'));
const ABO = read('windows-netstat-abo-fr-sqlservr-loopback.txt');

describe.each(fixtures)('$file', ({ file, expect: expected }) => {
  const text = read(file);
  const result = sockets.parse(text);
  const listeners = result.facts['netstat.listeners'] ?? [];

  it('reports the listeners its text shows, with their PID and image', () => {
    for (const wanted of expected.listeners ?? []) {
      const found = find(listeners, wanted);
      expect({ socket: key(wanted), found: found !== undefined }).toEqual({ socket: key(wanted), found: true });
      if (wanted.pid !== undefined) expect(found?.pid).toBe(wanted.pid);
      if (wanted.process !== undefined) expect(found?.process).toBe(wanted.process);
      if (wanted.noProcess) expect(found?.process).toBeUndefined();
    }
  });

  it('reports each listening socket once', () => {
    if (expected.count !== undefined) expect(listeners).toHaveLength(expected.count);
    expect(new Set(listeners.map((l) => `${key(l)}|${l.pid ?? ''}`)).size).toBe(listeners.length);
  });

  it('leaves out connections, bound sockets and UDP', () => {
    for (const socket of expected.absent ?? []) expect(find(listeners, socket)).toBeUndefined();
  });

  it('quotes a listener line as evidence', () => {
    if (expected.noFact) {
      expect(result.facts['netstat.listeners']).toBeUndefined();
      return;
    }
    const quoted = result.sources?.['netstat.listeners'] ?? '';
    expect(quoted).not.toBe('');
    expect(text).toContain(quoted);
    if (expected.source) expect(quoted).toContain(expected.source);
  });

  it('warns only as its text warrants', () => {
    if (expected.warnings === undefined) return;
    if (expected.warnings.length === 0) expect(result.warnings).toEqual([]);
    for (const mention of expected.warnings) expect(result.warnings.join('\n')).toContain(mention);
  });

  it('yields facts that fit the fact schema', () => {
    expect(schemaErrors(result.facts)).toBe('');
  });

  it(`is recognised as a socket table (${file})`, () => {
    expect(sockets.detect(text)).toBeGreaterThanOrEqual(0.5);
  });
});

describe('the seed write-up', () => {
  it("reads the blog's netstat -aon excerpt, blank lines and single spaces included", () => {
    const text = read('artefacts/netstat.txt', new URL('../fixtures/seed/', import.meta.url));
    expect(listenersOf(text)).toEqual([
      { address: '0.0.0.0', port: 1233, pid: 1864 },
      { address: '0.0.0.0', port: 1235, pid: 620 },
    ]);
    expect(sockets.detect(text)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('detect', () => {
  it.each(processFixtures.map((f) => f.file))('is low on the process list %s', (file) => {
    expect(sockets.detect(read(file, processDir))).toBeLessThan(0.3);
  });

  it('is low on an ERRORLOG line and on a SqlClient error', () => {
    const seed = new URL('../fixtures/seed/', import.meta.url);
    expect(sockets.detect(read('artefacts/errorlog.txt', seed))).toBeLessThan(0.3);
    expect(sockets.detect(read('sqlclient.txt', seed))).toBeLessThan(0.3);
    expect(sockets.detect(read('sqlclient-mds-refused-vs-exception-helper.txt', new URL('../fixtures/errors/', import.meta.url)))).toBeLessThan(0.3);
  });
});

describe('damaged input', () => {
  const full = new Set(listenersOf(ABO).map(key));

  it('never invents a socket when the text is cut anywhere, even mid-line', () => {
    for (let end = 0; end < ABO.length; end += 37) {
      const result = sockets.parse(ABO.slice(0, end));
      expect(schemaErrors(result.facts)).toBe('');
      for (const listener of result.facts['netstat.listeners'] ?? []) expect(full.has(key(listener))).toBe(true);
    }
  });

  it('keeps the listeners of a row cut inside a Get-NetTCPConnection table out, with one warning', () => {
    const table = read('get-nettcpconnection-select-processname-es.txt');
    const cut = table.replace('127.0.0.1          11434         16324 ollama', '127.0.0.1          114');
    const result = sockets.parse(cut);
    expect(find(result.facts['netstat.listeners'] ?? [], { address: '127.0.0.1', port: 114 })).toBeUndefined();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('127.0.0.1          114');
  });

  it('reads nothing from rows whose columns are out of order', () => {
    const shuffled = ABO.split('\n')
      .filter((line) => line.includes('LISTENING'))
      .map((line) => {
        const [first, ...rest] = line.trim().split(/\s+/);
        return [...rest, first].join('   ');
      })
      .join('\n');
    const result = sockets.parse(shuffled);
    expect(result.facts['netstat.listeners']).toBeUndefined();
    expect(result.warnings.length).toBeLessThanOrEqual(3);
  });

  it('sums up a thousand unreadable rows in one warning', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `  TCP    0.0.0.0:${70000 + i}          0.0.0.0:0              LISTENING       4`);
    const result = sockets.parse(rows.join('\n'));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^1000 lines/);
  });

  it('says when ports are service names it cannot number', () => {
    expect(sockets.parse(read('macos-lsof-service-name-port.txt')).warnings.join(' ')).toContain('lsof with -P');
  });

  it('says so when the text holds no socket table', () => {
    const result = sockets.parse('Login failed for user sa.');
    expect(result.facts).toEqual({});
    expect(result.warnings).toHaveLength(1);
  });
});

describe('long input', () => {
  // How fast these run is measured by `npm run bench`, not asserted here.
  it('reads half a megabyte of netstat -abo, each listener once', () => {
    const big = ABO.repeat(Math.ceil(500_000 / ABO.length));
    expect(listenersOf(big)).toHaveLength(55);
  });

  it('finds no listener in long runs of address characters', () => {
    for (const char of [':', '[', '.', '*', '0', ' ', '"', '(']) {
      expect(sockets.parse(`TCP ${char.repeat(200_000)} LISTENING\nLISTEN 0 1 ${char.repeat(200_000)} x`).facts['netstat.listeners'] ?? []).toEqual([]);
      expect(sockets.detect(char.repeat(200_000))).toBeLessThan(0.5);
    }
  });
});

describe('properties', () => {
  const checkResult = (text: string) => expectSaneParse(sockets, text);

  it('never throws and yields schema-valid facts for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), checkResult), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), checkResult), { numRuns: 300 });
  });

  it('never throws on real lines mixed with random and mutated ones', () => {
    fc.assert(fc.property(mixedPastes(REAL_LINES), checkResult), { numRuns: 300 });
  });
});
