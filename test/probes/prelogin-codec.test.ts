// PRELOGIN codec against the spec's example bytes and public captures of real server answers (source next to each).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ENCRYPTION_BYTES,
  encodePreloginPacket,
  encodePreloginPayload,
  readPreloginPayload,
  readPreloginResponse,
  type Encryption,
} from '../../src/probes/prelogin-codec.js';

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.trim().split(/\s+/), (pair) => parseInt(pair, 16));
}

/** Copy with some bytes replaced, for malformed variants of a cited capture. */
function patched(bytes: Uint8Array, changes: Record<number, number>): Uint8Array {
  const copy = Uint8Array.from(bytes);
  for (const [at, value] of Object.entries(changes)) copy[Number(at)] = value;
  return copy;
}

// [MS-TDS] 4.1 "Pre-Login Request" (learn.microsoft.com/en-us/openspecs/windows_protocols/ms-tds/9420b4a3-eb9f-4f5e-90bd-3160444aa5a7).
// Annotated there as: header 12 01 00 2F 00 00 01 00; VERSION at 0x1A len 6; ENCRYPTION at 0x20 len 1;
// INSTOPT at 0x21 len 1; THREADID at 0x22 len 4; MARS at 0x26 len 1; TERMINATOR;
// data 09 00 00 00 00 00 | 01 | 00 | B8 0D 00 00 | 01.
const MS_TDS_4_1_REQUEST = hex(`
  12 01 00 2F 00 00 01 00 00 00 1A 00 06 01 00 20
  00 01 02 00 21 00 01 03 00 22 00 04 04 00 26 00
  01 FF 09 00 00 00 00 00 01 00 B8 0D 00 00 01`);

// [MS-SSTDS] 4.1 "Pre-Login Request" (learn.microsoft.com/en-us/openspecs/sql_server_protocols/ms-sstds/308195ef-30db-467a-836c-a8191f34bbba).
// No MARS option; INSTOPT carries "MSSQLServer\0"; VERSION 08 00 01 55 00 00.
const MS_SSTDS_4_1_REQUEST = hex(`
  12 01 00 34 00 00 01 00 00 00 15 00 06 01 00 1B
  00 01 02 00 1C 00 0C 03 00 28 00 04 FF 08 00 01
  55 00 00 00 4D 53 53 51 4C 53 65 72 76 65 72 00
  80 19 00 00`);

// Real answer of "Microsoft SQL Server 2008 SP1 (10.0.2531)" to the [MS-TDS] 4.1 request above, from the
// ESF.pl (SQL Fingerprint) documentation by Nelson Brito, github.com/nbrito/source perl/esf/ESF.pl, section "TDS Pre-Login Response".
// Its text explains: major 0x0a = 10, minor 0x00, build 0x09e3 = 2531. THREADID comes back with length 0.
const SQL2008_SP1_RESPONSE = hex(`
  04 01 00 2b 00 00 01 00 00 00 1a 00 06 01 00 20
  00 01 02 00 21 00 01 03 00 22 00 00 04 00 22 00
  01 ff 0a 00 09 e3 00 00 01 00 01`);

// Same tool's later manual (SQL Fingerprint NG 2.78, Nelson Brito): answer of "Microsoft SQL Server 2012 SP1 (11.0.3000)",
// "OFFSETS 37/38 represent the Build Version (0BB8h = 3000)".
const SQL2012_SP1_RESPONSE = hex(`
  04 01 00 2b 00 00 01 00 00 00 1a 00 06 01 00 20
  00 01 02 00 21 00 01 03 00 22 00 00 04 00 22 00
  01 ff 0b 00 0b b8 00 00 01 00 01`);

