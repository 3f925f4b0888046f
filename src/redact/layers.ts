// A text and the texts it decodes to (HTML entities, JSON/JavaScript escapes, percent-encoding, and these nested),
// each character of a decoded text mapped back to the span of the original it came from. The redactor looks for
// secrets in every layer the normalizer and the evidence parsers may read, and masks them where they are written.
import { decodeHTML } from 'entities';

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
  readonly decodedStart?: Int32Array;
  readonly decodedEnd?: Int32Array;
  readonly sourceStart?: Int32Array;
  readonly sourceEnd?: Int32Array;
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
 * time.
 */
function stringOf(units: Uint16Array): string {
  if (!units.some((unit) => (unit & 0xf800) === 0xd800)) return UTF16.decode(units);
  const chunks: string[] = [];
  for (let i = 0; i < units.length; i += CHUNK) chunks.push(String.fromCharCode(...units.subarray(i, i + CHUNK)));
  return chunks.join('');
}

/** The escapes of a layer: where each starts in the text, and how long it is there. */
interface Escapes {
  count: number;
  at: Int32Array;
  length: Int32Array;
}

/** Room for this many escapes first; doubled when full. */
const FIRST_CAPACITY = 256;

/** A typed array of twice the room, holding what `full` holds. */
function doubled(full: Int32Array): Int32Array {
  const grown = new Int32Array(full.length * 2);
  grown.set(full);
  return grown;
}

/** The characters an escape starts with. */
const ESCAPE_STARTS = ['%', '&', '\\'] as const;

/**
 * Every escape of a text, left to right: found by indexOf of the characters escapes start with (a native scan, which
 * a loop over every character's code made a millisecond slower on 256 KiB of real pastes), and kept in typed arrays,
 * not arrays of numbers or strings: on this machine a paste of nothing but escapes ("\\\\" 128 K times) spent 30 ms
 * a layer growing plain arrays. What each escape decodes to is asked of escapeAt again when the layer is written
 * (decodeLayer), not kept.
 */
function escapesOf(text: string): Escapes | undefined {
  let escapes: Escapes | undefined;
  const next = ESCAPE_STARTS.map((ch) => text.indexOf(ch));
  for (;;) {
    let at = -1;
    for (const position of next) if (position >= 0 && (at < 0 || position < at)) at = position;
    if (at < 0) return escapes;
    const escape = escapeAt(text, at);
    const resume = at + (escape?.length ?? 1);
    if (escape) {
      escapes ??= { count: 0, at: new Int32Array(FIRST_CAPACITY), length: new Int32Array(FIRST_CAPACITY) };
      if (escapes.count === escapes.at.length) {
        escapes.at = doubled(escapes.at);
        escapes.length = doubled(escapes.length);
      }
      escapes.at[escapes.count] = at;
      escapes.length[escapes.count] = escape.length;
      escapes.count++;
    }
    for (let k = 0; k < next.length; k++) if ((next[k] as number) >= 0 && (next[k] as number) < resume) next[k] = text.indexOf(ESCAPE_STARTS[k] as string, resume);
  }
}

/**
 * Spans of a layer that one reading of values covered, from the start of the line it started on to where it had the
 * scan resume: [start, end) pairs. A reading that passed a line break may have read the layer differently from the
 * layer below (an escaped quote it could not close, say) and had the scan pass over lines that the layer below
 * reads anew; so the stretches a layer below keeps take in every reading that touches them.
 */
export type Reaches = readonly number[];

/**
 * The stretches of a text a decoding keeps when only the lines around escapes are wanted: each line that holds an
 * escape with the line before and the line after it, and the reaches that touch them (with the line after theirs),
 * as [start, end) pairs (line breaks included), ascending and apart; undefined when they would be most of the text
 * anyway. No part of the text is scanned for line breaks more than a few times however many escapes or reaches.
 */
function stretchesAround(text: string, escapes: Escapes, reaches: Reaches): number[] | undefined {
  const around: number[] = [];
  let aroundLength = 0;
  /** Where the last line of the last stretch starts: an escape there needs the line after it too. */
  let lastLineStart = 0;
  for (let i = 0; i < escapes.count; i++) {
    const at = escapes.at[i] as number;
    const last = around.length - 1;
    if (last >= 0 && at < (around[last] as number)) {
      // An escape on a kept line: only on the stretch's last line does it add a line, the one after.
      if (at < lastLineStart) continue;
      lastLineStart = around[last] as number;
      around[last] = lineEndAfter(text, lastLineStart);
      aroundLength += (around[last] as number) - lastLineStart;
    } else {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      // lastIndexOf reads a negative start as 0: the line before one that starts at 1 is the empty line at 0.
      const start = lineStart <= 1 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
      lastLineStart = lineEndAfter(text, at);
      const end = lineEndAfter(text, lastLineStart);
      aroundLength += end - Math.max(start, (around[last] as number | undefined) ?? 0);
      around.push(start, end);
    }
    // Reaches only add to the stretches: once they are most of the text, the whole is decoded.
    if (aroundLength * 2 > text.length) return undefined;
  }
  const byStart = [];
  for (let r = 0; r < reaches.length; r += 2) byStart.push([reaches[r] as number, Math.min(reaches[r + 1] as number, text.length)] as const);
  byStart.sort((x, y) => x[0] - y[0]);
  const stretches: number[] = [];
  let kept = 0;
  for (let i = 0, r = 0; i < around.length; ) {
    let start = around[i] as number;
    let end = around[i + 1] as number;
    i += 2;
    for (;;) {
      for (; r < byStart.length && (byStart[r] as readonly [number, number])[0] < end; r++) {
        const [reachStart, reachEnd] = byStart[r] as readonly [number, number];
        if (reachEnd <= start) continue;
        start = Math.min(start, reachStart);
        if (reachEnd > end) end = lineEndAfter(text, lineEndAfter(text, reachEnd));
      }
      if (i >= around.length || (around[i] as number) > end) break;
      end = Math.max(end, around[i + 1] as number);
      i += 2;
    }
    const last = stretches.length - 1;
    // A reach that began before the stretch before ended (it passed over it) joins the two.
    if (last >= 0 && start <= (stretches[last] as number)) {
      kept += end - (stretches[last] as number);
      stretches[last] = end;
    } else {
      kept += end - start;
      stretches.push(start, end);
    }
  }
  return kept * 2 > text.length ? undefined : stretches;
}

