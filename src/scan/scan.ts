// Log entries → connection errors → groups by signature → one diagnosis per group.
import { createDoctor, type Doctor } from '../doctor.js';
import { checkScanLogs } from '../engine/input-check.js';
import { normalize } from '../normalize/index.js';
import { createSweeper, redactText, sweepBySchema } from '../redact/index.js';
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { ScanReportSchema, type LogLocation, type ScanReport, type SignatureReport } from '../schemas/scan-report.js';
import { splitEntries, type LogEntry } from './log-entries.js';
import { entrySignature, signatureTitle } from './signature.js';

/** Distinct signatures kept; past this a log is not one failure repeated, and the rest are only counted. */
export const MAX_SIGNATURES = 1000;
/** Signatures diagnosed, most frequent first: the head of the list is what a person reads. */
export const MAX_DIAGNOSED = 50;
/** Locations listed per signature (first and last are always given). */
export const MAX_LOCATIONS = 20;
/**
 * Secrets remembered for the final sweep (10,000 are swept from 4 MB of report in ~0.1 s); past this, a log full
 * of distinct passwords is swept of the first ones and of those in the samples.
 */
const MAX_SECRETS = 10_000;
/** A sample longer than this is cut in the report; the diagnosis reads the whole entry. */
const MAX_SAMPLE_CHARS = 4000;

interface Group {
  report: Omit<SignatureReport, 'diagnosis'>;
  text: string;
  /** The login names its entries named, up to MAX_LOGINS_COUNTED (scan.distinctLogins). */
  logins: Set<string>;
}

/** Login names counted per group: enough to tell a guessing run from one login failing again and again. */
const MAX_LOGINS_COUNTED = 1000;

interface FileTally {
  name: string;
  lines: number;
  entries: number;
  errorEntries: number;
}

/**
 * Where in an entry its first error is, in lines from the entry's first: a log line "Received /metrics request"
 * followed by tedious's "Failed to connect to …" is pointed at on the second. Records quote their line as the
 * normalizer prepared it (trimmed, long lines windowed), so the first part of that quote is looked for.
 */
function firstErrorLine(text: string, errors: readonly ErrorRecord[]): number {
  const lines = text.split('\n');
  const offsets = errors.map((record) => {
    const probe = record.line.replace(/^…|…$/g, '').slice(0, 60);
    return probe === '' ? -1 : lines.findIndex((line) => line.includes(probe));
  });
  const found = offsets.filter((offset) => offset >= 0);
  return found.length > 0 ? Math.min(...found) : 0;
}

export interface Scan {
  /** One entry of a log (files are reported in the order their first entry or `fileRead` arrives). */
  add(entry: LogEntry): void;
  /** A file read to its end: its line count, and a warning when it could not be read as text. */
  fileRead(name: string, lines: number, warning?: string): void;
  /** The report: groups most frequent first, the first MAX_DIAGNOSED diagnosed, every secret swept. */
  report(): Promise<ScanReport>;
}

export function createScan(doctor: Doctor): Scan {
  const groups = new Map<string, Group>();
  const files = new Map<string, FileTally>();
  const secrets = new Set<string>();
  const warnings: string[] = [];
  let ungrouped = 0;
  let errorEntries = 0;

  const tallyOf = (name: string) => {
    let tally = files.get(name);
    if (!tally) files.set(name, (tally = { name, lines: 0, entries: 0, errorEntries: 0 }));
    return tally;
  };

  /** Secrets for the final sweep: up to the cap, and always those of an entry that becomes a sample. */
  function rememberSecrets(found: readonly string[], always: boolean): void {
    for (const secret of found) if (always || secrets.size < MAX_SECRETS) secrets.add(secret);
  }

  function add(entry: LogEntry): void {
    const tally = tallyOf(entry.file);
    tally.entries++;
    const redacted = redactText(entry.text);
    rememberSecrets(redacted.secrets, false);
    const { errors, facts } = normalize(redacted.text);
    if (errors.length === 0) return;
    const login = facts['error.loginUser'];

    const signature = entrySignature(errors);
    tally.errorEntries++;
    errorEntries++;
    const at: LogLocation = { file: entry.file, line: entry.line + firstErrorLine(redacted.text, errors) };
    const group = groups.get(signature.key);
    if (group) {
      group.report.count++;
      group.report.last = at;
      if (group.report.occurrences.length < MAX_LOCATIONS) group.report.occurrences.push(at);
      if (login !== undefined && group.logins.size < MAX_LOGINS_COUNTED) group.logins.add(login);
    } else if (groups.size < MAX_SIGNATURES) {
      rememberSecrets(redacted.secrets, true);
      const sample = redacted.text.length > MAX_SAMPLE_CHARS ? `${redacted.text.slice(0, MAX_SAMPLE_CHARS)}…` : redacted.text;
      groups.set(signature.key, {
        text: redacted.text,
        logins: new Set(login === undefined ? [] : [login]),
        report: { id: signature.id, title: signatureTitle(errors), count: 1, first: at, last: at, occurrences: [at], sample },
      });
    } else {
      ungrouped++;
    }
  }

  async function report(): Promise<ScanReport> {
    // The sort is stable and the map keeps insertion order: equal counts stay in order of first occurrence.
    const ordered = [...groups.values()].sort((a, b) => b.report.count - a.report.count);
    const notes = [...warnings];
    if (ordered.length > MAX_DIAGNOSED) notes.push(`${ordered.length} distinct errors: only the ${MAX_DIAGNOSED} most frequent are diagnosed`);
    if (ungrouped > 0) notes.push(`${ungrouped} further occurrences of other errors are counted but not grouped: more than ${MAX_SIGNATURES} distinct errors`);
    // Titles, samples and warnings are read from the logs: swept by the report's schema. Each diagnosis is swept by
    // the doctor, which keeps the rules' own text apart from what it quotes of the log.
    const known = [...secrets];
    const read: ScanReport = sweepBySchema(
      ScanReportSchema,
      { files: [...files.values()], errorEntries, signatures: ordered.map((group) => group.report), warnings: notes },
      createSweeper(known),
    );
    for (const [index, group] of ordered.slice(0, MAX_DIAGNOSED).entries()) {
      // What the group's repetitions say (scan.*) goes to the rules with its sample: 25 names tried in seconds.
      const facts = { 'scan.occurrences': group.report.count, ...(group.logins.size > 0 ? { 'scan.distinctLogins': group.logins.size } : {}) };
      const diagnosis = await doctor.diagnose({ text: group.text, facts }, { knownSecrets: known });
      read.signatures[index] = { ...(read.signatures[index] as SignatureReport), diagnosis };
    }
    return read;
  }

  return {
    add,
    fileRead(name, lines, warning) {
      tallyOf(name).lines = lines;
      if (warning) warnings.push(`${name}: ${warning}`);
    },
    report,
  };
}

/** Scans whole texts: `[{ name: 'app.log', text }]`. With no doctor given, the built-in rules diagnose. */
export async function scanLogs(logs: ReadonlyArray<{ name: string; text: string }>, options: { doctor?: Doctor } = {}): Promise<ScanReport> {
  const checked = checkScanLogs(logs);
  const scan = createScan(options?.doctor ?? createDoctor());
  for (const { name, text } of checked) {
    const { entries, lines } = splitEntries(name, text);
    for (const entry of entries) scan.add(entry);
    scan.fileRead(name, lines);
  }
  return scan.report();
}