describe('encodePreloginPacket / encodePreloginPayload', () => {
  // Values read off the [MS-TDS] 4.1 annotation: VERSION 9.0.0.0, ENCRYPT_ON (0x01), INSTOPT "" (just 0x00),
  // THREADID bytes B8 0D 00 00 (little-endian 0x0DB8), MARS 0x01.
  const specRequest = {
    version: { major: 9, minor: 0, build: 0, subBuild: 0 },
    encryption: 'on' as const,
    instance: '',
    threadId: 0x0db8,
    mars: true,
  };

  it('reproduces the [MS-TDS] 4.1 Pre-Login Request byte for byte', () => {
    expect(Array.from(encodePreloginPacket(specRequest))).toEqual(Array.from(MS_TDS_4_1_REQUEST));
  });

  it('reproduces the [MS-TDS] 4.1 payload (everything after the 8-byte header)', () => {
    expect(Array.from(encodePreloginPayload(specRequest))).toEqual(Array.from(MS_TDS_4_1_REQUEST.subarray(8)));
  });

  it('writes the [MS-TDS] 2.2.3.1 header: type 0x12, EOM, big-endian length, SPID 0, packet 1, window 0', () => {
    const packet = encodePreloginPacket();
    expect(Array.from(packet.subarray(0, 8))).toEqual([0x12, 0x01, packet.length >> 8, packet.length & 0xff, 0, 0, 1, 0]);
  });

  it('sends the INSTOPT name as single bytes plus 0x00 ([MS-SSTDS] 4.1 sends "MSSQLServer" as 4D 53 53 51 4C 53 65 72 76 65 72 00)', () => {
    const payload = encodePreloginPayload({ instance: 'MSSQLServer' });
    // INSTOPT is the third entry of the option table: token at 10, offset at 11-12, length at 13-14.
    const offset = (payload[11]! << 8) | payload[12]!;
    const length = (payload[13]! << 8) | payload[14]!;
    expect(Array.from(payload.subarray(offset, offset + length))).toEqual(Array.from(MS_SSTDS_4_1_REQUEST.subarray(8 + 0x1c, 8 + 0x1c + 0x0c)));
  });

  it('rejects values that do not fit their fields', () => {
    expect(() => encodePreloginPayload({ threadId: -1 })).toThrow(RangeError);
    expect(() => encodePreloginPayload({ threadId: 2 ** 32 })).toThrow(RangeError);
    expect(() => encodePreloginPayload({ version: { major: 256, minor: 0, build: 0, subBuild: 0 } })).toThrow(RangeError);
    expect(() => encodePreloginPayload({ instance: 'A\u0000B' })).toThrow(RangeError);
    expect(() => encodePreloginPayload({ instance: 'インスタンス' })).toThrow(RangeError);
  });
});

describe('readPreloginPayload on the spec examples', () => {
  it('reads the [MS-TDS] 4.1 payload: version 9.0.0, ENCRYPT_ON, MARS on', () => {
    const reading = readPreloginPayload(MS_TDS_4_1_REQUEST.subarray(8));
    expect(reading).toEqual({
      ok: true,
      response: {
        version: { major: 9, minor: 0, build: 0, subBuild: 0 },
        versionText: '9.0.0',
        encryption: 'on',
        encryptionByte: 0x01,
        clientCertificate: false,
        instanceAccepted: true,
        mars: true,
      },
    });
  });

  it('reads the [MS-SSTDS] 4.1 payload: VERSION 08 00 01 55 is 8.0.341 (big-endian build), ENCRYPT_OFF, no MARS option', () => {
    const reading = readPreloginPayload(MS_SSTDS_4_1_REQUEST.subarray(8));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.response.version).toEqual({ major: 8, minor: 0, build: 0x0155, subBuild: 0 });
    expect(reading.response.encryption).toBe('off');
    expect(reading.response.mars).toBeUndefined();
  });
});