/** Where the line holding `at` ends, past its line break (the text's length on its last line). */
function lineEndAfter(text: string, at: number): number {
  const lineBreak = text.indexOf('\n', at);
  return lineBreak < 0 ? text.length : lineBreak + 1;
}

/** What a decoding changes: escapes, and pieces it leaves out (`dropped`, 1 for those). */
interface Edits extends Escapes {
  dropped?: Uint8Array;
}

/**
 * The edits that turn a text into its decoding: each escape, and when only stretches are kept, each piece between
 * them, which decodes to nothing; in order.
 */
function editsOf(text: string, escapes: Escapes, stretches: readonly number[] | undefined): Edits {
  if (!stretches) return escapes;
  const room = escapes.count + stretches.length / 2 + 1;
  const edits = { count: 0, at: new Int32Array(room), length: new Int32Array(room), dropped: new Uint8Array(room) };
  const push = (at: number, length: number, dropped: boolean) => {
    if (length <= 0) return;
    edits.at[edits.count] = at;
    edits.length[edits.count] = length;
    edits.dropped[edits.count] = dropped ? 1 : 0;
    edits.count++;
  };
  let copiedTo = 0;
  for (let s = 0, e = 0; s < stretches.length; s += 2) {
    const start = stretches[s] as number;
    const end = stretches[s + 1] as number;
    push(copiedTo, start - copiedTo, true);
    for (; e < escapes.count && (escapes.at[e] as number) < end; e++) push(escapes.at[e] as number, escapes.length[e] as number, false);
    copiedTo = end;
  }
  push(copiedTo, text.length - copiedTo, true);
  return edits;
}

/**
 * The next layer down, or undefined when the text holds no escape. A decoding is never longer than its text. Its
 * text is the slices between escapes joined where escapes are few, and code units written into one array where they
 * are many (a join of a quarter of a million pieces is the slower).
 *
 * With `reaches` (those of the readings of the parent, see Reaches), the layer holds only the stretches around the
 * parent's escapes, unless they are most of it: elsewhere it is the parent's text again, which a reader of every
 * layer has read there already. The redactor scans each layer with some twenty patterns; a long log with a few JSON
 * lines among thousands of plain ones was scanned twice over for the sake of those few.
 */
export function decodeLayer(parent: Layer, reaches?: Reaches): Layer | undefined {
  const { text } = parent;
  const escapes = escapesOf(text);
  if (!escapes) return undefined;
  const stretches = reaches ? stretchesAround(text, escapes, reaches) : undefined;
  const { count, at, length, dropped } = editsOf(text, escapes, stretches);
  const decodedStart = new Int32Array(count);
  const decodedEnd = new Int32Array(count);
  const sourceEnd = new Int32Array(count);
  const pieces: string[] | undefined = count * 32 < text.length ? [] : undefined;
  const units = pieces ? undefined : new Uint16Array(text.length);
  let out = 0;
  let copied = 0;
  for (let i = 0; i < count; i++) {
    const start = at[i] as number;
    if (pieces) pieces.push(text.slice(copied, start));
    else for (let from = copied; from < start; from++) (units as Uint16Array)[from - copied + out] = text.charCodeAt(from);
    out += start - copied;
    const decoded = dropped?.[i] ? '' : (escapeAt(text, start) as { decoded: string }).decoded;
    decodedStart[i] = out;
    if (pieces) pieces.push(decoded);
    else for (let unit = 0; unit < decoded.length; unit++) (units as Uint16Array)[out + unit] = decoded.charCodeAt(unit);
    out += decoded.length;
    decodedEnd[i] = out;
    copied = start + (length[i] as number);
    sourceEnd[i] = copied;
  }
  if (pieces) pieces.push(text.slice(copied));
  else for (let from = copied; from < text.length; from++) (units as Uint16Array)[out + from - copied] = text.charCodeAt(from);
  out += text.length - copied;
  const decodedText = pieces ? pieces.join('') : stringOf((units as Uint16Array).subarray(0, out));
  return { text: decodedText, parent, decodedStart, decodedEnd, sourceStart: at.slice(0, count), sourceEnd };
}

/**
 * The text itself first, then each decoding of it, up to MAX_DEPTH levels: whole, or, when `read` is given, each
 * layer handed to it before the next is decoded, and the next holding only the stretches its reaches ask for (see
 * decodeLayer; `read` returning undefined asks for the whole).
 */
export function layersOf(text: string, read?: (layer: Layer) => Reaches | undefined): Layer[] {
  const layers: Layer[] = [{ text }];
  for (let depth = 0; ; depth++) {
    const layer = layers[layers.length - 1] as Layer;
    const reaches = read?.(layer);
    const next = depth < MAX_DEPTH ? decodeLayer(layer, reaches) : undefined;
    if (!next) return layers;
    layers.push(next);
  }
}

/** The last index i with sorted[i] <= value, or -1. */
function lastAtOrBefore(sorted: Int32Array, value: number): number {
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
