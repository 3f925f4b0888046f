// Packet captures → connection-attempt facts: how each SYN was answered, TDS seen, SQL Browser answered.
import type { Facts } from '../schemas/facts.js';
import { endpoint, flagNames, ssrpDirection, type PacketEvent } from './capture-event.js';
import { isTdsPacket, ssrpMessageKind } from './capture-payload.js';
import { readCaptureText } from './capture-text.js';
import { decodeFrame } from './packet-decode.js';
import { readCaptureFile, sniffCaptureFormat } from './pcap.js';
import { neverThrowing, type EvidenceResult } from './types.js';

export type Conversation = NonNullable<Facts['capture.conversations']>[number];

/** Past this many attempts the capture is a scan or a load test; the first ones tell the story. */
export const MAX_CONVERSATIONS = 1000;

interface Attempt {
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  seq?: number;
  answer: Conversation['answer'];
  tds?: boolean;
  synRef: string;
  answerRef?: string;
}

export interface CaptureAnalysis {
  conversations: Conversation[];
  ssrp?: 'answered' | 'unanswered';
  /** The packets that show it, for evidence quotes. */
  conversationSource?: string;
  ssrpSource?: string;
  truncated: boolean;
}

/** The four-tuple of a connection, client side first. */
const tupleKey = (client: string, clientPort: number | undefined, server: string, serverPort: number | undefined) =>
  `${client}|${clientPort}|${server}|${serverPort}`;

/** The connection a packet belongs to, either way round; a port the export did not show matches any. */
function belongsTo(attempt: Attempt, event: PacketEvent): boolean {
  const fits = (port: number | undefined, expected: number) => port === undefined || port === expected;
  return (
    (attempt.client === event.src && attempt.server === event.dst && fits(event.srcPort, attempt.clientPort) && fits(event.dstPort, attempt.serverPort)) ||
    (attempt.server === event.src && attempt.client === event.dst && fits(event.srcPort, attempt.serverPort) && fits(event.dstPort, attempt.clientPort))
  );
}

function findLast(attempts: readonly Attempt[], test: (attempt: Attempt) => boolean): Attempt | undefined {
  for (let i = attempts.length - 1; i >= 0; i -= 1) {
    const attempt = attempts[i];
    if (attempt && test(attempt)) return attempt;
  }
  return undefined;
}

/** The latest attempt a packet belongs to: by its four-tuple when it shows both ports, else by search. */
function attemptOf(event: PacketEvent, byTuple: ReadonlyMap<string, Attempt>, attempts: readonly Attempt[]): Attempt | undefined {
  if (event.srcPort === undefined || event.dstPort === undefined) return findLast(attempts, (a) => belongsTo(a, event));
  return (
    byTuple.get(tupleKey(event.src, event.srcPort, event.dst, event.dstPort)) ??
    byTuple.get(tupleKey(event.dst, event.dstPort, event.src, event.srcPort))
  );
}

/**
 * One attempt per SYN from a client port; a SYN repeated on the same four-tuple with the same (or an
 * unshown) sequence number is a retransmission of it — Windows re-sends the SYN after a RST, which is
 * why the seed's frames 88 and 100 are one attempt. The answer is the server's first reply to it:
 * SYN/ACK, or RST (with or without ACK); nothing back means 'none'.
 */
export function analyseConversations(events: readonly PacketEvent[]): CaptureAnalysis {
  const attempts: Attempt[] = [];
  const byTuple = new Map<string, Attempt>();
  let truncated = false;
  let ssrpRequest: PacketEvent | undefined;
  let ssrpResponse: PacketEvent | undefined;

  for (const event of events) {
    if (event.transport === 'udp') {
      if (event.ssrp === 'request') ssrpRequest ??= event;
      if (event.ssrp === 'response') ssrpResponse ??= event;
      continue;
    }
    const { flags } = event;
    if (flags?.syn && !flags.ack && event.srcPort !== undefined && event.dstPort !== undefined) {
      const key = tupleKey(event.src, event.srcPort, event.dst, event.dstPort);
      const same = byTuple.get(key);
      const isNew = !same || (same.seq !== undefined && event.seq !== undefined && same.seq !== event.seq);
      if (isNew && attempts.length >= MAX_CONVERSATIONS) truncated = true;
      else if (isNew) {
        const attempt: Attempt = {
          client: event.src,
          clientPort: event.srcPort,
          server: event.dst,
          serverPort: event.dstPort,
          answer: 'none',
          synRef: event.ref,
        };
        if (event.seq !== undefined) attempt.seq = event.seq;
        attempts.push(attempt);
        byTuple.set(key, attempt);
      }
    } else if (flags && (flags.rst || (flags.syn && flags.ack))) {
      // Only the server's side answers a SYN: the reply's source is the attempt's server.
      const attempt = byTuple.get(tupleKey(event.dst, event.dstPort, event.src, event.srcPort));
      if (attempt && attempt.answer === 'none') {
        attempt.answer = flags.rst ? 'rst' : 'syn-ack';
        attempt.answerRef = event.ref;
      }
    }
    if (event.tds !== undefined) {
      const attempt = attemptOf(event, byTuple, attempts);
      if (attempt && attempt.tds !== true) attempt.tds = event.tds;
    }
  }

  const analysis: CaptureAnalysis = { conversations: attempts.map(toConversation), truncated };
  // The quote a person would point at: a refusal first, then a SYN nobody answered, then a handshake.
  const shown = attempts.find((a) => a.answer === 'rst') ?? attempts.find((a) => a.answer === 'none') ?? attempts[0];
  if (shown) analysis.conversationSource = shown.answerRef ?? shown.synRef;
  if (ssrpRequest || ssrpResponse) {
    analysis.ssrp = ssrpResponse ? 'answered' : 'unanswered';
    analysis.ssrpSource = (ssrpResponse ?? ssrpRequest)?.ref;
  }
  return analysis;
}

