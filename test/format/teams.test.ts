// The Teams rendering, checked by Microsoft's own Adaptive Cards object model (the `adaptivecards` package):
// every card parses at version 1.5 with no parse or validation event and round-trips unchanged, so no
// property or value is unknown to it.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import { formatTeams, messageSize, type AdaptiveCardAttachment, type CardElement, type RichTextBlock, type TextBlock } from '../../src/format/teams.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import { diagnoseFixture, diagnoseHostile, diagnoseProbed, diagnoseSeedWithEvidence, HOSTILE_PASSWORD, HOSTILE_TOKENS, inflated, PASTE_FIXTURES } from './chat-fixtures.js';

// The package's `lib` build is ES modules without file extensions, which Node cannot load; its UMD bundle loads.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/**
 * Microsoft's documented message sizes, written here from the documentation rather than imported from the code under
 * test: a bot message 40 KB counted as UTF-16 (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages,
 * "the message size limit is 40 KB" before the 100 KB raise), and about 28 KB for a card posted through Workflows
 * (https://learn.microsoft.com/connectors/teams/, "Known issues and limitations").
 */
const TEAMS_LIMITS = { utf16Bytes: 40 * 1024, utf8Bytes: 28_000 } as const;

/** What the official object model says about a card: its parse and validation events, and the card it re-serializes. */
function officialReading(content: unknown) {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(content, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  events.push(...card.validateProperties().validationEvents.map((e) => e.message));
  return { events, json: card.toJSON() };
}

function elements(list: readonly CardElement[]): CardElement[] {
  return list.flatMap((e) => [e, ...(e.type === 'Container' ? elements(e.items) : [])]);
}
const body = (m: AdaptiveCardAttachment) => m.attachments[0].content.body;
const textBlocks = (m: AdaptiveCardAttachment) => elements(body(m)).filter((e): e is TextBlock => e.type === 'TextBlock');
const textRuns = (m: AdaptiveCardAttachment) => elements(body(m)).flatMap((e) => (e.type === 'RichTextBlock' ? (e as RichTextBlock).inlines : []));

function expectValidCard(message: AdaptiveCardAttachment): void {
  expect(message.type).toBe('message');
  expect(message.attachments).toHaveLength(1);
  expect(message.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  const { content } = message.attachments[0];
  expect(content.version).toBe('1.5');
  const reading = officialReading(content);
  expect(reading.events).toEqual([]);
  expect(reading.json).toEqual(content);
  const size = messageSize(JSON.stringify(message));
  expect(size.utf16Bytes).toBeLessThanOrEqual(TEAMS_LIMITS.utf16Bytes);
  expect(size.utf8Bytes).toBeLessThanOrEqual(TEAMS_LIMITS.utf8Bytes);
  // TextBlocks are read as Markdown: they hold only this renderer's own words, never a Markdown character.
  for (const block of textBlocks(message)) {
    expect(block.wrap).toBe(true);
    expect(block.text).toMatch(/^[\w …,.;'-]+$/);
  }
}

describe('formatTeams on real pastes', () => {
  it.each(PASTE_FIXTURES)('%s: a valid Adaptive Card 1.5 within the size limits', async (path) => {
    expectValidCard(formatTeams(await diagnoseFixture(path)));
  });

  it('shows the family, every cause, the evidence and fixes of the leading causes, and each next check with its commands in monospace', async () => {
    const d = await diagnoseSeedWithEvidence();
    const message = formatTeams(d);
    expectValidCard(message);
    const runs = textRuns(message);
    const shown = runs.map((r) => r.text).join('');
    expect(runs).toContainEqual(expect.objectContaining({ text: d.family, fontType: 'Monospace' }));
    for (const cause of d.causes) expect(runs).toContainEqual(expect.objectContaining({ text: cause.id, fontType: 'Monospace' }));
    for (const cause of d.causes.slice(0, 3)) {
      for (const fix of cause.fixes) expect(shown).toContain(fix.title);
      // A quoted pasted line is a monospace run of its own.
      for (const quote of cause.evidence.flatMap((e) => e.match(/"(.*)"/)?.[1] ?? [])) {
        expect(runs).toContainEqual(expect.objectContaining({ text: quote, fontType: 'Monospace' }));
      }
    }
    expect(d.nextChecks.length).toBeGreaterThan(0);
    for (const check of d.nextChecks) {
      for (const { run } of check.commands) expect(runs).toContainEqual(expect.objectContaining({ text: run, fontType: 'Monospace' }));
      if (check.kind !== 'question' && !check.kind.startsWith('probe.')) expect(runs).toContainEqual(expect.objectContaining({ text: check.kind, fontType: 'Monospace' }));
    }
  });
});

describe('formatTeams with live probes', () => {
  it('shows the probe heading and what each probe saw in monospace', async () => {
    const message = formatTeams(await diagnoseProbed());
    expectValidCard(message);
    const runs = textRuns(message);
    expect(runs).toContainEqual(expect.objectContaining({ text: expect.stringMatching(/^Probes of 127\.0\.0\.1,9 /), weight: 'Bolder' }));
    expect(runs).toContainEqual(expect.objectContaining({ text: expect.stringMatching(/^TCP\s+127\.0\.0\.1:9/), fontType: 'Monospace' }));
  });
});

describe('formatTeams on a hostile paste', () => {
  it('keeps pasted Markdown out of Markdown-read text and shows it literally in monospace runs', async () => {
    const message = formatTeams(await diagnoseHostile());
    expectValidCard(message);
    for (const block of textBlocks(message)) for (const token of HOSTILE_TOKENS) expect(block.text).not.toContain(token);
    const pasted = textRuns(message).filter((r) => HOSTILE_TOKENS.some((t) => r.text.includes(t)));
    expect(pasted.length).toBeGreaterThan(0);
    for (const r of pasted) expect(r.fontType).toBe('Monospace');
    expect(JSON.stringify(message)).not.toContain(HOSTILE_PASSWORD);
    expect(JSON.stringify(message)).not.toContain('Hunter2');
  });
});

describe('formatTeams on diagnoses past every limit', () => {
  it('stays a valid card within the size limits, the same each time', async () => {
    const base: Diagnosis = await diagnoseSeedWithEvidence();
    fc.assert(
      fc.property(inflated(base), (d) => {
        const message = formatTeams(d);
        expectValidCard(message);
        expect(formatTeams(d)).toEqual(message);
      }),
      { numRuns: 25 },
    );
  });
});
