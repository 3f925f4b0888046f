// Every real paste (seed and public fixtures) diagnoses to a schema-valid Diagnosis, and every paste of
// a known family gets at least one cause and one next check.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { createDoctor } from '../../src/doctor.js';
import { diagnosisSchemaErrors, fixture } from '../helpers.js';

const doctor = createDoctor();
const files = ['seed', 'errors'].flatMap((dir) =>
  readdirSync(new URL(`../fixtures/${dir}/`, import.meta.url))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => `${dir}/${f}`),
);

describe.each(files)('%s', (file) => {
  it('diagnoses to a valid Diagnosis with causes and next checks', async () => {
    const d = await doctor.diagnose(fixture(file));
    expect(diagnosisSchemaErrors(d)).toBe('');
    expect(d.family).not.toBe('unknown');
    if (d.family !== 'other') {
      expect(d.causes.length).toBeGreaterThan(0);
      expect(d.nextChecks.length).toBeGreaterThan(0);
    }
  });
});
