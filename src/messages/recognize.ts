// Finds catalogue messages in a text: anchor tokens pick the candidate entries, then each candidate's pattern runs
// only in a window around its anchors. A message cut short still counts when enough of its wording is there and
// the text stops where it stops.
import { builtinCatalogue, type Catalogue, type CatalogueEntry, type Layer } from './catalogue.js';
import { PATTERN_FLAGS, textWeight } from './pattern.js';
import { FoldedText, forEachToken, type Token } from './tokens.js';

export interface MessageMatch {
  id: string;
  entry: CatalogueEntry;
  /** Where the match lies in the searched text: [start, end). */
  start: number;
  end: number;
  /** Weight of the template's literal wording that matched (textWeight). */
  literal: number;
  /** The whole template matched, not only its opening. */
  complete: boolean;
  /** The placeholders' values, in template order, as far as the match went. */
  values: string[];
  /** Where those values lie: [start, end) each. */
  holes: Array<[number, number]>;
}

/**
 * Bounds that keep recognition linear in the text whatever it holds: at most this many candidate entries (entries all
 * of whose anchors occur, in the order they appear), this many anchor occurrences tried per entry, and this many regex
 * runs in all. A paste needing more is a log, which `mssql-doctor scan` reads entry by entry. The bounds are well
 * above what a paste needs (the corpus's 436 texts raise at most 176 candidates and a paste runs about 180 regexes), so
 * that a text's later messages are not starved; `npm run bench` times a paste of every anchor of the catalogue, which
 * reaches them.
 */
export const MAX_CANDIDATES = 600;
export const MAX_TRIES_PER_ENTRY = 8;
/** Starts tried in one window before its anchor (each one regex run over the window). */
export const MAX_STARTS = 8;
/** Regex runs one recognition may make, over all candidates (see above). */
export const MAX_REGEX_RUNS = 5000;

/**
 * A message cut short is recognised when the text stops right after it (its end, a line break, an ellipsis, a
 * closing quote) and this share of its wording survives; anywhere, when most of it does (a later sentence reworded
 * in a version nobody harvested). Both above the entry's minimum.
 */
export const CUT_SHARE = 0.35;
export const PARTIAL_SHARE = 0.8;
/** Only a long message can be recognised by most of its wording alone: a short one's rest is too much of it. */
export const PARTIAL_LITERAL = 40;

