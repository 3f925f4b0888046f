// SQL Server client aliases (registry key …\MSSQLServer\Client\ConnectTo: reg query, .reg, Get-ItemProperty) → alias.entries.
import { readInteger } from '../read-integer.js';
import type { Facts } from '../schemas/facts.js';
import { neverThrowing, type EvidenceResult } from './types.js';

type AliasEntry = NonNullable<Facts['alias.entries']>[number];
type View = NonNullable<AliasEntry['view']>;

/**
 * Net-Library names an alias value starts with (cliconfg.exe / SQL Server Configuration Manager).
 * Only these three survive in current clients; the rest (multiprotocol, IPX/SPX, AppleTalk,
 * Banyan VINES, VIA) are read as 'other'.
 */
const NETLIB_PROTOCOLS: Readonly<Record<string, AliasEntry['protocol']>> = {
  DBMSSOCN: 'tcp',
  DBNMPNTW: 'np',
  DBMSLPCN: 'lpc',
  DBMSRPCN: 'other',
  DBMSSPXN: 'other',
  DBMSADSN: 'other',
  DBMSVINN: 'other',
  DBMSGNET: 'other',
};

const CONNECT_TO = 'client\\connectto';
const MAX_QUOTE = 400;

/** PowerShell's own properties on every Get-ItemProperty result; never alias names. */
const POWERSHELL_PROPERTIES = new Set(['PSPath', 'PSParentPath', 'PSChildName', 'PSDrive', 'PSProvider']);

/** A .reg file saved by regedit is UTF-16; read as 8-bit text it has a NUL after each character. */
function repairEncoding(text: string): string {
  return text.replace(/\u0000/g, '').replace(/^(?:\uFEFF|\u00FF\u00FE|\uFFFD+)/, '');
}

function quote(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > MAX_QUOTE ? `${trimmed.slice(0, MAX_QUOTE)}…` : trimmed;
}

function viewOfKey(keyPath: string): View {
  return keyPath.toLowerCase().includes('wow6432node') ? '32-bit' : '64-bit';
}

function isConnectToKey(keyPath: string): boolean {
  return keyPath.toLowerCase().replace(/\\+/g, '\\').includes(CONNECT_TO);
}

function knownNetlib(value: string): string | undefined {
  const netlib = value.split(',', 1)[0]?.trim().toUpperCase() ?? '';
  return Object.hasOwn(NETLIB_PROTOCOLS, netlib) ? netlib : undefined;
}

/** `\\host\pipe\sql\query` → `host`; `\\.\pipe\…` → `.` (this machine). */
function pipeHost(pipe: string): string | undefined {
  const match = /^\\\\([^\\]+)\\/.exec(pipe);
  return match?.[1];
}

/** An alias value (`DBMSSOCN,db01,1433`, `DBNMPNTW,\\db01\pipe\sql\query`) → entry fields. */
export function parseAliasValue(name: string, value: string): AliasEntry {
  const comma = value.indexOf(',');
  const netlib = (comma < 0 ? value : value.slice(0, comma)).trim().toUpperCase();
  const target = comma < 0 ? '' : value.slice(comma + 1).trim();
  const protocol = NETLIB_PROTOCOLS[netlib] ?? 'other';
  const entry: AliasEntry = { name, protocol };
  if (protocol === 'np') {
    if (target) entry.pipe = target;
    const host = pipeHost(target);
    if (host) entry.host = host;
    return entry;
  }
  const [host, portText] = target.split(',').map((part) => part.trim());
  if (host) entry.host = host;
  const port = readInteger(portText, 'port');
  if (port !== undefined) entry.port = port;
  return entry;
}

/** Reads a .reg quoted string from `start` (at the opening quote): `"DB01\\SQLEXPRESS"` → DB01\SQLEXPRESS. */
function readRegString(line: string, start: number): { value: string; end: number } | undefined {
  if (line[start] !== '"') return undefined;
  let value = '';
  for (let i = start + 1; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length) {
      value += line[++i];
    } else if (ch === '"') {
      return { value, end: i + 1 };
    } else {
      value += ch;
    }
  }
  return undefined;
}

