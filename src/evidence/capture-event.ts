// One captured packet reduced to what the conversation analysis needs, whichever export it came from.

/** The TCP control bits the analysis looks at (RFC 9293 section 3.1). */
export interface TcpFlags {
  syn: boolean;
  ack: boolean;
  rst: boolean;
  fin: boolean;
}

export interface PacketEvent {
  /** Where it came from: the text line as written, or "packet 88: SYN 10.0.0.78:50313 → 10.0.0.187:1234". */
  ref: string;
  transport: 'tcp' | 'udp';
  src: string;
  dst: string;
  /** Absent when the export cut it off (Network Monitor rows truncated at "DstPort=…", tshark TDS rows). */
  srcPort?: number;
  dstPort?: number;
  /** TCP only; absent when the export does not show them (tshark rows summarised as TDS). */
  flags?: TcpFlags;
  /** Sequence number as shown, to tell a retransmitted SYN from a new attempt on a reused port. */
  seq?: number;
  /**
   * TCP payload verdict: true when it holds a TDS packet header (or the exporter named it TDS), false
   * when payload bytes were seen and are not TDS, absent when nothing is known about the payload.
   */
  tds?: boolean;
  /** A SQL Server Resolution Protocol message on UDP 1434 ([MC-SQLR]). */
  ssrp?: 'request' | 'response';
}

export const SSRP_PORT = 1434;

/** "10.0.0.1:1433", "[::1]:1433", or the bare address when the port is unknown. */
export function endpoint(address: string, port: number | undefined): string {
  if (port === undefined) return address;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** "SYN", "SYN/ACK", "RST/ACK", "FIN/ACK", "ACK" — the names people use when reading a trace. */
export function flagNames(flags: TcpFlags): string {
  const names = [flags.syn && 'SYN', flags.rst && 'RST', flags.fin && 'FIN', flags.ack && 'ACK'].filter(Boolean);
  return names.length > 0 ? names.join('/') : 'no flags';
}

/** Which way a UDP datagram goes in an SSRP exchange: to the Browser's port, or back from it. */
export function ssrpDirection(srcPort: number | undefined, dstPort: number | undefined): PacketEvent['ssrp'] {
  if (dstPort === SSRP_PORT) return 'request';
  if (srcPort === SSRP_PORT) return 'response';
  return undefined;
}
