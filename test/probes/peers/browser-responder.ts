/**
 * A minimal SQL Server Browser peer (SQL Server Resolution Protocol, [MC-SQLR]) on a
 * loopback UDP socket with an ephemeral port, for live-probe tests. Built from the spec;
 * it imports nothing from `src/`.
 *
 * Requests handled ([MC-SQLR] 2.2.1 - 2.2.3):
 *   CLNT_BCAST_EX   = 0x02 (1 byte)                  -> SVR_RESP with every instance
 *   CLNT_UCAST_EX   = 0x03 (1 byte)                  -> SVR_RESP with every instance
 *   CLNT_UCAST_INST = 0x04 + INSTANCENAME + 0x00      -> SVR_RESP for that instance only
 *                     (INSTANCENAME: MBCS string, null-terminated; compared case-insensitively,
 *                     as SQL Server instance names are)
 * Anything else (e.g. CLNT_UCAST_DAC 0x0F, garbage) is recorded in `requests` and ignored.
 *
 * Unknown instance: [MC-SQLR] 3.2.5 (server message processing, "Waiting For Request From Client" state,
 * learn.microsoft.com/openspecs/windows_protocols/mc-sqlr/4eea5b65-a848-4deb-99ca-280ebd4e3dc8): "If the request is
 * valid and understood, the server immediately sends an SVR_RESP ... For CLNT_UCAST_INST, the
 * server returns information about the specified instance only (if available)." The spec defines
 * no negative/"not found" response message (2.2.5 SVR_RESP is the only server message besides the
 * DAC variant 2.2.6), so when the named instance is not available this peer sends NOTHING and the
 * client runs into its own timeout -- which is also what clients observe from a real Browser.
 */
import dgram from 'node:dgram';

export interface PeerInstance {
  serverName: string;
  instanceName: string;
  isClustered?: boolean;
  version?: string;
  tcpPort?: number;
  pipe?: string;
}

export interface BrowserResponder {
  port: number;
  /** first byte of each request */
  requests: number[];
  close(): Promise<void>;
}

// [MC-SQLR] 2.2.1 / 2.2.2 / 2.2.3 / 2.2.5 message identifiers.
export const CLNT_BCAST_EX = 0x02;
export const CLNT_UCAST_EX = 0x03;
export const CLNT_UCAST_INST = 0x04;
export const SVR_RESP = 0x05;

const DEFAULT_VERSION = '16.0.1000.6';

/**
 * One instance's RESP_DATA string ([MC-SQLR] 2.2.5):
 *   "ServerName;" SERVERNAME ";InstanceName;" INSTANCENAME ";IsClustered;" ("Yes"|"No")
 *   ";Version;" VERSION_STRING [";tcp;" TCP_PORT] [";np;" PIPENAME] ";;"
 * Protocol parts are present only when that transport is enabled. The order tcp-then-np is the
 * order SQL Server Browser puts on the wire; clients (e.g. tedious's instance lookup) parse the
 * string as key;value pairs so the order is not significant to them.
 */
export function instanceResponseString(i: PeerInstance): string {
  let s =
    `ServerName;${i.serverName};InstanceName;${i.instanceName};` +
    `IsClustered;${i.isClustered === true ? 'Yes' : 'No'};Version;${i.version ?? DEFAULT_VERSION}`;
  if (i.tcpPort !== undefined) s += `;tcp;${i.tcpPort}`;
  if (i.pipe !== undefined) s += `;np;${i.pipe}`;
  return `${s};;`;
}

/**
 * [MC-SQLR] 2.2.5 SVR_RESP:
 *   SVR_RESP  1 byte, MUST be 0x05
 *   RESP_SIZE 2 bytes, unsigned, length of RESP_DATA (little-endian, as on the wire)
 *   RESP_DATA MBCS string; max 1,024 bytes for a CLNT_UCAST_INST answer, 65,535 for *_EX.
 */
export function svrResp(respData: string): Buffer {
  const data = Buffer.from(respData, 'latin1');
  const head = Buffer.alloc(3);
  head.writeUInt8(SVR_RESP, 0);
  head.writeUInt16LE(data.length, 1);
  return Buffer.concat([head, data]);
}

export function startBrowserResponder(
  instances: PeerInstance[],
  host: '127.0.0.1' = '127.0.0.1',
): Promise<BrowserResponder> {
  const requests: number[] = [];
  const socket = dgram.createSocket('udp4');

  socket.on('message', (msg, rinfo) => {
    const first = msg[0];
    if (first === undefined) return;
    requests.push(first);
    let answer: Buffer | undefined;
    if ((first === CLNT_BCAST_EX || first === CLNT_UCAST_EX) && msg.length === 1) {
      const all = instances.map(instanceResponseString).join('');
      if (all.length > 0 && all.length <= 65535) answer = svrResp(all);
    } else if (first === CLNT_UCAST_INST && msg.length >= 2) {
      // [MC-SQLR] 2.2.3: INSTANCENAME is null-terminated and at most 32 bytes (excluding 0x00).
      const nul = msg.indexOf(0x00, 1);
      const raw = msg.subarray(1, nul === -1 ? msg.length : nul);
      if (raw.length > 0 && raw.length <= 32) {
        const wanted = raw.toString('latin1').toUpperCase();
        const hit = instances.find((i) => i.instanceName.toUpperCase() === wanted);
        if (hit !== undefined) {
          const data = instanceResponseString(hit);
          if (data.length <= 1024) answer = svrResp(data);
        }
        // Not available -> no answer ([MC-SQLR] 3.2.5, see file comment).
      }
    }
    if (answer !== undefined) socket.send(answer, rinfo.port, rinfo.address);
  });

  return new Promise<BrowserResponder>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve({
        port: socket.address().port,
        requests,
        close: () =>
          new Promise<void>((done) => {
            try {
              socket.close(() => done());
            } catch {
              done();
            }
          }),
      });
    });
  });
}
