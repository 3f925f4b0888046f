// Splits a paste that holds several artefacts (an error, then netstat, then ERRORLOG lines) into parts
// of one kind each, so every part goes to the parser that reads it.
import { NORMALIZERS } from '../normalize/index.js';
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
  if (NORMALIZERS.some((n) => n.detect(paste)) && (!best || best.score < 0.9)) return 'error';
  return best?.kind;
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
    const last = parts.at(-1);
    if (last && (kind === undefined || last.kind === kind || last.kind === undefined)) {
      last.text += `\n\n${paragraph}`;
      last.kind ??= kind;
    } else {
      parts.push({ kind, text: paragraph });
    }
  }
  return parts;
}
