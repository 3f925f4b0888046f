// Reads a log file (or stdin) line by line, whatever its size: UTF-8, or UTF-16 as Windows writes the ERRORLOG.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { MAX_ENTRY_CHARS } from './log-entries.js';

export interface LogReading {
  lines: number;
  /** Why the file was not read as text, if it was not. */
  warning?: string;
}

/** How many bytes the encoding is told from. */
const SNIFF_BYTES = 4096;

/** The text encoding of a file from its first bytes: a byte-order mark, or NULs in every other byte (UTF-16 without one). */
export function sniffEncoding(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'binary' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const sample = head.subarray(0, SNIFF_BYTES);
  if (!sample.includes(0)) return 'utf-8';
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? oddNuls++ : evenNuls++;
  const half = sample.length / 2;
  if (oddNuls > half * 0.9 && evenNuls === 0) return 'utf-16le';
  if (evenNuls > half * 0.9 && oddNuls === 0) return 'utf-16be';
  return 'binary';
}

/**
 * Calls `onLine` for each line (without its line break) with its 1-based number. A line longer than an entry
 * may be is passed cut to that length, and the rest of it skipped, so memory stays bounded on a file without
 * line breaks. A binary file is not read: the warning says so.
 */
export async function readLogLines(source: string | Readable, onLine: (line: string, number: number) => void): Promise<LogReading> {
  const stream = typeof source === 'string' ? createReadStream(source) : source;
  let decoder: TextDecoder | undefined;
  let carry = '';
  let skipping = false;
  let lines = 0;

  const take = (text: string, final: boolean) => {
    const parts = (carry + text).split('\n');
    carry = final ? '' : (parts.pop() as string);
    for (const part of parts) {
      if (!skipping) onLine(part.endsWith('\r') ? part.slice(0, -1) : part, ++lines);
      skipping = false;
    }
    if (carry.length > MAX_ENTRY_CHARS) {
      if (!skipping) onLine(carry.slice(0, MAX_ENTRY_CHARS), ++lines);
      carry = '';
      skipping = true;
    }
  };

  // The encoding is told from the first SNIFF_BYTES (or the whole stream when shorter), however it is chunked.
  let head: Buffer[] = [];
  let headLength = 0;
  /** Starts decoding with the head read so far; false for a binary stream. */
  const begin = (): boolean => {
    const bytes = Buffer.concat(head);
    head = [];
    const encoding = sniffEncoding(bytes);
    if (encoding === 'binary') return false;
    decoder = new TextDecoder(encoding);
    take(decoder.decode(bytes, { stream: true }), false);
    return true;
  };
  const binary = () => {
    stream.destroy();
    return { lines: 0, warning: 'not a text file (it holds NUL bytes); skipped' };
  };

  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (decoder) {
      take(decoder.decode(bytes, { stream: true }), false);
      continue;
    }
    head.push(bytes);
    headLength += bytes.length;
    if (headLength >= SNIFF_BYTES && !begin()) return binary();
  }
  if (!decoder && headLength > 0 && !begin()) return binary();
  const rest = decoder ? decoder.decode() : '';
  if (carry + rest !== '') take(rest, true);
  return { lines };
}
