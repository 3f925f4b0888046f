/**
 * Checks the loopback protocol peers (test/probes/peers/) against the REAL driver, tedious 19,
 * and against hand-written bytes from the specs -- never against this project's own codec.
 *
 * What tedious 19.2 reports against the TDS responder (onLogin 'login-failed' unless noted;
 * userName 'probe_user', trustServerCertificate true, connectTimeout 3000). `String(err)` is
 * always "Error: " + message, because tedious's ConnectionError does not set `name`.
 *
 * | server ENCRYPTION byte | tedious `encrypt: false`                                                    | tedious `encrypt: true`                                                  |
 * |------------------------|-----------------------------------------------------------------------------|--------------------------------------------------------------------------|
 * | 0x00 ENCRYPT_OFF       | `Login failed for user 'probe_user'.` (ELOGIN), LOGIN7 in clear              | `Login failed for user 'probe_user'.` (ELOGIN), LOGIN7 in clear (!)       |
 * | 0x01 ENCRYPT_ON        | `Server requires encryption, set 'encrypt' config option to true.` (EENCRYPT) | `Failed to connect to 127.0.0.1:<port> - socket hang up` (ESOCKET) [peer limit: no TLS] |
 * | 0x02 ENCRYPT_NOT_SUP   | `Login failed for user 'probe_user'.` (ELOGIN), LOGIN7 in clear              | `Login failed for user 'probe_user'.` (ELOGIN), LOGIN7 in clear (!)       |
 * | 0x03 ENCRYPT_REQ       | `Server requires encryption, set 'encrypt' config option to true.` (EENCRYPT) | `Failed to connect to 127.0.0.1:<port> - socket hang up` (ESOCKET) [peer limit: no TLS] |
 *
 * With onLogin 'close' the LOGIN7-in-clear cells become `Connection lost - socket hang up` (ESOCKET).
 *
 * Why, from tedious's source (tediousjs/tedious src/connection.ts `performTlsNegotiation`,
 * src/prelogin-payload.ts, src/token/handler.ts; same code in node_modules/tedious/lib):
 *   - The client's own ENCRYPTION byte is ON when `encrypt` is true and NOT_SUP otherwise
 *     (`createEncryptionOption`). It never looks at it again.
 *   - After the PRELOGIN answer, tedious starts TLS only if the SERVER's byte reads 'ON' or 'REQ':
 *     `if ('strict' !== encrypt && (encryptionString === 'ON' || encryptionString === 'REQ'))`.
 *     Inside that branch, `!encrypt` throws ConnectionError("Server requires encryption, set
 *     'encrypt' config option to true.", 'EENCRYPT') -- before any LOGIN7 is written.
 *   - For 'OFF' and 'NOT_SUP' the branch is skipped whatever `encrypt` says, and
 *     `sendLogin7Packet()` runs in clear. So `encrypt: true` does NOT make tedious refuse a server
 *     that answers NOT_SUP/OFF: it logs in unencrypted. (A real SQL Server answers ON to a client
 *     that asked ON unless it has no certificate at all, so this is a downgrade only a peer or a
 *     man-in-the-middle can provoke -- surprising, and worth knowing when reading a tedious error.)
 *   - The LOGIN7 answer is read by Login7TokenHandler: `onErrorMessage` stores
 *     ConnectionError(token.message, 'ELOGIN') (18456 is not in the transient list), and since no
 *     LOGINACK came, `performSentLogin7WithStandardLogin` throws that loginError: the message is
 *     the server's MsgText verbatim.
 *   - When the peer hangs up, the socket's 'end' handler in `initialiseConnection` aborts with
 *     wrapSocketError(Error('socket hang up')): in state Connecting/SentTLSSSLNegotiation that is
 *     "Failed to connect to <server>:<port> - socket hang up", in any later state (here
 *     SentLogin7WithStandardLogin) "Connection lost - socket hang up"; code 'ESOCKET' both times.
 *     The TLS cells therefore describe this peer's limit (it closes on the wrapped ClientHello),
 *     not what tedious reports against a real server with a bad certificate.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import dgram from 'node:dgram';
import net from 'node:net';
import { Connection } from 'tedious';
import { startBrowserResponder, type BrowserResponder } from './peers/browser-responder.js';
import { startTdsResponder, type TdsResponder, type TdsResponderOptions } from './peers/tds-responder.js';

/** Whether this machine has an IPv6 loopback: a listener on ::1 can be opened. */
const IPV6_LOOPBACK = await new Promise<boolean>((resolve) => {
  const probe = net.createServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});
