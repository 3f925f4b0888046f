// Pure codec for the TDS PRELOGIN exchange: builds the client's packet and reads whatever the server sent back.
import { hasDefinedStatus, TDS_HEADER_LENGTH } from '../protocol/tds-header.js';

/** [MS-TDS] 2.2.6.5 ENCRYPTION values by name (base values; the 0x80 bit is the client-certificate flag). */
export const ENCRYPTION_BYTES = { off: 0x00, on: 0x01, 'not-supported': 0x02, required: 0x03 } as const;
export type Encryption = keyof typeof ENCRYPTION_BYTES;

/** [MS-TDS] 2.2.6.5: ENCRYPT_CLIENT_CERT is OR-ed onto the base ENCRYPTION value. */
const CLIENT_CERT_FLAG = 0x80;

/** [MS-TDS] 2.2.3.1.1 packet types this codec cares about. */
const PACKET_TYPE = { tabularResult: 0x04, prelogin: 0x12 } as const;
/** [MS-TDS] 2.2.3.1.2: 0x01 = end of message. */
const STATUS_EOM = 0x01;

/** [MS-TDS] 2.2.6.5 PL_OPTION_TOKEN values. */
const TOKEN = {
  VERSION: 0x00,
  ENCRYPTION: 0x01,
  INSTOPT: 0x02,
  THREADID: 0x03,
  MARS: 0x04,
  TRACEID: 0x05,
  FEDAUTHREQUIRED: 0x06,
  NONCEOPT: 0x07,
  TERMINATOR: 0xff,
} as const;

/** [MS-TDS] 2.2.6.5: PL_OPTION_TOKEN (1) + PL_OFFSET (2) + PL_OPTION_LENGTH (2). */
const OPTION_ENTRY_LENGTH = 5;
/** [MS-TDS] 2.2.6.5: UL_VERSION (4) + US_SUBBUILD (2). */
const VERSION_LENGTH = 6;

export interface PreloginVersion {
  major: number;
  minor: number;
  build: number;
  subBuild: number;
}

export interface PreloginRequest {
  version?: PreloginVersion; // client version sent in VERSION
  encryption?: Encryption; // default 'off'
  instance?: string; // INSTOPT, default '' (sends a single 0x00)
  threadId?: number; // default 0
  mars?: boolean; // default false
}

export interface PreloginResponse {
  version: PreloginVersion;
  versionText: string; // e.g. "16.0.1000"  (major.minor.build)
  encryption?: Encryption; // undefined when the option is missing or the byte is unknown
  encryptionByte?: number; // the raw byte
  clientCertificate?: boolean; // the 0x80 bit
  instanceAccepted?: boolean; // INSTOPT: 0x00 = the server accepted the instance name
  mars?: boolean;
  fedAuthRequired?: boolean;
}

export type PreloginReading =
  | { kind: 'incomplete' }
  | { kind: 'prelogin'; response: PreloginResponse }
  | { kind: 'tds-other'; packetType: number; detail: string }
  | { kind: 'not-tds'; detail: string };

/** Result of reading a PRELOGIN option list on its own (no packet header). */
export type PreloginPayloadReading = { ok: true; response: PreloginResponse } | { ok: false; detail: string };

interface Option {
  token: number;
  data: Uint8Array;
}

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

/** The PRELOGIN payload alone (option table + data), as the spec's examples show it. */
/* [MS-TDS] 2.2.6.5 PRELOGIN; layout checked against the [MS-TDS] 4.1 example */
export function encodePreloginPayload(request: PreloginRequest = {}): Uint8Array {
  const options: Option[] = [
    { token: TOKEN.VERSION, data: encodeVersion(request.version ?? { major: 0, minor: 0, build: 0, subBuild: 0 }) },
    { token: TOKEN.ENCRYPTION, data: Uint8Array.of(ENCRYPTION_BYTES[request.encryption ?? 'off']) },
    { token: TOKEN.INSTOPT, data: encodeInstance(request.instance ?? '') },
    { token: TOKEN.THREADID, data: encodeThreadId(request.threadId ?? 0) },
    { token: TOKEN.MARS, data: Uint8Array.of(request.mars === true ? 0x01 : 0x00) },
  ];
  return layOutOptions(options);
}

