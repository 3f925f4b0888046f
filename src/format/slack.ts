// The Slack rendering: a Block Kit message ({ text, blocks }) for chat.postMessage, a response_url or an
// incoming webhook. Slack reads `&`, `<` and `>` as control characters in mrkdwn, so every text is escaped
// (a pasted `<!channel>` cannot ping, a pasted `<https://…|x>` cannot link), and what was pasted is shown in
// code spans and blocks, where Slack applies no formatting. Block Kit's documented limits are kept.
import type { Diagnosis, NextCheck } from '../schemas/diagnosis.js';
import { codeSpanSegments, commandsByPlatform, fitPieces, fitRendering, followUp, moreNote, quotedSegments, SHOWN, type Segment } from './chat-parts.js';
import { FAMILY_MEANING } from './families.js';
import { probeHeading, probeLines } from './probes.js';
import { clientLine, DETAILED_CAUSES, percent, targetLine } from './summary.js';

export interface SlackText {
  type: 'mrkdwn';
  text: string;
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text: SlackText; fields?: SlackText[] }
  | { type: 'divider' }
  | { type: 'context'; elements: SlackText[] };

export interface SlackMessage {
  /** Plain fallback for notifications and clients that cannot show blocks. */
  text: string;
  blocks: SlackBlock[];
}

/** Block Kit's limits (Slack's block reference): blocks per message, and characters per text. */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
} as const;

/** One evidence line, step or command group at most this long, so that a long paste leaves room for the rest. */
const PIECE_LIMIT = 1200;
const NOTE_LIMIT = 1000;
const FALLBACK_LIMIT = 3000;

/** Slack's escaping for mrkdwn: only these three characters, as HTML entities. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Inline code: mrkdwn has no escape for a backtick, so one in the text becomes a look-alike (U+02CB) that
 * cannot close the span.
 */
function codeSpan(text: string): string {
  const flat = text.replace(/`/g, 'ˋ').replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
  return flat.trim() === '' ? escapeMrkdwn(flat) : `\`${escapeMrkdwn(flat)}\``;
}

/** A code block; a run of three backticks inside is broken with a zero-width space so it cannot close the block. */
function codeBlock(text: string): string {
  return `\`\`\`\n${escapeMrkdwn(text.replace(/`{3,}/g, (run) => run.split('').join('\u200b')))}\n\`\`\``;
}

