// Reading what the user handed the CLI: the pasted text (argument or stdin) and evidence files.
import { readFileSync } from 'node:fs';
import { DoctorError } from '../errors.js';
import { sniffCaptureFormat } from '../evidence/pcap.js';
import type { DiagnoseInput } from '../schemas/input.js';
import { EVIDENCE_KINDS, type EvidenceKind } from '../schemas/vocabulary.js';

/** Refuse to slurp more than this from stdin or a file; diagnose() itself reads at most 256 KiB of it. */
const MAX_READ_BYTES = 16 * 1024 * 1024;

export function readStdin(): string {
  if (process.stdin.isTTY) {
    throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', 'no error text given: pass it as an argument or pipe it on stdin');
  }
  try {
    return decodeText(readFileSync(0));
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

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    if (error instanceof DoctorError) throw error;
    throw unreadableFile(path, error);
  }
}

/** An evidence file: a binary capture travels as base64 (as in the JSON API), anything else as text. */
export function readEvidenceFile(path: string): { text: string; binaryCapture: boolean } {
  const bytes = readBytes(path);
  if (sniffCaptureFormat(bytes) !== undefined) {
    if (bytes.length > MAX_READ_BYTES) {
      throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_UNREADABLE', `${path} is ${bytes.length} bytes; the limit is ${MAX_READ_BYTES}`);
    }
    return { text: bytes.toString('base64'), binaryCapture: true };
  }
  return { text: decodeText(bytes), binaryCapture: false };
}

/** UTF-8, or UTF-16 with a byte-order mark (what Windows tools write when output is redirected). */
export function decodeText(bytes: Buffer): string {
  if (bytes.length > MAX_READ_BYTES) {
    throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_UNREADABLE', `input is ${bytes.length} bytes; the limit is ${MAX_READ_BYTES}`);
  }
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
export function readDiagnoseInputFile(path: string): DiagnoseInput | string {
  const text = path === '-' ? readStdin() : decodeText(readBytes(path));
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text) as DiagnoseInput;
    } catch {
      // Not JSON after all: a paste that starts with a brace.
    }
  }
  return text;
}