if (!IPV6_LOOPBACK && process.env.CI) throw new Error('the ::1 peer test must run in CI, but this machine has no IPv6 loopback');

const PRELOGIN = 0x12;
const LOGIN7 = 0x10;

interface TediousOutcome {
  message: string;
  code: string | undefined;
  str: string;
}

/** Connects with the real tedious 19 and returns the error it reports (bounded: connectTimeout 3 s, guard 8 s). */
function connectWithTedious(port: number, encrypt: boolean): Promise<TediousOutcome> {
  return new Promise<TediousOutcome>((resolve, reject) => {
    const connection = new Connection({
      server: '127.0.0.1',
      options: { port, encrypt, trustServerCertificate: true, connectTimeout: 3000 },
      authentication: { type: 'default', options: { userName: 'probe_user', password: 'not-a-secret' } },
    });
    let settled = false;
    const guard = setTimeout(() => finish(new Error('tedious did not report within 8 s')), 8000);
    const finish = (err: Error | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      connection.close();
      if (err === undefined) {
        reject(new Error('tedious unexpectedly connected'));
        return;
      }
      resolve({ message: err.message, code: (err as { code?: string }).code, str: String(err) });
    };
    connection.on('error', (err: Error) => finish(err));
    connection.connect((err?: Error) => finish(err));
  });
}

const LOGIN_FAILED = "Login failed for user 'probe_user'.";
const REQUIRES_ENCRYPTION = "Server requires encryption, set 'encrypt' config option to true.";

type Expectation =
  | { kind: 'login-in-clear' }
  | { kind: 'refused-before-login' }
  | { kind: 'tls-attempted' };

// Per ENCRYPTION byte x encrypt, derived from tedious's performTlsNegotiation (see header comment).
const CELLS: Array<{ encryption: TdsResponderOptions['encryption']; encrypt: boolean; expect: Expectation }> = [
  { encryption: 0x00, encrypt: false, expect: { kind: 'login-in-clear' } },
  { encryption: 0x00, encrypt: true, expect: { kind: 'login-in-clear' } },
  { encryption: 0x01, encrypt: false, expect: { kind: 'refused-before-login' } },
  { encryption: 0x01, encrypt: true, expect: { kind: 'tls-attempted' } },
  { encryption: 0x02, encrypt: false, expect: { kind: 'login-in-clear' } },
  { encryption: 0x02, encrypt: true, expect: { kind: 'login-in-clear' } },
  { encryption: 0x03, encrypt: false, expect: { kind: 'refused-before-login' } },
  { encryption: 0x03, encrypt: true, expect: { kind: 'tls-attempted' } },
];

describe('TDS responder vs the real tedious 19', () => {
  const peers: TdsResponder[] = [];
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.close()));
  });

  async function peer(options: TdsResponderOptions): Promise<TdsResponder> {
    const p = await startTdsResponder(options);
    peers.push(p);
    return p;
  }

  for (const cell of CELLS) {
    const hex = `0x0${cell.encryption}`;
    it(`ENCRYPTION ${hex}, encrypt:${cell.encrypt} -> ${cell.expect.kind}`, async () => {
      const p = await peer({ encryption: cell.encryption });
      const out = await connectWithTedious(p.port, cell.encrypt);
      switch (cell.expect.kind) {
        case 'login-in-clear':
          // OFF/NOT_SUP: no TLS branch; LOGIN7 goes out in clear and the peer's ERROR 18456 MsgText comes back verbatim.
          expect(out).toEqual({ message: LOGIN_FAILED, code: 'ELOGIN', str: `Error: ${LOGIN_FAILED}` });
          expect(p.packetTypes).toEqual([PRELOGIN, LOGIN7]);
          break;
        case 'refused-before-login':
          // ON/REQ with encrypt:false: EENCRYPT thrown before any LOGIN7 (credentials never leave the client).
          expect(out).toEqual({ message: REQUIRES_ENCRYPTION, code: 'EENCRYPT', str: `Error: ${REQUIRES_ENCRYPTION}` });
          expect(p.packetTypes).toEqual([PRELOGIN]);
          break;
        case 'tls-attempted': {
          // ON/REQ with encrypt:true: tedious wraps its ClientHello in a PRELOGIN packet; this peer hangs up.
          const msg = `Failed to connect to 127.0.0.1:${p.port} - socket hang up`;
          expect(out).toEqual({ message: msg, code: 'ESOCKET', str: `Error: ${msg}` });
          expect(p.packetTypes).toEqual([PRELOGIN, PRELOGIN]);
          break;
        }
      }
    }, 15_000);
  }

  it("onLogin 'close': tedious reports the hang-up after LOGIN7 as 'Connection lost'", async () => {
    const p = await peer({ encryption: 0x02, onLogin: 'close' });
    const out = await connectWithTedious(p.port, false);
    const msg = 'Connection lost - socket hang up';
    expect(out).toEqual({ message: msg, code: 'ESOCKET', str: `Error: ${msg}` });
    expect(p.packetTypes).toEqual([PRELOGIN, LOGIN7]);
  }, 15_000);

  // Skipped (and said so) on a machine without an IPv6 loopback; in CI such a machine fails the suite instead.
  (IPV6_LOOPBACK ? it : it.skip)('also serves on ::1', async () => {
    const p = await peer({ encryption: 0x00, host: '::1' });
    expect(p.host).toBe('::1');
    const reply = await rawExchange(p.port, [clientPrelogin()], 1, '::1');
    expect(reply.subarray(0, 8)).toEqual(Buffer.from('0401002b00000100', 'hex'));
  }, 15_000);
});

