// Text exports of a capture → packet events: Network Monitor rows, tcpdump lines (with -v, -x/-X) and tshark rows.
import { readInteger } from '../read-integer.js';
import { ssrpDirection, type PacketEvent, type TcpFlags } from './capture-event.js';
import { isTdsPacket, ssrpMessageKind } from './capture-payload.js';
import { decodeFrame, decodeIp, type DecodedPacket } from './packet-decode.js';

export type TextFormat = 'netmon' | 'tcpdump' | 'tshark';

export interface TextReading {
  events: PacketEvent[];
  /** How many lines each format recognised. */
  lines: Record<TextFormat, number>;
}

/** Pastes are read up to here; detect() looks at fewer. */
const MAX_LINES = 200_000;
const MAX_LINE_LENGTH = 4096;

// An address as exports print it: IPv4 (octets may be masked as x, xx, xxx or *), IPv6, or a host name.
const IPV4 = /^(?:\d{1,3}|[xX*]{1,3})(?:\.(?:\d{1,3}|[xX*]{1,3})){3}$/;
const IPV6 = /^[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%[\w.-]+)?$/;
const HOST = /^[A-Za-z][\w-]*(?:\.[\w-]+)*$/;

/** Column values that look like host names but name a protocol. */
const PROTOCOL_WORDS = new Set(['tcp', 'tds', 'udp', 'tls', 'ssl', 'smp', 'nlmp', 'sqlbrowser', 'ssrp', 'ipv4', 'ipv6', 'icmp', 'ip', 'ip6']);

function isAddress(token: string): boolean {
  if (IPV4.test(token) || IPV6.test(token)) return true;
  return HOST.test(token) && !PROTOCOL_WORDS.has(token.toLowerCase()) && /[A-Za-z]/.test(token);
}

/** Service names tcpdump prints for ports when run without -nn (from /etc/services). */
const SERVICE_PORTS: Readonly<Record<string, number>> = { 'ms-sql-s': 1433, 'ms-sql-m': 1434 };

function portOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return readInteger(text, 'port') ?? SERVICE_PORTS[text.toLowerCase()];
}

const noFlags = (): TcpFlags => ({ syn: false, ack: false, rst: false, fin: false });

// ---------------------------------------------------------------- Microsoft Network Monitor

/**
 * Where a Network Monitor description starts: "TCP:Flags=…", "TCP: [Bad CheckSum]Flags=…",
 * "TDS:Prelogin, …". Everything before it is columns (frame, time, source, ports, destination, protocol).
 */
const NETMON_DESCRIPTION = /\b(TCP|TDS)\s?:/i;
/** Eight positions, one letter per set bit: "CE.AP.S." in 3.4 order, ".S......" / "..R.A..." in 3.3 order. */
const NETMON_FLAGS = /Flags=([.A-Z]{8})(?![.A-Z])/;
const NETMON_BROWSER = /\b(?:SQLBrowser|SSRP)\b/i;

function netmonFlags(text: string): TcpFlags {
  return { syn: text.includes('S'), ack: text.includes('A'), rst: text.includes('R'), fin: text.includes('F') };
}

/** The Frame Details pane names the addresses on an "Ipv4: Src = …, Dest = …" line above the "Tcp:" line. */
const NETMON_IP_DETAIL = /\bIpv[46]:\s*Src = ([^\s,]+), Dest = ([^\s,]+)/i;

export interface NetmonContext {
  src: string;
  dst: string;
}

/** The addresses a Frame Details "Ipv4:" line gives to the protocol lines under it. */
export function readNetmonDetailAddresses(line: string): NetmonContext | undefined {
  const match = NETMON_IP_DETAIL.exec(line);
  return match?.[1] && match[2] ? { src: match[1], dst: match[2] } : undefined;
}

