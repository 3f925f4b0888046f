// Real pastes of the JDBC, tedious, Go, Prisma, tiberius and server providers normalize to what their text states.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { normalize } from '../../src/normalize/index.js';
import { statedFixtures } from '../helpers.js';

const root = new URL('../fixtures/providers/', import.meta.url);
const NEW_PROVIDERS = ['jdbc', 'tedious', 'go', 'prisma', 'tiberius', 'server'];

const fixtures = readdirSync(root).flatMap((folder) => {
  const dir = new URL(`${folder}/`, root);
  return statedFixtures(dir).map((f) => ({ ...f, dir, name: `${folder}/${f.file}` }));
});

describe.each(fixtures)('$name', ({ file, dir, states }) => {
  const result = normalize(readFileSync(new URL(file, dir), 'utf8'));
  const { facts, errors } = result;

  it(`is recognised as ${states.provider}`, () => {
    expect(result.providers).toContain(states.provider);
    expect(errors.some((e) => e.provider === states.provider)).toBe(true);
  });

  // Every fixture states its family (where the text does not name it, SOURCES.yaml gives the reason beside it).
  it(`has family ${states.kind}`, () => {
    expect(states.kind).toBeDefined();
    expect(result.family).toBe(states.kind);
  });

  it('yields the numbers and codes its text contains', () => {
    if (states.osError !== undefined) expect(facts['error.osErrors']).toContain(states.osError);
    if (states.errorNumber !== undefined) expect(facts['error.numbers']).toContain(states.errorNumber);
    if (states.symbolicCode !== undefined) expect(facts['error.symbolicCode']).toBe(states.symbolicCode);
    if (states.driver !== undefined) expect(errors.map((e) => e.driver)).toContain(states.driver);
    if (states.provider === 'server') expect(facts['error.loginState']).toBe(states.loginState);
  });

  it('yields the server, instance and port its text names', () => {
    if (states.server !== undefined) expect(facts['target.host']).toBe(states.server);
    if (states.instance !== undefined) expect(facts['target.instance']).toBe(states.instance);
    if (states.port !== undefined) expect(facts['target.port']).toBe(states.port);
  });
});

describe('the other providers’ fixtures', () => {
  const dir = new URL('../fixtures/errors/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  it.each(files)('%s is claimed by none of the new providers', (file) => {
    const { providers } = normalize(readFileSync(new URL(file, dir), 'utf8'));
    expect(providers.filter((p) => NEW_PROVIDERS.includes(p))).toEqual([]);
  });
});

// How fast these run is measured by `npm run bench` (the hostile inputs there); here: they are read
// without failing, and no server is invented from a run of one character.
describe('long inputs', () => {
  it.each([
    'Failed to connect to ' + 'a'.repeat(262144),
    'Error: P1001: ' + 'x '.repeat(131072),
    "host '" + 'h'.repeat(262144),
    'Login failed for user \'' + "x'".repeat(131072),
    'unable to open tcp connection with host \'' + 'y'.repeat(262144),
  ])('normalizes a 256 KB adversarial paste', (text) => {
    const { facts } = normalize(text);
    expect(facts['target.port']).toBeUndefined();
  });
});