/** A whole TDS packet: 8-byte header (type 0x12, status 0x01 EOM, length big-endian, SPID 0, packet id 1, window 0) + payload. */
/* [MS-TDS] 2.2.3.1 packet header */
export function encodePreloginPacket(request: PreloginRequest = {}): Uint8Array {
  const payload = encodePreloginPayload(request);
  const packet = new Uint8Array(TDS_HEADER_LENGTH + payload.length);
  packet[0] = PACKET_TYPE.prelogin;
  packet[1] = STATUS_EOM;
  writeUInt16BE(packet, 2, packet.length); // [MS-TDS] 2.2.3.1.3: Length is big-endian and includes the header
  // bytes 4-5 SPID = 0 (the client does not know it yet), 7 Window = 0 ([MS-TDS] 2.2.3.1.4-2.2.3.1.6)
  packet[6] = 1; // [MS-TDS] 2.2.3.1.5: PacketID starts at 1
  packet.set(payload, TDS_HEADER_LENGTH);
  return packet;
}

/* [MS-TDS] 2.2.6.5: the option table comes first, then the data it points at; offsets are payload-relative */
function layOutOptions(options: readonly Option[]): Uint8Array {
  const tableLength = options.length * OPTION_ENTRY_LENGTH + 1; // + TERMINATOR
  const dataLength = options.reduce((sum, option) => sum + option.data.length, 0);
  const payload = new Uint8Array(tableLength + dataLength);
  let entry = 0;
  let dataOffset = tableLength;
  for (const option of options) {
    payload[entry] = option.token;
    writeUInt16BE(payload, entry + 1, dataOffset); // PL_OFFSET: big-endian USHORT, as the 4.1 example shows ("00 1A")
    writeUInt16BE(payload, entry + 3, option.data.length); // PL_OPTION_LENGTH: big-endian USHORT
    payload.set(option.data, dataOffset);
    entry += OPTION_ENTRY_LENGTH;
    dataOffset += option.data.length;
  }
  payload[entry] = TOKEN.TERMINATOR;
  return payload;
}

/* [MS-TDS] 2.2.6.5 VERSION: major and minor are single bytes and the build is big-endian
   (the 4.1 example and real server answers such as "0A 00 09 E3" = 10.0.2531 show it), even though
   TDS integers are otherwise little-endian. US_SUBBUILD is written big-endian like the build (as tedious does);
   no public example has a non-zero sub-build to confirm it. */
function encodeVersion(version: PreloginVersion): Uint8Array {
  const bytes = new Uint8Array(VERSION_LENGTH);
  bytes[0] = checkedInteger(version.major, 0xff, 'version.major');
  bytes[1] = checkedInteger(version.minor, 0xff, 'version.minor');
  writeUInt16BE(bytes, 2, checkedInteger(version.build, 0xffff, 'version.build'));
  writeUInt16BE(bytes, 4, checkedInteger(version.subBuild, 0xffff, 'version.subBuild'));
  return bytes;
}

/* [MS-TDS] 2.2.6.5 B_INSTVALIDITY = *BYTE %x00: the name in single bytes, then a NUL ('' sends only the NUL).
   Single-byte because the spec says *BYTE; characters above U+00FF have no byte without knowing the server's code page. */
function encodeInstance(instance: string): Uint8Array {
  const bytes = new Uint8Array(instance.length + 1);
  for (let i = 0; i < instance.length; i++) {
    const code = instance.charCodeAt(i);
    if (code === 0 || code > 0xff) {
      throw new RangeError(`instance name has a character (U+${code.toString(16).padStart(4, '0')}) that cannot be sent as one byte`);
    }
    bytes[i] = code;
  }
  return bytes; // last byte stays 0x00: the terminator
}

