// What the redactor's shapes ask of a whole text, worked out once per text (per decoded layer): where its lines
// start, where its quotes are, where tools are named. Each question is then a bisection, however often it is asked.
import { composeRegex } from '../compose-regex.js';
import { literalAlternation } from '../literal-alternation.js';
import { TOOLS } from './catalogue.js';
import { matchFinder } from './match-finder.js';

export const TOOL_FLAGS = new Map<string, Set<string>>();
for (const tool of TOOLS) for (const name of tool.names) TOOL_FLAGS.set(name, new Set([...(TOOL_FLAGS.get(name) ?? []), ...tool.flags]));
const TOOL_NAMES = [...TOOL_FLAGS.keys()];
/**
 * A tool's name as a command word: where a command starts (a line, a blank, a path, a quote, a PowerShell `&`, a
 * pipe) and followed by its arguments; `[ISQL]ERROR:` in isql's own messages is no command.
 */
export const TOOL_ON_LINE = composeRegex(`(?<![^\\s/\\\\"'(;|&\`])(${literalAlternation(TOOL_NAMES, { ignoreCase: true })})(?:\\.exe)?(?=[ \\t])`, 'giu');
/** TOOL_ON_LINE's matches, found by the names first (its opening lookbehind, tried at every position, tripled its cost). */
const findTool = matchFinder(TOOL_ON_LINE);
/** Flags of one letter that a tool reads as a password (not curl's -u, whose value is user:password). */
const PASSWORD_LETTERS_OF = (tool: string) => (TOOLS.some((t) => t.afterColon && t.names.includes(tool)) ? new Set<string>() : (TOOL_FLAGS.get(tool) ?? new Set<string>()));

/**
 * The index of one text. Tools: `-p X` after `az` is a password, `docker run -p 1433:1433` a port, told apart in
 * logarithmic time however many flags a line holds.
 */
export class TextIndex {
  #lineBreaks?: number[];
  #toolLetters?: Map<string, number[]>;
  #quotes?: number[];

  constructor(readonly text: string) {}

  /** Where the line holding a position starts. */
  lineStart(at: number): number {
    this.#lineBreaks ??= positionsOf(this.text, '\n');
    const before = lastBelow(this.#lineBreaks, at);
    return before === undefined ? 0 : before + 1;
  }

  /**
   * The quote nearest before a position on its line, no further back than `within`: the one that may open the
   * string a setting sits in.
   */
  quoteBefore(at: number, within: number): number | undefined {
    this.#quotes ??= mergeAscending(positionsOf(this.text, '"'), positionsOf(this.text, "'"));
    const quote = lastBelow(this.#quotes, at);
    return quote !== undefined && at - quote <= within && quote >= this.lineStart(at) ? quote : undefined;
  }

  /** Whether a tool that reads `-letter` as its password is named on the line before a position. */
  toolReadsLetterBefore(letter: string, at: number): boolean {
    if (!this.#toolLetters) {
      this.#toolLetters = new Map();
      for (let m = findTool(this.text, 0); m; m = findTool(this.text, m.index + m[0].length)) {
        for (const read of PASSWORD_LETTERS_OF((m[1] as string).toLowerCase())) {
          const mentions = this.#toolLetters.get(read) ?? [];
          mentions.push(m.index);
          this.#toolLetters.set(read, mentions);
        }
      }
    }
    const mention = lastBelow(this.#toolLetters.get(letter) ?? [], at);
    return mention !== undefined && mention >= this.lineStart(at);
  }
}

/**
 * Where a character occurs, ascending: indexOf from one to the next, which allocates nothing per occurrence (a
 * matchAll made a match array for each of a log's thousands of line breaks).
 */
function positionsOf(text: string, ch: string): number[] {
  const positions: number[] = [];
  for (let at = text.indexOf(ch); at >= 0; at = text.indexOf(ch, at + 1)) positions.push(at);
  return positions;
}

/** Two ascending lists as one. */
function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) merged.push(j >= b.length || (i < a.length && (a[i] as number) < (b[j] as number)) ? (a[i++] as number) : (b[j++] as number));
  return merged;
}

/** The largest of ascending numbers below a bound, by bisection. */
function lastBelow(sorted: readonly number[], bound: number): number | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as number) < bound) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? sorted[low - 1] : undefined;
}

