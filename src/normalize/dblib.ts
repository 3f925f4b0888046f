// DB-Library, Microsoft's ("DB-Library: Unable to connect…", "Net-Library error 10061: ConnectionOpen
// (Connect())") and FreeTDS's (tsql, pymssql, sqsh: "Error 20009 (severity 9): … OS error 111, "Connection refused"").
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { parseServerSpec } from '../target/server-spec.js';
import { compact, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';

const SIGNATURE = /DB-Library:|Net-Library error \d+|DB-Lib error|Adaptive Server (?:is unavailable|connection)|\b(?:Error|Msg) 200\d\d,? \(?severity/i;

const MS_DBLIB = /DB-Library: (.*?)(?= Net-Library error| DB-Library:|$)/g;
const NETLIB = /Net-Library error (\d+): (.*?)(?= DB-Library:| Net-Library error|$)/g;

/** FreeTDS: "DB-Lib error message 20009, severity 9:", "Error 20009 (severity 9):", "Msg 20009 (severity 9)". */
const FREETDS = /(?:DB-Lib error message|\bError|\bMsg) (200\d\d),? \(?severity (\d+)\)?:? (.*?)(?= DB-Lib error message| Net-Lib error| OS error|\bError 200\d\d|\bMsg 200\d\d|['"]\)|$)/g;
const FREETDS_OS_ERROR = /OS error (\d+),? "?([^"]*?)"?(?=\s*$|\s+(?:Error|Msg|DB-Lib|There was)\b)|Net-Lib error during (.*?) \((\d+)\)/g;

/** FreeTDS appends the server it tried: "does not exist (db01:1433)" or "(127.0.0.1)". */
const FREETDS_SERVER = /(?:does not exist|connection failed|timed out) \(([^()\s]+)\)/i;

export const dblib: ProviderNormalizer = {
  provider: 'dblib',
  detect: (paste) => SIGNATURE.test(paste.flat),
  parse(paste) {
    const records: ErrorRecord[] = [];
    const driver = /DB-Lib error|Adaptive Server|\(severity \d+\)/i.test(paste.flat) ? 'FreeTDS' : undefined;

    for (const m of matchAll(paste, MS_DBLIB)) {
      records.push(compact<ErrorRecord>({ provider: 'dblib', driver, message: (m[1] as string).trim(), line: paste.lineAt(m.index) }));
    }
    for (const m of matchAll(paste, NETLIB)) {
      records.push(
        withSocketOutcome(
          compact<ErrorRecord>({
            provider: 'dblib',
            driver,
            osError: Number(m[1]),
            message: (m[2] as string).trim(),
            line: paste.lineAt(m.index),
          }),
        ),
      );
    }
    for (const m of matchAll(paste, FREETDS)) {
      const message = (m[3] as string).trim();
      const server = FREETDS_SERVER.exec(message)?.[1];
      const spec = server ? parseServerSpec(server, { allowColonPort: true }) : undefined;
      records.push(
        compact<ErrorRecord>({
          provider: 'dblib',
          driver: 'FreeTDS',
          number: Number(m[1]),
          severity: Number(m[2]),
          message,
          server: spec?.host,
          instance: spec?.instance,
          port: spec?.port,
          line: paste.lineAt(m.index),
        }),
      );
    }
    for (const m of matchAll(paste, FREETDS_OS_ERROR)) {
      const code = Number(m[1] ?? m[4]);
      records.push(
        withSocketOutcome(
          compact<ErrorRecord>({
            provider: 'dblib',
            driver: 'FreeTDS',
            osError: code,
            message: ((m[2] ?? m[3]) as string).trim() || `OS error ${code}`,
            line: paste.lineAt(m.index),
          }),
          'linux',
        ),
      );
    }
    return records;
  },
};
