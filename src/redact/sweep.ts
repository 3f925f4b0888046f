// The sweep: every secret the redactor found, replaced wherever else it appears in text read from the input.
// Only in free text: what a schema declares a closed vocabulary (an enum: family, providers, platform, where…)
// is the program's word, not the paste's, and stays as it is even when a password happens to spell it.
import { escapeRegExp } from './escape-regexp.js';
import { layersOf, originalSpan } from './layers.js';
import { isNoSecret } from './shapes/index.js';
import { MASK, masked, MIN_SWEPT_SECRET } from './redact-text.js';

/**
 * Below this length a secret is swept only where it stands as a word of its own. A short password is often a
 * piece of ordinary words: "pass" swept everywhere turned every "password" of a message into "***word". A longer
 * one is swept wherever it is.
 */
const MIN_UNBOUNDED_SECRET = 8;

/** The pattern of one secret: a short one may not touch a letter, digit or underscore on a side where it has one. */
function secretPattern(secret: string): string {
  if (secret.length >= MIN_UNBOUNDED_SECRET) return escapeRegExp(secret);
  const before = /^[\p{L}\p{N}_]/u.test(secret) ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = /[\p{L}\p{N}_]$/u.test(secret) ? '(?![\\p{L}\\p{N}_])' : '';
  return `${before}${escapeRegExp(secret)}${after}`;
}

export interface Sweeper {
  /** The text with every occurrence of a secret masked, also where the text writes it escaped. */
  sweep(text: string): string;
}

/**
 * Secrets longer than this are found by plain search, not in the pattern: a pattern holding one (a bearer token of
 * 256 KiB) is too large for V8 to compile, and a diagnosis of such a paste failed. They are swept wherever they are,
 * as every secret of MIN_UNBOUNDED_SECRET or more characters is.
 */
const MAX_PATTERN_SECRET = 1024;

/** Where `secret` occurs in `text`, each occurrence as a span. */
function occurrences(text: string, secret: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + secret.length)) spans.push([at, at + secret.length]);
  return spans;
}

export function createSweeper(secrets: Iterable<string>): Sweeper {
  const unique = [...new Set(secrets)].filter((s) => s.length >= MIN_SWEPT_SECRET && !isNoSecret(s, MASK));
  if (unique.length === 0) return { sweep: (text) => text };
  const long = unique.filter((s) => s.length > MAX_PATTERN_SECRET);
  const inPattern = unique.filter((s) => s.length <= MAX_PATTERN_SECRET);
  // Longest first: where one secret holds another, the whole of it is masked.
  const pattern = inPattern.length > 0 ? new RegExp(inPattern.sort((a, b) => b.length - a.length).map(secretPattern).join('|'), 'gu') : undefined;
  return {
    sweep(text) {
      const layers = layersOf(text);
      const spans: Array<[number, number]> = [];
      for (const layer of layers) {
        if (pattern) for (const m of layer.text.matchAll(pattern)) spans.push(originalSpan(layer, m.index, m.index + m[0].length));
        for (const secret of long) for (const [start, end] of occurrences(layer.text, secret)) spans.push(originalSpan(layer, start, end));
      }
      return masked(text, spans);
    },
  };
}

/** The part of a JSON Schema the sweep reads. */
interface SchemaNode {
  enum?: unknown;
  const?: unknown;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
}

/** A closed word list: an enum or a constant, or a union of them. */
function isVocabulary(schema: SchemaNode | undefined): boolean {
  if (!schema) return false;
  if (schema.enum !== undefined || schema.const !== undefined) return true;
  const branches = schema.anyOf ?? schema.oneOf;
  return Array.isArray(branches) && branches.length > 0 && branches.every(isVocabulary);
}

const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'number' ? 'number' : typeof value);

/** The branch of a union that describes a value (by JSON type), or the schema itself. */
function branchFor(schema: SchemaNode | undefined, value: unknown): SchemaNode | undefined {
  const branches = schema?.anyOf ?? schema?.oneOf;
  if (!branches) return schema;
  const type = typeOf(value);
  return branches.find((b) => (Array.isArray(b.type) ? b.type.includes(type) : b.type === type || (type === 'number' && b.type === 'integer')));
}

/**
 * `value` with the sweep applied to every string its schema leaves free: strings without an enum, in objects by
 * their properties' schemas, in arrays by their items'. Object keys (fact names) are never touched; a value the
 * schema does not describe is free text.
 */
export function sweepBySchema<T>(schema: object, value: T, sweeper: Sweeper): T {
  const walk = (node: SchemaNode | undefined, v: unknown): unknown => {
    const own = branchFor(node, v);
    if (typeof v === 'string') return isVocabulary(node) ? v : sweeper.sweep(v);
    if (Array.isArray(v)) return v.map((item, i) => walk(Array.isArray(own?.items) ? own.items[i] : own?.items, item));
    if (v && typeof v === 'object') {
      const extra = typeof own?.additionalProperties === 'object' ? own.additionalProperties : undefined;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(own?.properties?.[k] ?? extra, x)]));
    }
    return v;
  };
  return walk(schema as SchemaNode, value) as T;
}
