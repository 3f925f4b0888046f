// The capture parser: real text exports and files (SOURCES.yaml), every container and link layer, damage,
// random input, and live loopback captures recorded with tcpdump.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { capture, parseCaptureBytes } from '../../src/evidence/capture.js';
import { readCaptureText, readNetmonLine } from '../../src/evidence/capture-text.js';
import { formatIpv6 } from '../../src/evidence/packet-decode.js';
import { readCaptureFile } from '../../src/evidence/pcap.js';
import type { EvidenceResult } from '../../src/evidence/types.js';
import { FactsSchema } from '../../src/schemas/facts.js';
import { fixture } from '../helpers.js';
import { closedTcpPort } from '../probes/loopback-targets.js';
import {
  concat,
  ipOf,
  loopback,
  pcapFile,
  pcapngFile,
  sll,
  sll2,
  vlanTagged,
  withIpv6ExtensionHeaders,
} from './capture-builders.js';

const validateFacts = new Ajv({ strict: false }).compile(FactsSchema);
const factErrors = (result: EvidenceResult) => (validateFacts(result.facts) ? '' : JSON.stringify(validateFacts.errors));

const DIR = new URL('../fixtures/evidence/capture/', import.meta.url);
const bytesOf = (file: string) => new Uint8Array(readFileSync(new URL(file, DIR)));
const textOf = (file: string) => readFileSync(new URL(file, DIR), 'utf8');
const base64Of = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

interface Expected {
  conversations?: Array<{ client: string; server: string; serverPort: number; answer: string; tds?: boolean }>;
  ssrp?: string;
}
interface Fixture {
  file: string;
  source: string;
  expect: Expected;
}
const FIXTURES = parseYaml(textOf('SOURCES.yaml')) as Fixture[];
const isBinary = (file: string) => /\.pcap(ng)?$/.test(file);

function expectFacts(result: EvidenceResult, expected: Expected) {
  expect(factErrors(result)).toBe('');
  expect(result.facts['capture.conversations'] ?? []).toEqual(expected.conversations ?? []);
  expect(result.facts['capture.ssrp']).toBe(expected.ssrp);
}

describe.each(FIXTURES)('fixture $file', ({ file, expect: expected }) => {
  it('yields the conversations and SSRP outcome read off it by hand', () => {
    const result = isBinary(file) ? parseCaptureBytes(bytesOf(file)) : capture.parse(textOf(file));
    expectFacts(result, expected);
    expect(result.warnings).toEqual([]);
    if (expected.conversations?.length) expect(result.sources?.['capture.conversations']).toBeTruthy();
  });

  it('is detected as a capture', () => {
    const text = isBinary(file) ? base64Of(bytesOf(file)) : textOf(file);
    expect(capture.detect(text)).toBeGreaterThanOrEqual(0.75);
  });

  if (isBinary(file)) {
    it('reads the same from its base64 text, wrapped at 76 columns as base64(1) writes it', () => {
      const wrapped = base64Of(bytesOf(file)).replace(/.{76}/g, '$&\n');
      expectFacts(capture.parse(wrapped), expected);
    });
  }
});

describe('the seed scenario', () => {
  it('reads the Network Monitor rows as one SYN to 1234 answered by RST/ACK, quoting the RST row', () => {
    const result = capture.parse(textOf('netmon-seed-refused-1234.txt'));
    expect(result.facts['capture.conversations']).toEqual([
      { client: 'xxx.xxx.xx.78', server: 'xxx.xxx.xx.187', serverPort: 1234, answer: 'rst' },
    ]);
    expect(result.sources?.['capture.conversations']).toContain('Flags=..R.A...');
  });
});

// ---------------------------------------------------------------- binary containers and link layers

const LOOPBACK = readCaptureFile(bytesOf('loopback.pcap'));
const ETHERNET_FRAMES = LOOPBACK.frames.map((f) => f.data);
const LOOPBACK_EXPECTED = FIXTURES.find((f) => f.file === 'loopback.pcap')?.expect ?? {};