/** `"name"="value"` (a .reg string value); dword:, hex: and @ (default) values are not aliases. */
function regFileValue(line: string): { name: string; value: string } | undefined {
  const trimmed = line.trim();
  const name = readRegString(trimmed, 0);
  if (!name || trimmed[name.end] !== '=') return undefined;
  const value = readRegString(trimmed, name.end + 1);
  return value ? { name: name.value, value: value.value } : undefined;
}

const REG_QUERY_TYPE = /\s(REG_[A-Z_]+)(?:\s|$)/;

/** `    DB01    REG_SZ    DBMSSOCN,db01,1433` (reg query output). */
function regQueryValue(line: string): { name: string; value: string } | undefined {
  const match = REG_QUERY_TYPE.exec(line);
  if (!match || (match[1] !== 'REG_SZ' && match[1] !== 'REG_EXPAND_SZ')) return undefined;
  const name = line.slice(0, match.index).trim();
  const value = line.slice(match.index + match[0].length).trim();
  if (!name || name === '(Default)' || !value) return undefined;
  return { name, value };
}

/** `DB01 : DBMSSOCN,db01,1433` (Get-ItemProperty) or `DB01 = DBMSSOCN,…` (hand-written notes). */
function listValue(line: string): { name: string; value: string } | undefined {
  const separator = /\s[:=]\s/.exec(line);
  if (!separator) return undefined;
  const name = line.slice(0, separator.index).trim();
  const value = line.slice(separator.index + separator[0].length).trim();
  if (!name || !value || POWERSHELL_PROPERTIES.has(name)) return undefined;
  return { name, value };
}

/** Splits a command line into arguments, honouring double quotes (`"HKLM\…\ConnectTo"`). */
function commandArguments(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let inArgument = false;
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted;
      inArgument = true;
    } else if (/\s/.test(ch) && !quoted) {
      if (inArgument) args.push(current);
      current = '';
      inArgument = false;
    } else {
      current += ch;
      inArgument = true;
    }
  }
  if (inArgument) args.push(current);
  return args;
}

/** `REG ADD "HKLM\…\ConnectTo" /v db01 /t REG_SZ /d "DBMSSOCN,db01,1433"`: the command that made the alias. */
function regAddCommand(line: string): { key: string; name: string; value: string } | undefined {
  if (!/\breg(?:\.exe)?\s+add\s/i.test(line)) return undefined;
  const args = commandArguments(line);
  const addAt = args.findIndex((arg) => arg.toLowerCase() === 'add');
  const key = args[addAt + 1];
  const option = (flag: string): string | undefined => {
    const at = args.findIndex((arg) => arg.toLowerCase() === flag);
    return at < 0 ? undefined : args[at + 1];
  };
  const name = option('/v');
  const value = option('/d');
  if (!key || !name || value === undefined) return undefined;
  return { key, name, value };
}

/** A registry key path line: `[HKEY_…\ConnectTo]`, `HKEY_LOCAL_MACHINE\…`, `HKLM\…` or a PSPath. */
function keyPath(line: string): string | undefined {
  const trimmed = line.trim();
  const bracket = /^\[(-?)(HKEY_[^\]]+|HKLM[^\]]*)\]$/.exec(trimmed);
  if (bracket) return bracket[2];
  if (/^(?:HKEY_[A-Z_]+|HKLM:?)\\/i.test(trimmed)) return trimmed;
  const psPath = /^PSPath\s*:\s*\S*::(\S+)/.exec(trimmed);
  return psPath?.[1];
}

interface Section {
  /** The key the values below belong to; undefined before any key line. */
  keyPath?: string;
  /**
   * Get-ItemProperty prints PSPath after the values: the entries read since the last blank line,
   * `loose` when only their Net-Library prefix made them aliases.
   */
  awaitingPsPath: Array<{ entry: AliasEntry; loose: boolean }>;
}

class AliasReader {
  entries: AliasEntry[] = [];
  /** The line each entry was read from, for the evidence quote. */
  readonly lines = new Map<AliasEntry, string>();
  recognisedKey = false;
  private section: Section = { awaitingPsPath: [] };

  read(line: string): void {
    if (line.trim() === '') {
      this.section.awaitingPsPath = [];
      return;
    }
    const command = regAddCommand(line);
    if (command) {
      this.addCommandValue(command, line);
      return;
    }
    const path = keyPath(line);
    if (path !== undefined) {
      this.enterKey(path, line);
      return;
    }
    const value = regFileValue(line) ?? regQueryValue(line) ?? listValue(line);
    if (value) this.addValue(value.name, value.value, line);
  }

