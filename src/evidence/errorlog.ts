// SQL Server ERRORLOG text (the file, xp_readerrorlog output, Log Viewer exports) → listener, startup and login facts.
import { readInteger } from '../read-integer.js';
import type { Facts } from '../schemas/facts.js';
import { neverThrowing, type EvidenceResult } from './types.js';

type LoginFailure = NonNullable<Facts['errorlog.loginFailures']>[number];
type Sources = NonNullable<EvidenceResult['sources']>;

interface Listener {
  address: string;
  port: number;
  line: string;
}

/** Lines that only a starting instance writes; each may open a new startup sequence. */
type StartMarker = 'banner' | 'processId' | 'priority' | 'parameters' | 'logging';

/** Everything one startup of the instance logged, from its first start line to the next startup. */
interface Startup {
  markers: Set<StartMarker>;
  firstMarkerLine?: string;
  /** Timestamp of the first start line, to pick the most recent startup of several pasted logs. */
  startedAt?: string;
  /** A line written once the network libraries were initialised (listener, pipe, ready, DAC). */
  networkPhaseLine?: string;
  /** `sp_cycle_errorlog` output: the banner repeats but the instance did not restart. */
  cycled: boolean;
  listeners: Listener[];
  namedPipe?: { pipe: string; line: string };
  dac?: { port: number; line: string };
  readyLine?: string;
  shutdownLine?: string;
  processId?: { pid: number; line: string };
  serverName?: { name: string; line: string };
  version?: { version: string; line: string };
  authMode?: { mode: 'mixed' | 'windows'; line: string };
  certificate?: { kind: 'self-generated' | 'loaded'; line: string };
  loginFailures: LoginFailure[];
  firstLoginFailureLine?: string;
}

/** A brute-force attack logs thousands of failures; the doctor needs the recent ones, not all. */
const MAX_LOGIN_FAILURES = 100;
const MAX_QUOTE = 400;

const LOGIN_FAILED_NUMBER = 18456;

/** Fixed phrases, searched with indexOf so megabyte logs stay linear. */
const PHRASE = {
  listening: 'Server is listening on [',
  namedPipe: 'Server named pipe provider is ready to accept connection on [',
  localPipe: 'Server local connection provider is ready to accept connection on [',
  dac: 'Dedicated admin connection support was established for listening',
  ready: 'SQL Server is now ready for client connections',
  processId: 'Server process ID is ',
  processIdSince: 'This instance of SQL Server has been using a process ID of ',
  serverName: "Server name is '",
  banner: 'Microsoft SQL Server ',
  authMode: 'Authentication mode is ',
  certificateLoaded: 'was successfully loaded for encryption',
  priority: 'SQL Server is starting at ',
  parameters: 'Registry startup parameters',
  logging: 'Logging SQL Server messages in file',
  reinitialized: 'The error log has been reinitialized',
  errorNumber: 'Error: ',
} as const;

/**
 * Shutdown messages as SQL Server writes them (17147, 17148, 17149, 17150, 19032, shutdown via
 * SHUTDOWN and via the container's SIGTERM). "SQL Server is terminating a system or background
 * task" is not a shutdown, hence the longer prefixes.
 */
const SHUTDOWN_PHRASES = [
  'SQL Server is terminating in response to',
  'SQL Server is terminating because of',
  'SQL Server is terminating this process',
  'SQL Server is terminating due to',
  'SQL Server shutdown has been initiated',
  'SQL Server shutdown due to Ctrl-C or Ctrl-Break',
  'Server shut down by',
  'SQL Trace was stopped due to server shutdown',
];

const LOGIN_FAILED_PHRASES = ["Login failed for user '", "Logon failed for user '"];

