// Process lists (tasklist in table and CSV form, Get-Process, ps) → the PID and image name of each process.
import type { Facts } from '../schemas/facts.js';
import { cellsUnderColumns, detectionLines, quote, readPid, textLines, underlineColumns, underlineMark, words, type TableColumn } from './text-table.js';
import { neverThrowing, type EvidenceResult } from './types.js';

type ProcessEntry = NonNullable<Facts['processes']>[number];

/** A process read from a line, with the line kept for evidence quotes. */
interface ProcessRow extends ProcessEntry {
  line: string;
}

type LineReading = { kind: 'process'; row: ProcessRow } | { kind: 'unreadable' } | { kind: 'skip' } | undefined;

/** How the rows under a header are laid out. */
type Layout =
  | { kind: 'columns'; columns: TableColumn[]; pid: number; name: number }
  | { kind: 'ps'; pid: number; command: number; commandIsLast: boolean; fullCommandLine: boolean };

const PS_COMMAND_HEADERS = new Set(['COMMAND', 'COMM', 'CMD', 'ARGS', 'UCOMM', 'UCMD']);
/** lsof's header also has PID and COMMAND; its rows are sockets and files, read by sockets.ts. */
const LSOF_HEADERS = new Set(['FD', 'DEVICE', 'NODE', 'SIZE/OFF']);
/** Columns only `ps aux` / `ps -ef` print: their COMMAND is the whole command line, not the name. */
const PS_ARGV_HINTS = new Set(['%CPU', '%MEM', 'STAT', 'STIME', 'VSZ', 'RSS']);
/** tasklist prints memory as `1,484 K` (English), `1.484 K`, `1 484 Ko` (French) or `N/A`. */
const TASKLIST_MEMORY_UNITS = new Set(['K', 'KB', 'Ko', 'N/A']);
/** `tasklist /FI "PID eq n"` when nothing matches: the process is not running. */
const NO_MATCH_MARKER = 'no tasks are running which match the specified criteria';


function processRow(pid: number, name: string, line: string): LineReading {
  return { kind: 'process', row: { pid, name, line } };
}

// ---------------------------------------------------------------------------------------------------
// tasklist /FO CSV (with or without /NH, /SVC, /V): `"sqlservr.exe","1234","Services","0","812,340 K"`.

/** RFC 4180 fields of one line; a quote left open (a truncated line) keeps what was read. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

function readCsvRow(line: string): LineReading {
  const trimmed = line.trim();
  if (!trimmed.startsWith('"')) return undefined;
  const fields = csvFields(trimmed);
  // One quoted field is prose ("Login failed…"), not a CSV row.
  if (fields.length < 2) return undefined;
  const name = fields[0]?.trim();
  const pidText = fields[1]?.trim();
  if (!name) return { kind: 'unreadable' };
  const pid = readPid(pidText);
  if (pid !== undefined) return processRow(pid, name, line);
  // The header row: "Image Name","PID",… in any language; the PID column keeps its name.
  return pidText?.toUpperCase() === 'PID' ? { kind: 'skip' } : { kind: 'unreadable' };
}

// ---------------------------------------------------------------------------------------------------
// Underlined tables: tasklist (`=====`) and Get-Process / Select-Object output (`-----`).

function columnsLayout(header: string, underline: string): Layout | undefined {
  const mark = underlineMark(underline);
  const columns = mark ? underlineColumns(header, underline) : undefined;
  if (!columns || columns.length < 2) return undefined;
  if (mark === '=') {
    // Image name then PID in every tasklist layout (/SVC, /M, /V); the header text may be
    // localised and double-width (映像名称), so only the PID title is checked.
    return /\bPID\b/.test(header) ? { kind: 'columns', columns, pid: 1, name: 0 } : undefined;
  }
  const names = columns.map((column) => column.name.toLowerCase());
  const pid = names.findIndex((name) => name === 'id' || name === 'pid' || name === 'processid');
  const name = names.findIndex((title) => title === 'processname' || title === 'name' || title === 'process');
  return pid >= 0 && name >= 0 ? { kind: 'columns', columns, pid, name } : undefined;
}

function readColumnsRow(layout: Extract<Layout, { kind: 'columns' }>, line: string): LineReading {
  const cells = cellsUnderColumns(line, layout.columns);
  const name = cells[layout.name] ?? '';
  const pidText = cells[layout.pid] ?? '';
  // tasklist /SVC wraps long service lists onto lines with only the last column filled.
  if (name === '' && pidText === '') return { kind: 'skip' };
  // No digit where the PID goes: the table is over (a prompt, prose); digits that are no PID: a damaged row.
  if (!/[0-9]/.test(pidText)) return undefined;
  const pid = readPid(pidText);
  if (pid === undefined || name === '') return { kind: 'unreadable' };
  return processRow(pid, name, line);
}

// ---------------------------------------------------------------------------------------------------
// ps: `ps -eo pid,comm`, `ps -axo pid,comm,rss`, `ps aux`, `ps -ef`.

function psLayout(header: string): Layout | undefined {
  // Every ps header has a PID column: a line without those letters is no header (checked before splitting it).
  if (!/pid/i.test(header)) return undefined;
  const titles = words(header.toUpperCase());
  const pid = titles.indexOf('PID');
  const command = titles.findIndex((title) => PS_COMMAND_HEADERS.has(title));
  if (pid < 0 || command < 0 || titles.some((title) => LSOF_HEADERS.has(title))) return undefined;
  return {
    kind: 'ps',
    pid,
    command,
    commandIsLast: command === titles.length - 1,
    fullCommandLine: titles.some((title) => PS_ARGV_HINTS.has(title)) || titles.includes('ARGS'),
  };
}

/**
 * The image name: `/opt/mssql/bin/sqlservr` (macOS comm, command lines) → `sqlservr`;
 * `[kworker/0:2]` (kernel threads in ps aux) and `kworker/0:2-events` (comm) stay as printed.
 */