  private enterKey(path: string, line: string): void {
    const isPsPath = /^\s*PSPath\s*:/.test(line);
    if (isConnectToKey(path)) this.recognisedKey = true;
    if (isPsPath) {
      this.settleAwaiting(path);
      return;
    }
    this.section = { keyPath: path, awaitingPsPath: [] };
  }

  private addCommandValue(command: { key: string; name: string; value: string }, line: string): void {
    if (!isConnectToKey(command.key)) return;
    this.recognisedKey = true;
    const entry = parseAliasValue(command.name, command.value);
    entry.view = viewOfKey(command.key);
    this.keep(entry, line);
  }

  /** The PSPath of a Get-ItemProperty block names the key its values came from. */
  private settleAwaiting(path: string): void {
    const awaiting = this.section.awaitingPsPath;
    this.section.awaitingPsPath = [];
    if (isConnectToKey(path)) {
      for (const { entry } of awaiting) entry.view = viewOfKey(path);
      return;
    }
    const loose = new Set(awaiting.filter((item) => item.loose).map((item) => item.entry));
    this.entries = this.entries.filter((entry) => !loose.has(entry));
  }

  /**
   * Inside a ConnectTo key every string value is an alias. Elsewhere (values pasted without
   * their key, or other keys of a .reg file) only a value that starts with a Net-Library name is.
   */
  private addValue(name: string, value: string, line: string): void {
    const key = this.section.keyPath;
    const inConnectTo = key !== undefined && isConnectToKey(key);
    const outsideKey = key === undefined;
    if (!inConnectTo && !(outsideKey && knownNetlib(value))) return;
    const entry = parseAliasValue(name, value);
    if (inConnectTo) entry.view = viewOfKey(key);
    this.section.awaitingPsPath.push({ entry, loose: !inConnectTo });
    this.keep(entry, line);
  }

  private keep(entry: AliasEntry, line: string): void {
    this.entries.push(entry);
    this.lines.set(entry, quote(line));
  }
}

/** The same alias pasted twice (a .reg and a reg query of one key) is one alias. */
function withoutDuplicates(entries: readonly AliasEntry[]): AliasEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = JSON.stringify([entry.name, entry.protocol, entry.host, entry.port, entry.pipe, entry.view]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseAliases(text: string): EvidenceResult {
  const reader = new AliasReader();
  for (const line of repairEncoding(text).split(/\r\n|\r|\n/)) reader.read(line);
  const entries = withoutDuplicates(reader.entries);
  if (entries.length === 0) {
    const warning = reader.recognisedKey
      ? 'the ConnectTo key holds no alias values'
      : 'no client alias was recognised (expected HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\Client\\ConnectTo values)';
    return { facts: {}, warnings: [warning] };
  }
  const sources: NonNullable<EvidenceResult['sources']> = {};
  const firstLine = reader.lines.get(entries[0] as AliasEntry);
  if (firstLine) sources['alias.entries'] = firstLine;
  return { facts: { 'alias.entries': entries }, sources, warnings: [] };
}

/** A value line that assigns a Net-Library string: `"x"="DBMSSOCN,`, `REG_SZ    DBNMPNTW,`, `: DBMSLPCN,`. */
const ALIAS_VALUE_LINE = /(?:"\s*=\s*"|REG_SZ\s+|\s[:=]\s+)(?:DBMSSOCN|DBNMPNTW|DBMSLPCN|DBMSRPCN),/i;

/** The ConnectTo key's path, its backslash written once or escaped. Not by lower-casing the text: that copies it. */
const CONNECT_TO_PATH = /client\\{1,2}connectto/i;

function detectAliases(text: string): number {
  const head = repairEncoding(text);
  let score = 0;
  if (CONNECT_TO_PATH.test(head)) score += 0.6;
  if (ALIAS_VALUE_LINE.test(head)) score += 0.4;
  else if (/\bDB(?:MSSOCN|NMPNTW|MSLPCN)\b/i.test(head)) score += 0.1;
  return Math.min(1, score);
}

export const aliases = neverThrowing('alias', detectAliases, parseAliases, 'the alias text could not be read');
