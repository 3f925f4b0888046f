// The contract every evidence parser implements (one file per kind under src/evidence/).
import type { Facts } from '../schemas/facts.js';
import type { EvidenceKind } from '../schemas/vocabulary.js';

export interface EvidenceResult {
  /** Facts about the artefact itself; correlation with the target happens later (src/engine/derive.ts). */
  facts: Facts;
  /** Fact name → the line of the artefact it was read from, for evidence quotes. */
  sources?: Partial<Record<keyof Facts, string>>;
  /** What could not be read, in plain words. Parsers never throw. */
  warnings: string[];
}

export interface EvidenceParser {
  readonly kind: EvidenceKind;
  /**
   * How sure the parser is that `text` is its kind of artefact, 0 (not at all) to 1 (certain),
   * from signatures such as a header line. Cheap: runs on every unlabelled paste.
   */
  detect(text: string): number;
  /** Reads the artefact. Pure; never throws, whatever the text. */
  parse(text: string): EvidenceResult;
}

/**
 * A parser object whose detect() and parse() cannot throw, whatever the input: a parser bug on odd
 * text becomes a warning for that artefact instead of failing the whole diagnosis.
 */
export function neverThrowing(
  kind: EvidenceKind,
  detect: (text: string) => number,
  parse: (text: string) => EvidenceResult,
  failure: string,
): EvidenceParser {
  return {
    kind,
    detect(text) {
      try {
        return detect(String(text));
      } catch {
        return 0;
      }
    },
    parse(text) {
      try {
        return parse(String(text));
      } catch {
        return { facts: {}, warnings: [failure] };
      }
    },
  };
}
