// Capture file containers → frames: classic pcap and pcapng, either byte order. Protocols are decoded elsewhere.

export interface Frame {
  /** 1-based, as tcpdump --number and Wireshark count. */
  number: number;
  /** LINKTYPE_* value of the interface the frame was captured on (tcpdump.org/linktypes.html). */
  linkType: number;
  /** The captured bytes (a view into the file, possibly shorter than the packet was on the wire). */
  data: Uint8Array;
}

export type CaptureFormat = 'pcap' | 'pcapng';

export interface CaptureFile {
  format: CaptureFormat;
  frames: Frame[];
  warnings: string[];
}

/** A bigger capture is read up to here: the answer to a SYN is near the SYN, not a million frames on. */
export const MAX_FRAMES = 500_000;

/** No link layer allows a frame this big; a larger length field means the file is damaged. */
const MAX_FRAME_LENGTH = 1 << 20;

// Classic pcap, draft-ietf-opsawg-pcap section 4: magic 0xA1B2C3D4 (microsecond time stamps) or
// 0xA1B23C4D (nanosecond), written in the byte order of the machine that wrote the file.
const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
const PCAP_MAGIC_NANO = 0xa1b23c4d;
const PCAP_FILE_HEADER = 24;
const PCAP_RECORD_HEADER = 16;

// pcapng, draft-ietf-opsawg-pcapng section 4.1: the Section Header Block type reads the same in both
// byte orders; its Byte-Order Magic 0x1A2B3C4D tells which one the section uses.
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const PCAPNG_IDB = 0x00000001; // Interface Description Block, section 4.2
const PCAPNG_OBSOLETE_PB = 0x00000002; // Packet Block, appendix A (old writers still emit it)
const PCAPNG_SPB = 0x00000003; // Simple Packet Block, section 4.4
const PCAPNG_EPB = 0x00000006; // Enhanced Packet Block, section 4.3

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Which container the bytes hold, from the first four bytes; undefined when neither. */
export function sniffCaptureFormat(bytes: Uint8Array): CaptureFormat | undefined {
  if (bytes.length < 4) return undefined;
  const view = viewOf(bytes);
  const big = view.getUint32(0, false);
  const little = view.getUint32(0, true);
  if ([big, little].some((m) => m === PCAP_MAGIC_MICRO || m === PCAP_MAGIC_NANO)) return 'pcap';
  if (big === PCAPNG_SHB) return 'pcapng';
  return undefined;
}

/** Reads every frame it can; damage ends the reading with a warning, never an exception. */
export function readCaptureFile(bytes: Uint8Array): CaptureFile {
  const format = sniffCaptureFormat(bytes);
  if (format === 'pcap') return readPcap(bytes);
  if (format === 'pcapng') return readPcapng(bytes);
  return { format: 'pcap', frames: [], warnings: ['not a pcap or pcapng file (unknown magic number)'] };
}

/**
 * Classic pcap: a 24-byte file header (magic, version, reserved, SnapLen, LinkType) then records of a
 * 16-byte header (seconds, sub-seconds, captured length, original length) and the captured bytes.
 */
function readPcap(bytes: Uint8Array): CaptureFile {
  const warnings: string[] = [];
  const frames: Frame[] = [];
  if (bytes.length < PCAP_FILE_HEADER) {
    return { format: 'pcap', frames, warnings: ['pcap file header is truncated: no packets read'] };
  }
  const view = viewOf(bytes);
  const little = [PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO].includes(view.getUint32(0, true));
  // The upper 16 bits of this field carry FCS information (section 4, "LinkType and additional information").
  const linkType = view.getUint32(20, little) & 0xffff;

  let offset = PCAP_FILE_HEADER;
  while (offset < bytes.length) {
    if (frames.length >= MAX_FRAMES) {
      warnings.push(`only the first ${MAX_FRAMES} packets were read`);
      break;
    }
    const number = frames.length + 1;
    if (offset + PCAP_RECORD_HEADER > bytes.length) {
      warnings.push(`pcap file is truncated in the header of packet ${number}`);
      break;
    }
    const captured = view.getUint32(offset + 8, little);
    if (captured > MAX_FRAME_LENGTH) {
      warnings.push(`pcap record ${number} claims ${captured} bytes: the file is damaged from there on`);
      break;
    }
    const start = offset + PCAP_RECORD_HEADER;
    const end = start + captured;
    frames.push({ number, linkType, data: bytes.subarray(start, Math.min(end, bytes.length)) });
    if (end > bytes.length) {
      warnings.push(`pcap file is truncated inside packet ${number}`);
      break;
    }
    offset = end;
  }
  return { format: 'pcap', frames, warnings };
}

interface PcapngInterface {
  linkType: number;
  snapLength: number;
}

