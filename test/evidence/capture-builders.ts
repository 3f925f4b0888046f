// Test helpers: re-wrap real captured frames in other containers (pcap/pcapng, either byte order) and link layers.

const LITTLE = true;

function u32(value: number, little: boolean): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0, little);
  return bytes;
}

function u16(value: number, little: boolean): Uint8Array {
  const bytes = new Uint8Array(2);
  new DataView(bytes.buffer).setUint16(0, value, little);
  return bytes;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export interface PcapOptions {
  little?: boolean;
  nano?: boolean;
  linkType?: number;
}

/** Classic pcap (draft-ietf-opsawg-pcap section 4): file header, then a 16-byte header per record. */
export function pcapFile(frames: readonly Uint8Array[], { little = LITTLE, nano = false, linkType = 1 }: PcapOptions = {}): Uint8Array {
  const header = concat([
    u32(nano ? 0xa1b23c4d : 0xa1b2c3d4, little),
    u16(2, little),
    u16(4, little),
    u32(0, little),
    u32(0, little),
    u32(262144, little),
    u32(linkType, little),
  ]);
  const records = frames.map((frame, i) =>
    concat([u32(1700000000 + i, little), u32(i, little), u32(frame.length, little), u32(frame.length, little), frame]),
  );
  return concat([header, ...records]);
}

function block(type: number, body: Uint8Array, little: boolean): Uint8Array {
  const padded = concat([body, new Uint8Array((4 - (body.length % 4)) % 4)]);
  const length = padded.length + 12;
  return concat([u32(type, little), u32(length, little), padded, u32(length, little)]);
}

export interface PcapngOptions {
  little?: boolean;
  linkType?: number;
  /** Enhanced (6), Simple (3) or the obsolete Packet Block (2). */
  packetBlock?: 'epb' | 'spb' | 'pb';
  snapLength?: number;
}

/** pcapng (draft-ietf-opsawg-pcapng): SHB, one IDB, then one packet block per frame. */
export function pcapngFile(
  frames: readonly Uint8Array[],
  { little = LITTLE, linkType = 1, packetBlock = 'epb', snapLength = 262144 }: PcapngOptions = {},
): Uint8Array {
  const shb = block(0x0a0d0d0a, concat([u32(0x1a2b3c4d, little), u16(1, little), u16(0, little), u32(0xffffffff, little), u32(0xffffffff, little)]), little);
  const idb = block(1, concat([u16(linkType, little), u16(0, little), u32(snapLength, little)]), little);
  const packets = frames.map((frame, i) => {
    if (packetBlock === 'spb') return block(3, concat([u32(frame.length, little), frame]), little);
    const id = packetBlock === 'epb' ? u32(0, little) : concat([u16(0, little), u16(0, little)]);
    return block(packetBlock === 'epb' ? 6 : 2, concat([id, u32(0, little), u32(i, little), u32(frame.length, little), u32(frame.length, little), frame]), little);
  });
  return concat([shb, idb, ...packets]);
}

/** The IP packet inside an Ethernet frame captured on Linux loopback (14-byte header, no tags). */
export function ipOf(ethernet: Uint8Array): Uint8Array {
  return ethernet.subarray(14);
}

function etherTypeOf(ip: Uint8Array): number {
  return (ip[0] ?? 0) >> 4 === 6 ? 0x86dd : 0x0800;
}

/** LINKTYPE_LINUX_SLL: packet type, ARPHRD_LOOPBACK, address length and address, protocol. */
export function sll(ip: Uint8Array): Uint8Array {
  return concat([u16(0, false), u16(772, false), u16(6, false), new Uint8Array(8), u16(etherTypeOf(ip), false), ip]);
}

/** LINKTYPE_LINUX_SLL2: protocol, reserved, interface index, ARPHRD, packet type, address length, address. */
export function sll2(ip: Uint8Array): Uint8Array {
  return concat([u16(etherTypeOf(ip), false), u16(0, false), u32(1, false), u16(772, false), new Uint8Array([0, 6]), new Uint8Array(8), ip]);
}

/** LINKTYPE_NULL (family in the writer's byte order) or LINKTYPE_LOOP (big-endian). */
export function loopback(ip: Uint8Array, little: boolean): Uint8Array {
  const family = (ip[0] ?? 0) >> 4 === 6 ? 30 : 2;
  return concat([u32(family, little), ip]);
}

/** An Ethernet frame with an 802.1Q tag inserted after the MAC addresses. */
export function vlanTagged(ethernet: Uint8Array): Uint8Array {
  return concat([ethernet.subarray(0, 12), u16(0x8100, false), u16(42, false), ethernet.subarray(12)]);
}

/**
 * An IPv6 packet with a Hop-by-Hop Options header (PadN filling 8 bytes) and an atomic Fragment
 * header (offset 0, M=0) inserted before its upper-layer header (RFC 8200 sections 4.3 and 4.5).
 */
export function withIpv6ExtensionHeaders(ip: Uint8Array): Uint8Array {
  const next = ip[6] ?? 59;
  const hopByHop = new Uint8Array([44, 0, 1, 4, 0, 0, 0, 0]);
  const fragment = new Uint8Array([next, 0, 0, 0, 0, 0, 0, 1]);
  const header = ip.slice(0, 40);
  const view = new DataView(header.buffer);
  view.setUint16(4, view.getUint16(4) + 16);
  header[6] = 0;
  return concat([header, hopByHop, fragment, ip.subarray(40)]);
}
