// Socket tables (Windows netstat, Get-NetTCPConnection, ss, Linux/macOS netstat, lsof) → the TCP listeners they show.
import { readInteger } from '../read-integer.js';
import { composeRegex } from '../compose-regex.js';
import { literalAlternation } from '../literal-alternation.js';
import type { Facts } from '../schemas/facts.js';
import { cellsUnderColumns, detectionLines, isDigits, quote, readPid, textLines, underlineColumns, underlineMark, words, type TableColumn } from './text-table.js';
import { neverThrowing, type EvidenceResult } from './types.js';

export type Listener = NonNullable<Facts['netstat.listeners']>[number];

/** Which wildcard a bare `*` stands for: the tools print it for both address families. */
type Family = 'v4' | 'v6';

/** One TCP socket read from a line; only listeners become facts, the others are recognised and dropped. */
interface SocketRow extends Listener {
  listening: boolean;
  line: string;
  /** The local address exactly as ss printed it: a bare `*` means IPv4 or IPv6 by iproute2 version. */
  ssLocal?: string;
}

/** What one line turned out to be. `undefined`: not a socket row at all (prose, prompts, headers). */
type LineReading =
  | { kind: 'socket'; row: SocketRow }
  /** A row of a known format that holds no TCP socket (UDP, a non-TCP ss netid). */
  | { kind: 'other-protocol' }
  /** Shaped like a row of a known format, but a field is missing or malformed. */
  | { kind: 'unreadable'; serviceName?: string }
  | undefined;

// Windows prints LISTENING; German and Spanish Windows translate the state column, other languages keep it.
// A state outside these lists makes the row unreadable, so an unknown translation surfaces as a
// warning instead of a listener silently taken for a connection.
const WINDOWS_LISTEN_STATES = new Set(['LISTENING', 'ABHÖREN', 'ESCUCHANDO']);
const WINDOWS_STATES = new Set([
  ...WINDOWS_LISTEN_STATES,
  'ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'SYN_SENT', 'SYN_RECEIVED', 'FIN_WAIT_1', 'FIN_WAIT_2',
  'LAST_ACK', 'CLOSING', 'CLOSED', 'BOUND', 'HERGESTELLT', 'WARTEND', 'SCHLIESSEN_WARTEN', 'ESTABLECIDO',
]);

const SS_STATES = new Set([
  'LISTEN', 'ESTAB', 'UNCONN', 'TIME-WAIT', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2',
  'CLOSE-WAIT', 'LAST-ACK', 'CLOSING', 'CLOSED', 'UNKNOWN',
]);
const SS_NETIDS = new Set(['tcp', 'mptcp', 'udp', 'raw', 'sctp', 'u_str', 'u_dgr', 'u_seq', 'p_raw', 'p_dgr', 'nl', 'v_str', 'v_dgr', 'xdp', 'tipc']);

const UNIX_NETSTAT_PROTOCOLS = new Set(['tcp', 'tcp4', 'tcp6', 'tcp46', 'udp', 'udp4', 'udp6', 'udp46']);

/**
 * Without -n / -P the tools print service names from /etc/services instead of port numbers; these are
 * the ones that matter when SQL Server is the question (and the commonest others).
 */
const SERVICE_PORTS: ReadonlyMap<string, number> = new Map([
  ['ms-sql-s', 1433],
  ['ms-sql-m', 1434],
  ['http', 80],
  ['https', 443],
  ['ssh', 22],
  ['epmap', 135],
  ['netbios-ssn', 139],
  ['microsoft-ds', 445],
]);

/** Header fragments (lower case, single-spaced) that only socket tables print, localised ones included. */
const HEADER_MARKERS = [
  'active connections',
  'active internet connections',
  'connexions actives',
  'aktive verbindungen',
  'conexiones activas',
  '活动连接',
  'local address foreign address',
  'adresse locale adresse distante',
  'lokale adresse remoteadresse',
  'dirección local dirección remota',
  '本地地址',
  'recv-q send-q local address',
  'localaddress localport',
  'fd type device size/off node name',
];


// ---------------------------------------------------------------------------------------------------
// Addresses.