/**
 * pcapng: a sequence of blocks (type, total length, body, total length again), grouped into sections
 * that each start with a Section Header Block and may use either byte order. Interfaces are numbered
 * per section in the order of their Interface Description Blocks.
 */
function readPcapng(bytes: Uint8Array): CaptureFile {
  const warnings: string[] = [];
  const frames: Frame[] = [];
  const view = viewOf(bytes);
  let little = true;
  let interfaces: PcapngInterface[] = [];
  const unknownInterfaces = new Set<number>();
  // Wireshark numbers every packet block, also those it cannot show: frame numbers here match its.
  let packets = 0;

  let offset = 0;
  while (offset < bytes.length) {
    if (frames.length >= MAX_FRAMES) {
      warnings.push(`only the first ${MAX_FRAMES} packets were read`);
      break;
    }
    if (offset + 12 > bytes.length) {
      warnings.push(`pcapng file is truncated at byte ${offset}`);
      break;
    }
    const type = view.getUint32(offset, little);
    if (type === PCAPNG_SHB) {
      const magic = view.getUint32(offset + 8, true);
      if (magic === PCAPNG_BYTE_ORDER_MAGIC) little = true;
      else if (view.getUint32(offset + 8, false) === PCAPNG_BYTE_ORDER_MAGIC) little = false;
      else {
        warnings.push(`pcapng section header at byte ${offset} has no valid byte-order magic: reading stopped`);
        break;
      }
      interfaces = [];
    }
    const length = view.getUint32(offset + 4, little);
    if (length < 12 || length % 4 !== 0) {
      warnings.push(`pcapng block at byte ${offset} has an invalid length (${length}): reading stopped`);
      break;
    }
    const complete = offset + length <= bytes.length;
    const block = bytes.subarray(offset, Math.min(offset + length, bytes.length));
    const blockView = viewOf(block);
    const isPacket = type === PCAPNG_EPB || type === PCAPNG_OBSOLETE_PB || type === PCAPNG_SPB;
    if (isPacket) packets += 1;
    const number = packets;

    if (type === PCAPNG_IDB && block.length >= 16) {
      interfaces.push({ linkType: blockView.getUint16(8, little), snapLength: blockView.getUint32(12, little) });
    } else if (isPacket) {
      const packet = packetOfBlock(type, block, blockView, little, interfaces);
      if (packet === 'short') {
        if (complete) warnings.push(`pcapng packet block at byte ${offset} is too short to hold a packet`);
      } else if (typeof packet === 'number') {
        if (unknownInterfaces.size < 8) unknownInterfaces.add(packet);
      }
      else frames.push({ number, linkType: packet.linkType, data: packet.data });
    }
    if (!complete) {
      warnings.push(
        isPacket ? `pcapng file is truncated inside packet ${number}` : `pcapng file is truncated inside a block at byte ${offset}`,
      );
      break;
    }
    offset += length;
  }
  if (unknownInterfaces.size > 0) {
    warnings.push(`packets for undeclared pcapng interfaces (${[...unknownInterfaces].join(', ')}) were skipped`);
  }
  return { format: 'pcapng', frames, warnings };
}

/**
 * The captured bytes of a packet block: EPB (interface id at 8, captured length at 20, data at 28),
 * obsolete PB (16-bit interface id at 8, same layout otherwise) or SPB (original length at 8, data at
 * 12, captured length = min(original length, interface 0's SnapLen, what the block holds)).
 * Returns 'short' when even the fixed fields are cut off, or the unknown interface id.
 */
function packetOfBlock(
  type: number,
  block: Uint8Array,
  view: DataView,
  little: boolean,
  interfaces: readonly PcapngInterface[],
): { linkType: number; data: Uint8Array } | 'short' | number {
  const trailer = 4;
  if (type === PCAPNG_SPB) {
    if (block.length < 12) return 'short';
    const iface = interfaces[0];
    if (!iface) return 0;
    const original = view.getUint32(8, little);
    const room = Math.max(0, view.getUint32(4, little) - 12 - trailer);
    const captured = Math.min(original, room, iface.snapLength > 0 ? iface.snapLength : original);
    return { linkType: iface.linkType, data: block.subarray(12, Math.min(12 + captured, block.length)) };
  }
  if (block.length < 28) return 'short';
  const id = type === PCAPNG_EPB ? view.getUint32(8, little) : view.getUint16(8, little);
  const iface = interfaces[id];
  if (!iface) return id;
  const room = Math.max(0, view.getUint32(4, little) - 28 - trailer);
  const captured = Math.min(view.getUint32(20, little), room);
  return { linkType: iface.linkType, data: block.subarray(28, Math.min(28 + captured, block.length)) };
}