describe('pcap and pcapng containers', () => {
  it('reads the committed pcap as tcpdump does: 18 Ethernet frames', () => {
    expect(LOOPBACK.format).toBe('pcap');
    expect(LOOPBACK.frames).toHaveLength(18);
    expect(new Set(LOOPBACK.frames.map((f) => f.linkType))).toEqual(new Set([1]));
  });

  it.each([
    ['pcap little-endian µs', pcapFile(ETHERNET_FRAMES)],
    ['pcap big-endian µs', pcapFile(ETHERNET_FRAMES, { little: false })],
    ['pcap little-endian ns', pcapFile(ETHERNET_FRAMES, { nano: true })],
    ['pcap big-endian ns', pcapFile(ETHERNET_FRAMES, { little: false, nano: true })],
    ['pcapng little-endian EPB', pcapngFile(ETHERNET_FRAMES)],
    ['pcapng big-endian EPB', pcapngFile(ETHERNET_FRAMES, { little: false })],
    ['pcapng big-endian SPB', pcapngFile(ETHERNET_FRAMES, { little: false, packetBlock: 'spb' })],
    ['pcapng little-endian obsolete PB', pcapngFile(ETHERNET_FRAMES, { packetBlock: 'pb' })],
  ])('%s yields the same facts', (_name, bytes) => {
    expectFacts(parseCaptureBytes(bytes), LOOPBACK_EXPECTED);
  });

  it('reads two pcapng sections of different byte order as one capture', () => {
    const first = pcapngFile(ETHERNET_FRAMES.slice(0, 4), { little: false });
    const second = pcapngFile(ETHERNET_FRAMES.slice(4));
    expectFacts(parseCaptureBytes(concat([first, second])), LOOPBACK_EXPECTED);
  });

  it('skips packets of an interface no IDB declared, with a warning, and numbers frames as Wireshark does', () => {
    const bytes = pcapngFile(ETHERNET_FRAMES.slice(0, 2));
    // SHB (28 bytes) and IDB (20 bytes) come first; the first EPB's Interface ID is at its offset 8.
    new DataView(bytes.buffer).setUint32(28 + 20 + 8, 3, true);
    const file = readCaptureFile(bytes);
    expect(file.frames.map((f) => f.number)).toEqual([2]);
    expect(file.warnings.join(' ')).toContain('undeclared pcapng interfaces (3)');
  });

  it('caps Simple Packet Blocks at the interface snap length', () => {
    const result = readCaptureFile(pcapngFile(ETHERNET_FRAMES, { packetBlock: 'spb', snapLength: 54 }));
    expect(result.frames.every((f) => f.data.length <= 54)).toBe(true);
  });
});

describe('link layers', () => {
  const ip = ETHERNET_FRAMES.map(ipOf);
  it.each([
    ['LINKTYPE_RAW (101)', 101, ip],
    ['DLT_RAW as BSDs number it (12)', 12, ip],
    ['LINKTYPE_LINUX_SLL (113)', 113, ip.map(sll)],
    ['LINKTYPE_LINUX_SLL2 (276)', 276, ip.map(sll2)],
    ['LINKTYPE_NULL, little-endian family', 0, ip.map((p) => loopback(p, true))],
    ['LINKTYPE_NULL, big-endian family', 0, ip.map((p) => loopback(p, false))],
    ['LINKTYPE_LOOP (108)', 108, ip.map((p) => loopback(p, false))],
    ['Ethernet with 802.1Q tags', 1, ETHERNET_FRAMES.map(vlanTagged)],
  ])('%s', (_name, linkType, frames) => {
    expectFacts(parseCaptureBytes(pcapFile(frames, { linkType })), LOOPBACK_EXPECTED);
  });

  it('walks IPv6 Hop-by-Hop and Fragment headers to the TCP header', () => {
    const frames = ip.slice(2, 4).map(withIpv6ExtensionHeaders);
    expect(parseCaptureBytes(pcapFile(frames, { linkType: 101 })).facts['capture.conversations']).toEqual([
      { client: '::1', server: '::1', serverPort: 1234, answer: 'rst' },
    ]);
  });

  it('names a link type it cannot read in a warning', () => {
    const result = parseCaptureBytes(pcapFile(ETHERNET_FRAMES.slice(0, 2), { linkType: 147 }));
    expect(result.facts).toEqual({});
    expect(result.warnings.join(' ')).toContain('link type 147 is not supported');
  });

  it('formats IPv6 addresses as RFC 5952 says', () => {
    const address = (hex: string) => formatIpv6(Uint8Array.from(Buffer.from(hex, 'hex')));
    expect(address('00000000000000000000000000000001')).toBe('::1');
    expect(address('20010db8000000000001000000000001')).toBe('2001:db8::1:0:0:1');
    expect(address('fe800000000000000000000000000000')).toBe('fe80::');
    expect(address('20010db8000100020003000400050006')).toBe('2001:db8:1:2:3:4:5:6');
  });
});