/** What a text may continue with where a message in it was cut: nothing, an ellipsis, a closing quote or bracket. */
const CUT_HERE = /^ ?(?:$|…|\.\.\.|["'”’)\]}>])/;

interface Candidate {
  index: number;
  at: number[];
}

/** Where a token occurs in the text: its first MAX_TRIES_PER_ENTRY places, and how often in all. */
interface TokenSeen {
  at: number[];
  count: number;
}

/** Per entry of a catalogue, how many of its anchors a text holds: reused between calls, zeroed after each. */
const anchorCounts = new WeakMap<Catalogue, Uint8Array>();

/**
 * The entries all of whose anchor tokens occur in the text (every anchor lies in the template's opening, which any
 * match long enough to count covers), each with the places to try: those of its anchor that occurs least often in
 * this text (an entry anchored on "made" and "connection" is tried where "made" is, not at the first eight of a
 * paste's many "connection"s). Entries come in the order their first anchor appears, at most MAX_CANDIDATES.
 */
function candidatesIn(text: FoldedText, catalogue: Catalogue): Candidate[] {
  const seen = new Map<Token, TokenSeen>();
  forEachToken(
    text.original,
    (token, at) => {
      // Most of a paste's tokens are anchors it has shown before: one lookup for those.
      const known = seen.get(token);
      if (known) {
        known.count++;
        if (known.at.length < MAX_TRIES_PER_ENTRY) known.at.push(at);
      } else if (catalogue.byToken.has(token)) {
        seen.set(token, { at: [at], count: 1 });
      }
    },
    (start, end) => text.slice(start, end),
  );
  const { entries } = catalogue.file;
  const counts = anchorCounts.get(catalogue) ?? new Uint8Array(entries.length);
  anchorCounts.set(catalogue, counts);
  const raised: number[] = [];
  const candidates: Candidate[] = [];
  try {
    for (const token of seen.keys()) {
      for (const index of catalogue.byToken.get(token) as readonly number[]) if ((counts[index] = (counts[index] as number) + 1) === 1) raised.push(index);
    }
    for (const index of raised) {
      const keys = catalogue.anchorKeys[index] as readonly Token[];
      if (counts[index] !== keys.length) continue;
      let rarest: TokenSeen | undefined;
      for (const key of keys) {
        const where = seen.get(key);
        if (where && (!rarest || where.count < rarest.count)) rarest = where;
      }
      if (rarest) candidates.push({ index, at: rarest.at });
      if (candidates.length === MAX_CANDIDATES) break;
    }
  } finally {
    for (const index of raised) counts[index] = 0;
  }
  return candidates;
}

const compiled = new WeakMap<CatalogueEntry, RegExp>();

function patternOf(entry: CatalogueEntry): RegExp {
  let pattern = compiled.get(entry);
  // `g`, so that a later start can be tried from lastIndex. The catalogue's patterns are data, compiled here on first
  // use; their shapes are proven linear by the catalogue build and the ReDoS test (test/regex-safety/inventory.ts).
  if (!pattern) compiled.set(entry, (pattern = new RegExp(entry.pattern, `${PATTERN_FLAGS}g`)));
  return pattern;
}

export interface RecognizeOptions {
  catalogue?: Catalogue;
  /** True where the space at a position of the text stood for a line break (Paste.isLineBreak). */
  isLineBreak?: (index: number) => boolean;
}

/** The longest piece of a word a cut may leave after the last whole word of a match ("…Server is una"). */
const CUT_WORD = 30;

/**
 * Whether a match that ends at `end` could be a message the text cut off there: what follows, past at most the
 * beginning of one more word, is the end of the text, an ellipsis, a closing quote or bracket, or a line break.
 */
function cutAt(text: string, end: number, isLineBreak: (index: number) => boolean): boolean {
  if (text[end] === ' ' && isLineBreak(end)) return true;
  let at = text[end] === ' ' ? end + 1 : end;
  for (const stop = at + CUT_WORD; at < text.length && at < stop && text[at] !== ' ' && !/[…"'”’)\]}>]/.test(text[at] as string); at++);
  return CUT_HERE.test(text.slice(at, at + 4)) || (text[at] === ' ' && isLineBreak(at));
}

/**
 * The match of one entry whose window holds the anchor at `at`, if it covers enough of the wording. The pattern runs
 * on the window of the case-folded text; placeholder values, wording and what follows are read from the original
 * (folding keeps every position, and the weight of wording and the marks of a cut have no case).
 */
function matchAt(
  text: FoldedText,
  entry: CatalogueEntry,
  at: number,
  isLineBreak: (index: number) => boolean,
  budget: { runs: number },
): MessageMatch | undefined {
  const from = Math.max(0, at - entry.before);
  const window = text.slice(from, Math.min(text.original.length, at + entry.span));
  const pattern = patternOf(entry);
  // An earlier word that opens the template too ("Server" before "Server (db01) unknown") gives a match too short to
  // count: the next start is tried, up to the anchor (a match must reach it), at most MAX_STARTS times.
  for (let start = 0, tries = 0; start <= at - from && tries < MAX_STARTS && budget.runs > 0; tries++) {
    budget.runs--;
    pattern.lastIndex = start;
    const m = pattern.exec(window);
    if (!m || from + m.index > at) return undefined;
    const match = matchOf(text.original, entry, m, from, isLineBreak);
    if (match) return match;
    start = m.index + 1;
  }
  return undefined;
}

/** The least wording a match that stops early must cover to count, for a share of the template's. */
const cutFloor = (entry: CatalogueEntry, share: number) => Math.min(entry.literal, Math.max(entry.minimum, Math.ceil(entry.literal * share)));

/** A regex match read as a message match, if it covers enough of the wording. */
function matchOf(
  original: string,
  entry: CatalogueEntry,
  m: RegExpExecArray,
  from: number,
  isLineBreak: (index: number) => boolean,
): MessageMatch | undefined {
  const complete = m[1 + entry.holes] !== undefined;
  const cutMinimum = cutFloor(entry, CUT_SHARE);
  // A match that stopped early is most often the template's first word alone (its later words are optional, so that
  // a cut text matches): at most three weight per character, it cannot reach the least a cut must cover.
  if (!complete && 3 * m[0].length < cutMinimum) return undefined;
  const holes: Array<[number, number]> = [];
  const values: string[] = [];
  for (let g = 1; g <= entry.holes; g++) {
    const span = m.indices?.[g];
    if (!span) continue;
    holes.push([from + span[0], from + span[1]]);
    values.push(original.slice(from + span[0], from + span[1]));
  }
  const start = from + m.index;
  const end = start + m[0].length;
  let wording = '';
  let position = start;
  for (const [a, b] of holes) {
    wording += original.slice(position, a);
    position = b;
  }
  wording += original.slice(position, end);
  const literal = textWeight(wording);
  if (!complete) {
    const mostOfIt = entry.literal >= PARTIAL_LITERAL && literal >= cutFloor(entry, PARTIAL_SHARE);
    const cutShort = literal >= cutMinimum && cutAt(original, end, isLineBreak);
    if (!mostOfIt && !cutShort) return undefined;
  }
  return { id: entry.id, entry, start, end, literal, complete, values, holes };
}

/**
 * The reading that covers more of the wording wins, complete or not: a cut-short match is only kept where the text
 * stops, so a longer template cut there says more than a shorter one that ends sooner ("Client unable to establish
 * connection" against its "…because an error was encountered during handshakes before login" variant).
 */
const better = (a: MessageMatch, b: MessageMatch) => b.literal - a.literal || Number(b.complete) - Number(a.complete) || a.start - b.start;
const overlaps = (a: MessageMatch, b: MessageMatch) => a.start < b.end && b.start < a.end;
const sameSpan = (a: MessageMatch, b: MessageMatch) => a.start === b.start && a.end === b.end;
/** `inner` lies in one of `outer`'s placeholders. */
const inHoleOf = (outer: MessageMatch, inner: MessageMatch) => outer.holes.some(([a, b]) => a <= inner.start && inner.end <= b);
/** `inner` lies in `outer`'s own wording, not in one of its placeholders: a phrase that happens to occur there. */
const inWordingOf = (outer: MessageMatch, inner: MessageMatch) =>
  outer.literal > inner.literal && outer.start <= inner.start && inner.end <= outer.end && !inHoleOf(outer, inner);

/**
 * One reading per stretch of text. Within a layer, the match covering most wording wins where two overlap (a
 * template and a longer one that starts alike); matches of the same span are the same words in several sources
 * (SqlClient's packages share texts) and are all kept. Messages nest (a driver sentence inside a wrapper's
 * placeholder, MIT Kerberos's "Clock skew too great" inside .NET's "GSSAPI operation failed with error - {0} ({1})",
 * both of the os layer), so a match that lies in another's placeholder is no rival of it, and matches of different
 * layers exclude each other only where one lies in the other's own wording.
 */
function resolve(matches: MessageMatch[], catalogue: Catalogue): MessageMatch[] {
  const kept: MessageMatch[] = [];
  for (const match of [...matches].sort(better)) {
    const rivals = kept.filter((k) => k.entry.layer === match.entry.layer && overlaps(k, match) && !inHoleOf(k, match) && !inHoleOf(match, k));
    if (!rivals.every((k) => sameSpan(k, match) && better(k, match) === 0)) continue;
    if (kept.some((k) => inWordingOf(k, match))) continue;
    kept.push(match);
  }
  return withoutAmbiguousCuts(kept, catalogue).sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

/** The key of an id without its source: SqlClient's packages (mds, sds, netfx) share their keys. */
const keyOf = (id: string) => id.slice(id.indexOf(':') + 1);

/**
 * A cut-short match tied with a message of another key over the same words is the opening two messages share: which
 * one the paste held cannot be told, so neither is read, unless they mean the same (FreeTDS's db-lib and libtds
 * twins, SYBECONN and TDSECONN).
 */
function withoutAmbiguousCuts(matches: MessageMatch[], catalogue: Catalogue): MessageMatch[] {
  const meaning = (m: MessageMatch) => JSON.stringify(catalogue.file.meanings[m.id]?.facts ?? {});
  return matches.filter(
    (m) =>
      m.complete ||
      !matches.some((o) => o !== m && !o.complete && sameSpan(o, m) && keyOf(o.id) !== keyOf(m.id) && meaning(o) !== meaning(m)),
  );
}

const noBreaks = () => false;

/** Every catalogue message recognised in `text`, in order of position. */
export function recognizeMessages(original: string, options: RecognizeOptions = {}): MessageMatch[] {
  const text = new FoldedText(original);
  const catalogue = options.catalogue ?? builtinCatalogue();
  const isLineBreak = options.isLineBreak ?? noBreaks;
  const matches: MessageMatch[] = [];
  const budget = { runs: MAX_REGEX_RUNS };
  for (const { index, at } of candidatesIn(text, catalogue)) {
    if (budget.runs <= 0) break;
    const entry = catalogue.file.entries[index] as CatalogueEntry;
    let coveredUntil = -1;
    for (const position of at) {
      if (position < coveredUntil) continue;
      const match = matchAt(text, entry, position, isLineBreak, budget);
      if (match) {
        matches.push(match);
        coveredUntil = match.end;
      }
    }
  }
  return resolve(matches, catalogue);
}

export type { Layer };