const LISTENER = /^\s*('any'|[^\s<\]]+)\s*<ipv[46]>\s*(\d{1,5})\s*\]/i;
const ERROR_LINE = /^(\d+), Severity: (\d+), State: (\d+)/;
const VERSION = /^Microsoft SQL Server (?:\d{4}|vNext)\b[^\n]*? - \d+\.\d+\.\d+\.\d+(?: \([^)]*\))?/;
/** "[CLIENT: 10.0.0.5]", "[CLIENT: <local machine>]": bounded, so a tag that never closes costs its bound, not the line. */
const CLIENT = /\[CLIENT\s{0,10}:([^\]]{0,100})\]/i;
const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/;
/** Log File Viewer exports write the client's short date: "08/03/2017 00:37:55". */
const SLASH_TIMESTAMP = /\b(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?: ?([AP])M)?/i;
/** The "date time source" head of a native ERRORLOG line or an xp_readerrorlog row. */
const LOG_LINE_HEAD = /^\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{2,3}[ \t]+\S+[ \t]/;
/** The "Date,Source,Severity," head of a Log File Viewer CSV export row. */
const CSV_LINE_HEAD = /^\s*\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}(?: ?[AP]M)?,[^,]*,[^,]*,/i;

/**
 * Undoes what happens to an ERRORLOG on its way into a paste: the file is UTF-16, and a viewer
 * that reads it as 8-bit text leaves a NUL after every character and "ÿþ" or "��" for the BOM.
 */