describe('payload verdicts', () => {
  it('marks a connection whose payload is not TDS as tds: false', () => {
    const frames = ETHERNET_FRAMES.slice(4, 14).map((frame) => {
      const copy = frame.slice();
      // Frames 8 and 10 carry the TDS packets; overwrite their first payload byte (Ethernet 14 + IP 20 + TCP 32).
      if (copy.length > 66) copy[66] = 0x47;
      return copy;
    });
    expect(parseCaptureBytes(pcapFile(frames)).facts['capture.conversations']).toEqual([
      { client: '127.0.0.1', server: '127.0.0.1', serverPort: 1433, answer: 'syn-ack', tds: false },
    ]);
  });

  it('reports an SSRP request answered only by ICMP port unreachable as unanswered', () => {
    const result = parseCaptureBytes(pcapFile(ETHERNET_FRAMES.slice(16)));
    expect(result.facts['capture.ssrp']).toBe('unanswered');
    expect(result.sources?.['capture.ssrp']).toBe('packet 1: SSRP request 127.0.0.1:36103 → 127.0.0.1:1434');
  });
});

// ---------------------------------------------------------------- damage

/** Offsets where a file may end without cutting a record or block in two. */
function boundaries(bytes: Uint8Array, format: 'pcap' | 'pcapng'): Set<number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ends = new Set<number>();
  let at = format === 'pcap' ? 24 : 0;
  if (format === 'pcap') ends.add(24);
  while (at < bytes.length) {
    at += format === 'pcap' ? 16 + view.getUint32(at + 8, true) : view.getUint32(at + 4, true);
    ends.add(at);
  }
  return ends;
}

describe.each([
  ['loopback.pcap', 'pcap'],
  ['loopback.pcapng', 'pcapng'],
] as const)('%s cut at every offset', (file, format) => {
  const bytes = bytesOf(file);
  const ends = boundaries(bytes, format);
  const full = parseCaptureBytes(bytes).facts['capture.conversations']?.length ?? 0;

  it('never throws, keeps what it read, and warns unless the cut falls between records', () => {
    for (let cut = 0; cut < bytes.length; cut += 1) {
      const result = parseCaptureBytes(bytes.subarray(0, cut));
      expect(factErrors(result)).toBe('');
      expect(result.facts['capture.conversations']?.length ?? 0).toBeLessThanOrEqual(full);
      if (!ends.has(cut)) expect(result.warnings).not.toEqual([]);
    }
  });
});

