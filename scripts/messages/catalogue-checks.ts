// What the catalogue build proves before it writes: every entry's example reads back as that entry (as
// libphonenumber proves its example numbers), and every pattern shape is linear (recheck).
import { checkSync } from 'recheck';
import type { Catalogue } from '../../src/messages/catalogue.js';
import { coreParts, derivePattern, PATTERN_FLAGS } from '../../src/messages/pattern.js';
import { recognizeMessages } from '../../src/messages/recognize.js';
import { instantiate, parseTemplate, type TemplatePart } from '../../src/messages/template.js';
import type { InputEntry } from './catalogue-build.js';

/** Each input that became an entry, with its example: the template with sample values. */
function examples(inputs: readonly InputEntry[], catalogue: Catalogue): Array<{ input: InputEntry; example: string }> {
  const built = new Set(catalogue.file.entries.map((e) => `${e.id}\u0000${e.pattern}`));
  const out: Array<{ input: InputEntry; example: string }> = [];
  for (const input of inputs) {
    const parts = parseTemplate(input.template, input.syntax);
    const pattern = derivePattern(parts);
    if (pattern && built.has(`${input.id}\u0000${pattern.source}`)) out.push({ input, example: instantiate(parts) });
  }
  return out;
}

/** Entries whose example is not recognised, completely, as themselves. */
export function examplesThatDoNotReadBack(inputs: readonly InputEntry[], catalogue: Catalogue): string[] {
  const problems: string[] = [];
  for (const { input, example } of examples(inputs, catalogue)) {
    const flat = example.replace(/\s+/g, ' ');
    const found = recognizeMessages(flat, { catalogue }).find((m) => m.id === input.id && m.complete);
    if (!found) problems.push(`${input.id} (${input.locale}): its example does not read back: ${JSON.stringify(example.slice(0, 160))}`);
  }
  return problems;
}

/**
 * The shape of a pattern: its placeholders where they fall, each run of literal words as two words. Backtracking in a
 * derived pattern depends only on that (a run of literal words is a chain of single-way optional groups, and the
 * words a placeholder requires a chain of required ones, each of which may instead be the text's end), so checking
 * every distinct shape checks every pattern, in a minute instead of hours.
 */
function shapeOf(parts: readonly TemplatePart[]): string | undefined {
  // Two words per literal, so that the words a placeholder requires (and the cut allowed among them) are in the shape.
  const shape: TemplatePart[] = coreParts(parts).map((p) => ('literal' in p ? { literal: 'w w' } : p));
  return derivePattern(shape)?.source;
}

export function patternShapes(inputs: readonly InputEntry[]): string[] {
  const shapes = new Set<string>();
  for (const input of inputs) {
    const shape = shapeOf(parseTemplate(input.template, input.syntax));
    if (shape) shapes.add(shape);
  }
  return [...shapes].sort();
}

/** How long recheck may think about one shape. */
const RECHECK_TIMEOUT_MS = 30_000;

export async function shapesNotLinear(shapes: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const shape of shapes) {
    const verdict = checkSync(shape, PATTERN_FLAGS.replace('d', ''), { timeout: RECHECK_TIMEOUT_MS });
    if (verdict.status !== 'safe') problems.push(`pattern shape ${shape} is ${verdict.status} for recheck`);
  }
  return problems;
}
