// SSRP codec against [MC-SQLR] 2.2.x and the cited public SVR_RESP fixtures (source next to each).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { encodeInstanceRequest, encodeListRequest, findInstance, readBrowserResponse } from '../../src/probes/ssrp-codec.js';

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

function datagram(header: number[], text: string): Uint8Array {
  return Uint8Array.from([...header, ...ascii(text)]);
}

// tediousjs/node-ssrp test/client-test.ts, "listInstance with a valid response": header 05 58 00 then the
// CLNT_UCAST_INST response string (the same ILSUNG1/YUKONSTD sample as the [MC-SQLR] documentation uses).
// 0x0058 = 88 is the string's length, so RESP_SIZE is little-endian.
const SINGLE_TEXT = 'ServerName;ILSUNG1;InstanceName;YUKONSTD;IsClustered;No;Version;9.00.1399.06;tcp;57137;;';
const SINGLE = datagram([0x05, 0x58, 0x00], SINGLE_TEXT);

// tediousjs/node-ssrp test/client-test.ts, "listInstances with a valid response": header 05 47 01 (0x0147 = 327 bytes), three instances.
const MULTI_TEXT =
  'ServerName;ILSUNG1;InstanceName;YUKONSTD;IsClustered;No;Version;9.00.1399.06;tcp;57137;;' +
  'ServerName;ILSUNG1;InstanceName;YUKONDEV;IsClustered;No;Version;9.00.1399.06;np;\\\\ILSUNG1\\pipe\\MSSQL$YUKONDEV\\sql\\query;;' +
  'ServerName;ILSUNG1;InstanceName;MSSQLSERVER;IsClustered;No;Version;9.00.1399.06;tcp;1433;np;\\\\ILSUNG1\\pipe\\sql\\query;;';
const MULTI = datagram([0x05, 0x47, 0x01], MULTI_TEXT);

describe('requests', () => {
  it('encodes CLNT_UCAST_EX as the single byte 0x03 ([MC-SQLR] 2.2.2)', () => {
    expect(Array.from(encodeListRequest())).toEqual([0x03]);
  });

  it('encodes CLNT_UCAST_INST as 0x04 + name + 0x00 ([MC-SQLR] 2.2.3: null-terminated MBCS string)', () => {
    // "YUKONSTD" = 59 55 4B 4F 4E 53 54 44
    expect(Array.from(encodeInstanceRequest('YUKONSTD'))).toEqual([0x04, 0x59, 0x55, 0x4b, 0x4f, 0x4e, 0x53, 0x54, 0x44, 0x00]);
  });

  it('accepts 32 bytes and rejects 33 ([MC-SQLR] 2.2.3: no greater than 32 bytes, not counting the terminator)', () => {
    expect(encodeInstanceRequest('A'.repeat(32))).toHaveLength(34);
    expect(() => encodeInstanceRequest('A'.repeat(33))).toThrow(RangeError);
  });

  it('rejects empty names, NUL, and characters without a single-byte form', () => {
    expect(() => encodeInstanceRequest('')).toThrow(RangeError);
    expect(() => encodeInstanceRequest('SQL\u0000EXPRESS')).toThrow(RangeError);
    expect(() => encodeInstanceRequest('名前')).toThrow(RangeError);
  });
});

describe('readBrowserResponse on the node-ssrp fixtures', () => {
  it('has fixtures whose RESP_SIZE matches their text (checks the little-endian reading)', () => {
    expect(SINGLE_TEXT).toHaveLength(0x0058);
    expect(MULTI_TEXT).toHaveLength(0x0147);
  });

  it('reads the single-instance answer', () => {
    expect(readBrowserResponse(SINGLE)).toEqual({
      kind: 'response',
      instances: [
        {
          serverName: 'ILSUNG1',
          instanceName: 'YUKONSTD',
          isClustered: false,
          version: '9.00.1399.06',
          tcpPort: 57137,
          protocols: { tcp: '57137' },
        },
      ],
    });
  });

  it('reads the three-instance answer', () => {
    const reading = readBrowserResponse(MULTI);
    expect(reading.kind).toBe('response');
    if (reading.kind !== 'response') return;
    expect(reading.instances.map((instance) => instance.instanceName)).toEqual(['YUKONSTD', 'YUKONDEV', 'MSSQLSERVER']);
    expect(reading.instances[1]).toEqual({
      serverName: 'ILSUNG1',
      instanceName: 'YUKONDEV',
      isClustered: false,
      version: '9.00.1399.06',
      pipe: '\\\\ILSUNG1\\pipe\\MSSQL$YUKONDEV\\sql\\query',
      protocols: { np: '\\\\ILSUNG1\\pipe\\MSSQL$YUKONDEV\\sql\\query' },
    });
    expect(reading.instances[2]).toMatchObject({ tcpPort: 1433, pipe: '\\\\ILSUNG1\\pipe\\sql\\query' });
  });

  it('ignores bytes after RESP_DATA', () => {
    const padded = Uint8Array.from([...SINGLE, 0x00, 0x00]);
    expect(readBrowserResponse(padded)).toEqual(readBrowserResponse(SINGLE));
  });
});

