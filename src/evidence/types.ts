// The contract every evidence parser implements (one file per kind under src/evidence/).
import { rememberingLast } from '../lazy.js';
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

/** detect() runs on every paragraph of every paste: it reads lines cut to this length (no table row or log line is longer)… */
export const DETECT_LINE_CHARS = 4096;
/** …and this much of them, from the start. */
export const DETECT_CHARS = 64 * 1024;

/** What detect() reads of a text: its lines, each cut to DETECT_LINE_CHARS, up to DETECT_CHARS in all. */
export function detectionSample(text: string): string {
  return text.length <= DETECT_LINE_CHARS ? text : sampleOf(text);
}

/** The sample of a longer text, made once: every parser's detect() reads the same paragraph. */
const sampleOf = rememberingLast((text: string) => {
  // Runs of lines short enough are kept as one slice: only a cut line makes a piece of its own.
  let sample = '';
  let runStart = 0;
  let lastStop = 0;
  let kept = 0;
  for (let start = 0; start <= text.length && kept < DETECT_CHARS; ) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > DETECT_LINE_CHARS) {
      sample += text.slice(runStart, start + DETECT_LINE_CHARS);
      runStart = stop;
      kept += DETECT_LINE_CHARS + 1;
    } else {
      kept += stop - start + 1;
    }
    lastStop = stop;
    start = stop + 1;
  }
  return (sample + text.slice(runStart, lastStop)).slice(0, DETECT_CHARS);
});

/**
 * A parser object whose detect() and parse() cannot throw, whatever the input: a parser bug on odd
 * text becomes a warning for that artefact instead of failing the whole diagnosis. detect() reads the
 * detection sample only.
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
        return detect(detectionSample(String(text)));
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