// ---------------------------------------------------------------------------------------------
// Raw-byte checks of the TDS responder, expected bytes written by hand from [MS-TDS].
// ---------------------------------------------------------------------------------------------

/** A minimal client PRELOGIN ([MS-TDS] 2.2.6.5): VERSION 15.0.2000.0, ENCRYPTION NOT_SUP, TERMINATOR. */
function clientPrelogin(): Buffer {
  return Buffer.from(
    '1201001a00000100' + // header: type 0x12, EOM, length 0x001A, SPID 0, PacketID 1, Window 0
      '00000b0006' + // VERSION at offset 11, length 6
      '0100110001' + // ENCRYPTION at offset 17, length 1
      'ff' + // TERMINATOR
      '0f0007d00000' + // 15.0 build 2000 sub 0
      '02', // ENCRYPT_NOT_SUP
    'hex',
  );
}

/** The sample LOGIN7 of [MS-TDS] 4.2 (user "sa", host "skostov1"), as printed in the spec. */
const SPEC_LOGIN7_PACKET = Buffer.from(
  [
    '10 01 00 90 00 00 01 00 88 00 00 00 02 00 09 72',
    '00 10 00 00 00 00 00 07 00 01 00 00 00 00 00 00',
    'E0 03 00 00 00 00 00 00 09 04 00 00 5E 00 08 00',
    '6E 00 02 00 72 00 00 00 72 00 07 00 80 00 00 00',
    '80 00 00 00 80 00 04 00 88 00 00 00 88 00 00 00',
    '00 50 8B E2 B7 8F 88 00 00 00 88 00 00 00 88 00',
    '00 00 00 00 00 00 73 00 6B 00 6F 00 73 00 74 00',
    '6F 00 76 00 31 00 73 00 61 00 4F 00 53 00 51 00',
    '4C 00 2D 00 33 00 32 00 4F 00 44 00 42 00 43 00',
  ]
    .join('')
    .replace(/ /g, ''),
  'hex',
);

/** How many whole TDS messages a byte stream holds: packets read by their headers, a message ending at EOM ([MS-TDS] 2.2.3.1). */
function wholeMessages(bytes: Buffer): number {
  let messages = 0;
  for (let at = 0; at + 8 <= bytes.length; ) {
    const length = bytes.readUInt16BE(at + 2);
    if (length < 8 || at + length > bytes.length) break;
    if ((bytes[at + 1] as number) & 0x01) messages++;
    at += length;
  }
  return messages;
}

/**
 * Sends `chunks` (each written separately, with a pause so TCP cannot always coalesce them), then collects what the
 * peer sends until it has sent `messages` whole TDS messages, or closes. Bounded at 5 s. Not "until it stops for a
 * while": an idle timer decides by the clock whether a reply is complete, and a loaded machine cuts replies short.
 */