function normaliseAddress(raw: string, family: Family): string {
  const zone = raw.indexOf('%'); // fe80::1%8 (Windows scope id), 127.0.0.53%lo (ss bound device)
  const address = (zone >= 0 ? raw.slice(0, zone) : raw).toLowerCase();
  if (address === '*' || address === '') return family === 'v6' ? '::' : '0.0.0.0';
  return address;
}

type PortReading = { port: number } | { serviceName: string } | undefined;

function readPort(text: string): PortReading {
  if (isDigits(text)) {
    const port = readInteger(text, 'port');
    return port === undefined ? undefined : { port };
  }
  const known = SERVICE_PORTS.get(text.toLowerCase());
  if (known !== undefined) return { port: known };
  return /^[a-z][a-z0-9-]*$/i.test(text) ? { serviceName: text } : undefined;
}

type EndpointReading = Endpoint | { serviceName: string } | undefined;

/**
 * `0.0.0.0:1433`, `[::]:1433`, `[::1]:1866`, `:::1433` (Linux), `*:1433` (ss, lsof),
 * `127.0.0.1.5000` and `*.5000` (macOS/BSD netstat: the port follows the last dot).
 */
function readEndpoint(text: string, family: Family): EndpointReading {
  let address: string;
  let portText: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') return undefined;
    address = text.slice(1, close);
    portText = text.slice(close + 2);
  } else {
    const colon = text.lastIndexOf(':');
    const afterColon = colon >= 0 ? text.slice(colon + 1) : '';
    const separator = colon >= 0 && !afterColon.includes('.') ? colon : text.lastIndexOf('.');
    if (separator < 0) return undefined;
    address = text.slice(0, separator);
    portText = text.slice(separator + 1);
  }
  const port = readPort(portText);
  if (!port) return undefined;
  if ('serviceName' in port) return port;
  return { address: normaliseAddress(address, address.includes(':') ? 'v6' : family), port: port.port };
}

interface Endpoint {
  address: string;
  port: number;
}

interface Owner {
  pid?: number;
  process?: string;
}

function socketRow(endpoint: Endpoint, listening: boolean, line: string, owner: Owner): LineReading {
  const row: SocketRow = { address: endpoint.address, port: endpoint.port, listening, line };
  if (owner.pid !== undefined) row.pid = owner.pid;
  if (owner.process) row.process = owner.process;
  return { kind: 'socket', row };
}

function endpointOrUnreadable(text: string | undefined, family: Family): Endpoint | LineReading {
  const endpoint = text === undefined ? undefined : readEndpoint(text, family);
  if (!endpoint) return { kind: 'unreadable' };
  if ('serviceName' in endpoint) return { kind: 'unreadable', serviceName: endpoint.serviceName };
  return endpoint;
}

function isEndpoint(value: Endpoint | LineReading): value is Endpoint {
  return value !== undefined && 'port' in value;
}

// ---------------------------------------------------------------------------------------------------
// One reader per row format.

/** Windows netstat: `TCP    0.0.0.0:1433    0.0.0.0:0    LISTENING    1864` (the PID only with -o). */
function readWindowsNetstatRow(tokens: readonly string[], line: string): LineReading {
  const protocol = tokens[0];
  if (protocol === 'UDP') return { kind: 'other-protocol' };
  if (protocol !== 'TCP') return undefined;
  const endpoint = endpointOrUnreadable(tokens[1], 'v4');
  if (!isEndpoint(endpoint)) return endpoint;
  const state = tokens[3]?.toUpperCase();
  if (!state || !WINDOWS_STATES.has(state)) return { kind: 'unreadable' };
  const pidText = tokens[4];
  const pid = readPid(pidText);
  if (pidText !== undefined && pid === undefined) return { kind: 'unreadable' };
  return socketRow(endpoint, WINDOWS_LISTEN_STATES.has(state), line, { pid });
}

/** `1234/sqlservr` (Linux netstat -p); `-` when the owner is hidden from this user. */
function readPidProgram(text: string | undefined): Owner {
  if (!text) return {};
  const slash = text.indexOf('/');
  if (slash <= 0) return {};
  const pid = readPid(text.slice(0, slash));
  const process = text.slice(slash + 1);
  return pid === undefined ? {} : { pid, ...(process ? { process } : {}) };
}

