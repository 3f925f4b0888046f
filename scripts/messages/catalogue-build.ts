// The catalogue build's pure part: harvested sources, curated entries and meanings in, messages/catalogue.json's
// content and a report out. scripts/messages/build.ts reads and writes the files around it.
import { Ajv } from 'ajv';
import { CATALOGUE_FORMAT, LAYERS, type CatalogueEntry, type CatalogueFile, type Layer, type Meaning } from '../../src/messages/catalogue.js';
import { coreParts, derivePattern, MAX_HOLE_NUMBER, MAX_HOLE_TEXT, textWeight } from '../../src/messages/pattern.js';
import { instantiate, parseTemplate, PLACEHOLDER_SYNTAXES, type PlaceholderSyntax, type TemplatePart } from '../../src/messages/template.js';
import { tokensOf } from '../../src/messages/tokens.js';
import { FACT_SCHEMAS, isFactName } from '../../src/schemas/facts.js';
import { PROVIDERS } from '../../src/schemas/vocabulary.js';
import type { SourceFile } from './harvest/source-file.js';

/** An entry as the build reads it, from a source file or a curated file. */
export interface InputEntry {
  id: string;
  locale: string;
  template: string;
  syntax: PlaceholderSyntax;
  layer: Layer;
  provider?: string;
  /** Where it came from: `repository@commit:path`, or the page it was read from. */
  origin: string;
}

/** A curated file (messages/curated/<topic>.yaml): what no open source publishes, each entry with its page. */
export interface CuratedFile {
  source: string;
  title: string;
  /** What kind of pages the entries were read from, and why no source publishes them. */
  origin: string;
  licence: string;
  entries: Array<{
    id: string;
    locale: string;
    template: string;
    syntax?: PlaceholderSyntax;
    layer: Layer;
    provider?: string;
    /** The public page (issue, Q&A thread, vendor doc) the wording was read from. */
    url: string;
    /** The text as it appeared there, which must read back as this entry. */
    seen: string;
    note?: string;
  }>;
}

export type MeaningsFile = Record<string, { facts?: Record<string, unknown>; proposed?: unknown; because?: string }>;

/**
 * Templates need literal wording of this weight (textWeight: a character of an unspaced script counts three) to be
 * entries: "{0}", "Error: {0}" or "%s (%d)" would match everything.
 */
export const MIN_LITERAL = 12;
/** Least weight of wording a cut-short match must cover (a floor under recognize.ts's shares). */
const PARTIAL_MINIMUM = 16;
/** Anchors come from the opening of a template: a paste cut after it is still found. */
const ANCHOR_ZONE = 0.35;
const ANCHORS_PER_ENTRY = 2;

export interface BuildReport {
  entries: number;
  excluded: Array<{ id: string; locale: string; reason: string }>;
  problems: string[];
  bySource: Record<string, Record<string, number>>;
}

export function inputsOfSource(file: SourceFile): InputEntry[] {
  return file.entries.map((e) => ({
    id: e.id,
    locale: e.locale,
    template: e.template,
    syntax: e.syntax,
    layer: e.layer,
    provider: e.provider,
    origin: `${file.repository}@${e.commit}:${e.path}`,
  }));
}

export function inputsOfCurated(file: CuratedFile): InputEntry[] {
  return file.entries.map((e) => ({
    id: e.id,
    locale: e.locale,
    template: e.template,
    syntax: e.syntax ?? 'none',
    layer: e.layer,
    provider: e.provider,
    origin: e.url,
  }));
}

/** Why an entry's fields are outside the vocabulary, or undefined. */
function unknownField(entry: InputEntry): string | undefined {
  if (!(PLACEHOLDER_SYNTAXES as readonly string[]).includes(entry.syntax)) return `unknown syntax "${entry.syntax}"`;
  if (!(LAYERS as readonly string[]).includes(entry.layer)) return `unknown layer "${entry.layer}"`;
  if (entry.provider !== undefined && !(PROVIDERS as readonly string[]).includes(entry.provider)) return `unknown provider "${entry.provider}"`;
  return undefined;
}

/** Why a template's wording cannot tell it apart, or undefined. */
function tooLittleWording(parts: TemplatePart[]): string | undefined {
  const literal = coreParts(parts)
    .map((p) => ('literal' in p ? p.literal : ''))
    .join('');
  if (textWeight(literal) < MIN_LITERAL) return 'too little literal wording to be told apart';
  return undefined;
}

/** Each anchor candidate token of a template's opening, with the most characters a match can span before it. */
function openingTokens(parts: readonly TemplatePart[], literalLength: number): Array<{ token: string; before: number }> {
  const tokens: Array<{ token: string; before: number }> = [];
  let before = 0;
  let literalSeen = 0;
  const core = coreParts(parts);
  for (const [i, part] of core.entries()) {
    if ('hole' in part) {
      before += part.hole === 'number' ? MAX_HOLE_NUMBER : MAX_HOLE_TEXT;
      continue;
    }
    for (const { token, index } of tokensOf(part.literal)) {
      const at = literalSeen + textWeight(part.literal.slice(0, index));
      if (at > literalLength * ANCHOR_ZONE && tokens.length > 0) return tokens;
      // A word written against a placeholder ("{0}바이트보다") is one token with the value in a paste, never itself:
      // every anchor must occur in the text for the entry to be tried (src/messages/recognize.ts).
      const gluedBefore = index === 0 && i > 0 && 'hole' in (core[i - 1] as TemplatePart);
      const gluedAfter = index + token.length === part.literal.length && i + 1 < core.length && 'hole' in (core[i + 1] as TemplatePart);
      if (gluedBefore || gluedAfter) continue;
      tokens.push({ token, before: before + index + 1 });
    }
    before += part.literal.length + 1;
    literalSeen += textWeight(part.literal);
  }
  return tokens;
}

