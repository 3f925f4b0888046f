// A text and the texts it decodes to (HTML entities, JSON/JavaScript escapes, percent-encoding, and these nested),
// each character of a decoded text mapped back to the span of the original it came from. The redactor looks for
// secrets in every layer the normalizer and the evidence parsers may read, and masks them where they are written.
import { decodeHTML } from 'entities';

export interface Layer {
  readonly text: string;
  /** The original span of character i: [start[i], end[i]). Absent for the original itself. */
  readonly start?: Int32Array;
  readonly end?: Int32Array;
}

/** Escapes inside escapes ("\\u0026quot;" in a JSON log of an HTML page) are read this many levels deep. */
const MAX_DEPTH = 3;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '\\': '\\', '/': '/', '"': '"', "'": "'", '`': '`' };
const isHex = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
const isDigit = (code: number) => code >= 48 && code <= 57;
const isAlnum = (code: number) => isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

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

const UTF16 = new TextDecoder('utf-16le');
/** Code units turned into a string per String.fromCharCode call (its arguments go on the stack). */
const CHUNK = 8192;

/**
 * UTF-16 code units as a string: by TextDecoder, one native call, unless a surrogate is among them (TextDecoder
 * would turn a lone one, which a `\\ud800` escape decodes to, into U+FFFD); then String.fromCharCode, a chunk at a
 * time, which took 4 ms per 256 KiB layer.
 */
function stringOf(units: Uint16Array): string {
  if (!units.some((unit) => (unit & 0xf800) === 0xd800)) return UTF16.decode(units);
  const chunks: string[] = [];
  for (let i = 0; i < units.length; i += CHUNK) chunks.push(String.fromCharCode(...units.subarray(i, i + CHUNK)));
  return chunks.join('');
}

/**
 * The next layer down, or undefined when the text holds no escape. A decoding is never longer than its text. Between
 * escapes, a decoded layer's span map is copied as a block rather than looked up per character, and the string is
 * made by stringOf: on 256 KiB of real pastes (three layers) the redactor went from about 32 to about 18 ms.
 */
function decodeOnce(layer: Layer): Layer | undefined {
  const { text } = layer;
  // Made at the first escape: most texts have none.
  let into: { units: Uint16Array; start: Int32Array; end: Int32Array } | undefined;
  let length = 0;
  let copied = 0;
  /** Text [from, to) of this layer, kept as it is, with the original span of each of its characters. */
  const keep = (from: number, to: number, { units, start, end }: NonNullable<typeof into>) => {
    for (let at = from; at < to; at++) units[length + at - from] = text.charCodeAt(at);
    if (layer.start && layer.end) {
      start.set(layer.start.subarray(from, to), length);
      end.set(layer.end.subarray(from, to), length);
    } else {
      for (let at = from; at < to; at++) {
        start[length + at - from] = at;
        end[length + at - from] = at + 1;
      }
    }
    length += Math.max(0, to - from);
  };
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code !== 37 && code !== 38 && code !== 92) continue; // % & \\
    const escape = escapeAt(text, at);
    if (!escape) continue;
    into ??= { units: new Uint16Array(text.length), start: new Int32Array(text.length), end: new Int32Array(text.length) };
    if (copied < at) keep(copied, at, into);
    // Every UTF-16 unit of what an escape decodes to comes from the whole escape.
    const tokenEnd = at + escape.length;
    const from = layer.start ? (layer.start[at] as number) : at;
    const to = layer.end ? (layer.end[tokenEnd - 1] as number) : tokenEnd;
    for (let unit = 0; unit < escape.decoded.length; unit++, length++) {
      into.units[length] = escape.decoded.charCodeAt(unit);
      into.start[length] = from;
      into.end[length] = to;
    }
    copied = tokenEnd;
    at = tokenEnd - 1;
  }
  if (!into) return undefined;
  keep(copied, text.length, into);
  return { text: stringOf(into.units.subarray(0, length)), start: into.start.subarray(0, length), end: into.end.subarray(0, length) };
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

/** A span of a layer as a span of the original text. */
export function originalSpan(layer: Layer, start: number, end: number): [number, number] {
  if (!layer.start || !layer.end || end <= start) return [start, end];
  return [layer.start[start] as number, layer.end[end - 1] as number];
}