/** Running text; a backtick left in it has no partner and would open a code span that runs on. */
const prose = (text: string) => escapeMrkdwn(text.replace(/`/g, 'ˋ'));
const mrkdwn = (segments: readonly Segment[]) => segments.map((s) => (s.code ? codeSpan(s.text) : prose(s.text))).join('');
const plain = (text: string): Segment[] => [{ text, code: false }];
const literal = (text: string): Segment[] => [{ text, code: true }];

/** Segments rendered after a fixed prefix, cut to `limit`. */
function line(prefix: string, segments: readonly Segment[], limit = PIECE_LIMIT): string {
  return fitRendering(segments, (s) => `${prefix}${mrkdwn(s)}`, limit);
}

const optional = (text: string | undefined) => (text === undefined ? [] : [prose(text)]);

/** A section of text its caller has already fitted to the section limit. */
const section = (text: string, fields?: SlackText[]): SlackBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text },
  ...(fields && fields.length > 0 ? { fields } : {}),
});

const context = (texts: string[]): SlackBlock => ({ type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn', text })) });

function summaryBlocks(d: Diagnosis): SlackBlock[] {
  const fields: SlackText[] = [];
  const client = clientLine(d);
  if (client) fields.push({ type: 'mrkdwn', text: line('*Client*\n', literal(client), SLACK_LIMITS.fieldText) });
  const target = targetLine(d);
  if (target) fields.push({ type: 'mrkdwn', text: line('*Target*\n', literal(target), SLACK_LIMITS.fieldText) });
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `SQL Server connection: ${d.family}`.slice(0, SLACK_LIMITS.headerText), emoji: false } },
    section(`*Family:* ${codeSpan(d.family)} — ${prose(FAMILY_MEANING[d.family])}`, fields.slice(0, SLACK_LIMITS.fields)),
  ];
  if (d.probes) {
    const heading = `*${prose(probeHeading(d.probes))}*\n`;
    blocks.push(section(fitRendering(literal(probeLines(d.probes).join('\n')), (s) => heading + codeBlock(s[0]?.text ?? ''), SLACK_LIMITS.sectionText)));
  }
  return blocks;
}

function causeBlocks(d: Diagnosis): SlackBlock[] {
  if (d.causes.length === 0) return [section('_No likely cause could be named from what was given._')];
  const title = (i: number) => {
    const cause = d.causes[i]!;
    return line(`${i + 1}. `, [...codeSpanSegments(cause.title), { text: ` · ${percent(cause.confidence)} · `, code: false }, { text: cause.id, code: true }]);
  };
  const blocks = d.causes.slice(0, DETAILED_CAUSES).map((cause, i) => {
    const pieces = [`*${title(i)}*`, ...cause.evidence.slice(0, SHOWN.evidence).map((e) => line('• ', quotedSegments(e)))];
    pieces.push(...optional(moreNote(cause.evidence.length, SHOWN.evidence, 'evidence lines')));
    for (const fix of cause.fixes.slice(0, SHOWN.fixes)) {
      pieces.push(line(`*Fix${fix.where ? ` (${fix.where})` : ''}:* `, codeSpanSegments(fix.title)));
      fix.steps.slice(0, SHOWN.steps).forEach((step, s) => pieces.push(line(`      ${s + 1}. `, codeSpanSegments(step))));
      pieces.push(...optional(moreNote(fix.steps.length, SHOWN.steps, 'steps')));
    }
    pieces.push(...optional(moreNote(cause.fixes.length, SHOWN.fixes, 'fixes')));
    return section(fitPieces(pieces, SLACK_LIMITS.sectionText));
  });
  const shownCauses = DETAILED_CAUSES + SHOWN.causes;
  const rest = d.causes.slice(DETAILED_CAUSES, shownCauses).map((_, i) => title(i + DETAILED_CAUSES));
  rest.push(...optional(moreNote(d.causes.length, shownCauses, 'causes')));
  if (rest.length > 0) blocks.push(section(fitPieces(rest, SLACK_LIMITS.sectionText)));
  return [section('*Likely causes*'), ...blocks];
}

function checkBlock(check: NextCheck, i: number): SlackBlock {
  const pieces = [line(`*${i + 1}. `, quotedSegments(check.title)) + '*', line('', quotedSegments(check.why))];
  for (const { platform, runs } of commandsByPlatform(check, SHOWN.commands)) {
    const label = platform === 'any' ? '' : `_${platform}_\n`;
    pieces.push(fitRendering(literal(runs.join('\n')), (s) => label + codeBlock(s[0]?.text ?? ''), PIECE_LIMIT));
  }
  pieces.push(...optional(moreNote(check.commands.length, SHOWN.commands, 'commands')), line('', followUp(check)));
  return section(fitPieces(pieces, SLACK_LIMITS.sectionText));
}

function checkBlocks(d: Diagnosis): SlackBlock[] {
  if (d.nextChecks.length === 0) return [];
  const more = moreNote(d.nextChecks.length, SHOWN.checks, 'next checks');
  return [section('*Next checks*'), ...d.nextChecks.slice(0, SHOWN.checks).map(checkBlock), ...(more ? [context([more])] : [])];
}

function noteBlocks(d: Diagnosis): SlackBlock[] {
  if (d.warnings.length === 0) return [];
  const notes = d.warnings.slice(0, SHOWN.notes).map((w) => line('Note: ', quotedSegments(w), NOTE_LIMIT));
  return [context([...notes, ...optional(moreNote(d.warnings.length, SHOWN.notes, 'notes'))])];
}

/** The notification text: family and most likely cause, no markup. */
function fallbackText(d: Diagnosis): string {
  const top = d.causes[0];
  const cause = top ? `Most likely: ${top.title} (${percent(top.confidence)}).` : 'No likely cause could be named.';
  return fitRendering(plain(`SQL Server connection: ${d.family} — ${FAMILY_MEANING[d.family]}. ${cause}`), mrkdwn, FALLBACK_LIMIT);
}

export function formatSlack(d: Diagnosis): SlackMessage {
  const blocks = [...summaryBlocks(d), { type: 'divider' } as const, ...causeBlocks(d), ...checkBlocks(d), ...noteBlocks(d)];
  const kept =
    blocks.length <= SLACK_LIMITS.blocks
      ? blocks
      : [...blocks.slice(0, SLACK_LIMITS.blocks - 1), context([`…${blocks.length - SLACK_LIMITS.blocks + 1} more blocks left out; the JSON answer has everything.`])];
  return { text: fallbackText(d), blocks: kept };
}
