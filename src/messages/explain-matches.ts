// For `rules explain`: which catalogue entry matched which text of the paste. Read from the paste once its secrets
// are masked where they are written and swept wherever else they appear, as the answer is.
import { makePaste } from '../normalize/paste.js';
import { createSweeper, redactText } from '../redact/index.js';
import { recognizeMessages } from './recognize.js';

export interface ExplainedMatch {
  id: string;
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
    layer: match.entry.layer,
    locales: match.entry.locales,
    text: text.slice(match.start, match.end),
    complete: match.complete,
    inRecord: recordIds.has(match.id),
  }));
}

/** The lines `rules explain` prints for them. */
export function formatMatches(matches: readonly ExplainedMatch[]): string[] {
  if (matches.length === 0) return ['recognised messages: none from the catalogue'];
  return [
    'recognised messages (catalogue id, layer, languages: the text it matched):',
    ...matches.map(
      (m) =>
        `  ${m.id} (${m.layer}, ${m.locales.join(' ')}${m.complete ? '' : ', cut short'}${m.inRecord ? '' : '; read for the family only'}): ${shown(m.text)}`,
    ),
  ];
}