describe('corrupted files', () => {
  const pcapHeader = bytesOf('loopback.pcap').subarray(0, 24);
  const pcapngHead = bytesOf('loopback.pcapng').subarray(0, 200);

  it('stops at an absurd record length with a warning', () => {
    const bytes = bytesOf('loopback.pcap').slice();
    new DataView(bytes.buffer).setUint32(24 + 8, 0x7fffffff, true);
    const result = parseCaptureBytes(bytes);
    expect(result.facts).toEqual({});
    expect(result.warnings.join(' ')).toContain('damaged');
  });

  it('reads random bytes after a valid pcap header or pcapng section start without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (tail, ng) => {
        const result = parseCaptureBytes(concat([ng ? pcapngHead : pcapHeader, tail]));
        expect(factErrors(result)).toBe('');
      }),
      { numRuns: 400 },
    );
  });

  it('reads random frames of every link type without throwing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 120 }), { maxLength: 8 }),
        fc.constantFrom(0, 1, 12, 101, 108, 113, 228, 229, 276),
        (frames, linkType) => {
          expect(factErrors(parseCaptureBytes(pcapFile(frames, { linkType })))).toBe('');
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- random input

/** Pieces of real capture lines, so random pastes reach deep into the line readers. */
const FRAGMENTS = [
  'IP ', 'IP6 ', '127.0.0.1', '.1433', ' > ', ': Flags [S.]', ': Flags [R.]', ', seq 1', ': UDP, length 1', '::1',
  'xxx.xxx.xx.78', ' TCP TCP: ', 'Flags=.S......', 'Flags=..R.A...', ', SrcPort=50313', ', DstPort=1234', 'TDS:Prelogin',
  '  1   0.000000 ', ' → ', ' TCP 74 ', '50313 → 1434', ' [SYN, ACK] ', ' TDS 118 ', 'SQLBrowser', '\n', '\n\t0x0000:  4500 003c ',
  '1201 0034 0000 0000', ' ',
];

describe('random text', () => {
  const check = (text: string) => {
    const result = capture.parse(text);
    expect(factErrors(result)).toBe('');
    const score = capture.detect(text);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  };

  it('never throws on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), check), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 200 });
  });

  it('never throws on random mixtures of capture-line pieces', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), (parts) => check(parts.join(''))), {
      numRuns: 400,
    });
  });

  it('never throws on random bytes, raw or as base64 text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(factErrors(parseCaptureBytes(bytes))).toBe('');
        check(base64Of(bytes));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- detect

describe('detect', () => {
  it('is sure of base64 pcap and pcapng files', () => {
    expect(capture.detect(base64Of(bytesOf('loopback.pcap')))).toBeGreaterThanOrEqual(0.9);
    expect(capture.detect(base64Of(bytesOf('loopback.pcapng')))).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['netstat -aon output from the seed', 'Active Connections\n\n  Proto Local Address Foreign Address State PID\n\n  TCP 0.0.0.0:1233 0.0.0.0:0 LISTENING 1864\n\n  TCP 0.0.0.0:1235 0.0.0.0:0 LISTENING 620'],
    ['an ERRORLOG line from the seed', '2008-12-11 03:11:12.50 Server Server is listening on [ 127.0.0.1 <ipv4> 1866].'],
    ['a SqlClient error text', fixture('seed/sqlclient.txt')],
    ['a tasklist line', 'sqlservr.exe                  1864 Services                   0    245,000 K'],
  ])('is low on %s', (_name, text) => {
    expect(capture.detect(text)).toBeLessThan(0.3);
  });

  it('says nothing was recognised when the text holds no capture lines', () => {
    const result = capture.parse(fixture('seed/sqlclient.txt'));
    expect(result.facts).toEqual({});
    expect(result.warnings).toHaveLength(1);
  });
});

describe('text reader details', () => {
  it('keeps hex dumps with the line they belong to and recognises every line of a tcpdump -X export', () => {
    const reading = readCaptureText(textOf('tcpdump-nn-t-X-loopback.txt'));
    expect(reading.lines.tcpdump).toBe(18 - 1);
    expect(reading.events.filter((e) => e.tds === true)).toHaveLength(2);
  });

  it('reads ports Network Monitor names ("DstPort=HTTP(80)") and flags a blog turned into ellipses', () => {
    const event = readNetmonLine('12 10.0.0.4 168.63.129.16 TCP:Flags=\u2026A\u2026F, SrcPort=62067, DstPort=HTTP(80), PayloadLen=0');
    expect(event).toMatchObject({ src: '10.0.0.4', dst: '168.63.129.16', srcPort: 62067, dstPort: 80 });
    expect(event?.flags).toEqual({ syn: false, ack: true, rst: false, fin: true });
  });

  it('treats a SYN with a new sequence number on a reused port as a new attempt', () => {
    const lines = [
      '10:00:00.000000 IP 10.0.0.1.50000 > 10.0.0.2.1433: Flags [S], seq 100, win 64240, length 0',
      '10:00:00.000100 IP 10.0.0.2.1433 > 10.0.0.1.50000: Flags [R.], seq 0, ack 101, win 0, length 0',
      '10:05:00.000000 IP 10.0.0.1.50000 > 10.0.0.2.1433: Flags [S], seq 900, win 64240, length 0',
      '10:05:00.000100 IP 10.0.0.2.1433 > 10.0.0.1.50000: Flags [S.], seq 5, ack 901, win 65160, length 0',
    ];
    expect(capture.parse(lines.join('\n')).facts['capture.conversations']?.map((c) => c.answer)).toEqual(['rst', 'syn-ack']);
  });
});

// ---------------------------------------------------------------- live loopback captures

/** Bytes as an issue prints them: hex tokens separated by spaces, leading zeros dropped or not. */
const hexTokens = (text: string) => Buffer.from(text.trim().split(/\s+/).map((t) => parseInt(t, 16)));

/** FreeTDS/freetds#425: a client's PRELOGIN ([MS-TDS] 2.2.6.5) and the server's answer, as published. */
const PRELOGIN = hexTokens(`
  12 01 00 34 00 00 00 00  00 00 15 00 06 01 00 1b
  00 01 02 00 1c 00 0c 03  00 28 00 04 ff 08 00 01
  55 00 00 01 4d 53 53 51  4c 53 65 72 76 65 72 00
  38 09 00 00`);
const PRELOGIN_RESPONSE = hexTokens('4 1 0 25 0 0 1 0 0 0 15 0 6 1 0 1B 0 1 2 0 1C 0 1 3 0 1D 0 0 FF C 0 17 88 0 0 0 0 0 0');

const WAIT_MS = 5000;

interface Tcpdump {
  child: ChildProcess;
  file: string;
}

/** Starts tcpdump and waits (bounded) until it says it is listening; a string says why it could not. */
function startTcpdump(args: readonly string[], file: string): Promise<Tcpdump | string> {
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const child = spawn('tcpdump', [...args, '-U', '--immediate-mode', '-w', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    const done = (value: Tcpdump | string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (typeof value === 'string') child.kill('SIGKILL');
      resolve(value);
    };
    const timer = setTimeout(() => done(`tcpdump did not start listening within ${WAIT_MS} ms: ${stderr.trim()}`), WAIT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('listening on')) done({ child, file });
    });
    child.on('error', (error) => done(`tcpdump cannot run: ${error.message}`));
    child.on('exit', (code) => done(`tcpdump exited (${code}) before capturing: ${stderr.trim()}`));
  });
}