function repairEncoding(text: string): string {
  return text.replace(/\u0000/g, '').replace(/^(?:\uFEFF|\u00FF\u00FE|\uFFFD+)/, '');
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const LINE_BREAK = /[\r\n]/g;

/** Where the line that starts at `from` ends (its CR or LF, as splitLines cuts), or the text's length. */
function nextLineBreak(text: string, from: number): number {
  LINE_BREAK.lastIndex = from;
  return LINE_BREAK.exec(text)?.index ?? text.length;
}

function quote(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > MAX_QUOTE ? `${trimmed.slice(0, MAX_QUOTE)}…` : trimmed;
}

/**
 * A sortable "YYYY-MM-DD HH:MM:SS" for the line's timestamp. Slash dates are read month first;
 * within one listing that only matters for ordering, and the order survives either reading
 * except across a month boundary.
 */
function timestampOf(line: string): string | undefined {
  const iso = ISO_TIMESTAMP.exec(line)?.[0];
  if (iso !== undefined) return iso.replace('T', ' ');
  const slash = SLASH_TIMESTAMP.exec(line);
  if (!slash) return undefined;
  const [, month = '', day = '', year = '', hour = '', minute = '', second = '', half] = slash;
  const clockHour = Number(hour);
  const hour24 = half === undefined ? clockHour : (clockHour % 12) + (half.toUpperCase() === 'P' ? 12 : 0);
  const pad = (value: string | number) => String(value).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)} ${pad(hour24)}:${minute}:${second}`;
}

/**
 * xp_readerrorlog with N'desc', and Log Viewer exports, list the newest entry first. The facts
 * describe the last startup, so such text is read bottom-up. Decided line by line (most steps
 * between timestamped lines go back in time): two logs pasted one after the other are not a
 * newest-first listing, whatever their dates.
 */
function isNewestFirst(lines: readonly string[]): boolean {
  let previous: string | undefined;
  let backwards = 0;
  let forwards = 0;
  for (const line of lines) {
    const stamp = timestampOf(line);
    if (stamp === undefined) continue;
    if (previous !== undefined && stamp < previous) backwards++;
    if (previous !== undefined && stamp > previous) forwards++;
    previous = stamp;
  }
  return backwards > forwards;
}

function newStartup(): Startup {
  return { markers: new Set(), cycled: false, listeners: [], loginFailures: [] };
}

/** Text after `phrase` in `line`, or undefined when the phrase is absent. */
function after(line: string, phrase: string): string | undefined {
  const index = line.indexOf(phrase);
  return index < 0 ? undefined : line.slice(index + phrase.length);
}

function parseListener(rest: string, line: string): Listener | undefined {
  const match = LISTENER.exec(rest);
  const port = readInteger(match?.[2], 'port');
  if (!match || port === undefined) return undefined;
  const address = (match[1] as string).replace(/'/g, '');
  return { address, port, line };
}

/** The text between "[ " and " ]" that follows a pipe provider phrase. */
function bracketed(rest: string): string | undefined {
  const end = rest.indexOf(']');
  const value = (end < 0 ? rest : rest.slice(0, end)).trim();
  return value === '' ? undefined : value;
}

function leadingPid(rest: string): number | undefined {
  return readInteger(/^\s*(\d+)/.exec(rest)?.[1], 'pid');
}

/** "A self-generated certificate …" or "The certificate [Cert Hash(sha1) "…"] was successfully loaded …". */
function certificateKind(line: string): 'self-generated' | 'loaded' | undefined {
  if (/self.generated certificate/i.test(line)) return 'self-generated';
  if (line.includes('certificate [')) return 'loaded';
  return undefined;
}

interface LoginLine {
  login?: string;
  reason?: string;
  client?: string;
}

function parseLoginFailed(line: string): LoginLine | undefined {
  for (const phrase of LOGIN_FAILED_PHRASES) {
    const rest = after(line, phrase);
    if (rest === undefined) continue;
    const end = rest.indexOf("'");
    const login = end < 0 ? undefined : rest.slice(0, end);
    const parsed: LoginLine = {};
    if (login) parsed.login = login;
    const reasonText = after(rest, 'Reason: ');
    if (reasonText !== undefined) {
      const clientAt = reasonText.search(/\[CLIENT\s*:/i);
      const reason = (clientAt < 0 ? reasonText : reasonText.slice(0, clientAt)).trim();
      if (reason) parsed.reason = reason;
    }
    const client = CLIENT.exec(rest)?.[1]?.trim();
    if (client) parsed.client = client;
    return parsed;
  }
  return undefined;
}

interface PendingLogin {
  login: LoginLine;
  line: string;
  position: number;
}

/** An "Error: N, Severity: S, State: T." line; a number or state it cannot hold is left out. */
interface PendingError {
  number?: number;
  state?: number;
  position: number;
}

function toLoginFailure(state: number, login: LoginLine): LoginFailure {
  return { state, ...login };
}

/** Reads the lines in order, keeping one Startup per startup sequence of the instance. */
class ErrorlogReader {
  private readonly startups: Startup[] = [newStartup()];
  /** An "Error:" line waiting for its "Login failed" line, or the other way round. */
  private pendingError?: PendingError;
  private pendingLogin?: PendingLogin;
  /** Count of non-blank lines read: double-spaced pastes keep adjacent entries adjacent. */
  private position = 0;
  recognised = 0;
  statelessLoginFailures = 0;
  droppedLoginFailures = 0;

  private get current(): Startup {
    return this.startups[this.startups.length - 1] as Startup;
  }

  read(line: string): void {
    if (line.trim() === '') return;
    const position = this.position++;
    if (this.readStartMarkers(line)) this.recognised++;
    if (this.readNetwork(line)) this.recognised++;
    if (this.readIdentity(line)) this.recognised++;
    if (this.readLifecycle(line)) this.recognised++;
    if (this.readLogin(line, position)) this.recognised++;
  }

  finish(): void {
    this.flushPendingLogin();
  }

  /**
   * The startup the facts describe: the most recent by its timestamps (ERRORLOG and ERRORLOG.1
   * pasted in either order), else the last in the text.
   */
  result(): Startup {
    let latest = this.current;
    for (const startup of this.startups) {
      if (startup.startedAt !== undefined && (latest.startedAt === undefined || startup.startedAt > latest.startedAt)) {
        latest = startup;
      }
    }
    return latest;
  }

  private startMarker(marker: StartMarker, line: string): void {
    const current = this.current;
    const progressed = current.networkPhaseLine !== undefined || current.shutdownLine !== undefined;
    if (progressed || current.markers.has(marker)) this.startups.push(newStartup());
    const target = this.current;
    target.markers.add(marker);
    target.firstMarkerLine ??= quote(line);
    target.startedAt ??= timestampOf(line);
  }

  private readStartMarkers(line: string): boolean {
    const banner = after(line, PHRASE.banner);
    if (banner !== undefined) {
      const version = VERSION.exec(PHRASE.banner + banner)?.[0];
      if (version) {
        this.startMarker('banner', line);
        this.current.version = { version: version.trim(), line: quote(line) };
        return true;
      }
    }
    const pid = after(line, PHRASE.processId);
    if (pid !== undefined && leadingPid(pid) !== undefined) {
      this.startMarker('processId', line);
      this.current.processId = { pid: leadingPid(pid) as number, line: quote(line) };
      return true;
    }
    if (line.includes(PHRASE.priority)) return this.markOnly('priority', line);
    if (line.includes(PHRASE.parameters)) return this.markOnly('parameters', line);
    if (line.includes(PHRASE.logging)) return this.markOnly('logging', line);
    if (line.includes(PHRASE.reinitialized)) {
      this.foldCycledLog();
      return true;
    }
    return false;
  }

  private markOnly(marker: StartMarker, line: string): boolean {
    this.startMarker(marker, line);
    return true;
  }

  /**
   * After sp_cycle_errorlog the new file repeats the banner and process ID, then says it was
   * reinitialized: the instance did not restart, so that piece continues the previous startup.
   */
  private foldCycledLog(): void {
    const cycled = this.current;
    cycled.cycled = true;
    if (this.startups.length < 2 || cycled.networkPhaseLine !== undefined) return;
    this.startups.pop();
    const previous = this.current;
    previous.processId ??= cycled.processId;
    previous.version ??= cycled.version;
    previous.authMode ??= cycled.authMode;
    previous.loginFailures.push(...cycled.loginFailures);
    if (cycled.shutdownLine) previous.shutdownLine = cycled.shutdownLine;
  }

  private reachedNetworkPhase(line: string): void {
    this.current.networkPhaseLine ??= quote(line);
    this.current.shutdownLine = undefined;
  }

  private readNetwork(line: string): boolean {
    const listening = after(line, PHRASE.listening);
    if (listening !== undefined) {
      const listener = parseListener(listening, quote(line));
      if (!listener) return false;
      this.current.listeners.push(listener);
      this.reachedNetworkPhase(line);
      return true;
    }
    const pipe = after(line, PHRASE.namedPipe);
    if (pipe !== undefined) {
      const name = bracketed(pipe);
      if (name) this.current.namedPipe = { pipe: name, line: quote(line) };
      this.reachedNetworkPhase(line);
      return true;
    }
    if (line.includes(PHRASE.localPipe)) {
      this.reachedNetworkPhase(line);
      return true;
    }
    const dac = after(line, PHRASE.dac);
    if (dac !== undefined) {
      const port = readInteger(/on port (\d{1,5})(?!\d)/.exec(dac)?.[1], 'port');
      if (port !== undefined) this.current.dac = { port, line: quote(line) };
      this.reachedNetworkPhase(line);
      return true;
    }
    if (line.includes(PHRASE.ready)) {
      this.current.readyLine = quote(line);
      this.reachedNetworkPhase(line);
      return true;
    }
    return false;
  }

  private readIdentity(line: string): boolean {
    const since = after(line, PHRASE.processIdSince);
    if (since !== undefined && leadingPid(since) !== undefined) {
      this.current.processId ??= { pid: leadingPid(since) as number, line: quote(line) };
      return true;
    }
    const name = after(line, PHRASE.serverName);
    if (name !== undefined) {
      const end = name.indexOf("'");
      if (end > 0) {
        this.current.serverName = { name: name.slice(0, end), line: quote(line) };
        return true;
      }
    }
    const mode = after(line, PHRASE.authMode);
    if (mode !== undefined) {
      const upper = mode.trim().toUpperCase();
      if (upper.startsWith('MIXED')) this.current.authMode = { mode: 'mixed', line: quote(line) };
      else if (upper.startsWith('WINDOWS')) this.current.authMode = { mode: 'windows', line: quote(line) };
      else return false;
      return true;
    }
    if (line.includes(PHRASE.certificateLoaded)) {
      const kind = certificateKind(line);
      if (kind) this.current.certificate = { kind, line: quote(line) };
      return kind !== undefined;
    }
    return false;
  }

  private readLifecycle(line: string): boolean {
    if (!SHUTDOWN_PHRASES.some((phrase) => line.includes(phrase))) return false;
    this.current.shutdownLine = quote(line);
    return true;
  }

  /**
   * "Error: 18456, Severity: 14, State: 8." and its "Login failed for user …" line are adjacent,
   * the error line first in the file and last in newest-first listings. A "Login failed" line
   * beside another error (18401: script upgrade mode, 18470: disabled) is not an 18456 failure.
   */
  private readLogin(line: string, position: number): boolean {
    const error = after(line, PHRASE.errorNumber);
    const errorMatch = error === undefined ? null : ERROR_LINE.exec(error);
    if (errorMatch) {
      const pendingError = { number: readInteger(errorMatch[1], 'errorNumber'), state: readInteger(errorMatch[3], 'state'), position };
      const waiting = this.takeAdjacentLogin(position);
      if (!waiting) this.pendingError = pendingError;
      else this.pairLogin(pendingError, waiting.login, waiting.line);
      return true;
    }
    const login = parseLoginFailed(line);
    if (!login) return false;
    this.flushPendingLogin();
    const pendingError = this.pendingError;
    this.pendingError = undefined;
    if (pendingError && position - pendingError.position <= 1) {
      this.pairLogin(pendingError, login, quote(line));
    } else {
      this.pendingLogin = { login, line: quote(line), position };
    }
    return true;
  }

  /** The "Login failed" line just before this error line, if any; an older one had no state. */
  private takeAdjacentLogin(position: number): PendingLogin | undefined {
    const waiting = this.pendingLogin;
    this.pendingLogin = undefined;
    if (waiting && position - waiting.position <= 1) return waiting;
    if (waiting) this.statelessLoginFailures++;
    return undefined;
  }

  /** A "Login failed" line with no 18456 state beside it (a filtered listing) cannot be a fact. */
  /** An error line and its adjacent "Login failed" line: an 18456 failure, with its state when that is one. */
  private pairLogin(error: PendingError, login: LoginLine, line: string): void {
    if (error.number !== LOGIN_FAILED_NUMBER) return;
    if (error.state === undefined) this.statelessLoginFailures++;
    else this.addLoginFailure(toLoginFailure(error.state, login), line);
  }

  private flushPendingLogin(): void {
    if (this.pendingLogin) this.statelessLoginFailures++;
    this.pendingLogin = undefined;
  }

  private addLoginFailure(failure: LoginFailure, line: string): void {
    const failures = this.current.loginFailures;
    failures.push(failure);
    if (failures.length > MAX_LOGIN_FAILURES) {
      failures.shift();
      this.droppedLoginFailures++;
    }
    this.current.firstLoginFailureLine ??= line;
  }
}

/** DAC listeners share the "listening" wording but accept only admin: connections. */
function clientListeners(startup: Startup): Listener[] {
  const dacPort = startup.dac?.port;
  return startup.listeners.filter((listener) => listener.port !== dacPort);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function startupSeen(startup: Startup): boolean {
  return startup.markers.size > 0 && !startup.cycled && startup.networkPhaseLine !== undefined;
}

function toFacts(startup: Startup): { facts: Facts; sources: Sources } {
  const facts: Facts = {};
  const sources: Sources = {};
  const set = <K extends keyof Facts>(name: K, value: Facts[K], line: string | undefined): void => {
    facts[name] = value;
    if (line) sources[name] = line;
  };

  const listeners = clientListeners(startup);
  const firstListener = listeners[0]?.line;
  if (listeners.length > 0) {
    set('errorlog.listeningPorts', unique(listeners.map((l) => l.port)), firstListener);
    set('errorlog.listeningAddresses', unique(listeners.map((l) => l.address)), firstListener);
  }
  const seen = startupSeen(startup);
  if (seen) {
    set('errorlog.startupSeen', true, startup.firstMarkerLine);
    set('errorlog.tcpListening', listeners.length > 0, firstListener ?? startup.readyLine ?? startup.networkPhaseLine);
    set('errorlog.ready', startup.readyLine !== undefined, startup.readyLine);
    set('errorlog.shutdown', startup.shutdownLine !== undefined, startup.shutdownLine);
  } else {
    if (startup.readyLine) set('errorlog.ready', true, startup.readyLine);
    if (startup.shutdownLine) set('errorlog.shutdown', true, startup.shutdownLine);
  }
  if (startup.namedPipe) set('errorlog.namedPipe', startup.namedPipe.pipe, startup.namedPipe.line);
  if (startup.dac) set('errorlog.dacPort', startup.dac.port, startup.dac.line);
  if (startup.processId) set('errorlog.processId', startup.processId.pid, startup.processId.line);
  if (startup.serverName) set('errorlog.serverName', startup.serverName.name, startup.serverName.line);
  if (startup.version) set('errorlog.version', startup.version.version, startup.version.line);
  if (startup.authMode) set('errorlog.authMode', startup.authMode.mode, startup.authMode.line);
  if (startup.certificate) set('errorlog.certificate', startup.certificate.kind, startup.certificate.line);
  if (startup.loginFailures.length > 0) {
    set('errorlog.loginFailures', startup.loginFailures, startup.firstLoginFailureLine);
  }
  return { facts, sources };
}

function parseErrorlog(text: string): EvidenceResult {
  const lines = splitLines(repairEncoding(text));
  const ordered = isNewestFirst(lines) ? [...lines].reverse() : lines;
  const reader = new ErrorlogReader();
  for (const line of ordered) reader.read(line);
  reader.finish();

  const warnings: string[] = [];
  if (reader.recognised === 0) {
    warnings.push('no ERRORLOG line was recognised (expected lines such as "Server is listening on [ … ]")');
    return { facts: {}, warnings };
  }
  if (reader.statelessLoginFailures > 0) {
    warnings.push(
      `${reader.statelessLoginFailures} "Login failed" line(s) had no "Error: 18456 … State: N" line beside them and were not recorded`,
    );
  }
  if (reader.droppedLoginFailures > 0) {
    warnings.push(`${reader.droppedLoginFailures} older login failure(s) left out; the last ${MAX_LOGIN_FAILURES} are listed`);
  }
  const { facts, sources } = toFacts(reader.result());
  return { facts, sources, warnings };
}

/** Phrases only SQL Server's own log writes; a client error text carries none of them. */
const SIGNATURES = [
  PHRASE.listening,
  PHRASE.namedPipe,
  PHRASE.localPipe,
  PHRASE.dac,
  PHRASE.ready,
  PHRASE.processId,
  PHRASE.authMode,
  PHRASE.logging,
  PHRASE.reinitialized,
  PHRASE.certificateLoaded,
  'Starting up database',
  '[CLIENT:',
  'Error: 18456, Severity:',
];

function detectErrorlog(text: string): number {
  const head = repairEncoding(text);
  const signatureHits = SIGNATURES.filter((signature) => head.includes(signature)).length;
  let logLineHits = 0;
  // Line by line up to the third log line, without splitting the whole text first (a long paste is one paragraph).
  for (let start = 0; start <= head.length && logLineHits < 3; ) {
    const end = nextLineBreak(head, start);
    const line = head.slice(start, end);
    if (LOG_LINE_HEAD.test(line) || CSV_LINE_HEAD.test(line)) logLineHits++;
    start = end + (head.startsWith('\r\n', end) ? 2 : 1);
  }
  return Math.min(1, signatureHits * 0.35 + logLineHits * 0.2);
}

export const errorlog = neverThrowing('errorlog', detectErrorlog, parseErrorlog, 'the ERRORLOG text could not be read');
