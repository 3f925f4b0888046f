// Frame bytes → addresses, ports, TCP flags and payload: link layers, IPv4, IPv6, TCP and UDP headers.
import type { TcpFlags } from './capture-event.js';

export interface DecodedPacket {
  transport: 'tcp' | 'udp';
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** TCP only. */
  flags?: TcpFlags;
  seq?: number;
  /** Transport payload, bounded by the IP length (Ethernet pads short frames) and by what was captured. */
  payload: Uint8Array;
}

/**
 * `packet` when the frame holds TCP or UDP over IP; otherwise `skip` names why, for a summary warning
 * ("link type 147 not supported", "IPv6 ESP"), or is '' for traffic that is simply not of interest (ARP).
 */
export type DecodeResult = { packet: DecodedPacket } | { skip: string };

// LINKTYPE_* values, tcpdump.org/linktypes.html.
const LINKTYPE_NULL = 0; // BSD loopback: 4-byte address family in the writer's byte order
const LINKTYPE_ETHERNET = 1;
const DLT_RAW_BSD = 12; // raw IP as most BSDs number DLT_RAW in files written by old libpcap
const DLT_RAW_OPENBSD = 14;
const LINKTYPE_RAW = 101;
const LINKTYPE_LOOP = 108; // OpenBSD loopback: address family in network byte order
const LINKTYPE_LINUX_SLL = 113;
const LINKTYPE_IPV4 = 228;
const LINKTYPE_IPV6 = 229;
const LINKTYPE_LINUX_SLL2 = 276;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = new Set([0x8100, 0x88a8, 0x9100]); // 802.1Q, 802.1ad and the pre-standard QinQ tag

// Address family values a NULL/LOOP header may carry for IPv6: BSDs disagree (NetBSD/OpenBSD 24,
// FreeBSD 28, macOS 30); IPv4 is 2 everywhere.
const AF_INET = 2;
const AF_INET6 = new Set([24, 28, 30]);

const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;

const skip = (why: string): DecodeResult => ({ skip: why });

export function decodeFrame(linkType: number, data: Uint8Array): DecodeResult {
  switch (linkType) {
    case LINKTYPE_ETHERNET:
      return decodeEthernet(data);
    case LINKTYPE_RAW:
    case DLT_RAW_BSD:
    case DLT_RAW_OPENBSD:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
      return decodeIp(data);
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP:
      return decodeLoopback(data);
    case LINKTYPE_LINUX_SLL:
      // 16-byte header; the protocol (an EtherType) is its last two bytes (tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html).
      return data.length < 16 ? skip('truncated') : decodeByEtherType(u16(data, 14), data.subarray(16));
    case LINKTYPE_LINUX_SLL2:
      // 20-byte header starting with the protocol type (tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html).
      return data.length < 20 ? skip('truncated') : decodeByEtherType(u16(data, 0), data.subarray(20));
    default:
      return skip(`link type ${linkType} is not supported`);
  }
}

function u16(data: Uint8Array, at: number): number {
  return ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
}

function u32(data: Uint8Array, at: number): number {
  return (((data[at] ?? 0) << 24) | ((data[at + 1] ?? 0) << 16) | ((data[at + 2] ?? 0) << 8) | (data[at + 3] ?? 0)) >>> 0;
}

/** IEEE 802.3: destination (6), source (6), EtherType (2), after any 802.1Q/802.1ad tags (4 bytes each). */
function decodeEthernet(data: Uint8Array): DecodeResult {
  let at = 12;
  while (at + 2 <= data.length && ETHERTYPE_VLAN.has(u16(data, at))) at += 4;
  if (at + 2 > data.length) return skip('truncated');
  return decodeByEtherType(u16(data, at), data.subarray(at + 2));
}

function decodeByEtherType(etherType: number, data: Uint8Array): DecodeResult {
  if (etherType === ETHERTYPE_IPV4 || etherType === ETHERTYPE_IPV6) return decodeIp(data);
  return skip('');
}

function decodeLoopback(data: Uint8Array): DecodeResult {
  if (data.length < 4) return skip('truncated');
  const family = [u32(data, 0), new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true)];
  if (family.includes(AF_INET) || family.some((f) => AF_INET6.has(f))) return decodeIp(data.subarray(4));
  return skip('');
}

/** Raw IP: the version nibble says which header follows. */
export function decodeIp(data: Uint8Array): DecodeResult {
  const version = (data[0] ?? 0) >> 4;
  if (version === 4) return decodeIpv4(data);
  if (version === 6) return decodeIpv6(data);
  return skip(data.length === 0 ? 'truncated' : '');
}

/**
 * IPv4 header (RFC 791 section 3.1): IHL in 32-bit words, Total Length at 2, fragment offset in the
 * low 13 bits at 6, Protocol at 9, Source at 12, Destination at 16. Only first fragments carry the
 * TCP/UDP header.
 */
