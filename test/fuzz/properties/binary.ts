// Fuzz properties of the byte readers: the pcap/pcapng reader and frame decoder, captures pasted as base64, and the
// probes' PRELOGIN and SQL Browser codecs.
import fc from 'fast-check';
import { capture, parseCaptureBytes } from '../../../src/evidence/capture.js';
import { decodeFrame } from '../../../src/evidence/packet-decode.js';
import { MAX_FRAMES, readCaptureFile } from '../../../src/evidence/pcap.js';
import { once } from '../../../src/lazy.js';
import { describeForeignBytes, encodePreloginPacket, encodePreloginPayload, readPreloginPayload, readPreloginResponse } from '../../../src/probes/prelogin-codec.js';
import { findInstance, readBrowserResponse } from '../../../src/probes/ssrp-codec.js';
import { anyChar, captureBytes, mutatedBytes, randomBytes } from '../arbitraries.js';
import { expectEvidenceResult, fail } from '../oracles.js';
import { syncProperty, type FuzzProperty } from '../property.js';
import { seeds } from '../seeds.js';

const isPort = (port: unknown) => Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535;

/** Link types the decoder knows (tcpdump.org/linktypes.html), and any other. */
const linkType = fc.oneof(fc.constantFrom(0, 1, 12, 14, 101, 108, 113, 228, 229, 276), fc.nat({ max: 0xffff }));

/** The frames of the real captures, with their link types. */
const realFrames = once(() => seeds().captures.flatMap((bytes) => readCaptureFile(bytes).frames.map((f) => ({ linkType: f.linkType, data: Uint8Array.from(f.data) }))));

