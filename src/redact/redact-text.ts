// redactText(): masks every secret the catalogue's shapes find, in the text as written and in every text it
// decodes to, at the place in the original where it is written; returns the masked text and the secrets found.
import { composeRegex } from '../compose-regex.js';
import { AUTH_SCHEMES } from './catalogue.js';
import { layersOf, originalSpan } from './layers.js';
import { plainFinder } from './match-finder.js';
import { isNoSecret, SHAPES } from './shapes/index.js';
import { TextIndex } from './text-index.js';

export const MASK = '***';

/** Shorter secrets are masked where found, but not swept from the rest of the output: they are parts of too many words. */
export const MIN_SWEPT_SECRET = 3;

export interface Redacted {
  text: string;
  secrets: string[];
}

/** Each shape with the function that finds its matches (src/redact/match-finder.ts). */
const FINDERS = SHAPES.map((shape) => [shape, shape.find ?? plainFinder(shape.pattern)] as const);

const SCHEME = composeRegex(`^(?:${AUTH_SCHEMES.join('|')})[ \\t]+(?=\\S)`, 'i');

/**
 * The texts a secret may be written as elsewhere: itself, what it decodes to (a JSON-escaped value), and an
 * Authorization header's credentials without their scheme.
 */
function spellings(value: string): string[] {
  const credentials = value.replace(SCHEME, '');
  return [...new Set([value, credentials])].flatMap((text) => layersOf(text).map((layer) => layer.text));
}

export interface RedactOptions {
  /**
   * Decode every layer whole, not only the stretches around its escapes that the readings of the layer above make
   * worth reading again (src/redact/layers.ts decodeLayer): the reference test/redact/redact-text.test.ts compares
   * the two by.
   */
  wholeLayers?: boolean;
}

export function redactText(text: string, options: RedactOptions = {}): Redacted {
  const spans: Array<[number, number]> = [];
  const secrets = new Set<string>();
  /** Each value once: whether it is a secret (a log repeats the same few thousands of times). */
  const judged = new Map<string, boolean>();
  layersOf(text, (layer) => {
    const index = new TextIndex(layer.text);
    /** The readings that passed a line break (Reaches, src/redact/layers.ts). */
    const reaches: number[] = [];
    for (const [shape, find] of FINDERS) {
      for (let m = find(layer.text, 0); m; ) {
        const { values, resume } = shape.read(layer.text, m, index);
        for (const value of values) {
          let secret = judged.get(value.value);
          if (secret === undefined) {
            secret = !isNoSecret(value.value, MASK);
            judged.set(value.value, secret);
            if (secret) for (const spelling of spellings(value.value)) secrets.add(spelling.trim());
          }
          // What the redactor wrote itself ("Password=***" read again) is no secret either.
          if (secret && layer.text.slice(value.start, value.end) !== MASK) spans.push(originalSpan(layer, value.start, value.end));
        }
        const next = Math.max(resume ?? 0, m.index + m[0].length, m.index + 1);
        const lineStart = index.lineStart(m.index);
        if (index.lineStart(next) > lineStart) reaches.push(lineStart, next);
        m = find(layer.text, next);
      }
    }
    return options.wholeLayers ? undefined : reaches;
  });
  return { text: masked(text, spans), secrets: [...secrets].filter((s) => s.length >= MIN_SWEPT_SECRET && !isNoSecret(s, MASK)) };
}

/** The text with each span, merged where spans overlap or touch, replaced by the mask. */
export function masked(text: string, spans: Array<[number, number]>): string {
  if (spans.length === 0) return text;
  // Each shape finds its spans in order: sorting is needed only where shapes or layers interleave.
  const inOrder = spans.every((span, i) => i === 0 || (spans[i - 1] as [number, number])[0] <= span[0]);
  if (!inOrder) spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  let [openStart, openEnd] = spans[0] as [number, number];
  for (let i = 1; i < spans.length; i++) {
    const [start, end] = spans[i] as [number, number];
    if (start <= openEnd) {
      openEnd = Math.max(openEnd, end);
      continue;
    }
    out += text.slice(at, openStart) + MASK;
    at = openEnd;
    openStart = start;
    openEnd = end;
  }
  return out + text.slice(at, openStart) + MASK + text.slice(openEnd);
}
