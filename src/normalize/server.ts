// SQL Server's own messages pasted as the error: ERRORLOG lines ("Error: 18456, Severity: 14, State: 8."
// then "Login failed for user 'sa'. Reason: … [CLIENT: 10.0.0.5]"), SSMS/sqlcmd "Msg 18456, Level 14, State 1, Server X, Line 1".
import type { ErrorRecord } from '../schemas/diagnosis.js';
import type { Facts } from '../schemas/facts.js';
import { readInteger } from '../read-integer.js';
import { compact, firstMatches, matchAll, type ProviderNormalizer } from './provider.js';
import { composeRegex } from '../compose-regex.js';

/** "Error: 18456, Severity: 14, State: 8." and the looser "Error :18456, Severity 14, State 58" people retype. */
const ERRORLOG_HEADER = /Error ?: ?(\d{4,5}), ?Severity:? ?(\d{1,2}), ?State:? ?(\d{1,3})(?!\d)\.?/g;
const IS_ERRORLOG_HEADER = composeRegex(ERRORLOG_HEADER.source);
/** The client's rendering: "Msg 18456, Level 14, State 1, Server DB01, Line 1". */
const MSG_HEADER = /Msg (\d{1,6}), Level (\d{1,2}), State (\d{1,3})(?!\d)(?:, (?:Server|Procedure) (<[^>]{1,60}>|[^,\s]{1,128}))?(?:, Line \d{1,6})?/g;
/** ERRORLOG login lines end with the client address; no client prints it. */
const CLIENT_TAG = /\[CLIENT: [^\]]{1,60}\]/;
const SIGNATURE = composeRegex(`${ERRORLOG_HEADER.source}|${MSG_HEADER.source}|${CLIENT_TAG.source}`);

const USER = String.raw`'[^'\n]{0,128}'`;
const CLIENT = String.raw`(?: \[CLIENT: [^\]]{1,60}\])?`;
/** "Login failed for user 'x'." followed by a fixed reason: the number's own template, not 18456's. */
const loginFailedBecause = (reason: string) => String.raw`Login failed for user ${USER}\.? ${reason}${CLIENT}`;
/** The password-policy messages (CREATE LOGIN, ALTER LOGIN, the Linux setup's sa password): why the policy refused it. */
const passwordPolicy = (policy: string, why: string) =>
  String.raw`Password validation failed\. The password does not meet ${policy} (?:password )?policy requirements because it is ${why}\.`;

/**
 * Server message texts that name their number by themselves (the text is the number's template), as the
 * engine's message catalogue words them (learn.microsoft.com "Database engine events and errors").
 * Where two templates start alike, the more specific comes first: a text found at one position is read once.
 */
const KNOWN_MESSAGES: ReadonlyArray<readonly [RegExp, number | undefined]> = [
  [composeRegex(loginFailedBecause(String.raw`Reason: Server is in script upgrade mode\. Only administrator can connect at this time\.`), 'g'), 18401],
  [composeRegex(loginFailedBecause(String.raw`Only administrators may connect at this time\.`), 'g'), 18451],
  [composeRegex(loginFailedBecause(String.raw`Reason: Server is in single user mode\. Only one administrator can connect at this time\.`), 'g'), 18461],
  [composeRegex(loginFailedBecause(String.raw`Reason: The account is disabled\.`), 'g'), 18470],
  [composeRegex(String.raw`Login failed for user ${USER} because the account is currently locked out\.`, 'g'), 18486],
  [composeRegex(loginFailedBecause(String.raw`Reason: The password of the account has expired\.`), 'g'), 18487],
  [composeRegex(loginFailedBecause(String.raw`Reason: The password of the account must be changed\.`), 'g'), 18488],
  // SQL Server 2019 writes "Logon failed for user" in some ERRORLOG lines; the reason and state are 18456's.
  // The reason ends at its period, or at the client tag where the server wrote none (the default-database reason).
  [/Log(?:in|on) failed for user '[^'\n]{0,128}'\.?(?: Reason: [^[\]\n]{1,300}?(?:\.|(?= \[CLIENT:)))?(?: \[CLIENT: [^\]]{1,60}\])?/g, 18456],
  // A logon trigger rolled the login back (the trigger, not the credentials, refused it).
  [composeRegex(String.raw`Logon failed for login ${USER} due to trigger execution\.`, 'g'), 17892],
  [/Cannot open database "[^"\n]{1,128}" requested by the login\. The login failed\./g, 4060],
  [/Cannot open user default database\. Login failed\./g, 4064],
  // Azure SQL's gateway. People retype "Adress"; the quotes around the server are the template's own.
  [/Cannot open server '[^'\n]{1,128}' requested by the login\. Client with IP Add?ress '[^'\n]{0,64}' is not allowed to access the server\./gi, 40615],
  [/Cannot open server "[^"\n]{1,128}" requested by the login\. The login failed\./g, 40532],
  [/Could not connect because the maximum number of '\d{1,6}' user connections has already been reached\./g, 17809],
  [/SQL Server is not ready to accept new client connections\./g, 17187],
  // Azure SQL resource governance: the sessions or workers limit of the database (10928), or a busy server (10929).
  [/Resource ID ?: ?\d{1,3}\. The [\w ]{1,40} limit for the database is \d{1,9} and has been reached\./g, 10928],
  [/Resource ID ?: ?\d{1,3}\. The [\w ]{1,40} minimum guarantee is \d{1,9}, maximum limit is \d{1,9},? and the current usage for the database is \d{1,9}\./g, 10929],
  [composeRegex(passwordPolicy('SQL Server', 'too short'), 'g'), 33062],
  [composeRegex(passwordPolicy('SQL Server', 'too long'), 'g'), 33063],
  [composeRegex(passwordPolicy('SQL Server', 'not complex enough'), 'g'), 33064],
  [composeRegex(passwordPolicy('Windows', 'too short'), 'g'), 15116],
  [composeRegex(passwordPolicy('Windows', 'too long'), 'g'), 15117],
  [composeRegex(passwordPolicy('Windows', 'not complex enough'), 'g'), 15118],
  // The Linux setup (mssql-conf, the container entrypoint) failing as a whole; its log names no number.
  [/Microsoft\(R\) SQL Server\(R\) setup failed with error code \d{1,5}\./g, undefined],
];

