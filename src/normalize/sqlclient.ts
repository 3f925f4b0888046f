// .NET SqlClient (System.Data.SqlClient, Microsoft.Data.SqlClient; also SSMS, which is built on it):
// "(provider: TCP Provider, error: 0 - …)", inner Win32Exception/SocketException, "Error Number:2,State:0,Class:20".
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { readInteger } from '../read-integer.js';
import { compact, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';
import { canonicalSniProvider } from './sni-message.js';

const SIGNATURE =
  /\(provider: [^,()]{1,60}, error: -?\d+|System\.Data\.SqlClient|Microsoft\.Data\.SqlClient|A network-related or instance-specific error occurred/i;
/** .NET's exception class as .NET spells it, a word of its own: Java's java.sql.SQLException (jTDS, mssql-jdbc) is not SqlClient's, nor is Hibernate's SqlExceptionHelper logger. */
const SQL_EXCEPTION = /\bSqlException\b/;
/** Where the paste first shows SqlClient's signature, if it does. */
const signatureAt = (flat: string) => SIGNATURE.exec(flat)?.index ?? SQL_EXCEPTION.exec(flat)?.index;

/** "(provider: X, error: N - message)"; the message may hold one level of parentheses. */
const PROVIDER_TAG = /\(provider: ([^,()]{1,60}), error: (-?\d+) - ((?:[^()]|\([^()]*\))*)\)/g;

/**
 * Inner exceptions: "Win32Exception (10061): …", "SocketException (111): …", ".NET Framework's
 * "Win32Exception (0x80004005): …", and managed SNI's "ExtendedSocketException: Connection refused [::1]:1433".
 */
const INNER_EXCEPTION =
  /(Win32Exception|SocketException|ExtendedSocketException)(?: \(([^()]*)\))?: ((?:(?! at | ---> | --- End|\(provider:).)*)/g;
/** Managed SNI names the address in the socket message: "Connection refused [::1]:1433", "10.0.0.5:1433". */
const SOCKET_ADDRESS = /(?:refused|timed out|unreachable|reset)\s+(\[[^\][\s]{1,64}\]|\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})(?!\d)/i;

const ERROR_NUMBER = /Error Number:\s*(-?\d+),\s*State:\s*(\d+),\s*Class:\s*(\d+)/i;
const SSMS_ERROR = /\(Microsoft SQL Server, Error: (-?\d+)\)/i;
/** The message runs to the provider tag, an inner exception, the stack or the end ([\s\S]*?: see dblib.ts). */
const EXCEPTION_MESSAGE = /SqlException(?: \(0x[0-9A-Fa-f]+\))?: ([\s\S]*?)(?= \(provider:| ---> | at |$)/;
const DRIVER = /(Microsoft\.Data\.SqlClient|System\.Data\.SqlClient)/;

export const sqlclient: ProviderNormalizer = {
  provider: 'sqlclient',
  detect: (paste) => signatureAt(paste.flat) !== undefined,
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
            sniError: readInteger(m[2], 'sniError'),
            message: (m[3] as string).trim(),
            line: paste.lineAt(m.index),
          }),
        ),
      );
    }

    for (const m of matchAll(paste, INNER_EXCEPTION)) {
      // Only a plain decimal is an OS error: .NET Framework prints the HRESULT E_FAIL (0x80004005), and
      // .NET on Linux pairs its own SocketError code with the HRESULT ("00000005, 0xFFFDFFFF").
      const code = m[2] !== undefined && /^\d+$/.test(m[2]) && !/^0\d/.test(m[2]) ? readInteger(m[2], 'osError') : undefined;
      const message = (m[3] as string).trim();
      const address = SOCKET_ADDRESS.exec(message);
      records.push(
        withSocketOutcome(
          compact<ErrorRecord>({
            provider: 'sqlclient',
            driver,
            osError: code,
            message: message || (m[1] as string),
            server: address ? (address[1] as string).replace(/^\[|\]$/g, '') : undefined,
            port: readInteger(address?.[2], 'port'),
            line: paste.lineAt(m.index),
          }),
        ),
      );
    }

    const headline = EXCEPTION_MESSAGE.exec(paste.flat);
    const numbered = ERROR_NUMBER.exec(paste.flat);
    const ssms = SSMS_ERROR.exec(paste.flat);
    const number = readInteger((numbered ?? ssms)?.[1], 'errorNumber');
    if (number !== undefined || (records.length === 0 && headline)) {
      const target = records[0];
      const details = compact({
        number,
        state: readInteger(numbered?.[2], 'state'),
        severity: readInteger(numbered?.[3], 'severity'),
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

    const at = records.length === 0 ? signatureAt(paste.flat) : undefined;
    if (at !== undefined) {
      records.push(withSocketOutcome(compact<ErrorRecord>({ provider: 'sqlclient', driver, message: paste.lineAt(at), line: paste.lineAt(at) })));
    }
    return records;
  },
};
