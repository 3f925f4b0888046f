// Every real paste (seed and public fixtures) diagnoses to a schema-valid Diagnosis of the family its source states,
// and every paste of a known family gets at least one cause and one next check.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { createDoctor } from '../../src/doctor.js';
import { diagnosisSchemaErrors, fixture, statedFixtures } from '../helpers.js';

const doctor = createDoctor();
const files = ['seed', 'errors'].flatMap((dir) =>
  readdirSync(new URL(`../fixtures/${dir}/`, import.meta.url))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => `${dir}/${f}`),
);

/**
 * The family each paste is to be read as: the seed write-up's scenario (test/fixtures/seed/SOURCES.md: a refused
 * connection shown by four clients, and "a non existing machine"), and for the public pastes what SOURCES.yaml states.
 */
const SEED_FAMILY: Record<string, string> = { sqlclient: 'refused', sqlcmd: 'refused', odbc: 'refused', dblib: 'refused', 'sqlcmd-not-found': 'not_found' };
const stated = new Map(statedFixtures(new URL('../fixtures/errors/', import.meta.url)).map((f) => [`errors/${f.file}`, f.states.kind]));
const familyOf = (file: string) => (file.startsWith('seed/') ? SEED_FAMILY[file.slice('seed/'.length, -'.txt'.length)] : stated.get(file));

describe.each(files)('%s', (file) => {
  it('diagnoses to a valid Diagnosis of its family, with causes and next checks', async () => {
    const d = await doctor.diagnose(fixture(file));
    expect(diagnosisSchemaErrors(d)).toBe('');
    expect(familyOf(file)).toBeDefined();
    expect(d.family).toBe(familyOf(file));
    if (d.family !== 'other') {
      expect(d.causes.length).toBeGreaterThan(0);
      expect(d.nextChecks.length).toBeGreaterThan(0);
    }
  });
});

describe('an ERRORLOG pasted as the error', () => {
  it("is read as the server's own messages when no client error is beside it (container setup log, sa password policy)", async () => {
    const d = await doctor.diagnose(fixture('evidence/errorlog/linux-2017-express-k8s-double-spaced.txt'));
    expect(d.providers).toEqual(['server']);
    expect(d.family).toBe('other');
    expect(d.causes[0]?.id).toBe('sa_password_policy_rejected');
    expect(d.facts['errorlog.startupSeen']).toBe(true);
  });

  it("stays evidence only beside a client's error: its login failures do not take over the family", async () => {
    const errorlog = fixture('evidence/errorlog/windows-express-2016-cat-bom-bruteforce.txt');
    const d = await doctor.diagnose({ text: `${fixture('seed/sqlclient.txt')}\n\n${errorlog}` });
    expect(d.family).toBe('refused');
    expect(d.providers).not.toContain('server');
  });
});
