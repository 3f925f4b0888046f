// What the redactor's shapes ask of a whole text, worked out once per text (per decoded layer): where its lines
// start, where its quotes are, where tools are named. Each question is then a bisection, however often it is asked.
import { composeRegex } from '../compose-regex.js';
import { escapeRegExp } from './escape-regexp.js';
import { TOOLS } from './catalogue.js';

export const TOOL_FLAGS = new Map<string, Set<string>>();
for (const tool of TOOLS) for (const name of tool.names) TOOL_FLAGS.set(name, new Set([...(TOOL_FLAGS.get(name) ?? []), ...tool.flags]));
const TOOL_NAMES = [...TOOL_FLAGS.keys()].sort((a, b) => b.length - a.length);
/**
 * A tool's name as a command word: where a command starts (a line, a blank, a path, a quote, a PowerShell `&`, a
 * pipe) and followed by its arguments; `[ISQL]ERROR:` in isql's own messages is no command.
 */
export const TOOL_ON_LINE = composeRegex(`(?<![^\\s/\\\\"'(;|&\`])(${TOOL_NAMES.map(escapeRegExp).join('|')})(?:\\.exe)?(?=[ \\t])`, 'giu');
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
    this.#lineBreaks ??= [...this.text.matchAll(/\n/g)].map((m) => m.index);
    const before = lastBelow(this.#lineBreaks, at);
    return before === undefined ? 0 : before + 1;
  }

  /**
   * The quote nearest before a position on its line, no further back than `within`: the one that may open the
   * string a setting sits in.
   */
  quoteBefore(at: number, within: number): number | undefined {
    this.#quotes ??= [...this.text.matchAll(/["']/g)].map((m) => m.index);
    const quote = lastBelow(this.#quotes, at);
    return quote !== undefined && at - quote <= within && quote >= this.lineStart(at) ? quote : undefined;
  }

  /** Whether a tool that reads `-letter` as its password is named on the line before a position. */
  toolReadsLetterBefore(letter: string, at: number): boolean {
    if (!this.#toolLetters) {
      this.#toolLetters = new Map();
      for (const m of this.text.matchAll(TOOL_ON_LINE)) {
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