function decodeIpv4(data: Uint8Array): DecodeResult {
  const headerLength = ((data[0] ?? 0) & 0x0f) * 4;
  if (headerLength < 20 || data.length < headerLength) return skip('truncated');
  if ((u16(data, 6) & 0x1fff) !== 0) return skip('');
  // A zero Total Length is what captures of TCP segmentation offload show: trust the captured length.
  const total = u16(data, 2);
  const end = total >= headerLength ? Math.min(total, data.length) : data.length;
  const src = [...data.subarray(12, 16)].join('.');
  const dst = [...data.subarray(16, 20)].join('.');
  return decodeTransport(data[9] ?? 0, src, dst, data.subarray(headerLength, end));
}

// IPv6 extension headers that may sit between the fixed header and TCP/UDP (RFC 8200 section 4).
const IPV6_HOP_BY_HOP = 0;
const IPV6_ROUTING = 43;
const IPV6_FRAGMENT = 44;
const IPV6_ESP = 50;
const IPV6_AH = 51;
const IPV6_NO_NEXT = 59;
const IPV6_DESTINATION = 60;
const IPV6_OPTION_HEADERS = new Set([IPV6_HOP_BY_HOP, IPV6_ROUTING, IPV6_DESTINATION, 135, 139, 140]);

/**
 * IPv6 (RFC 8200 section 3): Payload Length at 4, Next Header at 6, Source 8–23, Destination 24–39,
 * then a chain of extension headers (section 4) walked by their Next Header and length fields.
 */
function decodeIpv6(data: Uint8Array): DecodeResult {
  if (data.length < 40) return skip('truncated');
  const end = Math.min(40 + u16(data, 4), data.length);
  const src = formatIpv6(data.subarray(8, 24));
  const dst = formatIpv6(data.subarray(24, 40));
  let next = data[6] ?? IPV6_NO_NEXT;
  let at = 40;
  for (let hops = 0; hops < 16; hops += 1) {
    if (IPV6_OPTION_HEADERS.has(next)) {
      // Hdr Ext Len counts 8-octet units after the first 8 (section 4.3).
      if (at + 2 > end) return skip('truncated');
      const length = ((data[at + 1] ?? 0) + 1) * 8;
      next = data[at] ?? IPV6_NO_NEXT;
      at += length;
    } else if (next === IPV6_FRAGMENT) {
      // Fragment header (section 4.5) is 8 bytes; only the fragment at offset 0 holds the TCP/UDP header.
      if (at + 8 > end) return skip('truncated');
      if ((u16(data, at + 2) & 0xfff8) !== 0) return skip('');
      next = data[at] ?? IPV6_NO_NEXT;
      at += 8;
    } else if (next === IPV6_AH) {
      // Authentication Header (RFC 4302 section 2.2): Payload Len counts 32-bit words minus 2.
      if (at + 2 > end) return skip('truncated');
      const length = ((data[at + 1] ?? 0) + 2) * 4;
      next = data[at] ?? IPV6_NO_NEXT;
      at += length;
    } else if (next === IPV6_ESP) {
      return skip('IPv6 ESP-encrypted packets cannot be read');
    } else {
      break;
    }
  }
  if (at > end) return skip('truncated');
  return decodeTransport(next, src, dst, data.subarray(at, end));
}

function decodeTransport(protocol: number, src: string, dst: string, data: Uint8Array): DecodeResult {
  if (protocol === IPPROTO_TCP) return decodeTcp(src, dst, data);
  if (protocol === IPPROTO_UDP) return decodeUdp(src, dst, data);
  return skip('');
}

/**
 * TCP header (RFC 9293 section 3.1): ports at 0 and 2, Sequence Number at 4, Data Offset in the high
 * nibble of byte 12 (32-bit words), control bits in byte 13 (FIN 0x01, SYN 0x02, RST 0x04, ACK 0x10).
 */
function decodeTcp(src: string, dst: string, data: Uint8Array): DecodeResult {
  if (data.length < 14) return skip('truncated');
  const bits = data[13] ?? 0;
  const flags: TcpFlags = { fin: (bits & 0x01) !== 0, syn: (bits & 0x02) !== 0, rst: (bits & 0x04) !== 0, ack: (bits & 0x10) !== 0 };
  const offset = ((data[12] ?? 0) >> 4) * 4;
  const payload = offset >= 20 && offset <= data.length ? data.subarray(offset) : data.subarray(data.length);
  return { packet: { transport: 'tcp', src, dst, srcPort: u16(data, 0), dstPort: u16(data, 2), flags, seq: u32(data, 4), payload } };
}

/** UDP header (RFC 768): source port, destination port, length (header included), checksum. */
function decodeUdp(src: string, dst: string, data: Uint8Array): DecodeResult {
  if (data.length < 8) return skip('truncated');
  const length = u16(data, 4);
  const end = length >= 8 ? Math.min(length, data.length) : data.length;
  return { packet: { transport: 'udp', src, dst, srcPort: u16(data, 0), dstPort: u16(data, 2), payload: data.subarray(8, end) } };
}

/** RFC 5952 text form: lower-case hex, leading zeros dropped, the longest run (≥ 2) of zero groups as "::". */
export function formatIpv6(bytes: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) => u16(bytes, i * 2));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.length < 2) return hex.join(':');
  const head = hex.slice(0, best.start).join(':');
  const tail = hex.slice(best.start + best.length).join(':');
  return `${head}::${tail}`;
}
