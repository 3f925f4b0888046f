// ODBC drivers and the OLE DB providers that share their record format: "[Microsoft][ODBC Driver 18 for
// SQL Server]TCP Provider: …", "[DBNETLIB]ConnectionOpen (Connect()).", SQLSTATEs, pyodbc and PHP wrappers.
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { readInteger } from '../read-integer.js';
import { compact, firstMatches, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';
import { freetdsNumberOf } from './freetds.js';
import { parseSniMessage } from './sni-message.js';
import { composeRegex } from '../compose-regex.js';

/** One bracketed tag of an ODBC/OLE DB diagnostic record header. */
const TAG = String.raw`\[(?:Microsoft|DBNETLIB|DBMSSOCN|DBNMPNTW|DBMSLPCN|unixODBC|FreeTDS|SQL Server|SQL Native Client|SQL Server Native Client [\d.]{1,6}|ODBC [^\]\[]{1,60}|OLE DB [^\]\[]{1,60}|ConnectionOpen \(\w+\(\)\)\.?)\]`;
const TAG_CHAIN = composeRegex(`(?:${TAG}\\s*)+`, 'g');
const SIGNATURE = composeRegex(TAG, 'i');

/** SQLSTATEs: a two-character class (0x, 2x, 3x, 40-44, HY, IM, ODBC 2's S0/S1) and three more (08001, HYT00, S1000). */
const SQLSTATE = String.raw`(?:0[1-9A-Z]|[23][0-9A-Z]|4[0-4]|HY|HV|IM|S[01])[0-9A-Z]{3}`;

/**
 * A record's message ends at the next header, the ODBC call name, or a wrapper's quote; isql -v starts every
 * record with its bracketed SQLSTATE ("[01000][FreeTDS][SQL Server]…") and closes with "[ISQL]ERROR: …".
 */
// Whitespace before an end mark is matched from the start of its run only ((?<!\s)): tried from every space of a
// long run, each attempt would scan the rest of it.
const MESSAGE_END = composeRegex(String.raw`\(SQL\w+\)|['"]\)|'\s*,|${TAG}|(?<!\s)\s+SQLSTATE|(?<!\s)\s+(?:\(\s*)?'[0-9A-Z]{5}'|(?<!\s)\s*\[(?:${SQLSTATE}|ISQL)\]`);
const SQLSTATE_BEFORE = composeRegex(String.raw`\b(${SQLSTATE})\b[^0-9A-Za-z]*$`);
/** SQLSTATE[08001], [SQLSTATE] => 08001 (PHP print_r), SQL state: HV00L, [08001] (pyodbc). */
const SQLSTATE_ANYWHERE = composeRegex(String.raw`SQL ?STATE\]?\s*(?:(?:=>|[[=:])\s*)?(${SQLSTATE})\b|\[(${SQLSTATE})\]`, 'gi');
const NETLIB_CALL = /ConnectionOpen \((\w+\(\))\)/;
const NATIVE_ERROR = /\((-?\d+)\)\s*$/;

function driverOf(tags: string): string | undefined {
  const names = [...tags.matchAll(/\[([^\][]{1,80})\]/g)].map((t) => t[1] as string);
  return names.find((n) => /Driver|Native Client|OLE DB|FreeTDS/i.test(n)) ?? names.find((n) => /DBNETLIB/i.test(n));
}

/**
 * Native errors on SNI and DBNETLIB ConnectionOpen records are OS errors; on server messages they are
 * SQL error numbers.
 */
function nativeError(message: string, osLevel: boolean): Pick<ErrorRecord, 'osError' | 'number'> {
  const native = NATIVE_ERROR.exec(message);
  if (!native) return {};
  const code = readInteger(native[1], osLevel ? 'osError' : 'errorNumber');
  return osLevel ? { osError: code } : { number: code };
}

/**
 * The FreeTDS driver passes the DB-Library number of its own messages as the native error, which isql -v does not
 * print and pyodbc prints as "(0)" for the driver's summary record: the text names the number then.
 */
function freetdsNumber(driver: string | undefined, message: string): number | undefined {
  return driver === 'FreeTDS' ? freetdsNumberOf(message) : undefined;
}

export function sqlStatesIn(flat: string): string[] {
  const found = new Set<string>();
  for (const m of firstMatches(flat, SQLSTATE_ANYWHERE)) found.add(((m[1] ?? m[2]) as string).toUpperCase());
  return [...found];
}

export const odbc: ProviderNormalizer = {
  provider: 'odbc',
  detect: (paste) => SIGNATURE.test(paste.flat),
  parse(paste) {
    const records: ErrorRecord[] = [];
    for (const m of matchAll(paste, TAG_CHAIN)) {
      const tags = m[0];
      const rest = paste.flat.slice(m.index + tags.length);
      const end = MESSAGE_END.exec(rest);
      let message = (end ? rest.slice(0, end.index) : rest).trim();
      const netlibCall = NETLIB_CALL.exec(tags)?.[1];
      const sni = parseSniMessage(message);
      const native = nativeError(message, sni.sniProvider !== undefined || NETLIB_CALL.test(message));
      message = message.replace(NATIVE_ERROR, '').trim();
      const driver = driverOf(tags);
      const before = paste.flat.slice(Math.max(0, m.index - 40), m.index);
      const sqlState = SQLSTATE_BEFORE.exec(before)?.[1];
      if (!message && !netlibCall) continue;
      // DBNETLIB's Connect() failing with 53 (network path not found) means the host was not reached;
      // 53 only means a missing pipe for the Named Pipes provider.
      const unreached = native.osError === 53 && NETLIB_CALL.test(message) ? ('unreachable' as const) : undefined;
      records.push(
        withSocketOutcome(
          compact<ErrorRecord>({
            provider: 'odbc',
            socket: unreached,
            driver,
            ...sni,
            ...native,
            number: native.number || freetdsNumber(driver, message),
            osError: sni.osError ?? native.osError,
            sqlState,
            message: message || `ConnectionOpen (${netlibCall})`,
            line: paste.lineAt(m.index),
          }),
        ),
      );
    }
    return records;
  },
};
