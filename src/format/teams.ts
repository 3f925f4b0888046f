// The Microsoft Teams rendering: a bot message holding one Adaptive Card (version 1.5, the highest Teams
// renders). TextBlock text is read as Markdown, and Teams clients disagree on backslash escapes, so TextBlocks
// hold only text written here; everything taken from the diagnosis goes in RichTextBlock TextRuns, which
// Adaptive Cards never read as Markdown ("Markdown is not supported", TextRun, schema 1.2): a pasted
// `[x](https://…)` or `**bold**` shows as typed. Pasted lines and commands are in a monospace font.
import type { Diagnosis, NextCheck } from '../schemas/diagnosis.js';
import { codeSpanSegments, commandsByPlatform, fitSegments, followUp, moreNote, quotedSegments, SHOWN, type Segment } from './chat-parts.js';
import { FAMILY_MEANING } from './families.js';
import { probeHeading, probeLines } from './probes.js';
import { clientLine, DETAILED_CAUSES, percent, targetLine } from './summary.js';

export interface TextRun {
  type: 'TextRun';
  text: string;
  fontType?: 'Monospace';
  weight?: 'Bolder';
  isSubtle?: boolean;
}

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  size?: 'Medium' | 'Large';
  weight?: 'Bolder';
  isSubtle?: boolean;
  separator?: boolean;
}

export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  separator?: boolean;
  spacing?: 'Medium';
}

export type CardElement = TextBlock | RichTextBlock | Container;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
}

export interface AdaptiveCardAttachment {
  type: 'message';
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive'; content: AdaptiveCard }];
}

/**
 * Message size. Teams documents a bot message limit of 100 KB today (40 KB before, counted as UTF-16), and
 * about 28 KB for cards posted by Workflows: the card stays under the strictest of them.
 */
export const TEAMS_LIMITS = { utf16Bytes: 40 * 1024, utf8Bytes: 28_000 } as const;

/** One run of text at most this long, so that a long paste leaves room for the rest. */
const RUN_LIMIT = 800;

/** The "…and N more" line of a list cut to its SHOWN count, if it was cut. */
const more = (total: number, shown: number, what: string): TextBlock[] => {
  const note = moreNote(total, shown, what);
  return note ? [{ type: 'TextBlock', text: note, wrap: true, isSubtle: true }] : [];
};

const heading = (text: string, separator = true): TextBlock => ({ type: 'TextBlock', text, wrap: true, size: 'Medium', weight: 'Bolder', separator });

function run(text: string, style: Omit<TextRun, 'type' | 'text'> = {}): TextRun {
  return { type: 'TextRun', text, ...style };
}

/** Segments as runs, the literal ones in monospace, cut to RUN_LIMIT characters in all. */
function runs(segments: readonly Segment[], style: Omit<TextRun, 'type' | 'text'> = {}): TextRun[] {
  return fitSegments(segments, (s) => s.reduce((sum, x) => sum + x.text.length, 0), RUN_LIMIT)
    .filter((s) => s.text !== '')
    .map((s) => run(s.text, s.code ? { ...style, fontType: 'Monospace' } : style));
}

const rich = (...inlines: TextRun[]): RichTextBlock => ({ type: 'RichTextBlock', inlines });
const literal = (text: string): Segment[] => [{ text, code: true }];

function summary(d: Diagnosis): CardElement[] {
  const elements: CardElement[] = [
    { type: 'TextBlock', text: 'SQL Server connection diagnosis', wrap: true, size: 'Large', weight: 'Bolder' },
    rich(run('Family: ', { weight: 'Bolder' }), run(d.family, { fontType: 'Monospace' }), run(` — ${FAMILY_MEANING[d.family]}`)),
  ];
  const client = clientLine(d);
  if (client) elements.push(rich(run('Client: ', { weight: 'Bolder' }), ...runs(literal(client))));
  const target = targetLine(d);
  if (target) elements.push(rich(run('Target: ', { weight: 'Bolder' }), ...runs(literal(target))));
  if (d.probes) {
    elements.push({
      type: 'Container',
      separator: true,
      items: [rich(run(probeHeading(d.probes), { weight: 'Bolder' })), ...probeLines(d.probes).map((l) => rich(...runs(literal(l))))],
    });
  }
  return elements;
}

function causeLine(d: Diagnosis, i: number, style: Omit<TextRun, 'type' | 'text'> = {}): RichTextBlock {
  const cause = d.causes[i]!;
  return rich(run(`${i + 1}. `, style), ...runs(codeSpanSegments(cause.title), style), run(` · ${percent(cause.confidence)} · `), run(cause.id, { fontType: 'Monospace', isSubtle: true }));
}