/* [MS-TDS] 2.2.6.5 UL_THREADID: little-endian ULONG, as the 4.1 example's "B8 0D 00 00" (thread 3512) shows */
function encodeThreadId(threadId: number): Uint8Array {
  const value = checkedInteger(threadId, 0xffffffff, 'threadId');
  return Uint8Array.of(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
}

function checkedInteger(value: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer from 0 to ${max}, got ${value}`);
  }
  return value;
}

function writeUInt16BE(target: Uint8Array, at: number, value: number): void {
  target[at] = (value >>> 8) & 0xff;
  target[at + 1] = value & 0xff;
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

/** Reads what a server sent back to a PRELOGIN. Never throws, whatever the bytes (fuzz it with fast-check). */
/* [MS-TDS] 2.2.3.1 header, then 2.2.6.5 PRELOGIN in a 0x04 packet (2.2.2.1 Pre-Login Response) */
export function readPreloginResponse(bytes: Uint8Array): PreloginReading {
  if (bytes.length === 0) return { kind: 'incomplete' };
  const headerProblem = headerProblemOf(bytes);
  if (headerProblem !== undefined) return { kind: 'not-tds', detail: headerProblem };
  if (bytes.length < TDS_HEADER_LENGTH) return { kind: 'incomplete' };
  const declaredLength = readUInt16BE(bytes, 2);
  if (bytes.length < declaredLength) return { kind: 'incomplete' };
  const packetType = byteAt(bytes, 0);
  if (packetType !== PACKET_TYPE.tabularResult) {
    return { kind: 'tds-other', packetType, detail: 'sent a PRELOGIN request packet (type 0x12), not a server answer (type 0x04)' };
  }
  // Only the first packet is read: a PRELOGIN answer is a few dozen bytes, far below any packet size.
  const reading = readPreloginPayload(bytes.subarray(TDS_HEADER_LENGTH, declaredLength));
  if (reading.ok) return { kind: 'prelogin', response: reading.response };
  return { kind: 'tds-other', packetType, detail: reading.detail };
}

/* [MS-TDS] 2.2.3.1: a first byte that is not a packet type we expect, or impossible status/length fields,
   mean the peer speaks something else; decided on as few bytes as possible so an HTTP or TLS answer shows at once */
function headerProblemOf(bytes: Uint8Array): string | undefined {
  const type = byteAt(bytes, 0);
  if (type !== PACKET_TYPE.tabularResult && type !== PACKET_TYPE.prelogin) return describeForeignBytes(bytes);
  if (bytes.length >= 2 && !hasDefinedStatus(byteAt(bytes, 1))) return describeForeignBytes(bytes);
  if (bytes.length >= 4 && readUInt16BE(bytes, 2) < TDS_HEADER_LENGTH) return describeForeignBytes(bytes);
  return undefined;
}

const MAX_QUOTED_CHARS = 60;
const MAX_HEX_BYTES = 16;

/** Quotes the first printable line (HTTP, SSH, SMTP banners...) or dumps the first bytes in hex. */
export function describeForeignBytes(bytes: Uint8Array): string {
  const line = leadingPrintableLine(bytes);
  if (line.length > 0 && line.length >= Math.min(4, bytes.length)) {
    return `answered "${line.slice(0, MAX_QUOTED_CHARS)}"`;
  }
  const shown = Array.from(bytes.subarray(0, MAX_HEX_BYTES), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const more = bytes.length > MAX_HEX_BYTES ? ' ...' : '';
  return `answered ${bytes.length} bytes that are not a TDS packet: ${shown}${more}`;
}

function leadingPrintableLine(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    if (byte < 0x20 || byte > 0x7e) break; // CR/LF end the line; any other control or 8-bit byte ends the text
    text += String.fromCharCode(byte);
    if (text.length > MAX_QUOTED_CHARS) break;
  }
  return text;
}

/** Reads a PRELOGIN option list (the payload, without the packet header). Never throws. */
/* [MS-TDS] 2.2.6.5 PRELOGIN */
export function readPreloginPayload(payload: Uint8Array): PreloginPayloadReading {
  const table = readOptionTable(payload);
  if (!table.ok) return table;
  const version = table.options.find((option) => option.token === TOKEN.VERSION);
  if (version === undefined) return { ok: false, detail: describePayloadStart(payload, 'has no VERSION option') };
  if (version.data.length < VERSION_LENGTH) {
    return { ok: false, detail: `the VERSION option is ${version.data.length} bytes, not ${VERSION_LENGTH}` };
  }
  return { ok: true, response: buildResponse(version.data, table.options) };
}

type OptionTable = { ok: true; options: Option[] } | { ok: false; detail: string };

/* [MS-TDS] 2.2.6.5: entries of token/offset/length until TERMINATOR (0xFF); every offset is relative to the payload start */
function readOptionTable(payload: Uint8Array): OptionTable {
  const entries: Array<{ token: number; offset: number; length: number }> = [];
  let at = 0;
  for (;;) {
    if (at < payload.length && byteAt(payload, at) === TOKEN.TERMINATOR) break;
    if (at + OPTION_ENTRY_LENGTH > payload.length) {
      return { ok: false, detail: describePayloadStart(payload, 'ends before the option list TERMINATOR (0xFF)') };
    }
    entries.push({ token: byteAt(payload, at), offset: readUInt16BE(payload, at + 1), length: readUInt16BE(payload, at + 3) });
    at += OPTION_ENTRY_LENGTH;
  }
  const tableEnd = at + 1;
  const options: Option[] = [];
  for (const entry of entries) {
    const problem = entryProblem(entry, tableEnd, payload.length);
    if (problem !== undefined) return { ok: false, detail: problem };
    options.push({ token: entry.token, data: payload.subarray(entry.offset, entry.offset + entry.length) });
  }
  return { ok: true, options };
}

function entryProblem(entry: { token: number; offset: number; length: number }, tableEnd: number, payloadLength: number): string | undefined {
  const name = `PRELOGIN option ${hexByte(entry.token)}`;
  if (entry.length === 0) return undefined; // an empty option points nowhere (real servers send THREADID with length 0)
  if (entry.offset + entry.length > payloadLength) {
    return `${name} points at bytes ${entry.offset}-${entry.offset + entry.length - 1} but the payload is only ${payloadLength} bytes`;
  }
  if (entry.offset < tableEnd) return `${name} points at byte ${entry.offset}, inside the option table (which ends at ${tableEnd})`;
  return undefined;
}

/* [MS-TDS] 2.2.6.5 option meanings, as the server fills them in its answer */
function buildResponse(versionData: Uint8Array, options: readonly Option[]): PreloginResponse {
  const version = decodeVersion(versionData);
  const response: PreloginResponse = { version, versionText: `${version.major}.${version.minor}.${version.build}` };
  const firstByte = (token: number): number | undefined => {
    const option = options.find((candidate) => candidate.token === token);
    return option === undefined || option.data.length === 0 ? undefined : byteAt(option.data, 0);
  };
  Object.assign(response, decodeEncryption(firstByte(TOKEN.ENCRYPTION)));
  const instopt = firstByte(TOKEN.INSTOPT);
  if (instopt !== undefined) response.instanceAccepted = instopt === 0x00;
  const mars = firstByte(TOKEN.MARS);
  if (mars !== undefined) response.mars = mars === 0x01;
  const fedAuth = firstByte(TOKEN.FEDAUTHREQUIRED);
  if (fedAuth !== undefined) response.fedAuthRequired = fedAuth === 0x01;
  return response;
}

/* [MS-TDS] 2.2.6.5 VERSION: same byte order as encodeVersion (major, minor, build big-endian, sub-build) */
function decodeVersion(data: Uint8Array): PreloginVersion {
  return { major: byteAt(data, 0), minor: byteAt(data, 1), build: readUInt16BE(data, 2), subBuild: readUInt16BE(data, 4) };
}

/* [MS-TDS] 2.2.6.5 B_FENCRYPTION: base value in the low bits, ENCRYPT_CLIENT_CERT (0x80) on top */
function decodeEncryption(byte: number | undefined): Pick<PreloginResponse, 'encryption' | 'encryptionByte' | 'clientCertificate'> {
  if (byte === undefined) return {};
  const base = byte & ~CLIENT_CERT_FLAG;
  const name = (Object.keys(ENCRYPTION_BYTES) as Encryption[]).find((key) => ENCRYPTION_BYTES[key] === base);
  if (name === undefined) return { encryptionByte: byte }; // unknown value: report the raw byte only, claim nothing
  return { encryption: name, encryptionByte: byte, clientCertificate: (byte & CLIENT_CERT_FLAG) !== 0 };
}

/* A 0x04 packet that is not PRELOGIN is usually a token stream; naming the first token helps ([MS-TDS] 2.2.7) */
function describePayloadStart(payload: Uint8Array, problem: string): string {
  if (payload.length === 0) return 'the 0x04 packet is empty, not a PRELOGIN answer';
  const first = byteAt(payload, 0);
  const token = first === 0xaa ? ' (an ERROR token, [MS-TDS] 2.2.7.10)' : '';
  return `the 0x04 packet payload ${problem}; it starts with ${hexByte(first)}${token}`;
}

function hexByte(value: number): string {
  return `0x${value.toString(16).padStart(2, '0').toUpperCase()}`;
}

function byteAt(bytes: Uint8Array, at: number): number {
  return bytes[at] ?? 0;
}

function readUInt16BE(bytes: Uint8Array, at: number): number {
  return (byteAt(bytes, at) << 8) | byteAt(bytes, at + 1);
}
