// A log cut into entries, line by line: what one event wrote (a message, its stack trace, its follow-up lines).
import { composeRegex } from '../compose-regex.js';

export interface LogEntry {
  /** The file (or "stdin") the entry comes from. */
  file: string;
  /** 1-based number of the entry's first line in that file. */
  line: number;
  text: string;
}

/** Past this, an entry is a dump, not an event: the next line starts a new entry. */
export const MAX_ENTRY_LINES = 200;
export const MAX_ENTRY_CHARS = 64 * 1024;

/**
 * What may precede where an event begins: a container prefix of `docker compose logs` ("api-1  | "), the
 * prefix a Go program sets on its logger ("[teste] "), and before a timestamp a byte-order mark (or its
 * U+FFFD remains after `cat`) or a bracket.
 */
const PREFIX = String.raw`^(?:[\w.-]+\s+\|\s)?(?:\[[^\]\n]{1,40}\]\s)?`;
const STAMP_LEAD = String.raw`[\uFEFF\uFFFD?<[(\s]{0,4}`;

/**
 * How logs begin an event. The timestamp forms are those of the SQL Server ERRORLOG, ISO 8601 (log4j,
 * Python logging, Serilog, Docker), Go's log package, US and European dates, syslog and a bare time;
 * JSON lines (pino, Serilog's compact form) begin with an object; Microsoft.Extensions.Logging's console
 * format begins with its level ("fail: Microsoft.EntityFrameworkCore.Database.Connection[20004]").
 */
const EVENT_START = composeRegex(
  `${PREFIX}(?:${STAMP_LEAD}(${[
    String.raw`\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2})\b)?`,
    String.raw`\d{4}/\d{2}/\d{2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?`,
    String.raw`\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?`,
    String.raw`[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}`,
    String.raw`\d{2}:\d{2}:\d{2}(?:[.,]\d+)?`,
  ].join('|')})|(\{")|(?:trce|dbug|info|warn|fail|crit): )`,
);

/**
 * The stamp an event line begins with, or undefined for a continuation line. Lines with the same stamp belong
 * together: the ERRORLOG writes "Error: 18456, Severity: 14, State: 8." and its "Login failed for user …"
 * line with one timestamp. JSON and level-word lines have no stamp to share: each begins its own event.
 */
function eventStamp(line: string): string | undefined | null {
  const m = EVENT_START.exec(line);
  if (!m) return undefined;
  return m[1] ?? null;
}

/** A line without the timestamp (and what precedes it) that begins it: a group's title need not repeat it. */
export function withoutEventStamp(line: string): string {
  const m = EVENT_START.exec(line);
  return m?.[1] === undefined ? line : line.slice(m[0].length).trimStart();
}

/**
 * Cuts lines into entries. An event line (a timestamp, a JSON object, a level word) begins an entry unless it
 * carries the same timestamp as the one before; a blank line ends one; any other line continues it (stack
 * frames, wrapped messages, the records that follow a message). Text without event lines is cut at blank lines.
 */
export function createEntrySplitter(file: string, emit: (entry: LogEntry) => void) {
  let lines: string[] = [];
  let chars = 0;
  let first = 0;
  let stamp: string | null | undefined;

  function flush(): void {
    if (lines.length > 0) emit({ file, line: first, text: lines.join('\n') });
    lines = [];
    chars = 0;
    stamp = undefined;
  }

  return {
    /** One line (without its line break) and its 1-based number. */
    push(line: string, number: number): void {
      if (line.trim() === '') return flush();
      const lineStamp = eventStamp(line);
      const startsEvent = lineStamp !== undefined && (lineStamp === null || lineStamp !== stamp);
      if (startsEvent || lines.length >= MAX_ENTRY_LINES || chars + line.length > MAX_ENTRY_CHARS) flush();
      if (lines.length === 0) {
        first = number;
        stamp = lineStamp;
      }
      // One line longer than an entry may be is cut to it; no error message is that long.
      const kept = line.length > MAX_ENTRY_CHARS ? line.slice(0, MAX_ENTRY_CHARS) : line;
      lines.push(kept);
      chars += kept.length + 1;
    },
    end: flush,
  };
}

/** Every entry of a whole text, and its line count (a final line break ends a line; it does not begin one). */
export function splitEntries(file: string, text: string): { entries: LogEntry[]; lines: number } {
  const entries: LogEntry[] = [];
  const splitter = createEntrySplitter(file, (entry) => entries.push(entry));
  const lines = text.split(/\r?\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => splitter.push(line, index + 1));
  splitter.end();
  return { entries, lines: lines.length };
}
