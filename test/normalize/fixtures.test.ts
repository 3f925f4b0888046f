// Every real paste in test/fixtures/errors/ normalizes to what its text literally states (SOURCES.yaml).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { normalize } from '../../src/normalize/index.js';
import { statedFixtures } from '../helpers.js';

const dir = new URL('../fixtures/errors/', import.meta.url);
const fixtures = statedFixtures(dir);

describe.each(fixtures)('$file', ({ file, states }) => {
  const result = normalize(readFileSync(new URL(file, dir), 'utf8'));
  const { facts, errors } = result;

  it(`is recognised as ${states.provider}`, () => {
    expect(result.providers).toContain(states.provider);
  });

  // Every fixture states its family (where the text does not name it, SOURCES.yaml gives the reason beside it).
  it(`has family ${states.kind}`, () => {
    expect(states.kind).toBeDefined();
    expect(result.family).toBe(states.kind);
  });

  it('yields the numbers and tags its text contains', () => {
    if (states.osError !== undefined) expect(facts['error.osErrors']).toContain(states.osError);
    if (states.sniError !== undefined) expect(errors.map((e) => e.sniError)).toContain(states.sniError);
    if (states.sniProvider !== undefined) expect(errors.map((e) => e.sniProvider)).toContain(states.sniProvider);
    if (states.errorNumber !== undefined) expect(facts['error.numbers']).toContain(states.errorNumber);
    if (states.sqlState !== undefined) expect(facts['error.sqlStates']).toContain(states.sqlState);
    if (states.driver !== undefined) expect(errors.map((e) => e.driver)).toContain(states.driver);
  });

  it('yields the server, instance and port its text names', () => {
    if (states.server !== undefined) expect(facts['target.host']).toBe(states.server);
    if (states.instance !== undefined) expect(facts['target.instance']).toBe(states.instance);
    if (states.port !== undefined) expect(facts['target.port']).toBe(states.port);
  });
});
