/**
 * A minimal TDS peer that plays a SQL Server on loopback, for live-probe tests.
 *
 * Built from [MS-TDS] (Tabular Data Stream protocol) directly; it deliberately
 * imports nothing from `src/` so a bug in the project's own codec cannot be
 * mirrored here. Cross-checked against tediousjs/tedious (prelogin-payload.ts,
 * login7-payload.ts, token/infoerror-token-parser.ts, token/done-token-parser.ts).
 *
 * What it does, per TCP connection:
 *   1. PRELOGIN (packet type 0x12)  -> one type-0x04 packet holding a PRELOGIN
 *      structure with VERSION, ENCRYPTION, INSTOPT, THREADID, MARS, TERMINATOR.
 *   2. LOGIN7 (packet type 0x10) in clear -> 'login-failed' (default): ERROR 18456
 *      state 1 class 14 + DONE(DONE_ERROR); or 'close': the socket is destroyed.
 *   3. A second PRELOGIN after the answer (i.e. a TLS handshake record wrapped in
 *      a PRELOGIN packet, [MS-TDS] 2.2.6.5 "this message stream is also used to
 *      wrap the SSL handshake payload") -> the socket is destroyed.
 *      LIMIT OF THIS PEER: it cannot do TLS. A real SQL Server would continue the
 *      TLS handshake (answering with its own PRELOGIN-wrapped ServerHello); this
 *      peer just hangs up, so whatever the client reports in that case is the
 *      client's "server vanished mid-handshake" error, not a real TLS failure.
 *   Anything else (unknown packet type, malformed header) -> socket destroyed.
 *
 * Bytes are accumulated per connection until a whole packet (per the header's
 * Length field) is in, so TCP fragmentation / coalescing are handled, and the
 * payloads of a multi-packet message are joined until the EOM status bit.
 */
import net from 'node:net';

export interface TdsResponderOptions {
  /** ENCRYPTION byte the server answers with ([MS-TDS] 2.2.6.5). */
  encryption: 0x00 | 0x01 | 0x02 | 0x03;
  /** Default 16.0.1000 (SQL Server 2022 RTM). */
  version?: { major: number; minor: number; build: number; subBuild?: number };
  /** What happens after the PRELOGIN answer when the client sends LOGIN7 in clear: answer with ERROR 18456 state 1 + DONE (default), or close. */
  onLogin?: 'login-failed' | 'close';
  host?: '127.0.0.1' | '::1';
}

export interface TdsResponder {
  port: number;
  host: string;
  /** every client packet type seen, in order */
  packetTypes: number[];
  close(): Promise<void>;
}

// [MS-TDS] 2.2.3.1.1 Type: packet types used here.
export const PACKET_TYPE = {
  TABULAR_RESULT: 0x04,
  LOGIN7: 0x10,
  PRELOGIN: 0x12,
} as const;

// [MS-TDS] 2.2.3.1.2 Status: 0x01 = End of message (EOM).
const STATUS_EOM = 0x01;
// [MS-TDS] 2.2.3.1: the packet header is 8 bytes.
const HEADER_LENGTH = 8;

// [MS-TDS] 2.2.6.5 PRELOGIN option tokens (PL_OPTION_TOKEN).
const PL_VERSION = 0x00;
const PL_ENCRYPTION = 0x01;
const PL_INSTOPT = 0x02;
const PL_THREADID = 0x03;
const PL_MARS = 0x04;
const PL_TERMINATOR = 0xff;

// [MS-TDS] 2.2.7 token types.
const TOKEN_ERROR = 0xaa; // 2.2.7.10
const TOKEN_DONE = 0xfd; // 2.2.7.6
// [MS-TDS] 2.2.7.6 DONE Status bit.
const DONE_ERROR = 0x0002;

const DEFAULT_VERSION = { major: 16, minor: 0, build: 1000, subBuild: 0 };
const SERVER_NAME = 'PEER-SQL';

/**
 * [MS-TDS] 2.2.3.1 Packet header, 8 bytes:
 *   Type     BYTE
 *   Status   BYTE            (0x01 = EOM)
 *   Length   USHORT, big-endian, whole packet INCLUDING this header
 *   SPID     USHORT, big-endian (server process id; 0 here)
 *   PacketID BYTE            (starts at 1, incremented per packet, mod 256)
 *   Window   BYTE            (MUST be 0)
 */
export function tdsPacket(type: number, payload: Buffer, packetId = 1, spid = 0): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(type, 0);
  header.writeUInt8(STATUS_EOM, 1);
  header.writeUInt16BE(HEADER_LENGTH + payload.length, 2);
  header.writeUInt16BE(spid, 4);
  header.writeUInt8(packetId & 0xff, 6);
  header.writeUInt8(0, 7);
  return Buffer.concat([header, payload]);
}