/** "SrcPort=1433" or, for ports Network Monitor knows by name, "DstPort=HTTP(80)". */
const NETMON_SRC_PORT = /SrcPort=(?:[^,()]{0,64}\()?(\d{1,5})\b/;
const NETMON_DST_PORT = /DstPort=(?:[^,()]{0,64}\()?(\d{1,5})\b/;

/**
 * Network Monitor rows, as copied from its Frame Summary pane (addresses in columns before the
 * description) or Frame Details pane (addresses from the "Ipv4:" line above, in `context`).
 */
export function readNetmonLine(rawLine: string, context?: NetmonContext): PacketEvent | undefined {
  // Blog engines turn "..." into an ellipsis character: "Flags=…A…F" is "Flags=...A...F".
  const line = rawLine.replace(/\u2026/g, '...');
  const description = NETMON_DESCRIPTION.exec(line);
  if (!description) return NETMON_BROWSER.test(line) ? readNetmonBrowserLine(line) : undefined;
  const columns = line.slice(0, description.index).split(/[\s,]+/).filter(isAddress);
  const [src, dst] = columns.length >= 2 ? columns : [context?.src, context?.dst];
  if (src === undefined || dst === undefined) return undefined;
  const isTds = description[1]?.toUpperCase() === 'TDS';
  const flagText = NETMON_FLAGS.exec(line)?.[1];
  if (!isTds && flagText === undefined) return undefined;
  const event: PacketEvent = { ref: rawLine.trim(), transport: 'tcp', src, dst };
  const srcPort = portOf(NETMON_SRC_PORT.exec(line)?.[1]);
  const dstPort = portOf(NETMON_DST_PORT.exec(line)?.[1]);
  const seq = /\bSeq=(\d+)/.exec(line)?.[1];
  if (srcPort !== undefined) event.srcPort = srcPort;
  if (dstPort !== undefined) event.dstPort = dstPort;
  if (flagText !== undefined) event.flags = netmonFlags(flagText);
  const sequence = readInteger(seq, 'tcpSequence');
  if (sequence !== undefined) event.seq = sequence;
  if (isTds) event.tds = true;
  return event;
}

/** "1  10.0.0.121  50397, 50397  10.0.0.187  1434, 1434  SQLBrowser  SQLBrowser": each address then its port. */
function readNetmonBrowserLine(line: string): PacketEvent | undefined {
  const tokens = line.trim().split(/\s+/);
  const endpoints: Array<{ address: string; port?: number }> = [];
  tokens.forEach((token, i) => {
    if (!isAddress(token)) return;
    const port = portOf(tokens[i + 1]?.replace(/,$/, ''));
    endpoints.push(port === undefined ? { address: token } : { address: token, port });
  });
  const [from, to] = endpoints;
  if (!from || !to) return undefined;
  const ssrp = ssrpDirection(from.port, to.port);
  if (!ssrp) return undefined;
  const event: PacketEvent = { ref: line.trim(), transport: 'udp', src: from.address, dst: to.address, ssrp };
  if (from.port !== undefined) event.srcPort = from.port;
  if (to.port !== undefined) event.dstPort = to.port;
  return event;
}

// ---------------------------------------------------------------- tcpdump

/**
 * "[time] IP src.port > dst.port: rest" — the port is whatever follows the last dot, so IPv6
 * ("::1.50313") and host names ("db01.corp.local.ms-sql-s") split the same way. The -v form puts this
 * on its own indented line after an "IP (tos …)" line; -e puts link-layer text before it. Read with
 * string searches, not one pattern: a pattern over "a.b.c…" noise backtracks quadratically.
 */
interface TcpdumpHead {
  src: string;
  srcPort: string;
  dst: string;
  dstPort: string;
  /** What follows "dst.port:" — "Flags [S], seq …", "UDP, length 12", … */
  rest: string;
}

function tcpdumpHead(line: string): TcpdumpHead | undefined {
  const arrow = line.indexOf(' > ');
  if (arrow < 0) return undefined;
  const left = line.slice(Math.max(line.lastIndexOf(' ', arrow - 1), line.lastIndexOf('\t', arrow - 1)) + 1, arrow);
  const afterArrow = line.slice(arrow + 3);
  const space = afterArrow.search(/\s/);
  const right = space < 0 ? afterArrow : afterArrow.slice(0, space);
  if (!right.endsWith(':')) return undefined;
  const split = (token: string) => {
    const dot = token.lastIndexOf('.');
    return dot > 0 ? [token.slice(0, dot), token.slice(dot + 1)] : undefined;
  };
  const from = split(left);
  const to = split(right.slice(0, -1));
  if (!from?.[0] || !from[1] || !to?.[0] || !to[1]) return undefined;
  return { src: from[0], srcPort: from[1], dst: to[0], dstPort: to[1], rest: space < 0 ? '' : afterArrow.slice(space).trim() };
}

const TCPDUMP_FLAGS = /\bFlags \[([^\][]{0,32})\]/;
/**
 * "0x0010:  7f00 0001 c479 04d2 …  ..." from -x/-X (from the IP header) or -xx/-XX (from the link layer). The bytes
 * start at the first non-space, so the spaces before them are read once.
 */
const TCPDUMP_HEX = /^\s+0x[0-9a-f]{4}:\s+(\S.*|)$/i;

/** tcpdump's flag letters (print-tcp.c): S SYN, F FIN, R RST, P PSH, U URG, E ECE, W CWR, "." ACK. */
function tcpdumpFlags(text: string): TcpFlags {
  if (text === 'none') return noFlags();
  return { syn: text.includes('S'), ack: text.includes('.'), rst: text.includes('R'), fin: text.includes('F') };
}

export function readTcpdumpLine(line: string): PacketEvent | undefined {
  const parts = tcpdumpHead(line);
  if (!parts) return undefined;
  const { src, dst, rest } = parts;
  const srcPort = portOf(parts.srcPort);
  const dstPort = portOf(parts.dstPort);
  if (!isAddress(src) || !isAddress(dst) || srcPort === undefined || dstPort === undefined) return undefined;
  const flags = TCPDUMP_FLAGS.exec(rest)?.[1];
  const ref = line.trim();
  if (flags !== undefined) {
    const event: PacketEvent = { ref, transport: 'tcp', src, dst, srcPort, dstPort, flags: tcpdumpFlags(flags) };
    const seq = /\bseq (\d+)/.exec(rest)?.[1];
    const sequence = readInteger(seq, 'tcpSequence');
    if (sequence !== undefined) event.seq = sequence;
    return event;
  }
  const ssrp = ssrpDirection(srcPort, dstPort);
  if (/^UDP\b/.test(rest) || ssrp) {
    const event: PacketEvent = { ref, transport: 'udp', src, dst, srcPort, dstPort };
    if (ssrp) event.ssrp = ssrp;
    return event;
  }
  return undefined;
}

function hexBytes(line: string): number[] | undefined {
  const match = TCPDUMP_HEX.exec(line);
  if (!match) return undefined;
  // Groups of 2–4 hex digits one space apart; the ASCII column of -X starts after two spaces.
  const groups = (match[1] ?? '').split(/\s{2,}/)[0]?.split(' ') ?? [];
  const bytes: number[] = [];
  for (const group of groups) {
    if (!/^(?:[0-9a-f]{2}){1,2}$/i.test(group)) break;
    for (let i = 0; i < group.length; i += 2) bytes.push(parseInt(group.slice(i, i + 2), 16));
  }
  return bytes;
}

/** Link types a hex dump may start with: -x prints from the IP header, -xx from Ethernet or Linux cooked headers. */
const HEX_DUMP_LINK_TYPES = [1, 113, 276];

/** Decodes a packet's hex dump and keeps it only if it is the packet its header line describes. */
function decodeHexDump(bytes: Uint8Array, event: PacketEvent): DecodedPacket | undefined {
  const attempts = [decodeIp(bytes), ...HEX_DUMP_LINK_TYPES.map((type) => decodeFrame(type, bytes))];
  for (const result of attempts) {
    if ('packet' in result && result.packet.srcPort === event.srcPort && result.packet.dstPort === event.dstPort) {
      return result.packet;
    }
  }
  return undefined;
}

/** What a hex dump adds to its header line: whether the payload is TDS or an SSRP message. */
function withPayload(event: PacketEvent, bytes: number[]): PacketEvent {
  const packet = decodeHexDump(Uint8Array.from(bytes), event);
  if (!packet || packet.payload.length === 0) return event;
  if (event.transport === 'tcp') return { ...event, tds: isTdsPacket(packet.payload) };
  const kind = ssrpMessageKind(packet.payload);
  return event.ssrp && kind ? { ...event, ssrp: kind } : event;
}

// ---------------------------------------------------------------- tshark / Wireshark

/**
 * tshark's default one-line summary: "No. Time Source → Destination Protocol Length Info" (older
 * versions print "->"; a Wireshark packet-list copy has no arrow and may lack the Length column).
 */
const TSHARK = /^\s*(\d+)\s+(\d+(?:\.\d+)?)\s+(\S+)\s+(?:(?:→|->)\s+)?(\S+)\s+([A-Za-z][\w./-]*)\s+(\S.*|)$/;
const TSHARK_PORTS = /(?:^|\s)(\d{1,5})\s*(?:→|->|>)\s*(\d{1,5})(?=\s|$)/;
const TSHARK_FLAGS = /\[((?:SYN|ACK|RST|FIN|PSH|URG|ECE|CWR|AE|NS)(?:,\s*(?:SYN|ACK|RST|FIN|PSH|URG|ECE|CWR|AE|NS))*)\]/;

export function readTsharkLine(line: string): PacketEvent | undefined {
  const match = TSHARK.exec(line);
  if (!match) return undefined;
  const [, , , src = '', dst = '', protocolText = '', rest = ''] = match;
  if (!isAddress(src) || !isAddress(dst)) return undefined;
  const protocol = protocolText.toUpperCase();
  const ports = TSHARK_PORTS.exec(rest);
  const srcPort = portOf(ports?.[1]);
  const dstPort = portOf(ports?.[2]);
  const ref = line.trim();
  const withPorts = (event: PacketEvent): PacketEvent => {
    if (srcPort !== undefined) event.srcPort = srcPort;
    if (dstPort !== undefined) event.dstPort = dstPort;
    return event;
  };
  if (protocol === 'TDS') return withPorts({ ref, transport: 'tcp', src, dst, tds: true });
  if (protocol === 'TCP') {
    const flags = TSHARK_FLAGS.exec(rest)?.[1];
    if (flags === undefined || srcPort === undefined || dstPort === undefined) return undefined;
    const names = flags.split(/,\s*/);
    const event = withPorts({
      ref,
      transport: 'tcp',
      src,
      dst,
      flags: { syn: names.includes('SYN'), ack: names.includes('ACK'), rst: names.includes('RST'), fin: names.includes('FIN') },
    });
    const seq = /\bSeq=(\d+)/.exec(rest)?.[1];
    const sequence = readInteger(seq, 'tcpSequence');
    if (sequence !== undefined) event.seq = sequence;
    return event;
  }
  const ssrp = ssrpDirection(srcPort, dstPort);
  if (protocol === 'UDP' || ssrp) {
    if (srcPort === undefined || dstPort === undefined) return undefined;
    return withPorts(ssrp ? { ref, transport: 'udp', src, dst, ssrp } : { ref, transport: 'udp', src, dst });
  }
  return undefined;
}

// ---------------------------------------------------------------- all formats

/** Reads every line any format recognises; hex dump lines attach to the tcpdump line above them. */
export function readCaptureText(text: string, maxLines = MAX_LINES): TextReading {
  const events: PacketEvent[] = [];
  const lines: Record<TextFormat, number> = { netmon: 0, tcpdump: 0, tshark: 0 };
  let hex: { event: PacketEvent; bytes: number[] } | undefined;
  let netmonContext: NetmonContext | undefined;
  const flushHex = () => {
    if (hex && hex.bytes.length > 0) events[events.length - 1] = withPayload(hex.event, hex.bytes);
    hex = undefined;
  };

  for (const rawLine of text.split(/\r?\n/, maxLines)) {
    const line = rawLine.length > MAX_LINE_LENGTH ? rawLine.slice(0, MAX_LINE_LENGTH) : rawLine;
    const bytes = hex ? hexBytes(line) : undefined;
    if (hex && bytes) {
      hex.bytes.push(...bytes);
      continue;
    }
    flushHex();
    netmonContext = readNetmonDetailAddresses(line) ?? netmonContext;
    const readers: Array<[TextFormat, () => PacketEvent | undefined]> = [
      ['netmon', () => readNetmonLine(line, netmonContext)],
      ['tcpdump', () => readTcpdumpLine(line)],
      ['tshark', () => readTsharkLine(line)],
    ];
    for (const [format, read] of readers) {
      const event = read();
      if (!event) continue;
      lines[format] += 1;
      events.push(event);
      if (format === 'tcpdump') hex = { event, bytes: [] };
      break;
    }
  }
  flushHex();
  return { events, lines };
}
