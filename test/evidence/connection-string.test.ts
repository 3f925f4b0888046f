// Connection strings in every published form become the same target and connection.* facts.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { connectionString, parseConnectionString } from '../../src/evidence/connection-string.js';
import { redactText } from '../../src/redact/index.js';
import { factsSchemaErrors } from '../helpers.js';

interface Example {
  name: string;
  text: string;
  expect: Record<string, unknown>;
}
const examples = parse(readFileSync(new URL('../fixtures/evidence/connection-strings/SOURCES.yaml', import.meta.url), 'utf8')) as Example[];

describe.each(examples)('$name', ({ text, expect: expected }) => {
  it('yields the facts it states, and only valid facts', () => {
    const { facts } = parseConnectionString(redactText(text).text);
    expect(facts).toMatchObject(expected);
    expect(factsSchemaErrors(facts)).toBe('');
    if (Object.keys(expected).length === 0) expect(facts['target.host']).toBeUndefined();
  });

  it('is detected as a connection string', () => {
    expect(connectionString.detect(text)).toBeGreaterThanOrEqual(0.6);
  });
});

describe('parseConnectionString', () => {
  it('never puts a credential into a fact, even unredacted', () => {
    const { facts } = parseConnectionString('Server=db01;User ID=app;Password=hunter2-secret;Database=x');
    expect(JSON.stringify(facts)).not.toContain('hunter2-secret');
    expect(JSON.stringify(facts)).not.toContain('app');
  });

  it('reads a URL with a malformed percent escape without throwing (found by fast-check)', () => {
    expect(() => parseConnectionString('mssql://mssql://%')).not.toThrow();
    expect(parseConnectionString('sqlserver://db01/%zz?database=x').facts).toMatchObject({ 'target.host': 'db01', 'target.instance': '%zz' });
  });

  it('explains what it could not read', () => {
    expect(parseConnectionString('Database=x;Encrypt=yes').warnings).toEqual(['connection string names no server (Server=, Data Source=, Address=)']);
    expect(parseConnectionString('').facts).toEqual({});
  });

  it('does not take an error text or a netstat listing for a connection string', () => {
    expect(connectionString.detect('(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)')).toBe(0);
    expect(connectionString.detect('  TCP    0.0.0.0:1433           0.0.0.0:0              LISTENING       4321')).toBe(0);
  });

  it('never throws and always returns schema-valid facts', () => {
    const pieces = fc.constantFrom('Server=', 'Data Source=', 'tcp:', '\\', ',', ';', '=', '{', '}', "'", '"', 'jdbc:sqlserver://', 'sqlserver://', 'mssql://', 'sqlcmd -S ', ':', '1433', 'db01', 'server:', ' ');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (parts) => {
        const { facts } = parseConnectionString(parts.join(''));
        return factsSchemaErrors(facts) === '';
      }),
      { numRuns: 400 },
    );
  }, 60_000); // generous: a loaded CI machine must not turn a property test into a flaky timing test
});