describe('readPreloginResponse on real server answers', () => {
  it('reads SQL Server 2008 SP1 as 10.0.2531 (ESF.pl capture)', () => {
    expect(readPreloginResponse(SQL2008_SP1_RESPONSE)).toEqual({
      kind: 'prelogin',
      response: {
        version: { major: 10, minor: 0, build: 2531, subBuild: 0 },
        versionText: '10.0.2531',
        encryption: 'on',
        encryptionByte: 0x01,
        clientCertificate: false,
        instanceAccepted: true,
        mars: true,
      },
    });
  });

  it('reads SQL Server 2012 SP1 as 11.0.3000 (SQL Fingerprint NG manual capture)', () => {
    const reading = readPreloginResponse(SQL2012_SP1_RESPONSE);
    expect(reading.kind).toBe('prelogin');
    if (reading.kind === 'prelogin') expect(reading.response.versionText).toBe('11.0.3000');
  });

  it('splits the [MS-TDS] 2.2.6.5 ENCRYPT_CLIENT_CERT bit (0x80) from the base value', () => {
    const reading = readPreloginResponse(patched(SQL2008_SP1_RESPONSE, { 40: 0x83 })); // ENCRYPTION data at 8 + 0x20
    expect(reading.kind === 'prelogin' && reading.response).toMatchObject({ encryption: 'required', encryptionByte: 0x83, clientCertificate: true });
  });

  it('reports an unknown ENCRYPTION byte raw, without naming it', () => {
    const reading = readPreloginResponse(patched(SQL2008_SP1_RESPONSE, { 40: 0x07 }));
    expect(reading.kind).toBe('prelogin');
    if (reading.kind !== 'prelogin') return;
    expect(reading.response.encryption).toBeUndefined();
    expect(reading.response.clientCertificate).toBeUndefined();
    expect(reading.response.encryptionByte).toBe(0x07);
  });

  it('treats INSTOPT other than 0x00 as a rejected instance name', () => {
    const reading = readPreloginResponse(patched(SQL2008_SP1_RESPONSE, { 41: 0x01 })); // INSTOPT data at 8 + 0x21
    expect(reading.kind === 'prelogin' && reading.response.instanceAccepted).toBe(false);
  });
});

describe('readPreloginResponse: incomplete input', () => {
  it('is incomplete with no bytes', () => {
    expect(readPreloginResponse(new Uint8Array())).toEqual({ kind: 'incomplete' });
  });

  it('is incomplete for every prefix of a real answer', () => {
    for (let length = 1; length < SQL2008_SP1_RESPONSE.length; length++) {
      expect(readPreloginResponse(SQL2008_SP1_RESPONSE.subarray(0, length))).toEqual({ kind: 'incomplete' });
    }
  });
});

