// Reading what the user handed the CLI: the pasted text (argument or stdin) and evidence files.
import { createReadStream, fstatSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { DoctorError } from '../errors.js';
import { sniffCaptureFormat } from '../evidence/pcap.js';
import type { DiagnoseInput } from '../schemas/input.js';
import { EVIDENCE_KINDS, type EvidenceKind } from '../schemas/vocabulary.js';

/** Refuse to read more than this from stdin or a file; diagnose() itself reads at most 256 KiB of it. */
export const MAX_READ_BYTES = 16 * 1024 * 1024;

/**
 * Every byte of a stream, taken as it comes: a pipe's writer may start after this process does, or write in pieces,
 * and a file or pipe may be far larger than anything worth reading, so reading stops once MAX_READ_BYTES is passed.
 * (A synchronous read of fd 0 would fail with EAGAIN on a slow pipe: node makes a pipe on stdin non-blocking.)
 */
async function readAll(source: Readable, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    const bytes = chunk as Buffer;
    length += bytes.length;
    // Leaving the loop destroys the stream: nothing more is read, and a writer still writing gets EPIPE.
    if (length > MAX_READ_BYTES) throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_UNREADABLE', `${name} is larger than the limit of ${MAX_READ_BYTES} bytes (${MAX_READ_BYTES / 1024 ** 2} MiB)`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, length);
}

/**
 * Refuses a stdin there is nothing to read from: a terminal (`whenTerminal` says what to do instead), or a
 * directory (`< dir`), which node hands over as an empty stream without a word.
 */
export function checkStdin(whenTerminal: string): void {
  let stats;
  try {
    stats = fstatSync(0);
  } catch (error) {
    throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_UNREADABLE', `could not read stdin: ${(error as Error).message}`);
  }
  if (stats.isDirectory()) throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_UNREADABLE', 'could not read stdin: it is a directory');
  if (process.stdin.isTTY) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', whenTerminal);
}

export async function readStdin(): Promise<string> {
  checkStdin('no error text given: pass it as an argument or pipe it on stdin');
  try {
    return decodeText(await readAll(process.stdin, 'stdin'));
  } catch (error) {
    if (error instanceof DoctorError) throw error;
    throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_UNREADABLE', `could not read stdin: ${(error as Error).message}`);
  }
}

/** The one-line error for a file that could not be read ("cannot read nope.log: no such file"). */
export function unreadableFile(path: string, error: unknown): DoctorError {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
  return new DoctorError('MSSQLDOCTOR_ERR_INPUT_UNREADABLE', `cannot read ${path}: ${reason}`);
}

/** A file's bytes; streamed like stdin, so a named pipe (`--evidence <(netstat -an)`) is read and bounded alike. */
async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readAll(createReadStream(path), path);
  } catch (error) {
    if (error instanceof DoctorError) throw error;
    throw unreadableFile(path, error);
  }
}

/** An evidence file: a binary capture travels as base64 (as in the JSON API), anything else as text. */
export async function readEvidenceFile(path: string): Promise<{ text: string; binaryCapture: boolean }> {
  const bytes = await readBytes(path);
  if (sniffCaptureFormat(bytes) !== undefined) return { text: bytes.toString('base64'), binaryCapture: true };
  return { text: decodeText(bytes), binaryCapture: false };
}

/** UTF-8, or UTF-16 with a byte-order mark (what Windows tools write when output is redirected). */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** "--evidence errorlog=ERRORLOG.txt" or "--evidence netstat.txt" (kind detected later). */
export function parseEvidenceOption(value: string): { kind?: EvidenceKind; file: string } {
  const m = /^([a-z_]+)=(.+)$/.exec(value);
  if (m && (EVIDENCE_KINDS as readonly string[]).includes(m[1] as string)) return { kind: m[1] as EvidenceKind, file: m[2] as string };
  if (m && !/[\\/.]/.test(m[1] as string)) {
    throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', `unknown evidence kind "${m[1]}"; use one of: ${EVIDENCE_KINDS.join(', ')}`);
  }
  return { file: value };
}

/** A diagnose input from a file ("-": stdin): a JSON object in the library's shape, or else the pasted text. */
export async function readDiagnoseInputFile(path: string): Promise<DiagnoseInput | string> {
  const text = path === '-' ? await readStdin() : decodeText(await readBytes(path));
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text) as DiagnoseInput;
    } catch {
      // Not JSON after all: a paste that starts with a brace.
    }
  }
  return text;
}