/** A PRELOGIN answer as a server sends one: the request's layout under the response packet type (0x04). */
const preloginAnswer = fc
  .record(
    {
      version: fc.record({ major: fc.nat(255), minor: fc.nat(255), build: fc.nat(0xffff), subBuild: fc.nat(0xffff) }),
      encryption: fc.constantFrom('off', 'on', 'not-supported', 'required') as fc.Arbitrary<'off' | 'on' | 'not-supported' | 'required'>,
      instance: fc.string({ maxLength: 16 }),
      threadId: fc.nat(),
      mars: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .map((request) => {
    const packet = encodePreloginPacket(request);
    packet[0] = 0x04;
    return packet;
  });

const preloginPayload = fc.record({ instance: fc.string({ maxLength: 16 }), mars: fc.boolean() }, { requiredKeys: [] }).map((r) => encodePreloginPayload(r));

/** An SVR_RESP datagram ([MC-SQLR] 2.2.5) of instances with random fields. */
const browserAnswer = fc
  .array(
    fc.tuple(fc.string({ unit: anyChar, maxLength: 16 }), fc.string({ unit: anyChar, maxLength: 16 }), fc.constantFrom('Yes', 'No', ''), fc.constantFrom('tcp;1433', 'tcp;99999', 'np;\\\\h\\pipe\\sql\\query', 'tcp;', 'via;x', '')),
    { maxLength: 4 },
  )
  .map((instances) => {
    const text = instances.map(([server, name, clustered, proto]) => `ServerName;${server};InstanceName;${name};IsClustered;${clustered};Version;16.0.1000.6;${proto};;`).join('');
    const body = Buffer.from(text, 'latin1');
    return Uint8Array.from([0x05, body.length & 0xff, body.length >> 8, ...body]);
  });

function expectPreloginReading(bytes: Uint8Array): void {
  const reading = readPreloginResponse(bytes);
  if (!['incomplete', 'prelogin', 'tds-other', 'not-tds'].includes(reading.kind)) fail('unknown PRELOGIN reading', reading);
  if (reading.kind === 'prelogin' && typeof reading.response.versionText !== 'string') fail('PRELOGIN response without its version text', reading);
  if ((reading.kind === 'tds-other' || reading.kind === 'not-tds') && typeof reading.detail !== 'string') fail('PRELOGIN reading without its detail', reading);
  if (typeof describeForeignBytes(bytes) !== 'string') fail('describeForeignBytes() is not text');
}

export const BINARY_PROPERTIES: FuzzProperty[] = [
  syncProperty('capture/pcap-file', 150, captureBytes, (bytes) => {
    const file = readCaptureFile(bytes);
    if (file.frames.length > MAX_FRAMES) fail('more frames than MAX_FRAMES', file.frames.length);
    // Numbered as Wireshark numbers them: every packet block counts, also one that cannot be read (pcapng).
    let previous = 0;
    for (const frame of file.frames) {
      if (!(frame.number > previous) || !(frame.data instanceof Uint8Array) || !Number.isInteger(frame.linkType)) fail('a frame out of order or without its bytes', { previous, number: frame.number });
      previous = frame.number;
    }
    if (file.warnings.some((w) => typeof w !== 'string')) fail('warnings are not text', file.warnings);
    expectEvidenceResult(parseCaptureBytes(bytes));
  }),

  syncProperty('capture/base64', 60, captureBytes, (bytes) => {
    const base64 = Buffer.from(bytes).toString('base64');
    expectEvidenceResult(capture.parse(base64));
    // Wrapped at 76 columns, as base64 tools print it.
    expectEvidenceResult(capture.parse(base64.replace(/.{76}/g, '$&\n')));
  }),

  syncProperty(
    'capture/decode-frame',
    150,
    () => fc.oneof(fc.tuple(linkType, randomBytes), fc.constantFrom(...realFrames()).chain((f) => fc.tuple(fc.constant(f.linkType), mutatedBytes(fc.constant(f.data))))),
    ([type, data]) => {
      const result = decodeFrame(type, data);
      if ('skip' in result) {
        if (typeof result.skip !== 'string') fail('a skip reason that is no text', result);
        return;
      }
      const { packet } = result;
      if (!['tcp', 'udp'].includes(packet.transport) || typeof packet.src !== 'string' || typeof packet.dst !== 'string') fail('a packet without transport or addresses', packet);
      if (!isPort(packet.srcPort) || !isPort(packet.dstPort)) fail('a port out of range', packet);
      if (!(packet.payload instanceof Uint8Array)) fail('a payload that is not bytes', packet);
    },
  ),

  syncProperty('probes/prelogin-codec', 200, () => fc.oneof(randomBytes, mutatedBytes(preloginAnswer), preloginAnswer), (bytes) => {
    expectPreloginReading(bytes);
    const payload = readPreloginPayload(bytes.subarray(8));
    if (!payload.ok && typeof payload.detail !== 'string') fail('a PRELOGIN payload reading without its detail', payload);
  }),

  syncProperty('probes/prelogin-payload', 100, () => fc.oneof(randomBytes, mutatedBytes(preloginPayload)), (bytes) => {
    const payload = readPreloginPayload(bytes);
    if (!payload.ok && typeof payload.detail !== 'string') fail('a PRELOGIN payload reading without its detail', payload);
  }),

  syncProperty('probes/ssrp-codec', 200, () => fc.tuple(fc.oneof(randomBytes, mutatedBytes(browserAnswer), browserAnswer), fc.string({ maxLength: 20 })), ([bytes, name]) => {
    const reading = readBrowserResponse(bytes);
    if (reading.kind === 'invalid') {
      if (typeof reading.detail !== 'string') fail('an invalid SSRP reading without its detail', reading);
      return;
    }
    if (reading.kind !== 'response') fail('unknown SSRP reading', reading);
    for (const instance of reading.instances) {
      if (typeof instance.instanceName !== 'string' || typeof instance.serverName !== 'string') fail('an instance without names', instance);
      if (instance.tcpPort !== undefined && !(isPort(instance.tcpPort) && instance.tcpPort > 0)) fail('an instance port out of range', instance);
    }
    findInstance(reading.instances, name);
  }),
];