/**
 * [MS-TDS] 2.2.6.5 PRELOGIN, server response (sent as packet type 0x04).
 * Option table: for each option a 5-byte entry
 *   PL_OPTION_TOKEN  BYTE
 *   PL_OFFSET        USHORT big-endian, offset of the data from the START of the PRELOGIN payload
 *   PL_OPTION_LENGTH USHORT big-endian
 * closed by the single byte TERMINATOR 0xFF; the option data follow the table.
 *   VERSION    = UL_VERSION (major BYTE, minor BYTE, build USHORT big-endian) + US_SUBBUILD (USHORT) -> 6 bytes
 *   ENCRYPTION = B_FENCRYPTION, 1 byte: 0x00 OFF, 0x01 ON, 0x02 NOT_SUP, 0x03 REQ
 *   INSTOPT    = B_INSTVALIDITY; the server answers a single 0x00 (instance name accepted)
 *   THREADID   = the server sends it empty (length 0)
 *   MARS       = B_MARS, 1 byte, 0x00 = off
 */
export function preloginResponsePayload(
  encryption: number,
  version: { major: number; minor: number; build: number; subBuild?: number } = DEFAULT_VERSION,
): Buffer {
  const versionData = Buffer.alloc(6);
  versionData.writeUInt8(version.major & 0xff, 0);
  versionData.writeUInt8(version.minor & 0xff, 1);
  versionData.writeUInt16BE(version.build & 0xffff, 2);
  versionData.writeUInt16BE((version.subBuild ?? 0) & 0xffff, 4);

  const options: Array<[number, Buffer]> = [
    [PL_VERSION, versionData],
    [PL_ENCRYPTION, Buffer.from([encryption & 0xff])],
    [PL_INSTOPT, Buffer.from([0x00])],
    [PL_THREADID, Buffer.alloc(0)],
    [PL_MARS, Buffer.from([0x00])],
  ];
  const tableLength = options.length * 5 + 1; // + TERMINATOR
  const table = Buffer.alloc(tableLength);
  let dataOffset = tableLength;
  options.forEach(([token, data], i) => {
    table.writeUInt8(token, i * 5);
    table.writeUInt16BE(dataOffset, i * 5 + 1);
    table.writeUInt16BE(data.length, i * 5 + 3);
    dataOffset += data.length;
  });
  table.writeUInt8(PL_TERMINATOR, tableLength - 1);
  return Buffer.concat([table, ...options.map(([, data]) => data)]);
}

/**
 * [MS-TDS] 2.2.6.4 LOGIN7: fixed part is 36 bytes
 *   Length DWORD, TDSVersion DWORD, PacketSize DWORD, ClientProgVer DWORD, ClientPID DWORD,
 *   ConnectionID DWORD, OptionFlags1 BYTE, OptionFlags2 BYTE, TypeFlags BYTE, OptionFlags3 BYTE,
 *   ClientTimeZone LONG, ClientLCID DWORD            (all little-endian)
 * then the OffsetLength table, USHORT little-endian pairs (ib = byte offset from the start of
 * LOGIN7, cch = length in CHARACTERS): ibHostName/cchHostName at 36, ibUserName/cchUserName at 40,
 * ibPassword/cchPassword at 44, ... Strings are UCS-2 (UTF-16LE). (Sample in [MS-TDS] 4.2:
 * ibUserName 0x006E, cchUserName 2 -> "sa".)
 * Returns undefined when the buffer is too short or the offsets point outside it.
 */
export function login7UserName(login7: Buffer): string | undefined {
  const IB_USERNAME = 40;
  if (login7.length < IB_USERNAME + 4) return undefined;
  const ib = login7.readUInt16LE(IB_USERNAME);
  const cch = login7.readUInt16LE(IB_USERNAME + 2);
  const end = ib + cch * 2;
  if (end > login7.length) return undefined;
  return login7.subarray(ib, end).toString('utf16le');
}

/** B_VARCHAR ([MS-TDS] 2.2.5.1, data stream types): BYTE length in characters + UCS-2 text. */
function bVarchar(text: string): Buffer {
  const data = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([text.length & 0xff]), data]);
}

/** US_VARCHAR ([MS-TDS] 2.2.5.1): USHORT (little-endian) length in characters + UCS-2 text. */
function usVarchar(text: string): Buffer {
  const len = Buffer.alloc(2);
  len.writeUInt16LE(text.length, 0);
  return Buffer.concat([len, Buffer.from(text, 'utf16le')]);
}

/**
 * [MS-TDS] 2.2.7.10 ERROR token:
 *   TokenType  BYTE 0xAA
 *   Length     USHORT (LE), byte length of everything after this field
 *   Number     LONG (LE)
 *   State      BYTE
 *   Class      BYTE
 *   MsgText    US_VARCHAR
 *   ServerName B_VARCHAR
 *   ProcName   B_VARCHAR
 *   LineNumber LONG (LE) (TDS 7.2+; USHORT before)
 */
