// normalize(): a pasted error text → error records and the error.* / target.* facts they carry.
import { DoctorError } from '../errors.js';
import { builtinCatalogue, type Catalogue } from '../messages/catalogue.js';
import { agreedMeaning, matchesBySpan, messageFacts, spanOf, type MessageFacts } from '../messages/meaning.js';
import { recognizeMessages, type MessageMatch } from '../messages/recognize.js';
import type { ErrorRecord } from '../schemas/diagnosis.js';
import type { Facts } from '../schemas/facts.js';
import type { Family, Provider } from '../schemas/vocabulary.js';
import { isLocalHost } from '../target/server-spec.js';
import { rememberingLast } from '../lazy.js';
import { kindOf } from '../value-kind.js';
import { configErrorIn } from './client-config.js';
import { versionFactsIn } from './client-version.js';
import { dblib } from './dblib.js';
import { withMessages } from './catalogue-records.js';
import { classifyFamily, familyOfMeaning, instanceLookupOf, phaseOf, tlsReasonOf, type FamilySignal } from './family.js';
import { go } from './go.js';
import { jdbc } from './jdbc.js';
import { linkedServerIn } from './linked-server.js';
import { odbc, sqlStatesIn } from './odbc.js';
import { symbolicCodeIn } from './os-errors.js';
import { makePaste, type Paste } from './paste.js';
import { prisma } from './prisma.js';
import type { ProviderNormalizer } from './provider.js';
import { loginKindOf, loginStateOf, loginUserOf, server } from './server.js';
import { sqlclient } from './sqlclient.js';
import { sqlcmd } from './sqlcmd.js';
import { findTargetInText } from './targets.js';
import { tedious } from './tedious.js';
import { tiberius } from './tiberius.js';

/** Every provider normalizer. SQL Server's own messages come last: a client's record says more. */
export const NORMALIZERS: readonly ProviderNormalizer[] = [sqlclient, sqlcmd, odbc, dblib, jdbc, tedious, go, prisma, tiberius, server];

export interface Normalized {
  family: Family;
  providers: Provider[];
  errors: ErrorRecord[];
  facts: Facts;
  /** Fact name → the pasted line it was read from, for evidence quotes. */
  sources: Partial<Record<keyof Facts, string>>;
  warnings: string[];
}

const NETLIB_CALL = /ConnectionOpen \((\w+\(\))\)/;

/** A paste with more records than this is a log: the rest add nothing to a diagnosis. */
export const MAX_RECORDS = 50;

/** The families the recognised messages' meanings name, each with its message's layer. */
function messageSignals(matches: readonly MessageMatch[], catalogue: Catalogue, connected: boolean): FamilySignal[] {
  const bySpan = matchesBySpan(matches);
  return matches.flatMap((m) => {
    const family = familyOfMeaning(agreedMeaning(bySpan.get(spanOf(m)) ?? [m], catalogue), connected);
    return family ? [{ family, layer: m.entry.layer }] : [];
  });
}

export function normalize(raw: string, catalogue: Catalogue = builtinCatalogue()): Normalized {
  if (typeof raw !== 'string') throw new DoctorError('MSSQLDOCTOR_ERR_INPUT_INVALID', `normalize() takes the pasted text as a string, not ${kindOf(raw)}`);
  const paste = makePaste(raw);
  const messages = recognizeMessages(paste.flat, { catalogue, isLineBreak: paste.isLineBreak });
  const { records: errors, more } = withMessages(readRecords(paste, MAX_RECORDS), messages, paste, catalogue, MAX_RECORDS);
  const meaning = messageFacts(messages, catalogue);
  const connected = meaning.facts['error.tcpConnected'] === true;
  const family = classifyFamily(errors, paste.flat, messageSignals(messages, catalogue, connected), connected, meaning.facts['error.phase']);
  const providers = [...new Set(errors.map((e) => e.provider))];
  const { facts, sources } = errorFacts(errors, family, paste, messages, meaning);
  const warnings: string[] = [];
  if (more) {
    warnings.push(`the text holds more than ${MAX_RECORDS} error records; the first ${MAX_RECORDS} were used (for logs, use \`mssql-doctor scan\`)`);
  }
  // Only when nothing at all was read: a wording that named the family (a retyped "Cannot generate SSPI context")
  // is recognised, and the note beside a confident answer would contradict it.
  if (errors.length === 0 && messages.length === 0 && family === 'unknown' && paste.flat.trim()) {
    warnings.push('no SQL Server client error was recognised in the text; paste the complete message, including provider and error numbers');
  }
  return { family, providers, errors, facts, sources, warnings };
}

