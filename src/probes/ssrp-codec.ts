// Pure codec for the SQL Server Browser (SSRP, [MC-SQLR]) UDP requests and their SVR_RESP answers.

/** [MC-SQLR] 2.2.2 / 2.2.3 / 2.2.5 message type bytes. */
const CLNT_UCAST_EX = 0x03;
const CLNT_UCAST_INST = 0x04;
const SVR_RESP = 0x05;
/** [MC-SQLR] 2.2.3: INSTANCENAME MUST be no greater than 32 bytes, not counting the terminator. */
const MAX_INSTANCE_NAME_BYTES = 32;
/** [MC-SQLR] 2.2.5: SVR_RESP (1) + RESP_SIZE (2). */
const SVR_RESP_HEADER_LENGTH = 3;
/** [MC-SQLR] 2.2.5: every CLNT_UCAST_INST_RESPONSE starts with these four key/value pairs, in this order. */
const LEADING_KEYS = ['ServerName', 'InstanceName', 'IsClustered', 'Version'] as const;
const MAX_TCP_PORT = 65535;

export interface BrowserInstance {
  serverName: string;
  instanceName: string;
  isClustered?: boolean;
  version?: string;
  tcpPort?: number; // from "tcp;PORT"
  pipe?: string; // from "np;\\SERVER\pipe\..."
  /** Every protocol key and value as sent (tcp, np, via, rpc, spx, adsp, bv), for display. */
  protocols: Record<string, string>;
}

export type BrowserReading = { kind: 'response'; instances: BrowserInstance[] } | { kind: 'invalid'; detail: string };

/** [MC-SQLR] 2.2.2 CLNT_UCAST_EX: ask a SQL Browser for every instance. */
/* [MC-SQLR] 2.2.2: a single byte, 0x03 */
export function encodeListRequest(): Uint8Array {
  return Uint8Array.of(CLNT_UCAST_EX);
}

/** [MC-SQLR] 2.2.3 CLNT_UCAST_INST: ask for one instance. Throws RangeError when the name is empty, contains NUL, or is longer than 32 bytes. */
/* [MC-SQLR] 2.2.3: 0x04, then INSTANCENAME as a null-terminated MBCS string of at most 32 bytes */
export function encodeInstanceRequest(instance: string): Uint8Array {
  const name = encodeSingleByte(instance);
  if (name.length === 0) throw new RangeError('instance name is empty');
  if (name.includes(0x00)) throw new RangeError('instance name contains a NUL character');
  if (name.length > MAX_INSTANCE_NAME_BYTES) {
    throw new RangeError(`instance name is ${name.length} bytes; [MC-SQLR] 2.2.3 allows at most ${MAX_INSTANCE_NAME_BYTES}`);
  }
  const request = new Uint8Array(name.length + 2);
  request[0] = CLNT_UCAST_INST;
  request.set(name, 1);
  return request; // last byte stays 0x00: the terminator
}

/* The wire text is MBCS in the server's ANSI code page, which a client cannot know; one byte per character
   (Latin-1) is the only choice that round-trips with readBrowserResponse and is exact for ASCII names. */
function encodeSingleByte(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) {
      throw new RangeError(`instance name has a character (U+${code.toString(16).padStart(4, '0')}) that has no single-byte form`);
    }
    bytes[i] = code;
  }
  return bytes;
}

/** [MC-SQLR] 2.2.5 SVR_RESP. Never throws (fuzz it). RESP_SIZE larger than the datagram → invalid; text is single-byte. */
/* [MC-SQLR] 2.2.5 SVR_RESP: 0x05, RESP_SIZE (little-endian USHORT), RESP_DATA */
export function readBrowserResponse(bytes: Uint8Array): BrowserReading {
  if (bytes.length === 0) return { kind: 'invalid', detail: 'the datagram is empty' };
  const type = bytes[0] ?? 0;
  if (type !== SVR_RESP) return { kind: 'invalid', detail: `the first byte is 0x${hex(type)}, not SVR_RESP (0x05)` };
  if (bytes.length < SVR_RESP_HEADER_LENGTH) {
    return { kind: 'invalid', detail: `the datagram is ${bytes.length} bytes, shorter than the 3-byte SVR_RESP header` };
  }
  // Little-endian: the tediousjs/node-ssrp fixture "05 58 00" announces the 88-byte (0x0058) spec string.
  const size = (bytes[1] ?? 0) | ((bytes[2] ?? 0) << 8);
  const carried = bytes.length - SVR_RESP_HEADER_LENGTH;
  if (size > carried) {
    return { kind: 'invalid', detail: `RESP_SIZE says ${size} bytes of RESP_DATA but the datagram carries only ${carried}` };
  }
  return parseResponseData(decodeSingleByte(bytes.subarray(SVR_RESP_HEADER_LENGTH, SVR_RESP_HEADER_LENGTH + size)));
}

