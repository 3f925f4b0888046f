// A text and the texts it decodes to (HTML entities, JSON/JavaScript escapes, percent-encoding, and these nested),
// each character of a decoded text mapped back to the span of the original it came from. The redactor looks for
// secrets in every layer the normalizer and the evidence parsers may read, and masks them where they are written.
import { decodeHTML } from 'entities';
import { composeRegex } from '../compose-regex.js';

/**
 * A decoded layer keeps one record per escape it decoded, not a map per character: between escapes a layer's
 * characters are those of the layer above, in order. On 256 KiB of real pastes (a thousand escape characters) a
 * per-character map cost about 10 ms per layer; this costs what copying the text costs.
 */
export interface Layer {
  readonly text: string;
  /** The layer this one was decoded from; absent for the original text. */
  readonly parent?: Layer;
  /** For escape i: where its decoding starts in this layer, and the span [sourceStart, sourceEnd) it had in the parent. */
  readonly decodedStart?: readonly number[];
  readonly decodedEnd?: readonly number[];
  readonly sourceStart?: readonly number[];
  readonly sourceEnd?: readonly number[];
}

/** Escapes inside escapes ("\\u0026quot;" in a JSON log of an HTML page) are read this many levels deep. */
const MAX_DEPTH = 3;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '\\': '\\', '/': '/', '"': '"', "'": "'", '`': '`' };
const isHex = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
const isDigit = (code: number) => code >= 48 && code <= 57;
const isAlnum = (code: number) => isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Where an escape may start; escapeAt decides whether one does. */
const ESCAPE_START = composeRegex('[%&\\\\]', 'g');

/** How many characters from `at` satisfy `test`, up to `max`. */
function run(text: string, at: number, max: number, test: (code: number) => boolean): number {
  let n = 0;
  while (n < max && at + n < text.length && test(text.charCodeAt(at + n))) n++;
  return n;
}

/**
 * The escape that starts at `at`, if one does, as its length and what it decodes to: an HTML character reference
 * (looked up by the entities package: a name it does not know, like "&battery" in a password, stays as written),
 * a JSON or JavaScript escape, or a percent-encoded byte. Read by hand, each bounded: the scan stays linear.
 */
function escapeAt(text: string, at: number): { length: number; decoded: string } | undefined {
  const ch = text[at];
  if (ch === '%') {
    if (run(text, at + 1, 2, isHex) < 2) return undefined;
    return { length: 3, decoded: String.fromCharCode(parseInt(text.slice(at + 1, at + 3), 16)) };
  }
  if (ch === '\\') {
    const kind = text[at + 1] ?? '';
    const width = kind === 'u' ? 4 : kind === 'x' ? 2 : 0;
    if (width > 0) {
      if (run(text, at + 2, width, isHex) < width) return undefined;
      return { length: 2 + width, decoded: String.fromCharCode(parseInt(text.slice(at + 2, at + 2 + width), 16)) };
    }
    const simple = SIMPLE_ESCAPES[kind];
    return simple === undefined ? undefined : { length: 2, decoded: simple };
  }
  if (ch !== '&') return undefined;
  let length: number;
  if (text[at + 1] === '#') {
    const hex = text[at + 2] === 'x' || text[at + 2] === 'X';
    const digits = hex ? run(text, at + 3, 6, isHex) : run(text, at + 2, 7, isDigit);
    if (digits === 0) return undefined;
    length = (hex ? 3 : 2) + digits;
  } else {
    const name = run(text, at + 1, 32, isAlnum);
    if (name < 2) return undefined;
    length = 1 + name;
  }
  if (text[at + length] === ';') length++;
  const token = text.slice(at, at + length);
  const decoded = decodeHTML(token);
  return decoded === token ? undefined : { length, decoded };
}

/** The next layer down, or undefined when the text holds no escape. A decoding is never longer than its text. */
function decodeOnce(parent: Layer): Layer | undefined {
  const { text } = parent;
  const pieces: string[] = [];
  const decodedStart: number[] = [];
  const decodedEnd: number[] = [];
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  let length = 0;
  let copied = 0;
  // Module-level and global: nothing between here and the end of the loop uses it for another text.
  const starts = ESCAPE_START;
  starts.lastIndex = 0;
  for (let m = starts.exec(text); m; m = starts.exec(text)) {
    const at = m.index;
    const escape = escapeAt(text, at);
    if (!escape) continue;
    pieces.push(text.slice(copied, at), escape.decoded);
    length += at - copied;
    decodedStart.push(length);
    length += escape.decoded.length;
    decodedEnd.push(length);
    sourceStart.push(at);
    sourceEnd.push(at + escape.length);
    copied = at + escape.length;
    starts.lastIndex = copied;
  }
  if (decodedStart.length === 0) return undefined;
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), parent, decodedStart, decodedEnd, sourceStart, sourceEnd };
}

/** The text itself first, then each decoding of it, up to MAX_DEPTH levels. */
export function layersOf(text: string): Layer[] {
  const layers: Layer[] = [{ text }];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const next = decodeOnce(layers[layers.length - 1] as Layer);
    if (!next) break;
    layers.push(next);
  }
  return layers;
}

/** The last index i with sorted[i] <= value, or -1. */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= value) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** The span of the original text that character `at` of a layer comes from. */
function originalOf(layer: Layer, at: number): [number, number] {
  const { parent, decodedStart, decodedEnd, sourceStart, sourceEnd } = layer;
  if (!parent || !decodedStart || !decodedEnd || !sourceStart || !sourceEnd) return [at, at + 1];
  const escape = lastAtOrBefore(decodedStart, at);
  let from: number;
  let to: number;
  if (escape < 0) [from, to] = [at, at + 1];
  else if (at < (decodedEnd[escape] as number)) [from, to] = [sourceStart[escape] as number, sourceEnd[escape] as number];
  else {
    // Every UTF-16 unit of what an escape decodes to comes from the whole escape; after it, one for one.
    from = (sourceEnd[escape] as number) + at - (decodedEnd[escape] as number);
    to = from + 1;
  }
  return [originalOf(parent, from)[0], originalOf(parent, to - 1)[1]];
}

/** A span of a layer as a span of the original text. */
export function originalSpan(layer: Layer, start: number, end: number): [number, number] {
  if (!layer.parent || end <= start) return [start, end];
  return [originalOf(layer, start)[0], originalOf(layer, end - 1)[1]];
}