function spanOf(parts: readonly TemplatePart[]): number {
  return coreParts(parts).reduce(
    (n, p) => n + ('literal' in p ? p.literal.length + 1 : p.hole === 'number' ? MAX_HOLE_NUMBER : MAX_HOLE_TEXT),
    0,
  );
}

const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });

/** Meanings checked against the fact vocabulary: only error.* facts, each value valid for its fact. */
function checkMeanings(meanings: MeaningsFile, ids: ReadonlySet<string>, problems: string[]): Record<string, Meaning> {
  const out: Record<string, Meaning> = {};
  for (const [id, meaning] of Object.entries(meanings)) {
    if (!ids.has(id)) problems.push(`meanings.yaml: ${id} is not a catalogue entry`);
    if (meaning.proposed !== undefined) problems.push(`meanings.yaml: ${id} still holds a proposal; decide it`);
    const facts: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(meaning.facts ?? {})) {
      if (!isFactName(name) || !name.startsWith('error.')) {
        problems.push(`meanings.yaml: ${id}: "${name}" is not an error.* fact of the vocabulary`);
        continue;
      }
      const validate = ajv.compile(FACT_SCHEMAS[name]);
      if (!validate(value)) problems.push(`meanings.yaml: ${id}: ${name}: ${ajv.errorsText(validate.errors, { dataVar: 'value' })}`);
      else facts[name] = value;
    }
    if (Object.keys(facts).length > 0) out[id] = { facts };
  }
  return out;
}

/** Catalogue entries from input entries: one per distinct (id, template), listing the locales that share it. */
export function buildCatalogue(
  inputs: readonly InputEntry[],
  meanings: MeaningsFile,
  sources: CatalogueFile['sources'],
): { file: CatalogueFile; report: BuildReport } {
  const report: BuildReport = { entries: 0, excluded: [], problems: [], bySource: {} };
  const byText = new Map<string, { input: InputEntry; locales: Set<string>; parts: TemplatePart[] }>();
  for (const input of inputs) {
    const unknown = unknownField(input);
    const parts = unknown ? [] : parseTemplate(input.template, input.syntax);
    const why = unknown ?? tooLittleWording(parts);
    if (why) {
      report.excluded.push({ id: input.id, locale: input.locale, reason: why });
      continue;
    }
    const source = input.id.split(':')[0] as string;
    const counts = (report.bySource[source] ??= {});
    counts[input.locale] = (counts[input.locale] ?? 0) + 1;
    const key = `${input.id}\u0000${instantiate(parts)}`;
    const seen = byText.get(key);
    if (seen) seen.locales.add(input.locale);
    else byText.set(key, { input, locales: new Set([input.locale]), parts });
  }

  // How many entries each token opens: anchors are the rarest tokens of an opening, so few entries are candidates.
  const frequency = new Map<string, number>();
  const openings = new Map<string, Array<{ token: string; before: number }>>();
  for (const [key, { parts }] of byText) {
    const pattern = derivePattern(parts);
    const tokens = pattern ? openingTokens(parts, pattern.literalLength) : [];
    openings.set(key, tokens);
    for (const token of new Set(tokens.map((t) => t.token))) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  }

  const entries: CatalogueEntry[] = [];
  for (const [key, { input, locales, parts }] of byText) {
    const pattern = derivePattern(parts);
    const tokens = openings.get(key) ?? [];
    if (!pattern || tokens.length === 0) {
      report.excluded.push({ id: input.id, locale: input.locale, reason: 'no anchor token in its opening' });
      continue;
    }
    const anchors = [...tokens].sort((a, b) => (frequency.get(a.token) ?? 0) - (frequency.get(b.token) ?? 0) || b.token.length - a.token.length);
    const chosen = anchors.slice(0, ANCHORS_PER_ENTRY);
    entries.push({
      id: input.id,
      locales: [...locales].sort(),
      layer: input.layer,
      ...(input.provider ? { provider: input.provider } : {}),
      pattern: pattern.source,
      holes: pattern.holes,
      literal: pattern.literalLength,
      minimum: Math.min(pattern.literalLength, PARTIAL_MINIMUM),
      span: spanOf(parts),
      anchors: [...new Set(chosen.map((a) => a.token))],
      before: Math.max(...chosen.map((a) => a.before)),
    });
  }
  entries.sort((a, b) => a.id.localeCompare(b.id) || a.pattern.localeCompare(b.pattern));
  report.entries = entries.length;
  const ids = new Set(inputs.map((i) => i.id));
  const file: CatalogueFile = {
    format: CATALOGUE_FORMAT,
    generated: 'by scripts/messages/build.ts from messages/sources/*.json, messages/curated/*.yaml and messages/meanings.yaml; do not edit',
    sources,
    entries,
    meanings: checkMeanings(meanings, ids, report.problems),
  };
  return { file, report };
}
