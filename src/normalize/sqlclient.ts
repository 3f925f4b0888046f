// .NET SqlClient (System.Data.SqlClient, Microsoft.Data.SqlClient; also SSMS, which is built on it):
// "(provider: TCP Provider, error: 0 - …)", inner Win32Exception/SocketException, "Error Number:2,State:0,Class:20".
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { compact, matchAll, parseNumber, withSocketOutcome, type ProviderNormalizer } from './provider.js';
import { canonicalSniProvider } from './sni-message.js';

const SIGNATURE =
  /\(provider: [^,()]{1,60}, error: -?\d+|System\.Data\.SqlClient|Microsoft\.Data\.SqlClient|SqlException|A network-related or instance-specific error occurred/i;

/** "(provider: X, error: N - message)"; the message may hold one level of parentheses. */
const PROVIDER_TAG = /\(provider: ([^,()]{1,60}), error: (-?\d+) - ((?:[^()]|\([^()]*\))*)\)/g;

/** Inner exceptions that carry the OS error: Win32Exception (10061) / SocketException (111). */
const INNER_EXCEPTION = /(Win32Exception|SocketException) \((0x[0-9A-Fa-f]+|-?\d+)\):? ?([^\n]*?)(?= at | ---> | --- End|$)/g;

const ERROR_NUMBER = /Error Number:\s*(-?\d+),\s*State:\s*(\d+),\s*Class:\s*(\d+)/i;
const SSMS_ERROR = /\(Microsoft SQL Server, Error: (-?\d+)\)/i;
const EXCEPTION_MESSAGE = /SqlException(?: \(0x[0-9A-Fa-f]+\))?: (.*?)(?= \(provider:| ---> | at |$)/;
const DRIVER = /(Microsoft\.Data\.SqlClient|System\.Data\.SqlClient)/;

export const sqlclient: ProviderNormalizer = {
  provider: 'sqlclient',
  detect: (paste) => SIGNATURE.test(paste.flat),
  parse(paste) {
    const driver = DRIVER.exec(paste.flat)?.[1];
    const records: ErrorRecord[] = [];

    for (const m of matchAll(paste, PROVIDER_TAG)) {
      records.push(
        withSocketOutcome(
          compact<ErrorRecord>({
            provider: 'sqlclient',
            driver,
            sniProvider: canonicalSniProvider(m[1] as string),
            sniError: Number(m[2]),
            message: (m[3] as string).trim(),
            line: paste.lineAt(m.index),
          }),
        ),
      );
    }

    for (const m of matchAll(paste, INNER_EXCEPTION)) {
      const code = parseNumber(m[2] as string);
      // .NET Framework prints the HRESULT E_FAIL (0x80004005) instead of the Win32 code.
      const osError = (m[2] as string).startsWith('0x') ? undefined : code;
      records.push(
        withSocketOutcome(
          compact<ErrorRecord>({
            provider: 'sqlclient',
            driver,
            osError,
            message: (m[3] as string).trim() || (m[1] as string),
            line: paste.lineAt(m.index),
          }),
        ),
      );
    }

    const headline = EXCEPTION_MESSAGE.exec(paste.flat);
    const numbered = ERROR_NUMBER.exec(paste.flat);
    const ssms = SSMS_ERROR.exec(paste.flat);
    const number = numbered ? Number(numbered[1]) : ssms ? Number(ssms[1]) : undefined;
    if (number !== undefined || (records.length === 0 && headline)) {
      const target = records[0];
      const details = compact({
        number,
        state: numbered ? Number(numbered[2]) : undefined,
        severity: numbered ? Number(numbered[3]) : undefined,
      });
      if (target) Object.assign(target, details);
      else {
        const at = headline ?? numbered ?? ssms;
        records.push(
          withSocketOutcome(
            compact<ErrorRecord>({
              provider: 'sqlclient',
              driver,
              ...details,
              message: (headline?.[1] ?? '').trim() || 'SqlException',
              line: paste.lineAt(at?.index ?? 0),
            }),
          ),
        );
      }
    }

    if (records.length === 0 && SIGNATURE.test(paste.flat)) {
      const at = SIGNATURE.exec(paste.flat);
      records.push(
        withSocketOutcome(
          compact<ErrorRecord>({ provider: 'sqlclient', driver, message: paste.lineAt(at?.index ?? 0), line: paste.lineAt(at?.index ?? 0) }),
        ),
      );
    }
    return records;
  },
};
