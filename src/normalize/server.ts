// SQL Server's own messages pasted as the error: ERRORLOG lines ("Error: 18456, Severity: 14, State: 8."
// then "Login failed for user 'sa'. Reason: … [CLIENT: 10.0.0.5]"), SSMS/sqlcmd "Msg 18456, Level 14, State 1, Server X, Line 1".
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { compact, matchAll, type ProviderNormalizer } from './provider.js';

/** "Error: 18456, Severity: 14, State: 8." and the looser "Error :18456, Severity 14, State 58" people retype. */
const ERRORLOG_HEADER = /Error ?: ?(\d{4,5}), ?Severity:? ?(\d{1,2}), ?State:? ?(\d{1,3})\.?/g;
const IS_ERRORLOG_HEADER = new RegExp(ERRORLOG_HEADER.source);
/** The client's rendering: "Msg 18456, Level 14, State 1, Server DB01, Line 1". */
const MSG_HEADER = /Msg (\d{1,6}), Level (\d{1,2}), State (\d{1,3})(?:, (?:Server|Procedure) (<[^>]{1,60}>|[^,\s]{1,128}))?(?:, Line \d{1,6})?/g;
/** ERRORLOG login lines end with the client address; no client prints it. */
const CLIENT_TAG = /\[CLIENT: [^\]]{1,60}\]/;
const SIGNATURE = new RegExp(`${IS_ERRORLOG_HEADER.source}|${new RegExp(MSG_HEADER.source).source}|${CLIENT_TAG.source}`);

/** Server message texts that name their number by themselves (the text is the number's template). */
const KNOWN_MESSAGES: ReadonlyArray<readonly [RegExp, number]> = [
  [/Login failed for user '[^'\n]{0,128}'\.?(?: Reason: [^[\]\n]{1,300}?\.)?(?: \[CLIENT: [^\]]{1,60}\])?/g, 18456],
  [/Cannot open database "[^"\n]{1,128}" requested by the login\. The login failed\./g, 4060],
  [/Cannot open user default database\. Login failed\./g, 4064],
];

/** How far from a header its message line may sit: the next or the previous log line. */
const MESSAGE_WINDOW = 400;

/** Login-failure numbers whose ERRORLOG state names the reason. */
const LOGIN_FAILURES = new Set([18456, 18452, 18470, 18486, 18487, 18488]);

interface Found {
  number: number;
  message: string;
  index: number;
}

function knownMessages(text: string, offset: number): Found[] {
  const found: Found[] = [];
  for (const [pattern, number] of KNOWN_MESSAGES) {
    for (const m of text.matchAll(pattern)) found.push({ number, message: m[0], index: offset + (m.index ?? 0) });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The message a header introduces: the known sentence right after it, else the one right before (logs read newest first). */
function messageNear(flat: string, start: number, end: number, number: number): Found | undefined {
  const after = knownMessages(flat.slice(end, end + MESSAGE_WINDOW), end).find((f) => f.number === number);
  if (after && !IS_ERRORLOG_HEADER.test(flat.slice(end, after.index))) return after;
  const from = Math.max(0, start - MESSAGE_WINDOW);
  const before = knownMessages(flat.slice(from, start), from).filter((f) => f.number === number);
  return before[before.length - 1];
}

/** True for a login failure read from the server's log, whose state (unlike the client's 1) names the reason. */
export function isErrorlogLoginRecord(record: ErrorRecord): boolean {
  return (
    record.provider === 'server' &&
    record.number !== undefined &&
    LOGIN_FAILURES.has(record.number) &&
    record.state !== undefined &&
    IS_ERRORLOG_HEADER.test(record.line)
  );
}

export const server: ProviderNormalizer = {
  provider: 'server',
  detect: (paste) => SIGNATURE.test(paste.flat),
  detectAlone: (paste) => knownMessages(paste.flat, 0).length > 0,
  parse(paste) {
    const records: ErrorRecord[] = [];
    const used = new Set<number>();
    const push = (fields: Omit<ErrorRecord, 'provider' | 'line'>, index: number) =>
      records.push(compact<ErrorRecord>({ provider: 'server', ...fields, line: paste.lineAt(index) }));

    for (const m of matchAll(paste, ERRORLOG_HEADER)) {
      const number = Number(m[1]);
      const near = messageNear(paste.flat, m.index, m.index + m[0].length, number);
      if (near) used.add(near.index);
      push({ number, severity: Number(m[2]), state: Number(m[3]), message: near?.message ?? m[0] }, m.index);
    }
    for (const m of matchAll(paste, MSG_HEADER)) {
      const number = Number(m[1]);
      const near = knownMessages(paste.flat.slice(m.index + m[0].length, m.index + m[0].length + MESSAGE_WINDOW), m.index + m[0].length).find(
        (f) => f.number === number,
      );
      if (near) used.add(near.index);
      const named = m[4] !== undefined && !m[4].startsWith('<') ? m[4] : undefined;
      push({ number, severity: Number(m[2]), state: Number(m[3]), server: named, message: near?.message ?? m[0] }, m.index);
    }
    // Lines with no header of their own: "Login failed for user 'sa'. Reason: … [CLIENT: …]", or the bare message.
    for (const found of knownMessages(paste.flat, 0)) {
      if (!used.has(found.index)) push({ number: found.number, message: found.message }, found.index);
    }
    return records;
  },
};