/** The Linux setup's own report of the error that refused the sa password: "…(SA) password: error 33064, severity 16, state 2." */
const SA_PASSWORD_ERROR = /An error occurred while setting the server administrator \(SA\) password: error (\d{4,5}), severity (\d{1,2}), state (\d{1,3})\./g;

/**
 * Event 18456 in the Windows Application log, as XML: its inserts are the login, the reason and the client
 * ("<Data>sa</Data> <Data>Reason: Password did not match …</Data> <Data>[CLIENT: 10.0.0.5]</Data>"; some servers
 * write the inserts with a leading space). Only 18456 has a free "Reason:" insert; 18470 and the others carry
 * theirs in the template.
 */
const EVENT_DATA = /<Data>([^<]{0,128})<\/Data> ?<Data> ?(Reason: [^<]{1,300}?)<\/Data>(?: ?<Data> ?(\[CLIENT: [^\]<]{1,60}\])<\/Data>)?/g;

/**
 * The ERRORLOG reason of an 18456 → the state SQL Server logs with it. States and their meaning: MSSQLSERVER_18456
 * (https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-18456-database-engine-error),
 * which quotes the reasons for 58, 5 (no login), 8, 38 and the default database (40); the reason texts of 6, 7, 9,
 * 11, 12 and 18 are messages 18301–18357 of "Database engine events and errors 18000 to 18999", each paired with the
 * state of the same meaning. Clients show only state 1, so a pasted reason is the best evidence of the real state.
 */