describe('readBrowserResponse on malformed answers', () => {
  it('rejects an empty or short datagram', () => {
    expect(readBrowserResponse(new Uint8Array()).kind).toBe('invalid');
    expect(readBrowserResponse(Uint8Array.of(0x05, 0x58)).kind).toBe('invalid');
  });

  it('rejects a wrong type byte (node-ssrp: "This is a completely invalid response")', () => {
    const reading = readBrowserResponse(datagram([], 'This is a completely invalid response'));
    expect(reading).toEqual({ kind: 'invalid', detail: 'the first byte is 0x54, not SVR_RESP (0x05)' });
  });

  it('rejects a RESP_SIZE larger than the datagram', () => {
    const reading = readBrowserResponse(SINGLE.subarray(0, SINGLE.length - 1));
    expect(reading).toEqual({ kind: 'invalid', detail: 'RESP_SIZE says 88 bytes of RESP_DATA but the datagram carries only 87' });
  });

  it('rejects the node-ssrp invalid payload (05 00 40 + an instance cut after InstanceName)', () => {
    // RESP_SIZE 0x4000 there is far larger than the text, so the size check already fails.
    expect(readBrowserResponse(datagram([0x05, 0x00, 0x40], 'ServerName;ILSUNG1;InstanceName;YUKONSTD;ThisWillNoLongerBeValid')).kind).toBe('invalid');
  });

  it('rejects the same text with an honest RESP_SIZE, naming the problem', () => {
    const text = 'ServerName;ILSUNG1;InstanceName;YUKONSTD;ThisWillNoLongerBeValid;;';
    const reading = readBrowserResponse(datagram([0x05, text.length, 0x00], text));
    expect(reading.kind === 'invalid' && reading.detail).toMatch(/^instance 1: "ServerName;ILSUNG1;.*" has a key without a value$/);
  });

  it('rejects RESP_DATA that stops before the closing ";;"', () => {
    const text = SINGLE_TEXT.slice(0, -2);
    expect(readBrowserResponse(datagram([0x05, text.length, 0x00], text)).kind).toBe('invalid');
  });

  it('rejects keys out of the [MC-SQLR] 2.2.5 order', () => {
    const text = 'InstanceName;YUKONSTD;ServerName;ILSUNG1;IsClustered;No;Version;9.00.1399.06;;';
    const reading = readBrowserResponse(datagram([0x05, text.length, 0x00], text));
    expect(reading.kind === 'invalid' && reading.detail).toMatch(/expected "ServerName"/);
  });

  it('reads an empty instance list (";;" or no RESP_DATA) as no instances', () => {
    expect(readBrowserResponse(datagram([0x05, 0x02, 0x00], ';;'))).toEqual({ kind: 'response', instances: [] });
    expect(readBrowserResponse(Uint8Array.of(0x05, 0x00, 0x00))).toEqual({ kind: 'response', instances: [] });
  });

  it('keeps a non-numeric tcp value only as raw text', () => {
    const text = SINGLE_TEXT.replace('57137', 'abc');
    const reading = readBrowserResponse(datagram([0x05, text.length, 0x00], text));
    expect(reading.kind === 'response' && reading.instances[0]).toMatchObject({ protocols: { tcp: 'abc' } });
    expect(reading.kind === 'response' && reading.instances[0]?.tcpPort).toBeUndefined();
  });

  it('stores a "__proto__" key as data', () => {
    const text = 'ServerName;S;InstanceName;I;IsClustered;No;Version;1;__proto__;x;;';
    const reading = readBrowserResponse(datagram([0x05, text.length, 0x00], text));
    expect(reading.kind === 'response' && Object.getOwnPropertyDescriptor(reading.instances[0]?.protocols, '__proto__')?.value).toBe('x');
  });
});

describe('findInstance', () => {
  it('matches instance names case-insensitively', () => {
    const reading = readBrowserResponse(MULTI);
    if (reading.kind !== 'response') throw new Error('fixture did not parse');
    expect(findInstance(reading.instances, 'yukondev')?.pipe).toBe('\\\\ILSUNG1\\pipe\\MSSQL$YUKONDEV\\sql\\query');
    expect(findInstance(reading.instances, 'MsSqlServer')?.tcpPort).toBe(1433);
    expect(findInstance(reading.instances, 'SQLEXPRESS')).toBeUndefined();
  });
});

describe('properties', () => {
  const word = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$-.\\é'), minLength: 1, maxLength: 20 });
  const instance = fc.record({
    serverName: word,
    instanceName: word,
    isClustered: fc.boolean(),
    version: fc.string({ unit: fc.constantFrom(...'0123456789.'), minLength: 1, maxLength: 16 }),
    tcpPort: fc.integer({ min: 1, max: 65535 }),
    pipe: word,
  });

  it('round-trips instances written in the [MC-SQLR] 2.2.5 grammar (Latin-1 text included)', () => {
    fc.assert(
      fc.property(fc.array(instance, { minLength: 1, maxLength: 5 }), (instances) => {
        const text = instances
          .map((i) => `ServerName;${i.serverName};InstanceName;${i.instanceName};IsClustered;${i.isClustered ? 'Yes' : 'No'};Version;${i.version};tcp;${i.tcpPort};np;${i.pipe};;`)
          .join('');
        const bytes = Uint8Array.from([0x05, text.length & 0xff, text.length >> 8, ...ascii(text)]);
        const reading = readBrowserResponse(bytes);
        expect(reading).toEqual({
          kind: 'response',
          instances: instances.map((i) => ({ ...i, protocols: { tcp: String(i.tcpPort), np: i.pipe } })),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(['response', 'invalid']).toContain(readBrowserResponse(bytes).kind);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on SVR_RESP headers followed by semicolon-heavy text', () => {
    const text = fc.string({ unit: fc.constantFrom(';', ';', 'a', 'tcp', 'np', 'ServerName', 'InstanceName', 'IsClustered', 'Version', '\u0000'), maxLength: 80 });
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 0xffff }), (body, size) => {
        const bytes = Uint8Array.from([0x05, size & 0xff, size >> 8, ...ascii(body)]);
        expect(['response', 'invalid']).toContain(readBrowserResponse(bytes).kind);
      }),
      { numRuns: 500 },
    );
  });
});
