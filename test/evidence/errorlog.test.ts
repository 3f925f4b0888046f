// ERRORLOG parser: real logs in test/fixtures/evidence/errorlog/ yield what SOURCES.yaml says they state.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { errorlog } from '../../src/evidence/errorlog.js';
import { factsSchemaErrors } from '../helpers.js';
import type { Facts } from '../../src/schemas/facts.js';

interface LoginFailureExpectation {
  count: number;
  first: Record<string, unknown>;
}

interface Fixture {
  file: string;
  source: string;
  expect: Record<string, unknown> & { loginFailures?: LoginFailureExpectation; warningMentions?: string };
  absent?: string[];
}

const dir = new URL('../fixtures/evidence/errorlog/', import.meta.url);
const read = (file: string, base: URL = dir) => readFileSync(new URL(file, base), 'utf8');
const fixtures = parseYaml(read('SOURCES.yaml')) as Fixture[];

const schemaErrors = factsSchemaErrors;

/** The seed write-up's `netstat -aon` excerpt, verbatim. */
const SEED_NETSTAT = readFileSync(new URL('../fixtures/seed/artefacts/netstat.txt', import.meta.url), 'utf8');
const SEED_SQLCLIENT = read('sqlclient.txt', new URL('../fixtures/seed/', import.meta.url));
const aliasDir = new URL('../fixtures/evidence/aliases/', import.meta.url);
const ALIAS_TEXTS = ['reg-export-sql-dump-both-views.reg', 'reg-query-derived.txt', 'get-itemproperty-derived.txt'].map(
  (file) => read(file, aliasDir),
);

describe.each(fixtures)('$file', ({ file, expect: expected, absent }) => {
  const text = read(file);
  const result = errorlog.parse(text);
  const { facts } = result;

  it('yields the facts its text states', () => {
    for (const [key, value] of Object.entries(expected)) {
      if (key === 'loginFailures' || key === 'warningMentions') continue;
      expect({ [key]: facts[`errorlog.${key}` as keyof Facts] }).toEqual({ [key]: value });
    }
  });

  it('reads the login failures it holds', () => {
    const failures = facts['errorlog.loginFailures'];
    if (!expected.loginFailures) return;
    expect(failures).toHaveLength(expected.loginFailures.count);
    expect(failures?.[0]).toEqual(expected.loginFailures.first);
  });

  it('sets nothing the text does not settle', () => {
    for (const name of absent ?? []) expect({ [name]: facts[name as keyof Facts] }).toEqual({ [name]: undefined });
  });

  it('warns only about what it could not record', () => {
    if (expected.warningMentions) expect(result.warnings.join('\n')).toContain(expected.warningMentions);
    else expect(result.warnings).toEqual([]);
  });

  it('quotes the line each fact came from', () => {
    for (const [name, line] of Object.entries(result.sources ?? {})) {
      expect({ name, inText: text.replace(/\u0000/g, '').includes(line.replace(/…$/, '')) }).toEqual({ name, inText: true });
    }
    if (facts['errorlog.listeningPorts']) expect(result.sources?.['errorlog.listeningPorts']).toContain('Server is listening on [');
  });

  it('produces facts the schema accepts', () => {
    expect(schemaErrors(facts)).toBe('');
  });

  it('is recognised as an ERRORLOG', () => {
    expect(errorlog.detect(text)).toBeGreaterThanOrEqual(0.5);
  });
});

describe('the seed scenario', () => {
  it('reads port 1866 on 127.0.0.1 from the write-up line and quotes it', () => {
    const line = read('seed-listening-line.txt').trim();
    const result = errorlog.parse(line);
    expect(result.facts['errorlog.listeningPorts']).toEqual([1866]);
    expect(result.facts['errorlog.listeningAddresses']).toEqual(['127.0.0.1']);
    expect(result.sources?.['errorlog.listeningPorts']).toBe(line);
  });
});

describe('detect', () => {
  it.each([
    ['a client alias .reg export', ALIAS_TEXTS[0]],
    ['reg query output', ALIAS_TEXTS[1]],
    ['Get-ItemProperty output', ALIAS_TEXTS[2]],
    ["the seed's netstat -aon", SEED_NETSTAT],
    ["the seed's SqlClient error", SEED_SQLCLIENT],
    ['an empty paste', ''],
  ])('is low on %s', (_, text) => {
    expect(errorlog.detect(text as string)).toBeLessThan(0.3);
  });
});

describe('encodings', () => {
  it('reads a UTF-16 log decoded as 8-bit text (NULs, BOM) like the original', () => {
    const plain = errorlog.parse(read('linux-2019-k8s-startup.txt'));
    const utf16 = errorlog.parse(read('linux-2019-k8s-startup.utf16le.txt'));
    expect(utf16.facts).toEqual(plain.facts);
  });
});

