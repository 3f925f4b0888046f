// What the chat renderings (Slack, Teams) share: which parts of a line are literal text to show as code,
// what a next check asks the person to send back, and how to cut text to a platform's limit.
import type { NextCheck } from '../schemas/diagnosis.js';
import { EVIDENCE_KINDS, type EvidenceKind, type Platform } from '../schemas/vocabulary.js';

/** A piece of a line: running text, or literal text (a pasted line, a command) to show as code. */
export interface Segment {
  text: string;
  code: boolean;
}

/**
 * Evidence lines quote the pasted line a fact came from in double quotes (`{{fact|quote}}`), and a pasted
 * line may itself hold quotes: everything from the first to the last quote is one literal piece.
 */
export function quotedSegments(line: string): Segment[] {
  const first = line.indexOf('"');
  const last = line.lastIndexOf('"');
  if (first < 0 || last === first) return [{ text: line, code: false }];
  return [
    { text: line.slice(0, first), code: false },
    { text: line.slice(first + 1, last), code: true },
    { text: line.slice(last + 1), code: false },
  ].filter((s) => s.text !== '');
}

/**
 * Fix steps from the rule pack mark commands as Markdown code spans (`…`): a run of backticks opens a span that the
 * next run of the same length closes (CommonMark's rule); a run nothing closes is plain text. Found run by run, each
 * with the next run of its length looked up once, so text full of stray backticks costs one pass.
 */
export function codeSpanSegments(step: string): Segment[] {
  const runs = [...step.matchAll(/`+/g)].map((m) => ({ at: m.index, length: m[0].length }));
  const closer: number[] = new Array(runs.length).fill(-1);
  const nextOfLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const { length } = runs[i] as { length: number };
    closer[i] = nextOfLength.get(length) ?? -1;
    nextOfLength.set(length, i);
  }
  const segments: Segment[] = [];
  let at = 0;
  for (let i = 0; i < runs.length; i++) {
    const close = closer[i] as number;
    if (close < 0) continue;
    const open = runs[i] as { at: number; length: number };
    const end = runs[close] as { at: number; length: number };
    if (open.at > at) segments.push({ text: step.slice(at, open.at), code: false });
    segments.push({ text: step.slice(open.at + open.length, end.at).trim(), code: true });
    at = end.at + end.length;
    i = close;
  }
  if (at < step.length) segments.push({ text: step.slice(at), code: false });
  return segments;
}

/** A check's first `max` commands, grouped by platform in the order the rule lists them. */
export function commandsByPlatform(check: NextCheck, max: number): Array<{ platform: Platform; runs: string[] }> {
  const groups = new Map<Platform, string[]>();
  for (const { platform, run } of check.commands.slice(0, max)) groups.set(platform, [...(groups.get(platform) ?? []), run]);
  return [...groups].map(([platform, runs]) => ({ platform, runs }));
}

const isEvidenceKind = (kind: string): kind is EvidenceKind => (EVIDENCE_KINDS as readonly string[]).includes(kind);

/**
 * What to send back so the next request can use the check's answer (the API is stateless: the same
 * input again, plus this).
 */
export function followUp(check: NextCheck): Segment[] {
  if (isEvidenceKind(check.kind)) {
    return [
      { text: 'Send the output back as evidence of kind ', code: false },
      { text: check.kind, code: true },
      { text: '.', code: false },
    ];
  }
  if (check.kind.startsWith('probe.')) {
    return [{ text: 'The server answers this itself when its operator allows live probes of the target.', code: false }];
  }
  return [{ text: 'Run it and say what you found; paste any new error it prints.', code: false }];
}

/** The segments cut to their first `points` code points (never inside a surrogate pair), the cut marked "…". */
export function clipSegments(segments: readonly Segment[], points: number): Segment[] {
  const kept: Segment[] = [];
  let left = points;
  for (const segment of segments) {
    const chars = Array.from(segment.text);
    if (chars.length <= left) {
      kept.push(segment);
      left -= chars.length;
      continue;
    }
    kept.push({ ...segment, text: `${chars.slice(0, left).join('')}…` });
    break;
  }
  return kept;
}

/**
 * The segments, or their longest prefix whose size (by `size`, e.g. the length of a rendering) fits `limit`.
 * The segments are cut, not a rendering, so escapes and code fences stay whole.
 */
export function fitSegments(segments: readonly Segment[], size: (segments: readonly Segment[]) => number, limit: number): readonly Segment[] {
  if (size(segments) <= limit) return segments;
  let low = 0;
  let high = segments.reduce((sum, s) => sum + Array.from(s.text).length, 0) - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (size(clipSegments(segments, mid)) <= limit) low = mid;
    else high = mid - 1;
  }
  return clipSegments(segments, low);
}

/** The rendering of the segments, cut so that it fits `limit` characters. */
export function fitRendering(segments: readonly Segment[], render: (segments: readonly Segment[]) => string, limit: number): string {
  return render(fitSegments(segments, (s) => render(s).length, limit));
}

/** The pieces, in order, that fit in `limit` characters joined by `separator`; "…" stands for those left out. */
export function fitPieces(pieces: readonly string[], limit: number, separator = '\n'): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, piece] of pieces.entries()) {
    const added = (kept.length > 0 ? separator.length : 0) + piece.length;
    const reserve = i < pieces.length - 1 ? separator.length + 1 : 0;
    if (length + added + reserve > limit) {
      kept.push('…');
      break;
    }
    kept.push(piece);
    length += added;
  }
  return kept.join(separator);
}

/**
 * How many items of each list a chat message shows: a real diagnosis stays below these, an inflated one (a
 * large rule pack, a long paste) is cut to them before any text is rendered. The JSON answer has them all.
 */
export const SHOWN = { evidence: 10, fixes: 4, steps: 12, causes: 20, checks: 10, commands: 12, notes: 9 } as const;

/** "…and 3 more next checks in the JSON answer." when a list was cut to `shown` items. */
export function moreNote(total: number, shown: number, what: string): string | undefined {
  return total > shown ? `…and ${total - shown} more ${what} in the JSON answer.` : undefined;
}
