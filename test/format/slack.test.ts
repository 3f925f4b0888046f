// The Slack rendering. Slack publishes no validator for Block Kit: its own type definitions (@slack/types)
// check the block shapes when this file is compiled, and the documented limits and mrkdwn escaping are
// asserted here on every message.
import { describe, expect, it } from '@jest/globals';
import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { formatSlack, type SlackMessage } from '../../src/format/slack.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import { diagnoseFixture, diagnoseHostile, diagnoseProbed, diagnoseSeedWithEvidence, HOSTILE_PASSWORD, HOSTILE_TOKENS, inflated, PASTE_FIXTURES } from './chat-fixtures.js';

/**
 * Slack's documented limits (https://api.slack.com/reference/block-kit/blocks: up to 50 blocks a message; a header's
 * text 150 characters; a section's text 3,000, its fields 10 of 2,000 each; a context block 10 elements), written here
 * from the reference, not imported from the code under test, so that a wrong limit there cannot agree with itself.
 */
const SLACK_LIMITS = { blocks: 50, headerText: 150, sectionText: 3000, fields: 10, fieldText: 2000, contextElements: 10 } as const;

/** Every mrkdwn text of a message: the fallback, section texts and fields, context elements. */
function mrkdwnTexts(m: SlackMessage): string[] {
  return [
    m.text,
    ...m.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text, ...(b.fields ?? []).map((f) => f.text)] : b.type === 'context' ? b.elements.map((e) => e.text) : [])),
  ];
}

/** mrkdwn with its code blocks and code spans taken out: what Slack formats. */
const outsideCode = (text: string) => text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

function expectWithinBlockKit(m: SlackMessage): void {
  // Compile-time: the blocks are Block Kit blocks as Slack's SDK defines them.
  const known: KnownBlock[] = m.blocks;
  expect(known.length).toBeGreaterThan(0);
  expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const block of m.blocks) {
    if (block.type === 'header') {
      expect(block.text.type).toBe('plain_text');
      expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    }
    if (block.type === 'section') {
      expect(block.text.text.length).toBeGreaterThan(0);
      expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    }
    if (block.type === 'context') {
      expect(block.elements.length).toBeGreaterThan(0);
      expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
    }
  }
  for (const text of mrkdwnTexts(m)) {
    // Slack's control characters appear only as the entities it documents.
    expect(text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    // Code fences are balanced, and no code span runs past its line.
    expect((text.match(/```/g) ?? []).length % 2).toBe(0);
    for (const row of text.replace(/```[\s\S]*?```/g, '').split('\n')) expect((row.match(/`/g) ?? []).length % 2).toBe(0);
  }
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('formatSlack on real pastes', () => {
  it.each(PASTE_FIXTURES)('%s: Block Kit within the documented limits', async (path) => {
    const d = await diagnoseFixture(path);
    const m = formatSlack(d);
    expectWithinBlockKit(m);
    expect(m.blocks[0]).toEqual({ type: 'header', text: expect.objectContaining({ type: 'plain_text', text: expect.stringContaining(d.family) }) });
    if (d.causes[0]) expect(m.text).toContain(d.causes[0].title);
  });

  it('shows every cause, the evidence and fixes of the leading ones, and each next check with its commands in code blocks', async () => {
    const d = await diagnoseSeedWithEvidence();
    const m = formatSlack(d);
    expectWithinBlockKit(m);
    const all = mrkdwnTexts(m).join('\n');
    const plain = unescape(all);
    for (const cause of d.causes) expect(plain).toContain(`\`${cause.id}\``);
    for (const cause of d.causes.slice(0, 3)) {
      for (const fix of cause.fixes) expect(plain).toContain(fix.title);
      // A quoted pasted line is shown as a code span.
      for (const quote of cause.evidence.flatMap((e) => e.match(/"(.*)"/)?.[1] ?? [])) expect(plain).toContain(`\`${quote.replace(/`/g, 'ˋ')}\``);
    }
    const blocks = [...all.matchAll(/```\n([\s\S]*?)\n```/g)].map((match) => unescape(match[1] ?? ''));
    expect(d.nextChecks.length).toBeGreaterThan(0);
    for (const check of d.nextChecks) {
      for (const { run } of check.commands) expect(blocks.some((b) => b.split('\n').includes(run))).toBe(true);
      if (check.kind !== 'question' && !check.kind.startsWith('probe.')) expect(plain).toContain(`evidence of kind \`${check.kind}\``);
    }
  });
});

describe('formatSlack with live probes', () => {
  it('shows what each probe saw in a code block under the probe heading', async () => {
    const d = await diagnoseProbed();
    const m = formatSlack(d);
    expectWithinBlockKit(m);
    const probes = mrkdwnTexts(m).find((t) => t.startsWith('*Probes of 127.0.0.1,9'));
    expect(probes).toMatch(/```\n[\s\S]*TCP\s+127\.0\.0\.1:9[\s\S]*\n```$/);
  });
});

describe('formatSlack on a hostile paste', () => {
  it('lets no pasted mention, link or formatting through, and never shows the password', async () => {
    const m = formatSlack(await diagnoseHostile());
    expectWithinBlockKit(m);
    const json = JSON.stringify(m);
    expect(json).not.toContain('<!');
    expect(json).not.toContain('<http');
    expect(json).not.toContain(HOSTILE_PASSWORD);
    expect(json).not.toContain('Hunter2');
    const texts = mrkdwnTexts(m);
    // The paste is there, escaped, inside code; outside code none of its markup is left for Slack to format.
    expect(texts.join('\n')).toContain('&lt;!channel&gt;');
    for (const text of texts) for (const token of HOSTILE_TOKENS) expect(unescape(outsideCode(text))).not.toContain(token);
  });
});

describe('formatSlack on diagnoses past every limit', () => {
  it('stays within the documented limits, the same each time', async () => {
    const base: Diagnosis = await diagnoseSeedWithEvidence();
    fc.assert(
      fc.property(inflated(base), (d) => {
        const m = formatSlack(d);
        expectWithinBlockKit(m);
        expect(formatSlack(d)).toEqual(m);
      }),
      { numRuns: 25 },
    );
  });
});
