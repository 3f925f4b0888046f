// The built message catalogue (messages/catalogue.json, written by scripts/messages/build.ts) as recognition reads
// it: each entry's pattern and anchor tokens, and each message id's meaning. Loaded on first use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from '../lazy.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Facts } from '../schemas/facts.js';
import { tokenKey, type Token } from './tokens.js';

export const CATALOGUE_FILE = join(PACKAGE_ROOT, 'messages', 'catalogue.json');

/** Bumped when the layout below changes. */
export const CATALOGUE_FORMAT = 1;

export const LAYERS = ['wrapper', 'driver', 'sni', 'os', 'tls', 'server'] as const;
export type Layer = (typeof LAYERS)[number];

export interface CatalogueEntry {
  /** `<source>:<key>`: every locale and version of a message shares it. */
  id: string;
  /** Locales whose text is this template (one template can serve several, e.g. untranslated English). */
  locales: string[];
  layer: Layer;
  provider?: string;
  /** RegExp source for PATTERN_FLAGS, matching case-folded text (src/messages/pattern.ts). */
  pattern: string;
  holes: number;
  /** Weight of the template's literal wording (src/messages/pattern.ts textWeight). */
  literal: number;
  /** Least weight of wording a match cut short must cover (a floor under recognize.ts's shares). */
  minimum: number;
  /** Most characters a match can span. */
  span: number;
  /** Tokens of the template's opening (src/messages/tokens.ts) that make the entry a candidate. */
  anchors: string[];
  /** Most characters a match can span before its furthest anchor (literal text and placeholders before it). */
  before: number;
}

/** What a message says by itself, in facts: shared by every locale and version of its id. */
export interface Meaning {
  facts: Partial<Facts>;
}

export interface SourceSummary {
  title: string;
  /** Repository URL, or for curated topics the kind of pages the entries were read from. */
  origin: string;
  licence: string;
}

export interface CatalogueFile {
  format: number;
  generated: string;
  sources: Record<string, SourceSummary>;
  entries: CatalogueEntry[];
  meanings: Record<string, Meaning>;
}

export interface Catalogue {
  readonly file: CatalogueFile;
  /** Anchor token key → indexes of the entries it anchors. */
  readonly byToken: ReadonlyMap<Token, readonly number[]>;
  /** Per entry (by index), the keys of its anchors: what byToken holds, the other way round. */
  readonly anchorKeys: readonly (readonly Token[])[];
}

/** The index recognition looks tokens up in. */
export function indexCatalogue(file: CatalogueFile): Catalogue {
  const byToken = new Map<Token, number[]>();
  const anchorKeys = file.entries.map((entry, index) =>
    entry.anchors.map((anchor) => {
      const key = tokenKey(anchor);
      const list = byToken.get(key);
      if (list) list.push(index);
      else byToken.set(key, [index]);
      return key;
    }),
  );
  return { file, byToken, anchorKeys };
}

export const builtinCatalogue = once((): Catalogue => {
  const file = JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as CatalogueFile;
  if (file.format !== CATALOGUE_FORMAT) {
    throw new Error(`${CATALOGUE_FILE} has format ${file.format}, expected ${CATALOGUE_FORMAT}: run npm run messages:build`);
  }
  return indexCatalogue(file);
});
