// Reading pasted command output as text: clean lines, PIDs, and fixed-width tables underlined with
// dashes (PowerShell Format-Table) or equals signs (tasklist). Shared by sockets.ts and processes.ts.

import { rememberingLast } from '../lazy.js';
import { readInteger } from '../read-integer.js';

const WARNING_QUOTE_LENGTH = 120;

export function isDigits(text: string | undefined): boolean {
  if (!text) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** A PID as an integer; Windows PIDs are 32-bit, so anything larger is a misread, not a process. */
export function readPid(text: string | undefined): number | undefined {
  return isDigits(text) ? readInteger(text, 'pid') : undefined;
}

/** The text's first `count` lines (cut at `\n`): what a detector reading only those needs to split. */
export function firstLines(text: string, count: number): string {
  let at = -1;
  for (let i = 0; i < count; i++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text;
  }
  return text.slice(0, at);
}

/**
 * Lines without CR, byte-order mark or ANSI colour codes (PowerShell 7 colours table headers);
 * tabs and the no-break spaces that blogs and chat tools put in pasted output become plain spaces.
 */
export function textLines(text: string): string[] {
  return text
    .replace(/\x1b\[[0-9;]*m|\ufeff/g, '')
    .replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .split(/\r\n|\r|\n/);
}

const WORD = /[^ ]+/g;

/**
 * The space-separated words of a line (textLines made every blank a space). One match() call: split(' ') and a
 * filter of the empty strings cost a third more on every line of every paragraph a detector reads.
 */
export function words(line: string): string[] {
  return line.match(WORD) ?? [];
}

/** detect() runs on every unlabelled paragraph of a paste: the socket and process tables look at its start only. */
export const DETECT_LINE_BUDGET = 400;

/**
 * The lines a table detector reads of a paragraph: its first DETECT_LINE_BUDGET, cleaned. The last paragraph's kept:
 * the socket and process detectors ask it of the same paragraph, one after the other.
 */
export const detectionLines: (text: string) => readonly string[] = rememberingLast((text: string) =>
  textLines(firstLines(text, DETECT_LINE_BUDGET)).slice(0, DETECT_LINE_BUDGET),
);

export function quote(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > WARNING_QUOTE_LENGTH ? `${trimmed.slice(0, WARNING_QUOTE_LENGTH)}…` : trimmed;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokensWithPositions(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    const start = i;
    while (i < line.length && line[i] !== ' ') i++;
    tokens.push({ text: line.slice(start, i), start, end: i });
  }
  return tokens;
}

/** A column of a fixed-width table, located by its underline run (`-----` or `=====`). */
export interface TableColumn {
  name: string;
  start: number;
  end: number;
}

/** Real tables have a dozen columns at most; more runs are a ruler or art, and would make rows slow to split. */
const MAX_TABLE_COLUMNS = 40;

/** Columns from an underline such as `------------ --------- -----`, named by the header text above each run. */
export function underlineColumns(header: string, underline: string): TableColumn[] | undefined {
  const columns: TableColumn[] = [];
  let i = 0;
  while (i < underline.length) {
    const mark = underline[i];
    if (mark === ' ') {
      i++;
    } else if (mark === '-' || mark === '=') {
      const start = i;
      while (i < underline.length && underline[i] === mark) i++;
      columns.push({ name: header.slice(start, i).trim(), start, end: i });
      if (columns.length > MAX_TABLE_COLUMNS) return undefined;
    } else {
      return undefined;
    }
  }
  return columns.length > 0 ? columns : undefined;
}

/** The underline marker of a line that is only runs of `-` or `=` (and spaces), if it is one. */
export function underlineMark(line: string): '-' | '=' | undefined {
  const trimmed = line.trim();
  if (trimmed.length < 2) return undefined;
  const mark = trimmed[0];
  if (mark !== '-' && mark !== '=') return undefined;
  for (const char of trimmed) if (char !== mark && char !== ' ') return undefined;
  return mark;
}

function overlap(token: Token, column: TableColumn): number {
  return Math.min(token.end, column.end) - Math.max(token.start, column.start);
}

/**
 * The text of a row under each column. Values are left- or right-aligned within their underline
 * and may spill past it (a 4-digit Id under `--`), so each word goes to the column it overlaps most,
 * or else the nearest one; words sharing a column are joined ("System Idle Process").
 */
export function cellsUnderColumns(line: string, columns: readonly TableColumn[]): string[] {
  const cells: string[][] = columns.map(() => []);
  for (const token of tokensWithPositions(line)) {
    let best = 0;
    let bestScore = -Infinity;
    columns.forEach((column, index) => {
      const shared = overlap(token, column);
      const score = shared > 0 ? shared : shared - 0.5; // no overlap: the smaller the gap the better
      if (score > bestScore) {
        best = index;
        bestScore = score;
      }
    });
    cells[best]?.push(token.text);
  }
  return cells.map((parts) => parts.join(' '));
}
