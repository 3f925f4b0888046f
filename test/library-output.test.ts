// A library writes nothing of its own to stdout, stderr or the console (under `serve` that would land outside the
// server's log lines): not the json5 parser warning about a raw U+2028, nor the YAML parser's warnings.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDoctor, diagnose, DoctorError, userRulePaths } from '../src/index.js';
import { outputDuring, userRuleYaml } from './helpers.js';

const SEED = '(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';

describe('connection strings with raw line and paragraph separators (U+2028, U+2029)', () => {
  it.each([
    ['a tedious config object', "{ server: 'db01\u2028', options: { port: 1444, database: 'sales\u2029eu' } }", { host: 'db01', port: 1444, database: 'sales\u2029eu' }],
    ['a node-mssql literal in code', 'const config = { server: "db02", port: 1445, database: "a\u2028b" };', { host: 'db02', port: 1445, database: 'a\u2028b' }],
    ['a separator between the keys', "{ server: 'db03',\u2028port: 1446,\u2029database: 'c' }", { host: 'db03', port: 1446, database: 'c' }],
  ])('%s is read silently, its fields intact', async (_what, connectionString, expected) => {
    const { result, written } = await outputDuring(() => diagnose({ text: SEED, connectionString }));
    expect(written).toEqual([]);
    expect({ host: result.facts['target.host'], port: result.facts['target.port'], database: result.facts['connection.database'] }).toEqual(expected);
  });
});

describe('YAML with a collection as a key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-yaml-keys-'));

  it('in a rule file: a problem in the error, no warning on stderr', async () => {
    writeFileSync(join(dir, 'rules.yaml'), userRuleYaml().replace('    certainty: 0.3\n', '    certainty: 0.3\n    ? [a, b]\n    : 1\n'));
    const { result, written } = await outputDuring(() => {
      try {
        createDoctor({ rules: [join(dir, 'rules.yaml')] });
        return undefined;
      } catch (error) {
        return error;
      }
    });
    expect(written).toEqual([]);
    expect(result).toBeInstanceOf(DoctorError);
    expect((result as DoctorError).problems.map((p) => p.message)).toContainEqual(expect.stringContaining('unknown property "[ a, b ]"'));
  });

  it('in a config file: refused, no warning on stderr', async () => {
    writeFileSync(join(dir, 'doctor.yaml'), 'rules: []\n? [x]\n: 1\n');
    const { result, written } = await outputDuring(() => {
      try {
        return userRulePaths({ config: join(dir, 'doctor.yaml') });
      } catch (error) {
        return error;
      }
    });
    expect(written).toEqual([]);
    expect(result).toBeInstanceOf(DoctorError);
    expect((result as DoctorError).message).toMatch(/must NOT have additional properties "\[ x \]"/);
  });
});
