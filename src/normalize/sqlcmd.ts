// sqlcmd, both the ODBC-based one ("HResult 0x274D, Level 16, State 1", "Sqlcmd: Error: Microsoft ODBC
// Driver 17 for SQL Server : …") and go-sqlcmd ("Sqlcmd: Error: unable to open tcp connection with host …").
import { readCode, readInteger } from '../read-integer.js';
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { parseServerSpec } from '../target/server-spec.js';
import { compact, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';
import { odbcDriverName, parseSniMessage } from './sni-message.js';
import { composeRegex } from '../compose-regex.js';

const SIGNATURE = /Sqlcmd: Error:|HResult (?:0x[0-9A-Fa-f]+|-?\d+), Level \d+, State \d+|unable to open tcp connection with host|no named pipe instance matching|unable to get instances from Sql Server Browser/i;

/**
 * One sqlcmd message: up to the next HResult or "Sqlcmd:" line, or the end. [\s\S]*?, not .*?: only those can stop
 * it, so every start that gets this far matches, and none rescans the text after a line break (see dblib.ts).
 */
const UNTIL_NEXT = String.raw`([\s\S]*?)(?= HResult (?:0x[0-9A-Fa-f]+|-?\d+), Level| Sqlcmd: | \+ CategoryInfo| At line:\d|$)`;
const HRESULT = composeRegex(String.raw`HResult (0x[0-9A-Fa-f]+|-?\d+), Level (\d+), State (\d+)\s*${UNTIL_NEXT}`, 'gi');
const SQLCMD_ERROR = composeRegex(String.raw`Sqlcmd: Error: (?:(Microsoft [^:]{3,80}?) : )?${UNTIL_NEXT}`, 'gi');

/**
 * go-sqlcmd prints go-mssqldb's errors, with or without the "Sqlcmd: Error:" prefix. A message ends before the next
 * one (or a DRIVER:/Sqlcmd: line, or the end), less a closing period ([\s\S]*?, as UNTIL_NEXT).
 */
const GO_NEXT = String.raw`\.?(?: unable to | no named pipe | DRIVER:| Sqlcmd: |$)`;
const GO_MESSAGE = composeRegex(
  String.raw`(unable to open tcp connection with host '[^']+': [\s\S]*?|no named pipe instance matching '[^']*' returned from host '[^']+'|unable to get instances from Sql Server Browser on host \S+: [\s\S]*?)(?=${GO_NEXT})`,
  'gi',
);
const IS_GO_MESSAGE = composeRegex(GO_MESSAGE.source, 'i');
/** go-mssqldb names the address it dialled, or the instance it looked up. */
const GO_HOST = /host '([^']+)'|matching '([^']+)' returned from host '([^']+)'/;

function fromHResult(code: number | undefined): Pick<ErrorRecord, 'osError' | 'sniError'> {
  // 0xFFFFFFFF is SNI's -1 ("Error Locating Server/Instance Specified"); small values are Win32 codes.
  if (code === 0xffffffff || code === -1) return { sniError: -1 };
  return code !== undefined && code >= 0 && code < 0x10000 ? { osError: code } : {};
}

export const sqlcmd: ProviderNormalizer = {
  provider: 'sqlcmd',
  detect: (paste) => SIGNATURE.test(paste.flat),
  parse(paste) {
    const records: ErrorRecord[] = [];
    for (const m of matchAll(paste, HRESULT)) {
      const message = (m[4] as string).trim();
      const sni = parseSniMessage(message);
      records.push(
        withSocketOutcome(
          compact<ErrorRecord>({
            provider: 'sqlcmd',
            ...sni,
            ...fromHResult(readCode(m[1], 'hresult')),
            severity: readInteger(m[2], 'severity'),
            state: readInteger(m[3], 'state'),
            message,
            // The message sits on the line after "HResult …": quote it, it says what happened.
            line: paste.lineAt(message ? m.index + m[0].lastIndexOf(message) : m.index),
          }),
        ),
      );
    }
    for (const m of matchAll(paste, SQLCMD_ERROR)) {
      const message = (m[2] as string).trim();
      if (!m[1] && IS_GO_MESSAGE.test(message)) continue; // read below, once
      records.push(
        withSocketOutcome(
          compact<ErrorRecord>({
            provider: 'sqlcmd',
            driver: m[1] ? odbcDriverName(m[1]) : undefined,
            ...parseSniMessage(message),
            message,
            line: paste.lineAt(m.index),
          }),
        ),
      );
    }
    for (const m of matchAll(paste, GO_MESSAGE)) {
      const message = (m[1] as string).trim();
      const go = GO_HOST.exec(message);
      const spec = go?.[1] ? parseServerSpec(go[1], { allowColonPort: true }) : undefined;
      records.push(
        withSocketOutcome(
          compact<ErrorRecord>({
            provider: 'sqlcmd',
            driver: 'go-mssqldb',
            message,
            server: spec?.host ?? go?.[3],
            instance: spec?.instance ?? (go?.[2] || undefined),
            port: spec?.port,
            line: paste.lineAt(m.index),
          }),
        ),
      );
    }
    return records;
  },
};