/**
 * Linux netstat -tlnp / -tanp: `tcp  0  0 0.0.0.0:1433  0.0.0.0:*  LISTEN  1234/sqlservr`;
 * macOS netstat -an: `tcp4  0  0  127.0.0.1.5000  *.*  LISTEN` (no owner column).
 */
function readUnixNetstatRow(tokens: readonly string[], line: string): LineReading {
  const protocol = tokens[0];
  if (!protocol || !UNIX_NETSTAT_PROTOCOLS.has(protocol)) return undefined;
  if (!isDigits(tokens[1]) || !isDigits(tokens[2])) return undefined;
  if (protocol.startsWith('udp')) return { kind: 'other-protocol' };
  const family: Family = protocol === 'tcp' || protocol === 'tcp4' ? 'v4' : 'v6';
  const endpoint = endpointOrUnreadable(tokens[3], family);
  if (!isEndpoint(endpoint)) return endpoint;
  const state = tokens[5];
  if (!state) return { kind: 'unreadable' };
  return socketRow(endpoint, state === 'LISTEN', line, readPidProgram(tokens[6]));
}

function digitsAfter(line: string, label: string, from: number): number | undefined {
  const at = line.indexOf(label, from);
  if (at < 0) return undefined;
  let end = at + label.length;
  while (end < line.length && isDigits(line[end])) end++;
  return readPid(line.slice(at + label.length, end));
}

/** `users:(("sqlservr",pid=1234,fd=86))`: the first owner (forked servers list several). */
function readSsUsers(line: string): Owner {
  const at = line.indexOf('users:((');
  if (at < 0) return {};
  const open = line.indexOf('"', at);
  const close = open >= 0 ? line.indexOf('"', open + 1) : -1;
  const process = close > open ? line.slice(open + 1, close) : undefined;
  const pid = digitsAfter(line, 'pid=', at);
  return { ...(pid !== undefined ? { pid } : {}), ...(process ? { process } : {}) };
}

/** ss -ltnp / -tanp / -tulpn: `[tcp] LISTEN 0 128 0.0.0.0:1433 0.0.0.0:* users:((…))`. */
function readSsRow(tokens: readonly string[], line: string): LineReading {
  const netid = tokens[0] !== undefined && SS_NETIDS.has(tokens[0]) ? tokens[0] : undefined;
  const at = netid ? 1 : 0;
  const state = tokens[at];
  if (!state || !SS_STATES.has(state) || !isDigits(tokens[at + 1]) || !isDigits(tokens[at + 2])) return undefined;
  if ((netid && netid !== 'tcp' && netid !== 'mptcp') || state === 'UNCONN') return { kind: 'other-protocol' };
  // A row cut before the peer column may have lost digits of the local port too.
  if (tokens[at + 4] === undefined) return { kind: 'unreadable' };
  const local = tokens[at + 3] ?? '';
  const endpoint = endpointOrUnreadable(local, 'v6');
  if (!isEndpoint(endpoint)) return endpoint;
  const reading = socketRow(endpoint, state === 'LISTEN', line, readSsUsers(line));
  if (reading?.kind === 'socket') reading.row.ssLocal = local;
  return reading;
}

/**
 * Current iproute2 prints 0.0.0.0 for the IPv4 wildcard and `*` (or `[::]`) for the IPv6 one;
 * older versions (CentOS 7) print `*` for IPv4 and `[::]` or `:::` for IPv6. Read `*` as IPv6
 * unless the output shows the old convention: an IPv6 wildcard but no 0.0.0.0.
 */
function settleSsWildcards(rows: readonly SocketRow[]): void {
  const printed = rows.map((row) => row.ssLocal ?? '');
  const newStyle = printed.some((local) => local.startsWith('0.0.0.0:'));
  const oldStyle = !newStyle && printed.some((local) => local.startsWith('[::]:') || local.startsWith(':::'));
  if (!oldStyle) return;
  for (const row of rows) if (row.ssLocal?.startsWith('*:')) row.address = '0.0.0.0';
}