/* Latin-1 (byte n = U+00nn) rather than TextDecoder('latin1'), which WHATWG maps to windows-1252 and so changes
   0x80-0x9F: the real code page is unknown (MBCS in the server's ANSI code page), and a byte-exact mapping
   keeps the ASCII keys, digits and pipe paths exact and non-ASCII names reversible. */
function decodeSingleByte(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/* [MC-SQLR] 2.2.5: CLNT_UCAST_EX_RESPONSE = *[CLNT_UCAST_INST_RESPONSE], each one ending with SEMICOLON SEMICOLON */
function parseResponseData(text: string): BrowserReading {
  if (text === '' || text === ';;') return { kind: 'response', instances: [] }; // no instance described
  if (!text.endsWith(';;')) return { kind: 'invalid', detail: `RESP_DATA does not end with ";;" (truncated?): ${quoteEnd(text)}` };
  const records = text.slice(0, -2).split(';;');
  const instances: BrowserInstance[] = [];
  for (const [index, record] of records.entries()) {
    const parsed = parseInstance(record);
    if (typeof parsed === 'string') return { kind: 'invalid', detail: `instance ${index + 1}: ${parsed}` };
    instances.push(parsed);
  }
  return { kind: 'response', instances };
}

/* [MC-SQLR] 2.2.5 CLNT_UCAST_INST_RESPONSE: "ServerName";X;"InstanceName";X;"IsClustered";X;"Version";X then
   optional protocol pairs (np, tcp, via, rpc, spx, adsp, bv). Returns a problem description instead of throwing. */
function parseInstance(record: string): BrowserInstance | string {
  const fields = record.split(';');
  if (fields.length % 2 !== 0) return `"${record.slice(0, 60)}" has a key without a value`;
  for (const [i, key] of LEADING_KEYS.entries()) {
    const found = fields[i * 2];
    if (found === undefined) return `ends before "${key}"`;
    if (found.toLowerCase() !== key.toLowerCase()) return `expected "${key}" but found "${found.slice(0, 40)}"`;
  }
  const instance: BrowserInstance = { serverName: fields[1] ?? '', instanceName: fields[3] ?? '', protocols: {} };
  const clustered = (fields[5] ?? '').toLowerCase();
  if (clustered === 'yes' || clustered === 'no') instance.isClustered = clustered === 'yes';
  if ((fields[7] ?? '') !== '') instance.version = fields[7];
  for (let i = LEADING_KEYS.length * 2; i < fields.length; i += 2) {
    addProtocol(instance, fields[i] ?? '', fields[i + 1] ?? '');
  }
  return instance;
}

/* [MC-SQLR] 2.2.5 TCP_INFO = ";tcp;" TCP_PORT (decimal text), NP_INFO = ";np;" PIPENAME */
function addProtocol(instance: BrowserInstance, key: string, value: string): void {
  // defineProperty, not assignment, so a hostile key such as "__proto__" is stored as data instead of touching the prototype
  Object.defineProperty(instance.protocols, key, { value, enumerable: true, writable: true, configurable: true });
  if (key === 'tcp') {
    const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
    if (port >= 1 && port <= MAX_TCP_PORT) instance.tcpPort = port; // else keep only the raw text in protocols
  }
  if (key === 'np') instance.pipe = value;
}

/** Case-insensitive lookup by instance name (SQL Server instance names are case-insensitive). */
export function findInstance<T extends Pick<BrowserInstance, 'instanceName'>>(instances: readonly T[], name: string): T | undefined {
  const wanted = name.toUpperCase();
  return instances.find((instance) => instance.instanceName.toUpperCase() === wanted);
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0').toUpperCase();
}

function quoteEnd(text: string): string {
  return `"...${text.slice(-40)}"`;
}