function rawExchange(port: number, chunks: Buffer[], messages: number, host = '127.0.0.1'): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const received: Buffer[] = [];
    const socket = net.connect({ port, host });
    socket.setNoDelay(true);
    const hard = setTimeout(() => done(), 5000);
    const done = (): void => {
      clearTimeout(hard);
      socket.destroy();
      resolve(Buffer.concat(received));
    };
    socket.on('error', (e) => {
      clearTimeout(hard);
      socket.destroy();
      if (received.length > 0) resolve(Buffer.concat(received));
      else reject(e);
    });
    socket.on('close', () => done());
    socket.on('data', (d: Buffer) => {
      received.push(d);
      if (wholeMessages(Buffer.concat(received)) >= messages) done();
    });
    socket.on('connect', async () => {
      for (const c of chunks) {
        if (socket.destroyed) return;
        socket.write(c);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
  });
}

function bytesOf(b: Buffer): Buffer[] {
  return [...b].map((x) => Buffer.from([x]));
}

describe('TDS responder, raw bytes', () => {
  let peer: TdsResponder;
  beforeAll(async () => {
    peer = await startTdsResponder({ encryption: 0x02 });
  });
  afterAll(async () => {
    await peer.close();
  });

  // [MS-TDS] 2.2.3.1 header + 2.2.6.5 option table (offsets from the start of the payload) + data.
  const EXPECTED_PRELOGIN_ANSWER =
    '0401002b00000100' + // type 0x04, EOM, length 43, SPID 0, PacketID 1, Window 0
    '00001a0006' + //      VERSION    offset 26 length 6
    '0100200001' + //      ENCRYPTION offset 32 length 1
    '0200210001' + //      INSTOPT    offset 33 length 1
    '0300220000' + //      THREADID   offset 34 length 0
    '0400220001' + //      MARS       offset 34 length 1
    'ff' + //              TERMINATOR
    '100003e80000' + //    16.0, build 1000 (0x03E8, big-endian), sub-build 0
    '02' + //              ENCRYPT_NOT_SUP
    '00' + //              INSTOPT 0x00
    '00'; //               MARS off

  it('answers a PRELOGIN sent one byte per write, byte for byte as the spec lays it out', async () => {
    const reply = await rawExchange(peer.port, bytesOf(clientPrelogin()), 1);
    expect(reply.toString('hex')).toBe(EXPECTED_PRELOGIN_ANSWER);
  }, 15_000);

  it('answers the [MS-TDS] 4.2 sample LOGIN7 (split over two TDS packets) with ERROR 18456 + DONE_ERROR', async () => {
    const login7 = SPEC_LOGIN7_PACKET.subarray(8); // 136-byte LOGIN7 payload
    // Two packets of one message: status 0x00 then 0x01 (EOM), [MS-TDS] 2.2.3.1.2; lengths include the 8-byte header.
    const first = Buffer.concat([Buffer.from('1000004800000100', 'hex'), login7.subarray(0, 64)]);
    const second = Buffer.concat([Buffer.from('1001005000000200', 'hex'), login7.subarray(64)]);
    const reply = await rawExchange(peer.port, [clientPrelogin(), first.subarray(0, 5), first.subarray(5), second], 2);

    const message = "Login failed for user 'sa'.";
    const expectedLoginAnswer = Buffer.concat([
      Buffer.from('0401006c00000100', 'hex'), // type 0x04, EOM, length 108, PacketID 1
      Buffer.from('aa5400', 'hex'), // ERROR token, Length 84 ([MS-TDS] 2.2.7.10)
      Buffer.from('18480000', 'hex'), // Number 18456 = 0x4818, LONG LE
      Buffer.from('010e', 'hex'), // State 1, Class 14
      Buffer.from('1b00', 'hex'), // MsgText US_VARCHAR: 27 characters
      Buffer.from(message, 'utf16le'),
      Buffer.from('08', 'hex'), // ServerName B_VARCHAR: 8 characters
      Buffer.from('PEER-SQL', 'utf16le'),
      Buffer.from('00', 'hex'), // ProcName B_VARCHAR: empty
      Buffer.from('01000000', 'hex'), // LineNumber 1, LONG LE (TDS 7.2+)
      Buffer.from('fd' + '0200' + '0000' + '0000000000000000', 'hex'), // DONE: DONE_ERROR, CurCmd 0, RowCount 0 ([MS-TDS] 2.2.7.6)
    ]);
    expect(message.length).toBe(27);
    expect(reply.toString('hex')).toBe(EXPECTED_PRELOGIN_ANSWER + expectedLoginAnswer.toString('hex'));
  }, 15_000);

  it('hangs up on a TLS ClientHello wrapped in a PRELOGIN packet (peer limit: no TLS)', async () => {
    // 0x16 = TLS handshake record, 0x0301 = record version, then a (truncated) ClientHello.
    const hello = Buffer.from('1601030005' + '0100000100', 'hex');
    const wrapped = Buffer.concat([Buffer.from('1201001200000100', 'hex'), hello]);
    const socketClosed = await new Promise<{ data: Buffer; closed: boolean }>((resolve) => {
      const s = net.connect({ port: peer.port, host: '127.0.0.1' });
      const got: Buffer[] = [];
      const t = setTimeout(() => {
        s.destroy();
        resolve({ data: Buffer.concat(got), closed: false });
      }, 3000);
      s.on('data', (d: Buffer) => {
        got.push(d);
        if (got.length === 1) s.write(wrapped);
      });
      s.on('error', () => undefined);
      s.on('close', () => {
        clearTimeout(t);
        resolve({ data: Buffer.concat(got), closed: true });
      });
      s.on('connect', () => s.write(clientPrelogin()));
    });
    expect(socketClosed.closed).toBe(true);
    expect(socketClosed.data.toString('hex')).toBe(EXPECTED_PRELOGIN_ANSWER);
  }, 15_000);
});