/**
 * lsof -iTCP -sTCP:LISTEN -n -P (Linux and macOS):
 * `sqlservr 1234 mssql 86u IPv4 0x…  0t0  TCP *:1433 (LISTEN)`. COMMAND is cut to 9 characters.
 */
function readLsofRow(tokens: readonly string[], line: string): LineReading {
  if (tokens.length < 8 || !isDigits(tokens[1])) return undefined;
  const typeAt = tokens.findIndex((token, index) => index >= 3 && (token === 'IPv4' || token === 'IPv6'));
  if (typeAt < 0) return undefined;
  const nodeAt = tokens.findIndex((token, index) => index > typeAt && (token === 'TCP' || token === 'UDP'));
  if (nodeAt < 0) return undefined;
  if (tokens[nodeAt] === 'UDP') return { kind: 'other-protocol' };
  const name = tokens[nodeAt + 1];
  const state = tokens[nodeAt + 2];
  if (!name) return { kind: 'unreadable' };
  if (name.includes('->')) return { kind: 'other-protocol' }; // a connection, not a listening socket
  const endpoint = endpointOrUnreadable(name, tokens[typeAt] === 'IPv6' ? 'v6' : 'v4');
  if (!isEndpoint(endpoint)) return endpoint;
  return socketRow(endpoint, state === '(LISTEN)', line, { pid: readPid(tokens[1]), process: tokens[0] });
}

/** A line on its own, outside any PowerShell table. */
function readSocketLine(line: string): LineReading {
  const tokens = words(line);
  // Select-String marks its matches with a leading `>`.
  if (tokens[0] === '>') tokens.shift();
  if (tokens.length < 3) return undefined;
  return (
    readWindowsNetstatRow(tokens, line) ??
    readUnixNetstatRow(tokens, line) ??
    readSsRow(tokens, line) ??
    readLsofRow(tokens, line)
  );
}

// ---------------------------------------------------------------------------------------------------
// Get-NetTCPConnection tables (plain, narrowed by the console, or with a computed process column).

interface NetTcpTable {
  columns: TableColumn[];
  address: number;
  port: number;
  state: number;
  pid: number;
  process: number;
}

function columnIndex(columns: readonly TableColumn[], names: readonly string[]): number {
  return columns.findIndex((column) => names.includes(column.name.toLowerCase()));
}

function netTcpTable(header: string, underline: string): NetTcpTable | undefined {
  const columns = underlineColumns(header, underline);
  if (!columns) return undefined;
  const address = columnIndex(columns, ['localaddress']);
  const port = columnIndex(columns, ['localport']);
  if (address < 0 || port < 0) return undefined;
  return {
    columns,
    address,
    port,
    state: columnIndex(columns, ['state']),
    pid: columnIndex(columns, ['owningprocess', 'pid', 'id', 'processid']),
    process: columnIndex(columns, ['processname', 'process', 'name', 'owningprocessname']),
  };
}

function looksLikeAddress(text: string): boolean {
  return text.length > 0 && /^[0-9a-f:.[\]*%]+$/i.test(text) && /[.:]/.test(text);
}

/** A table row, or `undefined` when the line is not one (the table has ended). */
function readNetTcpRow(table: NetTcpTable, line: string): LineReading {
  const cells = cellsUnderColumns(line, table.columns);
  const addressText = cells[table.address] ?? '';
  const portText = cells[table.port] ?? '';
  if (!looksLikeAddress(addressText)) return undefined;
  const port = readPort(portText);
  const state = table.state >= 0 ? (cells[table.state] ?? '') : 'Listen';
  const pidText = table.pid >= 0 ? cells[table.pid] : undefined;
  // An empty State or PID cell means the row was cut short, possibly inside the port.
  if (!port || 'serviceName' in port || state === '' || pidText === '') return { kind: 'unreadable' };
  const process = table.process >= 0 ? cells[table.process] : undefined;
  return socketRow(
    { address: normaliseAddress(addressText, addressText.includes(':') ? 'v6' : 'v4'), port: port.port },
    state.toLowerCase() === 'listen',
    line,
    { pid: readPid(pidText), process: process || undefined },
  );
}