function causes(d: Diagnosis): CardElement[] {
  if (d.causes.length === 0) return [{ type: 'TextBlock', text: 'No likely cause could be named from what was given.', wrap: true, isSubtle: true, separator: true }];
  const detailed = d.causes.slice(0, DETAILED_CAUSES).map(
    (cause, i): Container => ({
      type: 'Container',
      spacing: 'Medium',
      items: [
        causeLine(d, i, { weight: 'Bolder' }),
        ...cause.evidence.slice(0, SHOWN.evidence).map((e) => rich(run('• '), ...runs(quotedSegments(e)))),
        ...more(cause.evidence.length, SHOWN.evidence, 'evidence lines'),
        ...cause.fixes.slice(0, SHOWN.fixes).flatMap((fix) => [
          rich(run(`Fix${fix.where ? ` (${fix.where})` : ''}: `, { weight: 'Bolder' }), ...runs(codeSpanSegments(fix.title))),
          ...fix.steps.slice(0, SHOWN.steps).map((step, s) => rich(run(`${s + 1}. `), ...runs(codeSpanSegments(step)))),
          ...more(fix.steps.length, SHOWN.steps, 'steps'),
        ]),
        ...more(cause.fixes.length, SHOWN.fixes, 'fixes'),
      ],
    }),
  );
  const shownCauses = DETAILED_CAUSES + SHOWN.causes;
  const rest = d.causes.slice(DETAILED_CAUSES, shownCauses).map((_, i) => causeLine(d, i + DETAILED_CAUSES));
  return [heading('Likely causes'), ...detailed, ...rest, ...more(d.causes.length, shownCauses, 'causes')];
}

function check(c: NextCheck, i: number): Container {
  const items: CardElement[] = [rich(run(`${i + 1}. `, { weight: 'Bolder' }), ...runs(quotedSegments(c.title), { weight: 'Bolder' })), rich(...runs(quotedSegments(c.why)))];
  for (const { platform, runs: commands } of commandsByPlatform(c, SHOWN.commands)) {
    if (platform !== 'any') items.push(rich(run(platform, { isSubtle: true })));
    items.push(...commands.map((command) => rich(...runs(literal(command)))));
  }
  items.push(...more(c.commands.length, SHOWN.commands, 'commands'), rich(...runs(followUp(c), { isSubtle: true })));
  return { type: 'Container', spacing: 'Medium', items };
}

function checks(d: Diagnosis): CardElement[] {
  if (d.nextChecks.length === 0) return [];
  return [heading('Next checks'), ...d.nextChecks.slice(0, SHOWN.checks).map(check), ...more(d.nextChecks.length, SHOWN.checks, 'next checks')];
}

function notes(d: Diagnosis): CardElement[] {
  if (d.warnings.length === 0) return [];
  return [heading('Notes'), ...d.warnings.slice(0, SHOWN.notes).map((w) => rich(...runs(quotedSegments(w), { isSubtle: true }))), ...more(d.warnings.length, SHOWN.notes, 'notes')];
}

const message = (body: CardElement[]): AdaptiveCardAttachment => ({
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body },
    },
  ],
});

/** Bytes of a JSON text as UTF-16 and as UTF-8: Teams counts the first, Workflows posts go out as the second. */
export function messageSize(json: string): { utf16Bytes: number; utf8Bytes: number } {
  return { utf16Bytes: json.length * 2, utf8Bytes: Buffer.byteLength(json, 'utf8') };
}

const LEFT_OUT: TextBlock = { type: 'TextBlock', text: '…the rest is left out here; the JSON answer has everything.', wrap: true, isSubtle: true };

/** The elements, in order, that keep the message within TEAMS_LIMITS; a note stands for those left out. */
function withinSize(elements: CardElement[]): CardElement[] {
  const fixed = messageSize(JSON.stringify(message([LEFT_OUT])));
  let utf16 = fixed.utf16Bytes;
  let utf8 = fixed.utf8Bytes;
  const kept: CardElement[] = [];
  for (const element of elements) {
    const size = messageSize(`${JSON.stringify(element)},`);
    utf16 += size.utf16Bytes;
    utf8 += size.utf8Bytes;
    if (utf16 > TEAMS_LIMITS.utf16Bytes || utf8 > TEAMS_LIMITS.utf8Bytes) return [...kept, LEFT_OUT];
    kept.push(element);
  }
  return kept;
}

export function formatTeams(d: Diagnosis): AdaptiveCardAttachment {
  return message(withinSize([...summary(d), ...causes(d), ...checks(d), ...notes(d)]));
}
