// The sweep: secrets replaced in free text, wherever and however (escaped) they appear; vocabulary untouched.
import { describe, expect, it } from '@jest/globals';
import { Type } from '@sinclair/typebox';
import { createSweeper, MASK, sweepBySchema } from '../../src/redact/index.js';
import { StringEnum } from '../../src/schemas/vocabulary.js';

describe('createSweeper', () => {
  it('replaces a secret wherever it appears, inside words too when it is 8 characters or more', () => {
    const { sweep } = createSweeper(['hunter2222']);
    expect(sweep('x hunter2222 y xhunter2222y pwd%3Dhunter2222%26')).toBe(`x ${MASK} y x${MASK}y pwd%3D${MASK}%26`);
  });

  it('sweeps a short secret only where it stands as a word, so that the words it is part of survive', () => {
    const { sweep } = createSweeper(['pass', 'ack']);
    expect(['login_wrong_password', 'Send the right password', 'password=pass;', '(pass)', 'syn-ack', 'SYN/ACK'].map(sweep)).toEqual([
      'login_wrong_password',
      'Send the right password',
      `password=${MASK};`,
      `(${MASK})`,
      `syn-${MASK}`,
      'SYN/ACK',
    ]);
  });

  it('masks the whole of a secret that holds another', () => {
    expect(createSweeper(['Secr3t', 'Secr3t-longer']).sweep('a Secr3t-longer b Secr3t c')).toBe(`a ${MASK} b ${MASK} c`);
  });

  it('finds a secret written escaped (JSON, HTML, \\u, percent) and masks it as written', () => {
    const { sweep } = createSweeper(['Zq7"quote&amp']);
    expect(sweep('a Zq7\\"quote\\u0026amp b')).toBe(`a ${MASK} b`);
    expect(sweep('a Zq7&quot;quote&amp;amp b')).toBe(`a ${MASK} b`);
    expect(sweep('a Zq7%22quote%26amp b')).toBe(`a ${MASK} b`);
  });

  it('sweeps a secret too long for a pattern (a 256 KiB token) by plain search, beside the others', () => {
    const token = 'A'.repeat(256 * 1024);
    const { sweep } = createSweeper([token, 'hunter2222']);
    expect(sweep(`x ${token} y hunter2222 z ${token}`)).toBe(`x ${MASK} y ${MASK} z ${MASK}`);
    expect(createSweeper([token]).sweep(`a ${token.slice(1)} b`)).toBe(`a ${token.slice(1)} b`);
  });

  it('sweeps nothing with no secret, or only secrets too short to sweep', () => {
    expect(createSweeper([]).sweep('a b')).toBe('a b');
    expect(createSweeper(['ab', '***']).sweep('ab *** ab')).toBe('ab *** ab');
  });
});

describe('sweepBySchema', () => {
  const schema = Type.Object({
    family: StringEnum(['refused', 'other']),
    message: Type.String(),
    kinds: Type.Array(StringEnum(['refused', 'tcp'])),
    facts: Type.Object({ 'error.family': StringEnum(['refused']), 'target.host': Type.Optional(Type.String()) }),
    lines: Type.Array(Type.String()),
    count: Type.Integer(),
  });

  it('sweeps free text and leaves every enum value, every key and every number as it is', () => {
    const value = {
      family: 'refused' as const,
      message: 'actively refused it',
      kinds: ['refused' as const, 'tcp' as const],
      facts: { 'error.family': 'refused' as const, 'target.host': 'refused.example' },
      lines: ['refused', 'ok'],
      count: 3,
    };
    expect(sweepBySchema(schema, value, createSweeper(['refused']))).toEqual({
      family: 'refused',
      message: `actively ${MASK} it`,
      kinds: ['refused', 'tcp'],
      facts: { 'error.family': 'refused', 'target.host': `${MASK}.example` },
      lines: [MASK, 'ok'],
      count: 3,
    });
  });

  it('sweeps what the schema does not describe as free text', () => {
    expect(sweepBySchema(Type.Object({}), { extra: 'refused here' }, createSweeper(['refused']))).toEqual({ extra: `${MASK} here` });
  });
});