// ---------------------------------------------------------------------------------------------------
// The scan shared by parse() and detect().

interface Scan {
  rows: SocketRow[];
  /** Rows of sockets the facts do not cover (UDP, other ss netids), counted for detection. */
  otherProtocolRows: number;
  headerSeen: boolean;
  nonBlankLines: number;
  unreadable: string[];
  serviceNames: Set<string>;
  /** A PowerShell table without a State column, taken to list listeners only. */
  stateAssumed: boolean;
}

/** -b prints the owner's image on a line of its own under the row, after any service names. */
const OWNER_LINES_AFTER_ROW = 4;

function isOwnerLine(trimmed: string): boolean {
  return trimmed.length > 2 && trimmed.startsWith('[') && trimmed.endsWith(']') && !trimmed.includes(':');
}

/**
 * The longest word of each header marker: a line that holds none of them holds no marker, which this finds without
 * folding the line's words (most lines of a paste are no table).
 */
const HEADER_WORD = composeRegex(
  literalAlternation(
    HEADER_MARKERS.map((marker) => marker.split(' ').reduce((a, b) => (b.length > a.length ? b : a))),
    { ignoreCase: true },
  ),
  'i',
);

function hasHeaderMarker(line: string): boolean {
  if (!HEADER_WORD.test(line)) return false;
  const folded = words(line.toLowerCase()).join(' ');
  return HEADER_MARKERS.some((marker) => folded.includes(marker));
}

function nextNonBlank(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length && (lines[index] ?? '').trim() === '') index++;
  return index;
}

