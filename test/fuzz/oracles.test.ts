// The fuzz oracles catch what they are for: an oracle that passes everything would make every fuzz run green.
import { describe, expect, it } from '@jest/globals';
import { diagnose } from '../../src/doctor.js';
import { DoctorError } from '../../src/errors.js';
import { EVIDENCE_PARSERS } from '../../src/evidence/index.js';
import { fixture } from '../helpers.js';
import {
  expectDoctorError,
  expectEvidenceResult,
  expectNoLeak,
  expectNormalized,
  expectValidDiagnosis,
  resultOrDoctorError,
  silent,
  silentAsync,
} from './oracles.js';
import { normalize } from '../../src/normalize/index.js';

describe('fuzz oracles', () => {
  it('take a DoctorError of the catalogue with a one-line message, and nothing else', async () => {
    expect(() => expectDoctorError(new DoctorError('MSSQLDOCTOR_ERR_INPUT_INVALID', 'input /evidence: must be array'))).not.toThrow();
    expect(() => expectDoctorError(new TypeError("Cannot read properties of undefined (reading 'map')"))).toThrow(/other than a DoctorError/);
    expect(() => expectDoctorError(new DoctorError('MSSQLDOCTOR_ERR_NOPE' as never, 'x'))).toThrow(/not in src\/errors.ts/);
    expect(() => expectDoctorError(new DoctorError('MSSQLDOCTOR_ERR_USAGE', 'first line\n    at stack'))).toThrow(/not one line/);
    await expect(resultOrDoctorError(() => Promise.reject(new RangeError('x')))).rejects.toThrow(/other than a DoctorError/);
  });

  it('take a real diagnosis, and refuse one that breaks the schema or becomes invalid as JSON', async () => {
    const d = await diagnose(fixture('seed/sqlclient.txt'));
    expect(() => expectValidDiagnosis(d)).not.toThrow();
    expect(() => expectValidDiagnosis({ ...d, family: '***' })).toThrow(/schema-invalid Diagnosis/);
    // NaN is a number in memory and null in JSON (issue 13: huge numbers became null).
    const withNaN = { ...d, errors: [{ ...d.errors[0], osError: Number.NaN }] };
    expect(() => expectValidDiagnosis(withNaN)).toThrow(/schema-invalid/);
  });

  it("see an evidence parser's swallowed exception in its warnings, labelled as diagnose() labels it", () => {
    const { parser } = EVIDENCE_PARSERS.netstat;
    const crashed = parser.parse({ toString: () => { throw new Error('bug'); } } as unknown as string);
    expect(() => expectEvidenceResult(crashed)).toThrow(/an evidence parser threw/);
    expect(() => expectValidDiagnosis({ family: 'unknown', providers: [], errors: [], facts: {}, causes: [], nextChecks: [], warnings: [`evidence #1 (netstat): ${crashed.warnings[0]}`] })).toThrow(
      /an evidence parser threw/,
    );
    expect(() => expectEvidenceResult(parser.parse(fixture('seed/artefacts/netstat.txt')))).not.toThrow();
  });

  it('refuse facts outside the vocabulary in normalize() answers', () => {
    const normalized = normalize(fixture('seed/odbc.txt'));
    expect(() => expectNormalized(normalized)).not.toThrow();
    expect(() => expectNormalized({ ...normalized, facts: { ...normalized.facts, 'error.bogus': 1 } as never })).toThrow(/not valid facts/);
  });

  it('find a piece of a secret in an output, read as its reader reads it, unless the background shows it too', () => {
    const secret = 'Zq7kP9mW2xRt';
    expect(() => expectNoLeak([secret], ['{"line":"Password=Zq7kP9***"}'], 'Password=')).toThrow(/reached the output/);
    expect(() => expectNoLeak([secret], ['Password=Zq7kP9&#109;W2'], '')).toThrow(/reached the output/);
    expect(() => expectNoLeak([secret], ['Password=***'], '')).not.toThrow();
    expect(() => expectNoLeak([secret], ['id Zq7kP9'], 'the background says zq7kp9')).not.toThrow();
  });

  it('fail a check that writes to stdout, stderr, the console or as a process warning', async () => {
    expect(() => silent(() => console.warn('json5: U+2028'))()).toThrow(/wrote to stdout/);
    expect(() => silent(() => void process.stderr.write('x'))()).toThrow(/wrote to stdout/);
    expect(() => silent(() => process.emitWarning('deprecated'))()).toThrow(/wrote to stdout/);
    await expect(silentAsync(async () => void process.stdout.write('x'))()).rejects.toThrow(/wrote to stdout/);
    expect(() => silent(() => undefined)()).not.toThrow();
  });
});
