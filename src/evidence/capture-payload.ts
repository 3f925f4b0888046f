// Recognises SQL Server protocols in a captured payload: a TDS packet header on TCP, an SSRP message on UDP.
import { hasDefinedStatus, TDS_HEADER_LENGTH } from '../protocol/tds-header.js';

/**
 * TDS packet types a client or server sends while connecting and after ([MS-TDS] 2.2.3.1.1):
 * 0x12 PRELOGIN, 0x10 LOGIN7, 0x04 tabular result (every server reply), 0x11 SSPI, 0x01 SQL batch,
 * 0x03 RPC, 0x06 attention, 0x07 bulk load, 0x0E transaction manager request.
 */
const TDS_TYPES: ReadonlySet<number> = new Set([0x01, 0x03, 0x04, 0x06, 0x07, 0x0e, 0x10, 0x11, 0x12]);


/**
 * True when `payload` starts with a plausible TDS packet header ([MS-TDS] 2.2.3.1): Type (1 byte),
 * Status (1), Length (2, big-endian, header included, so at least 8), SPID (2), PacketID (1),
 * Window (1, "currently not used", always 0x00). The header alone decides: a segment may carry only
 * the start of a longer packet.
 */
export function isTdsPacket(payload: Uint8Array): boolean {
  if (payload.length < TDS_HEADER_LENGTH) return false;
  const [type = 0, status = 0, lengthHigh = 0, lengthLow = 0] = payload;
  const length = (lengthHigh << 8) | lengthLow;
  return TDS_TYPES.has(type) && hasDefinedStatus(status) && length >= TDS_HEADER_LENGTH && payload[7] === 0;
}

/**
 * SSRP message kinds ([MC-SQLR] 2.2): CLNT_BCAST_EX 0x02, CLNT_UCAST_EX 0x03, CLNT_UCAST_INST 0x04 and
 * CLNT_UCAST_DAC 0x0F are requests; SVR_RESP 0x05 (2.2.5) is the Browser's only answer.
 */
const SSRP_REQUESTS: ReadonlySet<number> = new Set([0x02, 0x03, 0x04, 0x0f]);
const SSRP_SVR_RESP = 0x05;

export function ssrpMessageKind(payload: Uint8Array): 'request' | 'response' | undefined {
  const first = payload[0];
  if (first === undefined) return undefined;
  if (first === SSRP_SVR_RESP) return 'response';
  return SSRP_REQUESTS.has(first) ? 'request' : undefined;
}