describe('readPreloginResponse: not TDS', () => {
  it('quotes the first line of an HTTP answer', () => {
    const http = new TextEncoder().encode('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    expect(readPreloginResponse(http)).toEqual({ kind: 'not-tds', detail: 'answered "HTTP/1.1 400 Bad Request"' });
  });

  it('decides on the first byte alone', () => {
    expect(readPreloginResponse(Uint8Array.of(0x48)).kind).toBe('not-tds');
  });

  it('dumps binary answers in hex (a TLS record header, RFC 8446 5.1: 16 03 01 len)', () => {
    expect(readPreloginResponse(hex('16 03 01 00 2a'))).toEqual({
      kind: 'not-tds',
      detail: 'answered 5 bytes that are not a TDS packet: 16 03 01 00 2a',
    });
  });

  it('quotes at most 60 characters', () => {
    const banner = new TextEncoder().encode(`SSH-2.0-${'x'.repeat(100)}\r\n`);
    const reading = readPreloginResponse(banner);
    expect(reading.kind === 'not-tds' && reading.detail).toBe(`answered "SSH-2.0-${'x'.repeat(52)}"`);
  });

  it('rejects a 0x04 first byte followed by an undefined status bit or a length below 8', () => {
    expect(readPreloginResponse(Uint8Array.of(0x04, 0x80)).kind).toBe('not-tds');
    expect(readPreloginResponse(Uint8Array.of(0x04, 0x01, 0x00, 0x05)).kind).toBe('not-tds');
  });
});

describe('readPreloginResponse: TDS but not a PRELOGIN answer', () => {
  it('recognises a PRELOGIN request (type 0x12) echoed back', () => {
    const reading = readPreloginResponse(MS_TDS_4_1_REQUEST);
    expect(reading).toMatchObject({ kind: 'tds-other', packetType: 0x12 });
  });

  it('reports an option pointing outside the payload', () => {
    const reading = readPreloginResponse(patched(SQL2008_SP1_RESPONSE, { 9: 0x00, 10: 0x40 })); // VERSION offset -> 0x0040
    expect(reading).toMatchObject({ kind: 'tds-other', packetType: 0x04 });
    expect(reading.kind === 'tds-other' && reading.detail).toMatch(/option 0x00 points at bytes 64-69 but the payload is only 35 bytes/);
  });

  it('reports an option pointing into the option table', () => {
    const reading = readPreloginResponse(patched(SQL2008_SP1_RESPONSE, { 10: 0x00 })); // VERSION offset -> 0
    expect(reading.kind === 'tds-other' && reading.detail).toMatch(/inside the option table/);
  });

  it('reports a payload without TERMINATOR', () => {
    const truncated = patched(SQL2008_SP1_RESPONSE.subarray(0, 8 + 25), { 3: 8 + 25 }); // five entries, no 0xFF
    const reading = readPreloginResponse(truncated);
    expect(reading.kind === 'tds-other' && reading.detail).toMatch(/TERMINATOR/);
  });

  it('reports a 0x04 packet whose payload is a token stream (ERROR token 0xAA, [MS-TDS] 2.2.7.10)', () => {
    const packet = Uint8Array.of(0x04, 0x01, 0x00, 0x0c, 0x00, 0x00, 0x01, 0x00, 0xaa, 0x00, 0x00, 0x00);
    const reading = readPreloginResponse(packet);
    expect(reading).toMatchObject({ kind: 'tds-other', packetType: 0x04 });
    expect(reading.kind === 'tds-other' && reading.detail).toMatch(/ERROR token/);
  });

  it('requires a VERSION option', () => {
    // Option table with only ENCRYPTION (offset 6, length 1) then TERMINATOR, data 0x00.
    const payload = Uint8Array.of(0x01, 0x00, 0x06, 0x00, 0x01, 0xff, 0x00);
    expect(readPreloginPayload(payload)).toMatchObject({ ok: false });
  });
});

describe('properties', () => {
  const encryption = fc.constantFrom(...(Object.keys(ENCRYPTION_BYTES) as Encryption[]));
  const request = fc.record({
    version: fc.record({
      major: fc.integer({ min: 0, max: 255 }),
      minor: fc.integer({ min: 0, max: 255 }),
      build: fc.integer({ min: 0, max: 0xffff }),
      subBuild: fc.integer({ min: 0, max: 0xffff }),
    }),
    encryption,
    instance: fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$'), maxLength: 16 }),
    threadId: fc.integer({ min: 0, max: 0xffffffff }),
    mars: fc.boolean(),
  });

  it('round-trips version, encryption and MARS through a packet re-typed as a server answer', () => {
    fc.assert(
      fc.property(request, (req) => {
        const packet = encodePreloginPacket(req);
        packet[0] = 0x04;
        const reading = readPreloginResponse(packet);
        expect(reading.kind).toBe('prelogin');
        if (reading.kind !== 'prelogin') return;
        expect(reading.response.version).toEqual(req.version);
        expect(reading.response.encryption).toBe(req.encryption);
        expect(reading.response.mars).toBe(req.mars);
        expect(reading.response.instanceAccepted).toBe(req.instance === '');
      }),
      { numRuns: 300 },
    );
  });

  const kinds = ['incomplete', 'prelogin', 'tds-other', 'not-tds'];

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(kinds).toContain(readPreloginResponse(bytes).kind);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on bytes behind a plausible TDS header (reaches the option parser)', () => {
    const packet = fc.tuple(fc.constantFrom(0x04, 0x12), fc.uint8Array({ maxLength: 120 })).map(([type, body]) => {
      const bytes = new Uint8Array(8 + body.length);
      bytes.set([type, 0x01, (bytes.length >> 8) & 0xff, bytes.length & 0xff, 0, 0, 1, 0]);
      bytes.set(body, 8);
      return bytes;
    });
    fc.assert(
      fc.property(packet, (bytes) => {
        expect(kinds).toContain(readPreloginResponse(bytes).kind);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on real answers with random bytes overwritten', () => {
    const mutation = fc.array(fc.tuple(fc.integer({ min: 0, max: SQL2008_SP1_RESPONSE.length - 1 }), fc.integer({ min: 0, max: 255 })), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(mutation, (changes) => {
        expect(kinds).toContain(readPreloginResponse(patched(SQL2008_SP1_RESPONSE, Object.fromEntries(changes))).kind);
      }),
      { numRuns: 500 },
    );
  });
});