/**
 * The provider normalizers whose signature the paste carries, worked out once per paste (the last one kept, as
 * makePaste keeps one): splitting a paste into parts (src/evidence/split.ts) and reading its error part ask it of the
 * same text, and each signature is a pass over it.
 */
export const claimingNormalizers: (paste: Paste) => readonly ProviderNormalizer[] = rememberingLast((paste: Paste) => NORMALIZERS.filter((n) => n.detect(paste)));

/**
 * The records of every provider that claims the paste, less those another claimant supersedes; when
 * none claims it, of the providers whose weaker signature fits a paste on its own. Providers are read in order until
 * more than `limit` records are in hand: only the first `limit` are used, and the rest only tell that there were more
 * (a 256 KiB log of SqlClient errors spent 14 ms parsing the same lines as sqlcmd's, ODBC's and DB-Library's records).
 */
function readRecords(paste: Paste, limit: number): ErrorRecord[] {
  const claiming = claimingNormalizers(paste);
  const superseded = new Set(claiming.flatMap((n) => n.supersedes ?? []));
  const records = recordsOf(claiming.filter((n) => !superseded.has(n.provider)), paste, limit);
  if (records.length > 0) return records;
  return recordsOf(NORMALIZERS.filter((n) => n.detectAlone?.(paste)), paste, limit);
}

/** The normalizers' records in their order, up to the first normalizer that brings the count past `limit`. */
function recordsOf(normalizers: readonly ProviderNormalizer[], paste: Paste, limit: number): ErrorRecord[] {
  const records: ErrorRecord[] = [];
  for (const normalizer of normalizers) {
    if (records.length > limit) break;
    records.push(...normalizer.parse(paste));
  }
  return records;
}

/** The first symbolic code (ECONNREFUSED, ELOGIN, P1001, …) any record carries, with its record. */
function firstSymbolicCode(errors: readonly ErrorRecord[]): { code: string; record: ErrorRecord } | undefined {
  for (const record of errors) {
    const code = symbolicCodeIn(record.message);
    if (code) return { code, record };
  }
  return undefined;
}

function first<K extends keyof ErrorRecord>(errors: readonly ErrorRecord[], key: K): ErrorRecord | undefined {
  return errors.find((e) => e[key] !== undefined);
}

