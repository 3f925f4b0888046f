// Reading a log line by line from a stream: encodings, line breaks across chunks, and bounds.
import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { MAX_ENTRY_CHARS } from '../../src/scan/log-entries.js';
import { readLogLines, sniffEncoding } from '../../src/scan/read-log.js';

/** The lines a stream of these chunks gives, with their numbers. */
async function linesOf(chunks: Buffer[]) {
  const lines: Array<[number, string]> = [];
  const reading = await readLogLines(Readable.from(chunks), (line, n) => lines.push([n, line]));
  return { lines, reading };
}

/** One byte per chunk: every line break and every multi-byte character falls across chunks. */
const byteByByte = (bytes: Buffer) => [...bytes].map((b) => Buffer.from([b]));

describe('readLogLines', () => {
  it('reads UTF-8 with CRLF line breaks and a multi-byte character, whatever the chunks', async () => {
    const text = '2024-05-01 10:00:00 Login failed for user \'Jürgen\'.\r\nsecond\r\n';
    const whole = await linesOf([Buffer.from(text)]);
    expect(whole.lines).toEqual([[1, "2024-05-01 10:00:00 Login failed for user 'Jürgen'."], [2, 'second']]);
    expect(await linesOf(byteByByte(Buffer.from(text)))).toEqual(whole);
  });

  it('reads UTF-16 little- and big-endian (with a byte-order mark) as the ERRORLOG comes', async () => {
    const text = 'Error: 18456, Severity: 14, State: 8.\r\nnext';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const expected = [[1, 'Error: 18456, Severity: 14, State: 8.'], [2, 'next']];
    expect((await linesOf(byteByByte(le))).lines).toEqual(expected);
    expect((await linesOf([be])).lines).toEqual(expected);
  });

  it('tells UTF-16 without a byte-order mark from binary by where its NUL bytes are', () => {
    expect(sniffEncoding(Buffer.from('Login failed', 'utf16le'))).toBe('utf-16le');
    expect(sniffEncoding(Buffer.from('Login failed', 'utf16le').swap16())).toBe('utf-16be');
    expect(sniffEncoding(Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00]))).toBe('binary');
    expect(sniffEncoding(Buffer.from('plain'))).toBe('utf-8');
  });

  it('skips a binary stream, saying why', async () => {
    expect(await linesOf([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d])])).toEqual({
      lines: [],
      reading: { lines: 0, warning: 'not a text file (it holds NUL bytes); skipped' },
    });
  });

  it('passes a line longer than an entry may be cut to that length, and counts it as one line', async () => {
    const long = 'x'.repeat(MAX_ENTRY_CHARS * 3);
    const chunks = [Buffer.from(long.slice(0, 100_000)), Buffer.from(long.slice(100_000)), Buffer.from('\nafter')];
    const { lines, reading } = await linesOf(chunks);
    expect(lines.map(([n, line]) => [n, line.length])).toEqual([[1, MAX_ENTRY_CHARS], [2, 5]]);
    expect(reading.lines).toBe(2);
  });
});