export function errorToken(e: {
  number: number;
  state: number;
  class: number;
  message: string;
  serverName: string;
  procName: string;
  lineNumber: number;
}): Buffer {
  const fixed = Buffer.alloc(6);
  fixed.writeInt32LE(e.number, 0);
  fixed.writeUInt8(e.state, 4);
  fixed.writeUInt8(e.class, 5);
  const line = Buffer.alloc(4);
  line.writeInt32LE(e.lineNumber, 0);
  const body = Buffer.concat([fixed, usVarchar(e.message), bVarchar(e.serverName), bVarchar(e.procName), line]);
  const head = Buffer.alloc(3);
  head.writeUInt8(TOKEN_ERROR, 0);
  head.writeUInt16LE(body.length, 1);
  return Buffer.concat([head, body]);
}

/**
 * [MS-TDS] 2.2.7.6 DONE token:
 *   TokenType    BYTE 0xFD
 *   Status       USHORT (LE) (0x0002 = DONE_ERROR)
 *   CurCmd       USHORT (LE)
 *   DoneRowCount ULONGLONG (LE) (TDS 7.2+; LONG before)
 */
export function doneToken(status: number, curCmd = 0, rowCount = 0n): Buffer {
  const b = Buffer.alloc(13);
  b.writeUInt8(TOKEN_DONE, 0);
  b.writeUInt16LE(status, 1);
  b.writeUInt16LE(curCmd, 3);
  b.writeBigUInt64LE(rowCount, 5);
  return b;
}

export function loginFailedResponse(userName: string): Buffer {
  return Buffer.concat([
    errorToken({
      number: 18456,
      state: 1,
      class: 14,
      message: `Login failed for user '${userName}'.`,
      serverName: SERVER_NAME,
      procName: '',
      lineNumber: 1,
    }),
    doneToken(DONE_ERROR),
  ]);
}

export function startTdsResponder(options: TdsResponderOptions): Promise<TdsResponder> {
  const host = options.host ?? '127.0.0.1';
  const onLogin = options.onLogin ?? 'login-failed';
  const packetTypes: number[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());

    let pending: Buffer = Buffer.alloc(0);
    let messageType: number | undefined;
    let messageParts: Buffer[] = [];
    let preloginAnswered = false;

    // Every answer here fits one packet, so each is PacketID 1 ([MS-TDS] 2.2.3.1.5: the
    // PacketID numbers the packets of one message; receivers currently ignore it).
    const send = (payload: Buffer): void => {
      socket.write(tdsPacket(PACKET_TYPE.TABULAR_RESULT, payload, 1));
    };

    const onMessage = (type: number, payload: Buffer): void => {
      if (type === PACKET_TYPE.PRELOGIN && !preloginAnswered) {
        preloginAnswered = true;
        send(preloginResponsePayload(options.encryption, options.version));
        return;
      }
      if (type === PACKET_TYPE.PRELOGIN) {
        // A PRELOGIN after our answer carries raw TLS handshake bytes ([MS-TDS] 2.2.6.5;
        // a TLS record starting 0x16 = handshake). This peer cannot do TLS: hang up.
        socket.destroy();
        return;
      }
      if (type === PACKET_TYPE.LOGIN7 && preloginAnswered) {
        if (onLogin === 'close') {
          socket.destroy();
          return;
        }
        const user = login7UserName(payload) ?? '';
        send(loginFailedResponse(user));
        return;
      }
      socket.destroy();
    };

    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= HEADER_LENGTH) {
        // [MS-TDS] 2.2.3.1: Length (bytes 2..3, big-endian) covers the header too.
        const length = pending.readUInt16BE(2);
        if (length < HEADER_LENGTH) {
          socket.destroy();
          return;
        }
        if (pending.length < length) return; // wait for the rest of the packet
        const type = pending.readUInt8(0);
        const status = pending.readUInt8(1);
        const payload = pending.subarray(HEADER_LENGTH, length);
        pending = pending.subarray(length);
        packetTypes.push(type);
        if (messageType !== undefined && messageType !== type) {
          socket.destroy();
          return;
        }
        messageType = type;
        messageParts.push(Buffer.from(payload));
        if ((status & STATUS_EOM) !== 0) {
          const message = Buffer.concat(messageParts);
          messageType = undefined;
          messageParts = [];
          onMessage(type, message);
          if (socket.destroyed) return;
        }
      }
    });
  });

  return new Promise<TdsResponder>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('tds-responder: no TCP address'));
        return;
      }
      resolve({
        port: address.port,
        host,
        packetTypes,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            sockets.clear();
            server.close(() => done());
          }),
      });
    });
  });
}