describe('several startups and orderings', () => {
  const windows = read('windows-express-2019-setup-no-tcp.txt');
  const linux = read('linux-2019-k8s-startup.txt');

  it('describes the most recent startup, whichever log was pasted first', () => {
    for (const text of [windows + linux, linux + windows]) {
      const facts = errorlog.parse(text).facts;
      expect(facts['errorlog.processId']).toBe(3788);
      expect(facts['errorlog.tcpListening']).toBe(false);
      expect(facts['errorlog.shutdown']).toBe(true);
      expect(facts['errorlog.listeningPorts']).toBeUndefined();
    }
  });

  it('describes the later of two startups of one log', () => {
    const k8s = read('linux-2017-express-k8s-double-spaced.txt');
    const facts = errorlog.parse(linux + k8s).facts;
    expect(facts['errorlog.processId']).toBe(384);
    expect(facts['errorlog.dacPort']).toBeUndefined();
    expect(facts['errorlog.listeningPorts']).toEqual([1433]);
  });

  it('keeps the startup when a cycled log (sp_cycle_errorlog) follows it', () => {
    const facts = errorlog.parse(linux + read('rds-cycled-log-api-sample.txt')).facts;
    expect(facts['errorlog.startupSeen']).toBe(true);
    expect(facts['errorlog.listeningPorts']).toEqual([1433, 1431]);
    expect(facts['errorlog.processId']).toBe(388);
  });

  it('reads a newest-first listing (xp_readerrorlog … N\'desc\') like the file', () => {
    const newestFirst = windows.split('\n').reverse().join('\n');
    expect(errorlog.parse(newestFirst).facts).toEqual(errorlog.parse(windows).facts);
  });
});

describe('truncated and malformed text', () => {
  const linux = read('linux-2019-k8s-startup.txt');

  it('claims no startup when the paste stops before the network lines', () => {
    const head = linux.slice(0, linux.indexOf('A self-generated certificate'));
    const facts = errorlog.parse(head).facts;
    expect(facts['errorlog.processId']).toBe(388);
    expect(facts['errorlog.startupSeen']).toBeUndefined();
    expect(facts['errorlog.tcpListening']).toBeUndefined();
  });

  it('skips a listening line cut in the middle', () => {
    const cut = linux.slice(0, linux.indexOf("<ipv4> 1433]") + 4);
    const facts = errorlog.parse(cut).facts;
    expect(facts['errorlog.listeningPorts']).toEqual([1433]);
    expect(facts['errorlog.listeningAddresses']).toEqual(['any']);
  });

  // Variations of the seed line, made here: impossible ports and a missing protocol tag.
  it.each([
    '2008-12-11 03:11:12.50 Server Server is listening on [ 127.0.0.1 <ipv4> 99999].',
    '2008-12-11 03:11:12.50 Server Server is listening on [ 127.0.0.1 1866].',
    '2008-12-11 03:11:12.50 Server Server is listening on [',
  ])('records no port from %s', (line) => {
    const result = errorlog.parse(line);
    expect(result.facts['errorlog.listeningPorts']).toBeUndefined();
    expect(result.warnings).toHaveLength(1);
  });

  it('warns once when nothing is recognised', () => {
    const result = errorlog.parse(SEED_SQLCLIENT);
    expect(result.facts).toEqual({});
    expect(result.warnings).toHaveLength(1);
  });
});

describe('long input', () => {
  // How fast these run is measured by `npm run bench`, not asserted here.
  it('reads a multi-megabyte log', () => {
    const big = read('windows-express-2019-setup-no-tcp.txt').repeat(250);
    const facts = errorlog.parse(big).facts;
    expect(facts['errorlog.processId']).toBe(3788);
    expect(facts['errorlog.loginFailures']).toHaveLength(2);
  });

  it('does not backtrack on long near-miss lines', () => {
    const nearMisses = [
      `Microsoft SQL Server 2019 ${' -'.repeat(200_000)}`,
      `Server is listening on [ ${' '.repeat(400_000)}`,
      `Login failed for user '${"'".repeat(200_000)} Reason: ${'['.repeat(100_000)}`,
      `2008-12-11 03:11:12.50 ${' '.repeat(400_000)}x`,
    ];
    for (const text of nearMisses) {
      expect(errorlog.parse(text).facts['errorlog.listeningPorts'] ?? []).toEqual([]);
      expect(errorlog.detect(text)).toBeLessThanOrEqual(1);
    }
  });
});

describe('any input', () => {
  const realLines = fixtures.flatMap(({ file }) => read(file).split('\n')).filter((line) => line.trim() !== '');

  it('never throws and always yields schema-valid facts', () => {
    const pieces = fc.oneof(fc.string(), fc.constantFrom(...realLines), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('\n');
        const result = errorlog.parse(text);
        const score = errorlog.detect(text);
        return schemaErrors(result.facts) === '' && Array.isArray(result.warnings) && score >= 0 && score <= 1;
      }),
      { numRuns: 300 },
    );
  });
});
