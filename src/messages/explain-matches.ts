// For `rules explain`: which catalogue entry matched which text of the paste. Read from the paste once its secrets
// are masked where they are written and swept wherever else they appear, as the answer is.
import { makePaste } from '../normalize/paste.js';
import { createSweeper, redactText } from '../redact/index.js';
import { recognizeMessages } from './recognize.js';

export interface ExplainedMatch {
  id: string;
  /** Where the match lies in the prepared paste: matches of one span are the same words in several sources. */
  start: number;
  end: number;
  layer: string;
  locales: string[];
  /** The text of the paste the entry matched (secrets masked). */
  text: string;
  /** The whole template matched, not only its opening (a cut line). */
  complete: boolean;
  /** An error record of the diagnosis carries the id (error.messages); otherwise it only spoke to the family. */
  inRecord: boolean;
}

const shown = (text: string, max = 160) => JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Every catalogue message recognised in the pasted text, in order, with whether a record names it. */
export function explainMatches(pasted: string, recordIds: ReadonlySet<string>): ExplainedMatch[] {
  const redacted = redactText(pasted);
  // Read as normalize() reads it: unescaped and whitespace-folded, so a wrapped message matches as it did there.
  const paste = makePaste(createSweeper(redacted.secrets).sweep(redacted.text));
  const text = paste.flat;
  return recognizeMessages(text, { isLineBreak: paste.isLineBreak }).map((match) => ({
    id: match.id,
    start: match.start,
    end: match.end,
    layer: match.entry.layer,
    locales: match.entry.locales,
    text: text.slice(match.start, match.end),
    complete: match.complete,
    inRecord: recordIds.has(match.id),
  }));
}

/** The lines `rules explain` prints for them: one per stretch of text, naming every source that words it so. */
export function formatMatches(matches: readonly ExplainedMatch[]): string[] {
  if (matches.length === 0) return ['recognised messages: none from the catalogue'];
  const spans = new Map<string, ExplainedMatch[]>();
  for (const m of matches) {
    const key = `${m.start}:${m.end}:${m.layer}`;
    spans.set(key, [...(spans.get(key) ?? []), m]);
  }
  return [
    'recognised messages (catalogue ids, layer, languages: the text they matched):',
    ...[...spans.values()].map((same) => {
      const [first] = same as [ExplainedMatch];
      const locales = [...new Set(same.flatMap((m) => m.locales))].join(' ');
      const notes = `${first.complete ? '' : ', cut short'}${same.some((m) => m.inRecord) ? '' : '; read for the family only'}`;
      return `  ${same.map((m) => m.id).join(', ')} (${first.layer}, ${locales}${notes}): ${shown(first.text)}`;
    }),
  ];
}