function scan(lines: readonly string[]): Scan {
  const result: Scan = {
    rows: [],
    otherProtocolRows: 0,
    headerSeen: false,
    nonBlankLines: 0,
    unreadable: [],
    serviceNames: new Set(),
    stateAssumed: false,
  };
  let table: NetTcpTable | undefined;
  let ownerWanted: { row: SocketRow; linesLeft: number } | undefined;

  const record = (reading: LineReading, line: string): boolean => {
    if (!reading) return false;
    if (reading.kind === 'socket') {
      result.rows.push(reading.row);
      ownerWanted = { row: reading.row, linesLeft: OWNER_LINES_AFTER_ROW };
    } else if (reading.kind === 'unreadable') {
      result.unreadable.push(line);
      if (reading.serviceName) result.serviceNames.add(reading.serviceName);
      ownerWanted = undefined;
    } else {
      result.otherProtocolRows++;
      ownerWanted = undefined;
    }
    return true;
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const trimmed = line.trim();
    if (trimmed === '') continue;
    result.nonBlankLines++;

    if (table) {
      if (record(readNetTcpRow(table, line), line)) continue;
      table = undefined;
    }

    if (hasHeaderMarker(line)) {
      result.headerSeen = true;
      const underlineAt = nextNonBlank(lines, index + 1);
      const found = underlineMark(lines[underlineAt] ?? '') === '-' ? netTcpTable(line, lines[underlineAt] ?? '') : undefined;
      if (found) {
        table = found;
        if (found.state < 0) result.stateAssumed = true;
        index = underlineAt;
        result.nonBlankLines++;
      }
      ownerWanted = undefined;
      continue;
    }

    if (record(readSocketLine(line), line)) continue;

    if (ownerWanted) {
      if (isOwnerLine(trimmed)) {
        ownerWanted.row.process ??= trimmed.slice(1, -1);
        ownerWanted = undefined;
      } else if (--ownerWanted.linesLeft <= 0) {
        ownerWanted = undefined;
      }
    }
  }
  settleSsWildcards(result.rows);
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Facts.

/** Two rows for one address and port are one socket unless they name different owners. */
function sameSocket(a: Listener, b: Listener): boolean {
  return a.pid === undefined || b.pid === undefined || a.pid === b.pid;
}

/** Each listener once; a repeat that knows more (the PID, the image) completes the first. */
function uniqueListeners(rows: readonly SocketRow[]): { listeners: Listener[]; lines: string[] } {
  const listeners: Listener[] = [];
  const lines: string[] = [];
  const byEndpoint = new Map<string, Listener[]>();
  for (const row of rows) {
    if (!row.listening) continue;
    const endpoint = `${row.address}|${row.port}`;
    const sameEndpoint = byEndpoint.get(endpoint) ?? [];
    const known = sameEndpoint.find((listener) => sameSocket(listener, row));
    if (known) {
      if (known.pid === undefined && row.pid !== undefined) known.pid = row.pid;
      if (known.process === undefined && row.process !== undefined) known.process = row.process;
      continue;
    }
    const listener: Listener = { address: row.address, port: row.port };
    if (row.pid !== undefined) listener.pid = row.pid;
    if (row.process !== undefined) listener.process = row.process;
    byEndpoint.set(endpoint, [...sameEndpoint, listener]);
    listeners.push(listener);
    lines.push(row.line.trim());
  }
  return { listeners, lines };
}

/** The line worth quoting: SQL Server's own listener when there is one, else the first. */
function representativeLine(listeners: readonly Listener[], lines: readonly string[]): string | undefined {
  const sqlServer = listeners.findIndex((listener) => /^sqlservr(\.exe)?$/i.test(listener.process ?? ''));
  return lines[sqlServer >= 0 ? sqlServer : 0];
}

function warningsOf(result: Scan, text: string): string[] {
  const warnings: string[] = [];
  if (result.rows.length === 0 && result.otherProtocolRows > 0) {
    warnings.push('only UDP or non-TCP sockets were listed; run netstat/ss for TCP to see listeners');
  } else if (result.rows.length === 0 && result.unreadable.length === 0) {
    warnings.push('no netstat, ss, lsof or Get-NetTCPConnection rows were found in the text');
  }
  const first = result.unreadable[0];
  if (first !== undefined) {
    const count = result.unreadable.length;
    warnings.push(`${count} line${count === 1 ? '' : 's'} looked like socket rows but could not be read, e.g. "${quote(first)}"`);
  }
  if (result.serviceNames.size > 0) {
    const names = [...result.serviceNames].slice(0, 5).join(', ');
    warnings.push(`ports were printed as service names (${names}); run netstat/ss with -n or lsof with -P to see numbers`);
  }
  if (/requires elevation/i.test(text)) {
    warnings.push('netstat -b needs an elevated prompt ("Run as administrator"); without it Windows prints no table');
  }
  if (result.stateAssumed && !/-state\s+listen/i.test(text)) {
    warnings.push('the Get-NetTCPConnection table has no State column; every row was taken to be a listener');
  }
  return warnings;
}

function parseSockets(text: string): EvidenceResult {
  const result = scan(textLines(text));
  const warnings = warningsOf(result, text);
  if (result.rows.length === 0) return { facts: {}, warnings };
  const { listeners, lines } = uniqueListeners(result.rows);
  const facts: Facts = { 'netstat.listeners': listeners };
  const line = representativeLine(listeners, lines) ?? result.rows[0]?.line.trim();
  return { facts, ...(line ? { sources: { 'netstat.listeners': line } } : {}), warnings };
}

const SOCKET_STATE_WORD = /\b(?:LISTEN(?:ING)?|ESTABLISHED|TIME_WAIT|CLOSE_WAIT|SYN_SENT)\b/;

function detectSockets(text: string): number {
  const result = scan(detectionLines(text));
  // Unreadable rows count only when they carry a socket state: "TCP Provider: No connection…" starts
  // like a netstat row but is a client error, while an lsof row with a service-name port is a listing.
  const stated = result.unreadable.filter((line) => SOCKET_STATE_WORD.test(line)).length;
  const rows = result.rows.length + result.otherProtocolRows + stated;
  if (rows === 0) return result.headerSeen ? 0.5 : result.unreadable.length > 0 ? 0.2 : 0;
  const share = rows / Math.max(1, result.nonBlankLines);
  const score = 0.5 + 0.5 * Math.min(1, share * 2);
  return result.headerSeen ? Math.max(score, 0.9) : score;
}

export const sockets = neverThrowing('netstat', detectSockets, parseSockets, 'the socket table could not be read');
