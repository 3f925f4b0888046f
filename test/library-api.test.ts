// The library contract: diagnose()/createDoctor(), input checking, caller facts, concurrency.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createDoctor, diagnose, DoctorError, MAX_TEXT_LENGTH, runProbes, type Diagnosis } from '../src/index.js';
import { diagnosisSchemaErrors, fixture } from './helpers.js';

describe('diagnose()', () => {
  it('accepts a plain string and an input object alike', async () => {
    const text = fixture('seed/sqlcmd.txt');
    const a = await diagnose(text);
    const b = await diagnose({ text });
    expect(a).toEqual(b);
    expect(a.family).toBe('refused');
  });

  it('rejects input that breaks the schema with a message naming the field', async () => {
    await expect(diagnose({ text: 42 } as never)).rejects.toThrow(/input \/text: must be string/);
    await expect(diagnose({ txt: 'x' } as never)).rejects.toThrow(/must NOT have additional properties "txt"/);
    await expect(diagnose({ evidence: [{ kind: 'pcap', text: '' }] } as never)).rejects.toBeInstanceOf(DoctorError);
  });

  it('keeps caller facts from the vocabulary and warns about the others', async () => {
    const d = await diagnose({ facts: { 'error.family': 'refused', 'target.port': 'not-a-port', 'made.up': 1 } });
    expect(d.family).toBe('refused');
    expect(d.facts['target.port']).toBeUndefined();
    expect(d.warnings.join('\n')).toMatch(/ignored fact "target\.port": value must be integer/);
    expect(d.warnings.join('\n')).toContain('ignored unknown fact "made.up"');
    expect(d.causes[0]?.id).toBe('port_mismatch');
    expect(diagnosisSchemaErrors(d)).toBe('');
  });

  it('says so when nothing is recognised, when evidence cannot be read, and that probes had no server to probe', async () => {
    const d = await diagnose({
      text: 'hello world',
      evidence: [{ kind: 'errorlog', text: 'Server is listening on' }, { text: 'lorem ipsum dolor' }],
      probe: true,
    });
    expect(d.family).toBe('unknown');
    expect(d.causes).toEqual([]);
    const warnings = d.warnings.join('\n');
    expect(warnings).toMatch(/no SQL Server client error was recognised/);
    expect(warnings).toMatch(/^evidence #1 \(errorlog\): /m);
    expect(warnings).toMatch(/^evidence #2: could not tell what this is; label it/m);
    expect(warnings).toMatch(/nothing was probed: no server is named/);
  });

  it('does not say nothing was recognised when a wording of the text named the family', async () => {
    // Retyped by a reporter (test/fixtures/corpus/sqlclient.yaml, serenity-5235): no record, no catalogue message,
    // but the SSPI wording names the family and the answer is confident.
    const d = await diagnose('Cannot Generate SSPI Context  when initiating connection to online sql server with user id and password');
    expect(d.family).toBe('sspi');
    expect(d.causes[0]?.id).toBe('kerberos_spn_problem');
    expect(d.warnings.join('\n')).not.toMatch(/no SQL Server client error was recognised/);
  });

  it('refuses a target string in runProbes with the form to use, without echoing it (it may hold a password)', async () => {
    const given = 'Server=db01,1433;User Id=sa;Password=Zq7-secret';
    await expect(runProbes(given as never)).rejects.toMatchObject({ code: 'MSSQLDOCTOR_ERR_INPUT_INVALID' });
    const message = await runProbes(given as never).catch((e: Error) => e.message);
    expect(message).toContain("{ host: 'db01', port: 1433 }");
    expect(message).toContain('probe: true');
    expect(message).not.toContain('Zq7-secret');
    await expect(runProbes({ port: 1433 } as never)).rejects.toThrow(/runProbes\(\) target \/: must have required property 'host'/);
  });

  it('takes the target from the connection string as a whole, over what the paste names', async () => {
    const text = `sqlcmd -S oldhost,1500 -E\n${fixture('seed/sqlcmd.txt')}`;
    expect((await diagnose(text)).facts).toMatchObject({ 'target.host': 'oldhost', 'target.port': 1500 });
    const d = await diagnose({ text, connectionString: 'Server=db01\\SQLEXPRESS;Integrated Security=SSPI' });
    expect(d.facts).toMatchObject({ 'target.host': 'db01', 'target.instance': 'SQLEXPRESS' });
    expect(d.facts['target.port']).toBeUndefined();
  });

  it('takes a capture file as bytes, the way the JSON API takes it as base64', async () => {
    const bytes = readFileSync(new URL('./fixtures/evidence/capture/loopback.pcap', import.meta.url));
    const input = { text: fixture('seed/sqlclient.txt'), connectionString: 'Server=tcp:127.0.0.1,1234' };
    const fromBuffer = await diagnose({ ...input, evidence: [{ text: bytes }] });
    const fromBase64 = await diagnose({ ...input, evidence: [{ kind: 'capture', text: bytes.toString('base64') }] });
    expect(fromBuffer.facts['capture.synAnsweredByRst']).toBe(true);
    expect(fromBuffer).toEqual(fromBase64);
  });

  it('reads at most MAX_TEXT_LENGTH characters of a huge paste and says so', async () => {
    const huge = `${fixture('seed/dblib.txt')}${'x'.repeat(MAX_TEXT_LENGTH)}`;
    const d = await diagnose(huge);
    expect(d.family).toBe('refused');
    expect(d.warnings.join('\n')).toContain(`only the first ${MAX_TEXT_LENGTH} were read`);
  });

  it('diagnoses a paste whose one secret fills it (a bearer token of 256 KiB) without printing the token', async () => {
    const token = 'Q'.repeat(MAX_TEXT_LENGTH - 'Authorization: Bearer '.length);
    const d = await diagnose(`Authorization: Bearer ${token}`);
    expect(JSON.stringify(d)).not.toContain('QQQQQQ');
  });

  it('gives the same answers to overlapping calls on one doctor as to sequential ones', async () => {
    const doctor = createDoctor();
    const inputs = ['seed/sqlclient.txt', 'seed/sqlcmd.txt', 'seed/odbc.txt', 'seed/dblib.txt', 'seed/sqlcmd-not-found.txt'].map((f) => ({
      text: fixture(f),
    }));
    const sequential: Diagnosis[] = [];
    for (const input of inputs) sequential.push(await doctor.diagnose(input));
    const concurrent = await Promise.all(Array.from({ length: 50 }, (_, i) => doctor.diagnose(inputs[i % inputs.length]!)));
    concurrent.forEach((d, i) => expect(d).toEqual(sequential[i % inputs.length]));
  });

  it('never throws on arbitrary text and evidence, and always answers with a valid Diagnosis', async () => {
    const doctor = createDoctor();
    const piece = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom(fixture('seed/sqlclient.txt'), fixture('seed/artefacts/netstat.txt'), 'mssql://%', 'Server=tcp:x\\y,99999;', 'HResult 0x', '[DBNETLIB]', '(provider: , error: -'),
    );
    const input = fc.record({
      text: fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('\n')),
      evidence: fc.array(fc.record({ text: fc.array(piece, { maxLength: 4 }).map((parts) => parts.join('\n\n')) }), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        const d = await doctor.diagnose(value);
        return diagnosisSchemaErrors(d) === '';
      }),
      { numRuns: 150 },
    );
  }, 120_000); // generous: a loaded CI machine must not turn a property test into a timing test
});