/** How often the capture file is read while waiting for the packets a test expects. */
const POLL_MS = 10;

/**
 * Waits (bounded) until the file tcpdump writes packet by packet (-U) holds what `complete` wants, instead of a fixed
 * pause that a loaded machine could outlast. A record still being written reads as no packets yet.
 */
async function captured(file: string, complete: (result: EvidenceResult) => boolean): Promise<void> {
  for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, POLL_MS))) {
    try {
      if (complete(parseCaptureBytes(new Uint8Array(readFileSync(file))))) return;
    } catch {
      // Not yet a whole record: read it again.
    }
  }
  throw new Error(`the capture did not hold the expected packets within ${WAIT_MS} ms`);
}

/** SIGINT makes tcpdump flush and close the file; SIGKILL after a bounded wait. */
async function stopTcpdump({ child, file }: Tcpdump): Promise<Uint8Array> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, WAIT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
  return new Uint8Array(readFileSync(file));
}

/** Connects, sends `payload` if given, and waits (bounded) for the answer or the refusal. */
function dial(port: number, payload?: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: WAIT_MS });
    const end = (outcome: string) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.on('connect', () => (payload ? socket.write(payload) : end('connected')));
    socket.on('data', () => end('answered'));
    socket.on('timeout', () => end('timeout'));
    socket.on('error', (error: NodeJS.ErrnoException) => end(error.code ?? 'error'));
  });
}