const REASON_STATES: ReadonlyArray<readonly [RegExp, number]> = [
  [/Could not find a login matching the name provided/i, 5],
  [/Attempting to use an NT account name with SQL Server Authentication/i, 6],
  [/An error occurred while evaluating the password/i, 7],
  [/Password did not match that for the login provided/i, 8],
  [/Invalid password provided/i, 9],
  [/Token-based server access validation failed/i, 11],
  [/Login-based server access validation failed/i, 12],
  // Logged with state 13 while the service is paused (a real ERRORLOG: "Reason: SQL Server service is paused. No new
  // connections can be accepted at this time.").
  [/SQL Server service is paused/i, 13],
  [/The user must change the password/i, 18],
  [/Failed to open the explicitly specified database/i, 38],
  [/Failed to open the database (?:'[^'\n]{0,128}' )?specified in the login properties/i, 40],
  [/An attempt to login using SQL (?:Server )?authentication failed/i, 58],
];

/** How far from a header its message line may sit: the next or the previous log line. */
const MESSAGE_WINDOW = 400;

/** Login-failure numbers whose ERRORLOG state names the reason. */
const LOGIN_FAILURES = new Set([18456, 18452, 18470, 18486, 18487, 18488]);

interface Found {
  number: number | undefined;
  message: string;
  index: number;
  severity?: number;
  state?: number;
}

/** Event XML inserts read back as the message the event renders. */
function eventDataMessages(text: string, offset: number): Found[] {
  return [...firstMatches(text, EVENT_DATA)].map((m) => ({
    number: 18456,
    message: `Login failed for user '${m[1]}'. ${m[2]}${m[3] ? ` ${m[3]}` : ''}`,
    index: offset + (m.index ?? 0),
  }));
}

function saPasswordErrors(text: string, offset: number): Found[] {
  return [...firstMatches(text, SA_PASSWORD_ERROR)].map((m) => ({
    number: readInteger(m[1], 'errorNumber'),
    severity: readInteger(m[2], 'severity'),
    state: readInteger(m[3], 'state'),
    message: m[0],
    index: offset + (m.index ?? 0),
  }));
}

/** Every known message in the text, in order; where two templates match at one position, the first listed wins. */
function knownMessages(text: string, offset: number): Found[] {
  const byIndex = new Map<number, Found>();
  for (const [pattern, number] of KNOWN_MESSAGES) {
    for (const m of firstMatches(text, pattern)) {
      const index = offset + (m.index ?? 0);
      if (!byIndex.has(index)) byIndex.set(index, { number, message: m[0], index });
    }
  }
  const found = [...byIndex.values(), ...eventDataMessages(text, offset), ...saPasswordErrors(text, offset)];
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
function isErrorlogLoginRecord(record: ErrorRecord): boolean {
  return (
    record.provider === 'server' &&
    record.number !== undefined &&
    LOGIN_FAILURES.has(record.number) &&
    record.state !== undefined &&
    IS_ERRORLOG_HEADER.test(record.line)
  );
}

/** The 18456 state a "Reason: …" text names (see REASON_STATES), if it names one. */
export function stateOfReason(message: string): number | undefined {
  return REASON_STATES.find(([pattern]) => pattern.test(message))?.[1];
}

/**
 * The server-side state of the paste's login failure and the record it comes from: an ERRORLOG header's state
 * ("Error: 18456, Severity: 14, State: 8.") first, else the state an 18456 reason text names.
 */
export function loginStateOf(errors: readonly ErrorRecord[]): { state: number; record: ErrorRecord } | undefined {
  const logged = errors.find(isErrorlogLoginRecord);
  if (logged?.state !== undefined) return { state: logged.state, record: logged };
  for (const record of errors) {
    if (record.number !== undefined && record.number !== 18456) continue;
    const state = stateOfReason(record.message);
    if (state !== undefined) return { state, record };
  }
  return undefined;
}

const LOGIN_USER = /Log(?:in|on) failed for user '([^'\n]{1,128})'/;

/**
 * What kind of identity a failed login names, which decides where the fix is: a SQL login (its password or
 * state), a Windows account (DOMAIN\\user), a machine account (DOMAIN\\HOST$: a service running as Network Service
 * or an app pool identity), NT AUTHORITY\\ANONYMOUS LOGON (Kerberos delegation failed: the double hop), or an Entra
 * token (<token-identified principal>).
 */
export function loginKindOf(user: string): NonNullable<Facts['error.loginKind']> {
  if (/^NT AUTHORITY\\ANONYMOUS LOGON$/i.test(user)) return 'anonymous';
  if (/^<token-identified principal>$/i.test(user)) return 'entra-token';
  if (/^[^\\]{1,64}\\[^\\]{1,63}\$$/.test(user)) return 'machine-account';
  if (/\\/.test(user)) return 'windows';
  return 'sql';
}

/** The login name a login failure names ("Login failed for user 'sa'."), and its record. */
export function loginUserOf(errors: readonly ErrorRecord[]): { user: string; record: ErrorRecord } | undefined {
  for (const record of errors) {
    const m = LOGIN_USER.exec(record.message);
    if (m) return { user: m[1] as string, record };
  }
  return undefined;
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
      const number = readInteger(m[1], 'errorNumber');
      const near = number === undefined ? undefined : messageNear(paste.flat, m.index, m.index + m[0].length, number);
      if (near) used.add(near.index);
      push({ number, severity: readInteger(m[2], 'severity'), state: readInteger(m[3], 'state'), message: near?.message ?? m[0] }, m.index);
    }
    for (const m of matchAll(paste, MSG_HEADER)) {
      const number = readInteger(m[1], 'errorNumber');
      const near = knownMessages(paste.flat.slice(m.index + m[0].length, m.index + m[0].length + MESSAGE_WINDOW), m.index + m[0].length).find(
        (f) => f.number === number,
      );
      if (near) used.add(near.index);
      const named = m[4] !== undefined && !m[4].startsWith('<') ? m[4] : undefined;
      push({ number, severity: readInteger(m[2], 'severity'), state: readInteger(m[3], 'state'), server: named, message: near?.message ?? m[0] }, m.index);
    }
    // Lines with no header of their own: "Login failed for user 'sa'. Reason: … [CLIENT: …]", or the bare message.
    for (const found of knownMessages(paste.flat, 0)) {
      if (used.has(found.index)) continue;
      push({ number: found.number, severity: found.severity, state: found.state, message: found.message }, found.index);
    }
    return records;
  },
};