function commandName(command: string, fullCommandLine: boolean): string {
  if (command.startsWith('[')) return command;
  const program = command.startsWith('/') || fullCommandLine ? (words(command)[0] ?? command) : command;
  if (!program.startsWith('/')) return program;
  return program.slice(program.lastIndexOf('/') + 1) || program;
}

function readPsRow(layout: Extract<Layout, { kind: 'ps' }>, line: string): LineReading {
  const tokens = words(line);
  const pid = readPid(tokens[layout.pid]);
  if (pid === undefined) return undefined;
  const command = layout.commandIsLast ? tokens.slice(layout.command).join(' ') : tokens[layout.command];
  if (!command) return { kind: 'unreadable' };
  return processRow(pid, commandName(command, layout.fullCommandLine), line);
}

// ---------------------------------------------------------------------------------------------------
// A tasklist row with no header (piped through findstr): `javaw.exe   8788 Console   1   181,076 K`.

function readBareTasklistRow(line: string): LineReading {
  const tokens = words(line);
  const last = tokens[tokens.length - 1];
  if (tokens.length < 5 || last === undefined || !TASKLIST_MEMORY_UNITS.has(last)) return undefined;
  for (let at = 1; at + 2 < tokens.length; at++) {
    const pid = readPid(tokens[at]);
    const sessionName = tokens[at + 1] ?? '';
    if (pid !== undefined && readPid(sessionName) === undefined && readPid(tokens[at + 2]) !== undefined) {
      return processRow(pid, tokens.slice(0, at).join(' '), line);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// The scan shared by parse() and detect().

interface Scan {
  rows: ProcessRow[];
  unreadable: string[];
  headerSeen: boolean;
  nonBlankLines: number;
  noMatchLine?: string;
}

function readRow(layout: Layout, line: string): LineReading {
  return layout.kind === 'columns' ? readColumnsRow(layout, line) : readPsRow(layout, line);
}

function scan(lines: readonly string[]): Scan {
  const result: Scan = { rows: [], unreadable: [], headerSeen: false, nonBlankLines: 0 };
  let layout: Layout | undefined;
  let previous = '';

  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    result.nonBlankLines++;

    let reading: LineReading;
    if (layout) {
      reading = readRow(layout, line);
      // A line that is not a row ends the table; it may start the next thing.
      if (reading === undefined) layout = undefined;
    }
    if (!layout) {
      const underlined = underlineMark(line) ? columnsLayout(previous, line) : undefined;
      const psHeader = underlined ? undefined : psLayout(line);
      if (underlined ?? psHeader) {
        layout = underlined ?? psHeader;
        result.headerSeen = true;
        previous = line;
        continue;
      }
      reading = readCsvRow(line) ?? readBareTasklistRow(line);
    }

    if (reading?.kind === 'process') result.rows.push(reading.row);
    else if (reading?.kind === 'unreadable') result.unreadable.push(line);
    else if (reading?.kind === 'skip') result.headerSeen = true;
    else if (trimmed.toLowerCase().includes(NO_MATCH_MARKER)) result.noMatchLine = trimmed;
    previous = line;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Facts.

function uniqueProcesses(rows: readonly ProcessRow[]): { processes: ProcessEntry[]; lines: string[] } {
  const seen = new Set<string>();
  const processes: ProcessEntry[] = [];
  const lines: string[] = [];
  for (const row of rows) {
    const key = `${row.pid}\u0000${row.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    processes.push({ pid: row.pid, name: row.name });
    lines.push(row.line.trim());
  }
  return { processes, lines };
}

/** The line worth quoting: SQL Server's process when it is listed, else the first. */
function representativeLine(processes: readonly ProcessEntry[], lines: readonly string[]): string | undefined {
  const sqlServer = processes.findIndex((entry) => /^sqlservr(\.exe)?$/i.test(entry.name));
  return lines[sqlServer >= 0 ? sqlServer : 0];
}

function warningsOf(result: Scan): string[] {
  const warnings: string[] = [];
  if (result.rows.length === 0 && result.unreadable.length === 0 && !result.noMatchLine) {
    warnings.push('no tasklist, Get-Process or ps rows were found in the text');
  }
  const first = result.unreadable[0];
  if (first !== undefined) {
    const count = result.unreadable.length;
    warnings.push(`${count} line${count === 1 ? '' : 's'} looked like process rows but could not be read, e.g. "${quote(first)}"`);
  }
  return warnings;
}

function parseProcesses(text: string): EvidenceResult {
  const result = scan(textLines(text));
  const warnings = warningsOf(result);
  if (result.rows.length === 0) {
    // "No tasks are running which match…": the PID asked about is not a running process.
    return result.noMatchLine
      ? { facts: { processes: [] }, sources: { processes: result.noMatchLine }, warnings }
      : { facts: {}, warnings };
  }
  const { processes, lines } = uniqueProcesses(result.rows);
  const line = representativeLine(processes, lines);
  return { facts: { processes }, ...(line ? { sources: { processes: line } } : {}), warnings };
}

function detectProcesses(text: string): number {
  const result = scan(detectionLines(text));
  const rows = result.rows.length;
  if (rows === 0) return result.noMatchLine ? 0.8 : result.headerSeen ? 0.4 : 0;
  const share = rows / Math.max(1, result.nonBlankLines);
  const score = 0.5 + 0.5 * Math.min(1, share * 2);
  return result.headerSeen ? Math.max(score, 0.9) : score;
}

export const processes = neverThrowing('tasklist', detectProcesses, parseProcesses, 'the process list could not be read');