const workDir = mkdtempSync(join(tmpdir(), 'mssql-doctor-capture-'));
const probe = await startTcpdump(['-i', 'lo', 'tcp port 9'], join(workDir, 'probe.pcap'));
const TCPDUMP_PROBLEM = typeof probe === 'string' ? probe : undefined;
if (typeof probe !== 'string') await stopTcpdump(probe);
const IN_CI = Boolean(process.env.CI);
if (TCPDUMP_PROBLEM && !IN_CI) console.warn(`skipping live capture tests: ${TCPDUMP_PROBLEM}`);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

(TCPDUMP_PROBLEM && !IN_CI ? describe.skip : describe)('live loopback captures with tcpdump', () => {
  let server: net.Server;
  let listeningPort = 0;

  beforeAll(async () => {
    if (TCPDUMP_PROBLEM) throw new Error(`tcpdump is needed in CI: ${TCPDUMP_PROBLEM}`);
    server = net.createServer((socket) => {
      socket.once('data', () => socket.end(PRELOGIN_RESPONSE));
      socket.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    listeningPort = (server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  /** The conversation has its answer, and its TDS bytes where some were sent: the capture holds what a test reads. */
  const answered = (tds: boolean) => (result: EvidenceResult) => {
    const [conversation] = (result.facts['capture.conversations'] ?? []) as Array<{ answer?: string; tds?: boolean }>;
    return conversation?.answer !== undefined && (!tds || conversation.tds === true);
  };

  async function record(interfaceArgs: readonly string[], port: number, name: string, traffic: () => Promise<string>, complete: (result: EvidenceResult) => boolean) {
    const started = await startTcpdump([...interfaceArgs, `tcp port ${port}`], join(workDir, `${name}.pcap`));
    if (typeof started === 'string') throw new Error(started);
    const outcome = await traffic();
    await captured(started.file, complete);
    return { outcome, result: parseCaptureBytes(await stopTcpdump(started)) };
  }

  it('a connection refused on loopback (Ethernet, microsecond pcap) reads as answer rst', async () => {
    const port = await closedTcpPort();
    const { outcome, result } = await record(['-i', 'lo'], port, 'refused', () => dial(port), answered(false));
    expect(outcome).toBe('ECONNREFUSED');
    expect(factErrors(result)).toBe('');
    expect(result.facts['capture.conversations']).toEqual([{ client: '127.0.0.1', server: '127.0.0.1', serverPort: port, answer: 'rst' }]);
  }, 20_000);

  it('a connection accepted by a listener that answers PRELOGIN reads as syn-ack with TDS', async () => {
    const { outcome, result } = await record(['-i', 'lo'], listeningPort, 'accepted', () => dial(listeningPort, PRELOGIN), answered(true));
    expect(outcome).toBe('answered');
    expect(result.facts['capture.conversations']).toEqual([
      { client: '127.0.0.1', server: '127.0.0.1', serverPort: listeningPort, answer: 'syn-ack', tds: true },
    ]);
  }, 20_000);

  it('a refusal captured on "any" (Linux cooked v2, nanosecond pcap) reads as rst', async () => {
    const port = await closedTcpPort();
    const { result } = await record(['-i', 'any', '--time-stamp-precision=nano'], port, 'any-sll2', () => dial(port), answered(false));
    expect(result.facts['capture.conversations']).toEqual([{ client: '127.0.0.1', server: '127.0.0.1', serverPort: port, answer: 'rst' }]);
  }, 20_000);

  it('an accepted connection captured on "any" as Linux cooked v1 reads as syn-ack', async () => {
    const { result } = await record(['-i', 'any', '-y', 'LINUX_SLL'], listeningPort, 'any-sll', () => dial(listeningPort), answered(false));
    expect(result.facts['capture.conversations']).toEqual([
      { client: '127.0.0.1', server: '127.0.0.1', serverPort: listeningPort, answer: 'syn-ack' },
    ]);
  }, 20_000);
});