function toConversation(attempt: Attempt): Conversation {
  const conversation: Conversation = {
    client: attempt.client,
    server: attempt.server,
    serverPort: attempt.serverPort,
    answer: attempt.answer,
  };
  if (attempt.tds !== undefined) conversation.tds = attempt.tds;
  return conversation;
}

function resultOf(events: readonly PacketEvent[], warnings: string[]): EvidenceResult {
  const analysis = analyseConversations(events);
  const facts: Facts = {};
  const sources: EvidenceResult['sources'] = {};
  if (analysis.conversations.length > 0) {
    facts['capture.conversations'] = analysis.conversations;
    if (analysis.conversationSource) sources['capture.conversations'] = analysis.conversationSource;
  } else if (events.some((e) => e.transport === 'tcp')) {
    warnings.push('the capture shows no TCP connection attempt (no SYN from a client): capture while the client connects');
  }
  if (analysis.ssrp) {
    facts['capture.ssrp'] = analysis.ssrp;
    if (analysis.ssrpSource) sources['capture.ssrp'] = analysis.ssrpSource;
  }
  if (analysis.truncated) warnings.push(`only the first ${MAX_CONVERSATIONS} connection attempts were kept`);
  return { facts, sources, warnings };
}

// ---------------------------------------------------------------- binary captures

/** "packet 88: SYN 10.0.0.78:50313 → 10.0.0.187:1234", the line a text export would have shown. */
function describePacket(number: number, event: Omit<PacketEvent, 'ref'>): string {
  const what = event.flags ? flagNames(event.flags) : event.ssrp ? `SSRP ${event.ssrp}` : event.transport.toUpperCase();
  const tds = event.tds ? ' (TDS)' : '';
  return `packet ${number}: ${what}${tds} ${endpoint(event.src, event.srcPort)} → ${endpoint(event.dst, event.dstPort)}`;
}

/** Reads a pcap or pcapng file. Never throws: damage yields what was read and a warning. */
export function parseCaptureBytes(bytes: Uint8Array): EvidenceResult {
  const file = readCaptureFile(bytes);
  const warnings = [...file.warnings];
  const events: PacketEvent[] = [];
  const skipped = new Map<string, number>();
  for (const frame of file.frames) {
    const result = decodeFrame(frame.linkType, frame.data);
    if ('skip' in result) {
      if (result.skip) skipped.set(result.skip, (skipped.get(result.skip) ?? 0) + 1);
      continue;
    }
    const { packet } = result;
    const event: Omit<PacketEvent, 'ref'> = {
      transport: packet.transport,
      src: packet.src,
      dst: packet.dst,
      srcPort: packet.srcPort,
      dstPort: packet.dstPort,
    };
    if (packet.flags) event.flags = packet.flags;
    if (packet.seq !== undefined) event.seq = packet.seq;
    if (packet.transport === 'tcp' && packet.payload.length > 0) event.tds = isTdsPacket(packet.payload);
    if (packet.transport === 'udp') {
      const ssrp = ssrpDirection(packet.srcPort, packet.dstPort);
      if (ssrp) event.ssrp = ssrpMessageKind(packet.payload) ?? ssrp;
    }
    events.push({ ...event, ref: describePacket(frame.number, event) });
  }
  for (const [why, count] of skipped) warnings.push(`${count} packet${count === 1 ? '' : 's'} skipped: ${why}`);
  if (file.frames.length === 0 && warnings.length === 0) warnings.push(`the ${file.format} file holds no packets`);
  return resultOf(events, warnings);
}

// ---------------------------------------------------------------- text

const NOT_BASE64 = /[^A-Za-z0-9+/_=\s-]/;

/** Base64 of a pcap/pcapng file, as a person pastes a binary file into a text box. */
function base64Capture(text: string): Uint8Array | undefined {
  // Most texts are no base64: one character outside its alphabet says so without copying the text.
  if (NOT_BASE64.test(text)) return undefined;
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return undefined;
  const head = Buffer.from(compact.slice(0, 16), 'base64');
  if (!sniffCaptureFormat(head)) return undefined;
  return Buffer.from(compact, 'base64');
}

/** detect() reads only the start of a paste (its detection sample, src/evidence/types.ts). */
const DETECT_LINES = 300;

/** tcpdump's and tshark's own banner lines. */
const CAPTURE_BANNER = /^(?:tcpdump: (?:listening|verbose output)|listening on \S+, link-type|reading from file .*, link-type|Capturing on ')/m;

function detectCapture(text: string): number {
  if (base64Capture(text.slice(0, 4096)) !== undefined) return 0.95;
  const { lines } = readCaptureText(text, DETECT_LINES);
  const recognised = lines.netmon + lines.tcpdump + lines.tshark;
  const banner = CAPTURE_BANNER.test(text) ? 0.3 : 0;
  if (recognised === 0) return banner;
  return Math.min(0.95, (recognised >= 3 ? 0.85 : recognised === 2 ? 0.75 : 0.6) + banner);
}

function parseCapture(text: string): EvidenceResult {
  const bytes = base64Capture(text);
  if (bytes) return parseCaptureBytes(bytes);
  const { events } = readCaptureText(text);
  if (events.length === 0) {
    return {
      facts: {},
      warnings: ['no packets recognised: paste Network Monitor rows, `tcpdump -nn` lines, tshark rows or a base64 pcap/pcapng'],
    };
  }
  return resultOf(events, []);
}

export const capture = neverThrowing('capture', detectCapture, parseCapture, 'the capture could not be read');