function errorFacts(errors: readonly ErrorRecord[], family: Family, paste: Paste, messages: readonly MessageMatch[], meaning: MessageFacts) {
  const facts: Facts = { 'error.family': family };
  const sources: Normalized['sources'] = {};
  const set = <K extends keyof Facts>(name: K, value: Facts[K] | undefined, line?: string) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    facts[name] = value;
    if (line) sources[name] = line;
  };

  const primary = errors[0];
  set('error.provider', primary?.provider, primary?.line);
  set('error.providers', [...new Set(errors.map((e) => e.provider))]);
  const driver = first(errors, 'driver');
  set('error.driver', driver?.driver, driver?.line);

  const socketRecord = errors.find((e) => e.socket && e.osError !== undefined) ?? first(errors, 'socket');
  set('error.socket', socketRecord?.socket, socketRecord?.line);
  const os = first(errors, 'osError');
  set('error.osError', os?.osError, os?.line);
  set('error.osErrors', [...new Set(errors.flatMap((e) => (e.osError === undefined ? [] : [e.osError])))]);
  const sni = first(errors, 'sniError') ?? first(errors, 'sniProvider');
  set('error.sniProvider', sni?.sniProvider, sni?.line);
  set('error.sniError', sni?.sniError, sni?.line);
  set('error.numbers', [...new Set(errors.flatMap((e) => (e.number === undefined ? [] : [e.number])))]);
  set('error.sqlStates', sqlStatesIn(paste.flat));

  const netlib = NETLIB_CALL.exec(paste.flat);
  if (netlib) {
    set('error.netlibCall', netlib[1], paste.lineAt(netlib.index));
    // DBNETLIB's Connect() failure carries no OS error: the seed reads it as a refused connection.
    if (facts['error.socket'] === undefined && netlib[1] === 'Connect()' && family === 'refused') {
      set('error.socket', 'refused', paste.lineAt(netlib.index));
      facts['error.socketInferred'] = true;
    }
  }
  // Only the server names the reason of a login failure (its ERRORLOG state, or the reason text it wrote); clients see state 1.
  const login = loginStateOf(errors);
  set('error.loginState', login?.state, login?.record.line);
  const user = loginUserOf(errors);
  set('error.loginUser', user?.user, user?.record.line);
  if (user) set('error.loginKind', loginKindOf(user.user), user.record.line);
  // The setting a client refused, as its own message names it (the catalogue's meaning), before the coarser reading
  // of the whole text.
  const refused = meaning.facts['error.configError'];
  const refusedIn = meaning.from['error.configError'];
  const config = configErrorIn(paste.flat);
  if (refused && refusedIn) set('error.configError', refused, paste.lineAt(refusedIn.start));
  else if (config) set('error.configError', config.error, paste.lineAt(config.index));
  const symbolic = firstSymbolicCode(errors);
  set('error.symbolicCode', symbolic?.code, symbolic?.record.line);
  // Versions and a linked server's relay, read from the whole paste (src/normalize/client-version.ts, linked-server.ts).
  for (const f of versionFactsIn(paste.flat)) set(f.name, f.value, paste.lineAt(f.index));
  const linked = linkedServerIn(paste.flat);
  if (linked) set('error.linkedServer', linked.name, paste.lineAt(linked.index));

  const timeout = /Login timeout expired/i.exec(paste.flat);
  if (timeout) set('error.loginTimeout', true, paste.lineAt(timeout.index));
  set('error.phase', phaseOf(paste.flat));
  set('error.instanceLookup', instanceLookupOf(paste.flat));
  const specific = socketRecord ?? sni ?? primary;
  if (family === 'tls' || family === 'prelogin') set('error.tlsReason', tlsReasonOf(paste.flat), specific?.line);
  set('error.message', specific?.message, specific?.line);
  if (specific) sources['error.family'] = sources['error.socket'] ?? specific.line;

  // The catalogue: which messages were recognised, and what their meanings add where the records said nothing.
  set('error.messages', [...new Set(messages.map((m) => m.id))]);
  for (const [name, value] of Object.entries(meaning.facts) as Array<[keyof Facts, Facts[keyof Facts]]>) {
    if (name === 'error.family') continue;
    const known = facts[name];
    if (Array.isArray(known) && Array.isArray(value)) {
      set(name, [...new Set([...known, ...value])] as Facts[keyof Facts]);
      continue;
    }
    if (known !== undefined) continue;
    if (name === 'error.tlsReason' && family !== 'tls' && family !== 'prelogin') continue;
    const match = meaning.from[name];
    set(name, value, match ? paste.lineAt(match.start) : undefined);
  }

  // The driver's own words about where it went win over what the surrounding text names.
  const named = errors.find((e) => e.server !== undefined && e.port !== undefined) ?? errors.find((e) => e.server !== undefined);
  const inText = named ? undefined : findTargetInText(paste);
  const spec = named ? { host: named.server as string, instance: named.instance, port: named.port, protocol: named.protocol } : inText?.spec;
  const line = named?.line ?? inText?.line;
  if (spec) {
    set('target.host', spec.host, line);
    set('target.instance', spec.instance, line);
    set('target.port', spec.port, line);
    set('target.protocol', spec.protocol, line);
    facts['target.isLocal'] = isLocalHost(spec.host);
  }
  return { facts, sources };
}
