// Splits a paste that holds several artefacts (an error, then netstat, then ERRORLOG lines) into parts
// of one kind each, so every part goes to the parser that reads it.
import { claimingNormalizers, NORMALIZERS } from '../normalize/index.js';
import { makePaste } from '../normalize/paste.js';
import type { EvidenceKind } from '../schemas/vocabulary.js';
import type { EvidenceParser } from './types.js';

export type PartKind = EvidenceKind | 'error';

export interface PastePart {
  kind: PartKind | undefined;
  text: string;
}

/**
 * Paragraphs classified one by one, at most: past them the rest of a paste is one block, classified as a paragraph
 * is. Every paragraph costs each evidence parser's detect() and a look for a provider's signature, so 256 KiB of
 * "r" and a blank line (87,000 paragraphs) took a third of a second; a paste of more paragraphs than this is a log.
 */
export const MAX_PARAGRAPHS = 200;

/** A paragraph and where it lies in the text: [start, end). */
interface Paragraph {
  text: string;
  start: number;
  end: number;
}

const BLANK_LINE = /\n[ \t\u00a0]*\n/g;

/** The paragraphs of a text (separated by blank lines), the last holding all past MAX_PARAGRAPHS - 1. */
function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  BLANK_LINE.lastIndex = 0;
  for (let m = BLANK_LINE.exec(text); m && paragraphs.length < MAX_PARAGRAPHS - 1; m = BLANK_LINE.exec(text)) {
    paragraphs.push({ text: text.slice(start, m.index), start, end: m.index });
    start = m.index + m[0].length;
  }
  paragraphs.push({ text: text.slice(start), start, end: text.length });
  return paragraphs;
}

/** A paragraph belongs to a kind when its parser is at least this sure. */
export const DETECT_THRESHOLD = 0.5;

/** A client's error text by its provider's signature (a standing-alone server message does not count here). */
const isClaimed = (paragraph: string) => claimingNormalizers(makePaste(paragraph)).length > 0;

/** The evidence kind a paragraph's parsers are surest of, if any is sure enough. */
function evidenceKindOf(paragraph: string, parsers: readonly EvidenceParser[]): { kind: EvidenceKind; score: number } | undefined {
  let best: { kind: EvidenceKind; score: number } | undefined;
  for (const parser of parsers) {
    const score = parser.detect(paragraph);
    if (score >= DETECT_THRESHOLD && (!best || score > best.score)) best = { kind: parser.kind, score };
  }
  return best;
}

/** A paragraph an evidence parser claims, unless a client's error text wins the tie: its signatures are the most specific. */
function claimedKind(paragraph: string, best: { kind: EvidenceKind; score: number }): PartKind {
  return best.score < 0.9 && isClaimed(paragraph) ? 'error' : best.kind;
}

/** A client's error text: a provider's signature, or a message the server normalizer knows standing alone. */
function isErrorText(text: string): boolean {
  return isClaimed(text) || NORMALIZERS.some((n) => n.detectAlone?.(makePaste(text)));
}

/**
 * A paragraph an evidence parser claims may end in the error itself, with no blank line between ("Server=db;…"
 * on one line, "Login failed for user 'app'." on the next): the trailing lines that parser does not claim one by one,
 * when they are a client's error text, are a part of their own. Lines the parser claims (an ERRORLOG's own error
 * lines) stay with it.
 */
export function splitTrailingError(paragraph: string, kind: EvidenceKind, parsers: readonly EvidenceParser[]): PastePart[] {
  const parser = parsers.find((p) => p.kind === kind);
  const lines = paragraph.split('\n');
  if (!parser || lines.length < 2) return [{ kind, text: paragraph }];
  let first = lines.length;
  while (first > 1 && parser.detect(lines[first - 1] as string) < DETECT_THRESHOLD) first--;
  const head = lines.slice(0, first).join('\n');
  const rest = lines.slice(first).join('\n');
  // Both halves must stand on their own: a parser that recognises its artefact only as a whole (an ERRORLOG whose
  // lines it does not claim one by one) keeps the paragraph.
  if (first === lines.length || parser.detect(head) < DETECT_THRESHOLD || !isErrorText(rest)) return [{ kind, text: paragraph }];
  return [
    { kind, text: head },
    { kind: 'error', text: rest },
  ];
}

/** A part being built: paragraphs no parser claimed whose error signature has not been looked for yet, while its kind is open. */
interface OpenPart {
  kind: PartKind | undefined;
  /** Its paragraphs, joined when the split is done: appending each to a string made a rope of hundreds of pieces. */
  paragraphs: string[];
  /**
   * Where its paragraphs lie in the text, while they are whole paragraphs of it: the part is then that slice of the
   * text, blank lines as written, which costs no copy (joining a 256 KiB paste's paragraphs again took 2 ms).
   */
  span?: [number, number];
  unread: string[];
}

/**
 * A part of no kind yet is a client's error text when one of its paragraphs carries a provider's signature. Asked
 * only when it matters (the part meets evidence, or the split ends), and read until the first that does: a log of
 * hundreds of paragraphs is not read paragraph by paragraph for it when one of its first is an error.
 */
function settle(part: OpenPart): void {
  if (part.kind === undefined && part.unread.some(isClaimed)) part.kind = 'error';
  part.unread = [];
}

/**
 * Paragraphs (separated by blank lines) are classified one by one; a paragraph no parser claims
 * (a header such as "Active Connections", a blank-separated continuation) joins the part before it,
 * and neighbours of the same kind merge; past MAX_PARAGRAPHS, the rest is one. A paragraph no evidence parser
 * claims is a client's error text if it carries a provider's signature, which is looked for only where it decides
 * something: after evidence (a new part, or the evidence's continuation), and for the kind of a part that has none
 * (settle).
 */
export function splitPaste(text: string, parsers: readonly EvidenceParser[]): PastePart[] {
  const parts: OpenPart[] = [];
  for (const { text: paragraph, start, end } of paragraphsOf(text)) {
    if (!paragraph.trim()) continue;
    const last = parts.at(-1);
    const best = evidenceKindOf(paragraph, parsers);
    let kind: PartKind | undefined;
    let unread: string[] = [];
    if (best) kind = claimedKind(paragraph, best);
    else if (last?.kind !== undefined && last.kind !== 'error') kind = isClaimed(paragraph) ? 'error' : undefined;
    else unread = [paragraph];
    const split = kind === undefined || kind === 'error' ? [{ kind, text: paragraph }] : splitTrailingError(paragraph, kind, parsers);
    const whole = split.length === 1;
    const pieces: OpenPart[] = split.map((p) => ({ kind: p.kind, paragraphs: [p.text], ...(whole ? { span: [start, end] as [number, number] } : {}), unread: whole ? unread : [] }));
    for (const piece of pieces) {
      const previous = parts.at(-1);
      // A part of no kind meeting one of a kind must know whether it is an error first: an error part stays apart.
      if (previous && previous.kind === undefined && piece.kind !== undefined) settle(previous);
      if (previous && (piece.kind === undefined || previous.kind === piece.kind || previous.kind === undefined)) {
        previous.paragraphs.push(...piece.paragraphs);
        previous.span = previous.span && piece.span ? [previous.span[0], piece.span[1]] : undefined;
        previous.kind ??= piece.kind;
        if (previous.kind === undefined) previous.unread.push(...piece.unread);
      } else {
        parts.push(piece);
      }
    }
  }
  for (const part of parts) settle(part);
  return parts.map(({ kind, paragraphs, span }) => ({ kind, text: span ? text.slice(span[0], span[1]) : paragraphs.join('\n\n') }));
}
