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

/** A paragraph belongs to a kind when its parser is at least this sure. */
export const DETECT_THRESHOLD = 0.5;

function kindOf(paragraph: string, parsers: readonly EvidenceParser[]): PartKind | undefined {
  let best: { kind: EvidenceKind; score: number } | undefined;
  for (const parser of parsers) {
    const score = parser.detect(paragraph);
    if (score >= DETECT_THRESHOLD && (!best || score > best.score)) best = { kind: parser.kind, score };
  }
  // A client's error text wins ties: its signatures (provider tags, error numbers) are the most specific.
  const paste = makePaste(paragraph);
  if (claimingNormalizers(paste).length > 0 && (!best || best.score < 0.9)) return 'error';
  return best?.kind;
}

/** A client's error text: a provider's signature, or a message the server normalizer knows standing alone. */
function isErrorText(text: string): boolean {
  const paste = makePaste(text);
  return claimingNormalizers(paste).length > 0 || NORMALIZERS.some((n) => n.detectAlone?.(paste));
}

/**
 * A paragraph an evidence parser claims may end in the error itself, with no blank line between ("Server=db;…"
 * on one line, "Login failed for user 'app'." on the next): the trailing lines that parser does not claim one by one,
 * when they are a client's error text, are a part of their own. Lines the parser claims (an ERRORLOG's own error
 * lines) stay with it.
 */
function splitTrailingError(paragraph: string, kind: EvidenceKind, parsers: readonly EvidenceParser[]): PastePart[] {
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

/**
 * Paragraphs (separated by blank lines) are classified one by one; a paragraph no parser claims
 * (a header such as "Active Connections", a blank-separated continuation) joins the part before it,
 * and neighbours of the same kind merge.
 */
export function splitPaste(text: string, parsers: readonly EvidenceParser[]): PastePart[] {
  const parts: PastePart[] = [];
  for (const paragraph of text.split(/\n[ \t\u00a0]*\n/)) {
    if (!paragraph.trim()) continue;
    const kind = kindOf(paragraph, parsers);
    const pieces = kind === undefined || kind === 'error' ? [{ kind, text: paragraph }] : splitTrailingError(paragraph, kind, parsers);
    for (const piece of pieces) {
      const last = parts.at(-1);
      if (last && (piece.kind === undefined || last.kind === piece.kind || last.kind === undefined)) {
        last.text += `\n\n${piece.text}`;
        last.kind ??= piece.kind;
      } else {
        parts.push(piece);
      }
    }
  }
  return parts;
}