// ---------------------------------------------------------------------------------------------
// Browser responder ([MC-SQLR]) with raw dgram requests and hand-written expected strings.
// ---------------------------------------------------------------------------------------------

function udpAsk(port: number, request: Buffer, waitMs = 1000): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const t = setTimeout(() => {
      s.close();
      resolve(undefined);
    }, waitMs);
    s.on('error', () => {
      clearTimeout(t);
      s.close();
      resolve(undefined);
    });
    s.on('message', (m) => {
      clearTimeout(t);
      s.close();
      resolve(m);
    });
    s.send(request, port, '127.0.0.1');
  });
}

describe('Browser responder, raw dgram', () => {
  let browser: BrowserResponder;
  beforeAll(async () => {
    browser = await startBrowserResponder([
      {
        serverName: 'PEERHOST',
        instanceName: 'SQLEXPRESS',
        version: '16.0.1000.6',
        tcpPort: 49733,
        pipe: '\\\\PEERHOST\\pipe\\MSSQL$SQLEXPRESS\\sql\\query',
      },
      { serverName: 'PEERHOST', instanceName: 'REPORTS', isClustered: true, version: '15.0.2000.5', tcpPort: 50100 },
    ]);
  });
  afterAll(async () => {
    await browser.close();
  });

  // Hand-written RESP_DATA ([MC-SQLR] 2.2.5); backslashes are single on the wire.
  const SQLEXPRESS =
    'ServerName;PEERHOST;InstanceName;SQLEXPRESS;IsClustered;No;Version;16.0.1000.6;tcp;49733;np;\\\\PEERHOST\\pipe\\MSSQL$SQLEXPRESS\\sql\\query;;';
  const REPORTS = 'ServerName;PEERHOST;InstanceName;REPORTS;IsClustered;Yes;Version;15.0.2000.5;tcp;50100;;';

  it('CLNT_UCAST_INST (0x04 + name + 0x00, any case) -> SVR_RESP for that instance only', async () => {
    const reply = await udpAsk(browser.port, Buffer.concat([Buffer.from([0x04]), Buffer.from('sqlExpress', 'latin1'), Buffer.from([0x00])]));
    expect(SQLEXPRESS.length).toBe(136);
    // SVR_RESP 0x05, RESP_SIZE 136 = 0x0088 little-endian, RESP_DATA.
    expect(reply?.toString('latin1')).toBe('\x05\x88\x00' + SQLEXPRESS);
  }, 10_000);

  it('CLNT_UCAST_EX (0x03) and CLNT_BCAST_EX (0x02) -> SVR_RESP listing every instance', async () => {
    expect(REPORTS.length).toBe(88);
    const expected = '\x05\xe0\x00' + SQLEXPRESS + REPORTS; // 136 + 88 = 224 = 0x00E0
    expect((await udpAsk(browser.port, Buffer.from([0x03])))?.toString('latin1')).toBe(expected);
    expect((await udpAsk(browser.port, Buffer.from([0x02])))?.toString('latin1')).toBe(expected);
  }, 10_000);

  it('CLNT_UCAST_INST for an instance that does not exist -> no answer at all ([MC-SQLR] 3.2.5)', async () => {
    const before = browser.requests.length;
    const reply = await udpAsk(browser.port, Buffer.from('\x04NOSUCH\x00', 'latin1'), 600);
    expect(reply).toBeUndefined();
    expect(browser.requests.slice(before)).toEqual([0x04]);
  }, 10_000);
});
