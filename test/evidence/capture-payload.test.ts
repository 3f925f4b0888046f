// The TDS header check the capture parser uses to tell SQL Server traffic from other payloads ([MS-TDS] 2.2.3.1),
// and that it agrees with the PRELOGIN codec on what a TDS header is.
import { describe, expect, it } from '@jest/globals';
import { isTdsPacket } from '../../src/evidence/capture-payload.js';
import { readPreloginResponse } from '../../src/probes/prelogin-codec.js';

/** A header: type, status, length (big-endian), SPID 0, packet id 1, window 0; then `extra` payload bytes of 0xff. */
const header = (type: number, status: number, extra = 0) =>
  Uint8Array.from([type, status, (8 + extra) >> 8, (8 + extra) & 0xff, 0, 0, 1, 0, ...new Array<number>(extra).fill(0xff)]);

describe('isTdsPacket', () => {
  it.each([
    ['PRELOGIN, EOM', 0x12, 0x01],
    ['tabular result, EOM', 0x04, 0x01],
    ['SQL batch, EOM + RESETCONNECTION', 0x01, 0x09],
    ['RPC, EOM + RESETCONNECTIONSKIPTRAN', 0x03, 0x11],
    ['attention, EOM + IGNORE', 0x06, 0x03],
    ['LOGIN7, more packets follow', 0x10, 0x00],
  ])('accepts %s', (_what, type, status) => {
    expect(isTdsPacket(header(type, status))).toBe(true);
  });

  // [MS-TDS] 2.2.3.1.2 defines 0x01, 0x02, 0x08 and 0x10 only.
  it.each(['04', '05', '20', '40', '80', 'ff'])('refuses status 0x%s, a bit the spec does not define', (hex) => {
    expect(isTdsPacket(header(0x04, parseInt(hex, 16)))).toBe(false);
  });

  it('agrees with the PRELOGIN codec on every status byte', () => {
    for (let status = 0; status < 256; status++) {
      const packet = header(0x04, status, 1);
      expect({ status, capture: isTdsPacket(packet) }).toEqual({ status, capture: readPreloginResponse(packet).kind !== 'not-tds' });
    }
  });
});
