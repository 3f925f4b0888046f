// splitPaste looks for a client's error signature in a paragraph only where it decides something (src/evidence/split.ts).
// It must split every paste as the plain reading does, which asks every paragraph: that reading is kept here as the
// reference, and both are run on random pastes of real fixture paragraphs (socket tables, process lists, ERRORLOG
// lines, alias exports, client errors, and text none of them claims) in random order.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { PARSERS } from '../../src/evidence/index.js';
import { DETECT_THRESHOLD, MAX_PARAGRAPHS, splitPaste, splitTrailingError, type PastePart } from '../../src/evidence/split.js';
import type { EvidenceParser } from '../../src/evidence/types.js';
import { claimingNormalizers } from '../../src/normalize/index.js';
import { makePaste } from '../../src/normalize/paste.js';

/** The reading splitPaste replaced: every paragraph's kind decided on its own, signatures included (the split of an
 * evidence paragraph's trailing error lines is the module's own, which did not change). */
function referenceSplit(text: string, parsers: readonly EvidenceParser[]): PastePart[] {
  const claimed = (t: string) => claimingNormalizers(makePaste(t)).length > 0;
  const kindOf = (paragraph: string): PastePart['kind'] => {
    let best: { kind: NonNullable<PastePart['kind']>; score: number } | undefined;
    for (const parser of parsers) {
      const score = parser.detect(paragraph);
      if (score >= DETECT_THRESHOLD && (!best || score > best.score)) best = { kind: parser.kind, score };
    }
    if (claimed(paragraph) && (!best || best.score < 0.9)) return 'error';
    return best?.kind;
  };
  const parts: PastePart[] = [];
  for (const paragraph of text.split(/\n[ \t\u00a0]*\n/)) {
    if (!paragraph.trim()) continue;
    const kind = kindOf(paragraph);
    for (const piece of kind === undefined || kind === 'error' ? [{ kind, text: paragraph }] : splitTrailingError(paragraph, kind, parsers)) {
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

/**
 * A part with each run of blank lines as one: splitPaste gives a part of whole paragraphs as the slice of the text
 * they are (blank lines as written, spaces on them included), the reference joins them with one blank line.
 */
const blankLinesAsOne = (part: PastePart): PastePart => ({ ...part, text: part.text.replace(/\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)*/g, '\n\n') });

const fixtures = new URL('../fixtures/', import.meta.url);
const read = (dir: string, count: number) =>
  readdirSync(new URL(dir, fixtures))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, count)
    .map((f) => readFileSync(new URL(`${dir}${f}`, fixtures), 'utf8').trim());
const paragraphs = [
  ...read('evidence/sockets/', 6),
  ...read('evidence/processes/', 4),
  ...read('evidence/errorlog/', 4),
  ...read('evidence/aliases/', 3),
  ...read('errors/', 12),
  'Active Connections',
  'and then it stopped working after the update',
  "Server=db01;Database=app;User Id=app;\nLogin failed for user 'app'.",
];

describe('splitPaste', () => {
  it('splits random pastes of real paragraphs as reading every paragraph does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...paragraphs), { minLength: 1, maxLength: 8 }), (chosen) => {
        const text = chosen.join('\n\n');
        expect(splitPaste(text, PARSERS).map(blankLinesAsOne)).toEqual(referenceSplit(text, PARSERS).map(blankLinesAsOne));
      }),
      { seed: 20261204, numRuns: 400 },
    );
  });

  it('reads a part of no kind as a client error when a later paragraph of it is one', () => {
    const error = '(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';
    const text = ['and then it stopped working', error].join('\n\n');
    expect(splitPaste(text, PARSERS).map((p) => p.kind)).toEqual(['error']);
  });

  it('reads the paragraphs past MAX_PARAGRAPHS as one block, losing none of their text', () => {
    const error = '(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';
    const netstat = read('evidence/sockets/', 1)[0] as string;
    const chosen = Array.from({ length: 3 * MAX_PARAGRAPHS }, (_, i) => (i === 10 ? netstat : `${error} #${i}`));
    const parts = splitPaste(chosen.join('\n\n'), PARSERS);
    // The socket table among the paragraphs read one by one is found; everything else is the error, in order.
    expect(parts.map((p) => p.kind)).toEqual(['error', 'netstat', 'error']);
    expect(parts.map((p) => p.text).join('\n\n')).toBe(chosen.join('\n\n'));
    // Past the limit the rest is one block, read as one paragraph is (its start): no text is lost there either.
    const late = Array.from({ length: 3 * MAX_PARAGRAPHS }, (_, i) => (i === 2 * MAX_PARAGRAPHS ? netstat : `${error} #${i}`));
    const lateParts = splitPaste(late.join('\n\n'), PARSERS);
    expect(lateParts.map((p) => p.kind)).toEqual(['error']);
    expect(lateParts[0]?.text).toBe(late.join('\n\n'));
  });

  it('gives a part of whole paragraphs as the text writes it, blank lines with spaces on them included', () => {
    const error = '(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';
    const text = `${error}\n  \n\n${error} again\n\t\nand then it stopped`;
    expect(splitPaste(text, PARSERS)).toEqual([{ kind: 'error', text }]);
    // A paragraph cut in two (a connection string, then the error on its next line) is no slice: its pieces stand.
    const cut = "Server=db01;Database=app;User Id=app;\nLogin failed for user 'app'.";
    expect(splitPaste(`${cut}\n \n${error}`, PARSERS)).toEqual([
      { kind: 'connection_string', text: 'Server=db01;Database=app;User Id=app;' },
      { kind: 'error', text: `Login failed for user 'app'.\n\n${error}` },
    ]);
  });
});
