// What the fuzzer feeds the doctor: random text of any code unit, real fixtures cut and rearranged, values of the
// wrong type, random and damaged bytes. Every generator is bounded in size.
import fc from 'fast-check';
import { FACT_NAMES } from '../../src/schemas/facts.js';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../src/schemas/vocabulary.js';
import { once } from '../../src/lazy.js';
import { seeds } from './seeds.js';

/** Code units parsers trip on: line breaks of every kind, NUL and controls, BOM, bidi and zero-width marks, quotes, escapes. */
const AWKWARD = [
  '\n', '\r', '\r\n', '\t', '\v', '\f', '\0', '\u0085', '\u2028', '\u2029', '\uFEFF', '\u00A0', '\u200B', '\u202E', '\u3000',
  'İ', 'ß', 'ﬃ', 'Σ', '\\', '"', "'", '`', '’', '«', ';', '=', ':', ',', '@', '/', '[', ']', '{', '}', '(', ')', '<', '>', '&', '%', '#', '$', '…',
];

const controlChar = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const asciiChar = fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 });

/** One code point or unit of any kind, printable ASCII most often. */
export const anyChar = fc.oneof(
  { weight: 6, arbitrary: asciiChar },
  { weight: 3, arbitrary: anyCodePoint },
  { weight: 2, arbitrary: fc.constantFrom(...AWKWARD) },
  { weight: 1, arbitrary: controlChar },
  { weight: 1, arbitrary: loneSurrogate },
);

/** Random text: full Unicode, controls, lone surrogates. */
export function randomText(maxLength = 300): fc.Arbitrary<string> {
  return fc.string({ unit: anyChar, maxLength });
}

/** Runs of digits long enough to overflow any integer (the "Level: 9000…" and "0x" + 300 hex digits of issue 13). */
const hugeNumber = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 400 }),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 1, maxLength: 400 }).map((hex) => `0x${hex}`),
  fc.constantFrom('-1', '-0', '4294967295', '4294967296', '18446744073709551616', '1e308', '1e309', 'NaN', 'Infinity', '0x80131904', '0xFFFFFFFF'),
);

/** The words of the real pastes, so that random pastes hold provider tags, error numbers and keywords. */
const words = once(() => {
  const found = new Set<string>();
  for (const text of seeds().all) for (const word of text.split(/[\s]+/)) if (word.length > 0 && word.length <= 60) found.add(word);
  return [...found].sort();
});

/** A paste made of real words, huge numbers and random bits, joined by any separator. */
export function wordSoup(maxWords = 60): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...words()) },
    { weight: 1, arbitrary: hugeNumber },
    { weight: 1, arbitrary: randomText(12) },
  );
  const separator = fc.constantFrom(' ', ' ', ' ', '\n', '\r\n', '\t', ', ', '; ', ': ', ' - ', '', '\\r\\n', '\\n');
  return fc.array(fc.tuple(piece, separator), { maxLength: maxWords }).map((parts) => parts.map(([word, sep]) => word + sep).join(''));
}

// ---------------------------------------------------------------- mutations of real texts

const MUTATIONS = [
  'insert', 'delete', 'duplicate', 'swap', 'upper', 'lower', 'json', 'html', 'truncate', 'crlf', 'literal-crlf', 'doubled-backslash',
  'unicode-escape', 'splice',
] as const;

interface Mutation {
  op: (typeof MUTATIONS)[number];
  a: number;
  b: number;
  c: number;
  noise: string;
}

/** The longest slice a mutation copies (a duplicated or swapped one): mutated texts stay near their original's size. */
const MAX_SLICE = 4096;

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(...MUTATIONS),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  noise: fc.oneof(randomText(40), wordSoup(8), hugeNumber),
});

const htmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const unicodeEscape = (text: string) => [...text].map((ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`).join('');

/** One mutation applied to a text at the places its numbers point to. */
export function mutate(text: string, { op, a, b, c, noise }: Mutation): string {
  const from = a % (text.length + 1);
  const to = Math.min(from + (b % (text.length - from + 1)), from + MAX_SLICE);
  const at = c % (text.length + 1);
  const slice = text.slice(from, to);
  const replaced = (by: string) => text.slice(0, from) + by + text.slice(to);
  switch (op) {
    case 'insert':
      return text.slice(0, at) + noise + text.slice(at);
    case 'delete':
      return replaced('');
    case 'duplicate':
      return text.slice(0, at) + slice + text.slice(at);
    case 'swap': {
      // The slice moves to `at` (a slice exchanged with what lies between).
      const rest = replaced('');
      const where = c % (rest.length + 1);
      return rest.slice(0, where) + slice + rest.slice(where);
    }
    case 'upper':
      return replaced(slice.toUpperCase());
    case 'lower':
      return replaced(slice.toLowerCase());
    case 'json':
      return replaced(JSON.stringify(slice).slice(1, -1));
    case 'html':
      return replaced(htmlEscape(slice));
    case 'truncate':
      return text.slice(0, from);
    case 'crlf':
      return replaced(slice.replace(/\r?\n/g, '\r\n'));
    case 'literal-crlf':
      return replaced(slice.replace(/\r?\n/g, '\\r\\n'));
    case 'doubled-backslash':
      return replaced(slice.replace(/\\/g, '\\\\'));
    case 'unicode-escape':
      return replaced(unicodeEscape(slice.slice(0, 64)) + slice.slice(64));
    case 'splice': {
      const others = seeds().all;
      const other = others[c % others.length] ?? '';
      const start = a % (other.length + 1);
      return text.slice(0, at) + other.slice(start, start + (b % MAX_SLICE)) + text.slice(at);
    }
  }
}

/** Texts of `base` with one to six mutations applied in turn. */
export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([text, steps]) => steps.reduce(mutate, text));
}

/** A real text as it is, or mutated. */
export function realOrMutated(texts: readonly string[]): fc.Arbitrary<string> {
  const real = fc.constantFrom(...texts);
  return fc.oneof({ weight: 1, arbitrary: real }, { weight: 4, arbitrary: mutated(real) });
}

/** Any paste: random text, word soup, or a real one of any kind, as it is or mutated. */
export const anyPaste = once(() =>
  fc.oneof({ weight: 2, arbitrary: randomText() }, { weight: 2, arbitrary: wordSoup() }, { weight: 5, arbitrary: realOrMutated(seeds().all) }),
);

/** Pastes near the error texts: the clients' real errors, mutated, or in a soup of their words. */
export const errorPaste = once(() =>
  fc.oneof({ weight: 5, arbitrary: realOrMutated(seeds().errors) }, { weight: 1, arbitrary: wordSoup() }, { weight: 1, arbitrary: randomText() }),
);

/** Pastes near one kind of evidence. */
export function evidencePaste(kind: EvidenceKind): fc.Arbitrary<string> {
  const texts = seeds().evidence[kind];
  return fc.oneof({ weight: 6, arbitrary: realOrMutated(texts) }, { weight: 1, arbitrary: wordSoup() }, { weight: 1, arbitrary: randomText() });
}

/** Several pastes of any kind joined, as a person pastes an error and its evidence in one box. */
export const combinedPaste = once(() =>
  fc.array(fc.oneof(errorPaste(), anyPaste()), { minLength: 1, maxLength: 4 }).chain((parts) =>
    fc.constantFrom('\n\n', '\n', '\r\n\r\n', ' ').map((separator) => parts.join(separator)),
  ),
);

/**
 * Texts of 64 KiB to a little over the 256 KiB the doctor reads: a piece (real, random or a run of one character)
 * repeated, with or without line breaks, the adversarial shape of issue 13's quadratic patterns.
 */
export const largeText = once(() =>
  fc
    .tuple(
      fc.oneof(fc.constantFrom(...seeds().all), randomText(80), anyChar, wordSoup(20)).filter((piece) => piece.length > 0),
      fc.integer({ min: 64 * 1024, max: 257 * 1024 }),
      fc.boolean(),
    )
    .map(([piece, size, flat]) => {
      const unit = flat ? piece.replace(/[\r\n]+/g, ' ') : piece;
      return unit.repeat(Math.ceil(size / Math.max(1, unit.length))).slice(0, size);
    }),
);

// ---------------------------------------------------------------- bytes

/** Random bytes, mostly small. */
export const randomBytes = fc.uint8Array({ maxLength: 2048 });

interface ByteMutation {
  op: 'flip' | 'set' | 'delete' | 'insert' | 'duplicate' | 'truncate' | 'u32';
  a: number;
  b: number;
  value: number;
}

const byteMutation: fc.Arbitrary<ByteMutation> = fc.record({
  op: fc.constantFrom('flip', 'set', 'delete', 'insert', 'duplicate', 'truncate', 'u32'),
  a: fc.nat(),
  b: fc.nat({ max: 512 }),
  value: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 0xffffffff, 0x7fffffff, 0x80000000, 1 << 20, 65535, 65536)),
});

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) (out.set(part, at), (at += part.length));
  return out;
}

/** One byte-level mutation: a bit flip, a byte set, a slice deleted, inserted or duplicated, a cut, a 32-bit field overwritten. */
export function mutateBytes(bytes: Uint8Array, { op, a, b, value }: ByteMutation): Uint8Array {
  const at = a % (bytes.length + 1);
  const end = Math.min(bytes.length, at + b);
  switch (op) {
    case 'flip':
    case 'set': {
      if (bytes.length === 0) return bytes;
      const copy = Uint8Array.from(bytes);
      const i = a % bytes.length;
      copy[i] = op === 'flip' ? (copy[i] ?? 0) ^ (1 << (value % 8)) : value & 0xff;
      return copy;
    }
    case 'delete':
      return concatBytes(bytes.subarray(0, at), bytes.subarray(end));
    case 'insert':
      return concatBytes(bytes.subarray(0, at), new Uint8Array(b % 64).fill(value & 0xff), bytes.subarray(at));
    case 'duplicate':
      return concatBytes(bytes.subarray(0, end), bytes.subarray(at, end), bytes.subarray(end));
    case 'truncate':
      return bytes.subarray(0, at);
    case 'u32': {
      if (bytes.length < 4) return bytes;
      const copy = Uint8Array.from(bytes);
      new DataView(copy.buffer).setUint32(a % (bytes.length - 3), value >>> 0, (b & 1) === 1);
      return copy;
    }
  }
}

/** `base`'s bytes with one to eight byte mutations. */
export function mutatedBytes(base: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(base, fc.array(byteMutation, { minLength: 1, maxLength: 8 })).map(([bytes, steps]) => steps.reduce(mutateBytes, bytes));
}

/** Capture files: real ones as they are or damaged, random bytes, and random bytes behind a valid magic number. */
export const captureBytes = once(() => {
  const real = fc.constantFrom(...seeds().captures);
  const magic = fc.constantFrom([0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0xc3, 0xd4], [0x4d, 0x3c, 0xb2, 0xa1], [0x0a, 0x0d, 0x0d, 0x0a]);
  const behindMagic = fc.tuple(magic, randomBytes).map(([head, rest]) => concatBytes(Uint8Array.from(head), rest));
  return fc.oneof({ weight: 1, arbitrary: real }, { weight: 6, arbitrary: mutatedBytes(real) }, { weight: 2, arbitrary: behindMagic }, { weight: 1, arbitrary: randomBytes });
});

// ---------------------------------------------------------------- values of the wrong type

/** Keys that reach into prototypes or name the library's own fields. */
const awkwardKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'length'),
  fc.constantFrom('text', 'evidence', 'kind', 'connectionString', 'facts', 'probe', 'timeoutMs', 'login', 'password', 'name'),
  fc.constantFrom(...FACT_NAMES),
  fc.string({ maxLength: 12 }),
);

const hugeValue = fc.constantFrom(
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER - 2, 2 ** 64, -0, Number.EPSILON,
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 10n ** 40n,
);

/** Any value at all: nested objects and arrays, boxed values, Maps, Sets, typed arrays, dates, bigints, huge numbers. */
export const junk = fc.anything({
  key: awkwardKey,
  maxDepth: 3,
  maxKeys: 6,
  values: [fc.boolean(), fc.integer(), fc.double(), hugeValue, fc.string({ maxLength: 40 }), fc.constant(null), fc.constant(undefined)],
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
});

/** JSON text with prototype keys as own properties, parsed as an HTTP body would be. */
const prototypeKeyed = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 60 }))
  .map(([key, value, text]) => JSON.parse(`{"text":${JSON.stringify(text)},"${key}":${JSON.stringify(value) ?? 'null'}}`) as unknown);

/** A value of the right type for a field, or not. */
const either = <T>(right: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: right }, { weight: 1, arbitrary: junk });

/** Caller facts: vocabulary names (and others) with values of the right type or not. */
const callerFacts = fc.dictionary(awkwardKey, fc.oneof(junk, hugeValue, fc.string({ maxLength: 30 }), fc.constantFrom(...EVIDENCE_KINDS)), { maxKeys: 6 });

/**
 * The library's input object with fields of the wrong type, nested junk, huge numbers and prototype keys; probes may
 * be asked for (a doctor whose probe guard refuses every target must be used).
 */
export const structuredInput = once(() => {
  const evidenceItem = fc.record(
    { kind: either(fc.constantFrom(...EVIDENCE_KINDS)), text: fc.oneof(either(anyPaste()), captureBytes()) },
    { requiredKeys: [] },
  );
  const input = fc.record(
    {
      text: either(anyPaste()),
      evidence: either(fc.array(either(evidenceItem), { maxLength: 3 })),
      connectionString: either(evidencePaste('connection_string')),
      facts: either(callerFacts),
      probe: either(fc.oneof(fc.boolean(), fc.record({ timeoutMs: either(fc.integer()), browserPort: either(fc.integer()) }, { requiredKeys: [] }))),
    },
    { requiredKeys: [] },
  );
  // Now and then a key the input does not have, or a prototype's.
  const withStrayKey = fc
    .tuple(input, fc.option(fc.tuple(awkwardKey, junk), { freq: 4 }))
    .map(([value, stray]) => (stray ? Object.defineProperty({ ...value }, stray[0], { value: stray[1], enumerable: true, writable: true, configurable: true }) : value));
  return fc.oneof({ weight: 6, arbitrary: withStrayKey }, { weight: 1, arbitrary: prototypeKeyed }, { weight: 2, arbitrary: junk });
});
