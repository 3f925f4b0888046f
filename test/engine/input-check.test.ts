// What callers hand the library in the wrong shape (src/engine/input-check.ts): always a DoctorError with its code
// and a one-line message that names the place, never a TypeError from deep inside.
import { describe, expect, it } from '@jest/globals';
import { createDoctor, diagnose, DoctorError, normalize, scanLogs, type ErrorCode } from '../../src/index.js';
import { fixture } from '../helpers.js';

const SEED = fixture('seed/sqlclient.txt');
const bytes = new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1]);

/** The error a call raised (synchronously or as a rejection), or undefined when it did not fail. */
async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** A DoctorError with this code, whose one-line message matches `names`. */
async function expectRefusal(call: () => unknown, code: ErrorCode, names: RegExp): Promise<void> {
  const error = await failureOf(call);
  expect(error).toBeInstanceOf(DoctorError);
  expect({ code: (error as DoctorError).code, message: (error as DoctorError).message }).toEqual({ code, message: expect.stringMatching(names) });
  expect((error as DoctorError).message).not.toContain('\n');
}

describe('diagnose() input in the wrong shape', () => {
  it.each([
    ['null', null, /^input must be the pasted text \(a string\) or an object .*, not null$/],
    ['undefined', undefined, /, not undefined$/],
    ['a number', 42, /, not a number$/],
    ['true', true, /, not a boolean$/],
    ['an array', [SEED], /, not an array$/],
    ['bytes instead of the input', new TextEncoder().encode(SEED), /, not a Uint8Array$/],
    ['a Date', new Date(0), /, not a Date$/],
    ['evidence as a string', { text: 'x', evidence: 'x' }, /^input \/evidence: must be array$/],
    ['evidence as {}', { text: 'x', evidence: {} }, /^input \/evidence: must be array$/],
    ['evidence as 1', { text: 'x', evidence: 1 }, /^input \/evidence: must be array$/],
    ['evidence as true', { text: 'x', evidence: true }, /^input \/evidence: must be array$/],
    ['evidence as null', { text: 'x', evidence: null }, /^input \/evidence: must be array$/],
    ['an evidence item that is null', { evidence: [null] }, /^input \/evidence\/0: must be object$/],
    ['an evidence item that is a string', { evidence: ['netstat -ano'] }, /^input \/evidence\/0: must be object$/],
    ['a hole in the evidence array', { evidence: [, { text: 'x' }] }, /^input \/evidence\/0: must be object$/],
    ['an evidence item without text', { evidence: [{ kind: 'netstat' }] }, /^input \/evidence\/0: must have required property 'text'$/],
    ['an evidence text that is a number', { evidence: [{ text: 5 }] }, /^input \/evidence\/0\/text: must be string$/],
    ['an unknown evidence kind with bytes', { evidence: [{ kind: 'pcap', text: bytes }] }, /^input \/evidence\/0\/kind: must be one of: netstat, .*capture$/],
    ['an unknown property beside bytes', { evidence: [{ text: bytes, file: 'a.pcap' }] }, /^input \/evidence\/0: must NOT have additional properties "file"$/],
    ['text as a number', { text: 5 }, /^input \/text: must be string$/],
    ['text as bytes', { text: bytes }, /^input \/text: must be string \(bytes are taken only as the text of an evidence item: a capture file\)$/],
    ['a connection string as a number', { connectionString: 1433 }, /^input \/connectionString: must be string$/],
    ['facts as an array', { facts: [['error.family', 'refused']] }, /^input \/facts: must be object$/],
    ['facts as null', { facts: null }, /^input \/facts: must be object$/],
    ['probe as a string', { probe: 'yes' }, /^input \/probe: must be boolean or object$/],
    ['a probe deadline as text', { probe: { timeoutMs: '3000' } }, /^input \/probe\/timeoutMs: must be integer$/],
    ['a probe login without a user', { probe: { login: { password: 'x' } } }, /^input \/probe\/login: must have required property 'user'$/],
    ['an unknown property', { txt: SEED }, /^input \/: must NOT have additional properties "txt"$/],
  ])('%s', async (_what, input, names) => {
    await expectRefusal(() => diagnose(input as never), 'MSSQLDOCTOR_ERR_INPUT_INVALID', names);
  });

  it('still takes a capture as bytes, with or without its kind', async () => {
    const fromBytes = await diagnose({ text: SEED, evidence: [{ text: bytes }] });
    expect(fromBytes).toEqual(await diagnose({ text: SEED, evidence: [{ kind: 'capture', text: Buffer.from(bytes).toString('base64') }] }));
  });
});

describe('createDoctor() options in the wrong shape', () => {
  it.each([
    ['null', null, /^createDoctor\(\) options must be an object such as \{ rules: \['\.\/team-rules'\] \}, not null$/],
    ['a string', 'rules/', /, not a string$/],
    ['rules as a string', { rules: './team-rules' }, /^createDoctor\(\) options rules: must be an array of rule directory or file paths, not a string$/],
    ['rules as an object', { rules: {} }, /^createDoctor\(\) options rules: must be an array .*, not an object$/],
    ['a rule path that is a number', { rules: ['./a', 5] }, /^createDoctor\(\) options rules\[1\]: must be a path \(a string\), not a number$/],
    ['a probe guard that is not a function', { probeGuard: true }, /^createDoctor\(\) options probeGuard: must be a function, not a boolean$/],
    ['a misspelt option', { rule: ['./a'] }, /^createDoctor\(\) options: unknown option "rule" \(the options are rules and probeGuard\)$/],
  ])('%s', async (_what, options, names) => {
    await expectRefusal(() => createDoctor(options as never), 'MSSQLDOCTOR_ERR_OPTIONS_INVALID', names);
  });
});

describe('scanLogs() and normalize() in the wrong shape', () => {
  it.each([
    ['null', null, /^scanLogs\(\) logs \/: must be array$/],
    ['one log instead of a list', { name: 'a.log', text: SEED }, /^scanLogs\(\) logs \/: must be array$/],
    ['a log that is null', [null], /^scanLogs\(\) logs \/0: must be object$/],
    ['a log without a name', [{ text: SEED }], /^scanLogs\(\) logs \/0: must have required property 'name'$/],
    ['a log as bytes', [{ name: 'a.log', text: new TextEncoder().encode(SEED) }], /^scanLogs\(\) logs \/0\/text: must be string \(decode a log to text first\)$/],
  ])('scanLogs: %s', async (_what, logs, names) => {
    await expectRefusal(() => scanLogs(logs as never), 'MSSQLDOCTOR_ERR_INPUT_INVALID', names);
  });

  it('normalize: a text that is not a string', async () => {
    await expectRefusal(() => normalize(undefined as never), 'MSSQLDOCTOR_ERR_INPUT_INVALID', /^normalize\(\) takes the pasted text as a string, not undefined$/);
    await expectRefusal(() => normalize(Buffer.from(SEED) as never), 'MSSQLDOCTOR_ERR_INPUT_INVALID', /, not a Buffer$/);
  });
});
