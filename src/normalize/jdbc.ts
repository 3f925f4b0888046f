// Java drivers: Microsoft's mssql-jdbc ("SQLServerException: The TCP/IP connection to the host db01, port 1433 has
// failed. Error: "…"", named-instance and SSL failures, login errors) and jTDS ("Network error IOException: …").
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { readInteger } from '../read-integer.js';
import type { SocketOutcome } from '../schemas/vocabulary.js';
import { compact, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';

const MSSQL_JDBC = /com\.microsoft\.sqlserver\.jdbc|SQLServerException|The TCP\/IP connection to the host|Fehler beim Herstellen der TCP\/IP-Verbindung mit dem Host|The connection to the host [^\s,]{1,255}, named instance|could not establish a secure connection to SQL Server by using Secure Sockets Layer/i;
const JTDS = /net\.sourceforge\.jtds|jdbc:jtds:|Network error IOException|Unknown server host name '/i;

/**
 * "The TCP/IP connection to the host db01, port 1433 has failed. Error: "…"" and its translations
 * (German: "Host '172.16.84.68/x', Port 1433. Fehler: '…'"); the driver's inner error ends before "Verify…".
 * Azure's gateway redirect adds "(redirected from X)"; people who mask a paste leave "<database name>" and
 * "<port number>" placeholders.
 */
const TCP_FAILURE =
  /\bhost '?(<[^>\n]{1,60}>|[^\s',]{1,255})'?(?: \(redirected from [^)\s]{1,255}\))?, port (\d{1,5}|<[^>\n]{1,60}>)[^"']{0,40}?(?:Error|Fehler|Erreur|Errore): ?["']([^"']{0,500})/gi;
/** The driver's advice, from its first sentence to the end of the (flat, one-line) message. */
const ADVICE = /\.\s+(?:Verify|Überprüfen|Vérifiez|Verificare|Compruebe)\b[\s\S]*$/i;
const NAMED_INSTANCE = /The connection to the host '?([^\s',]{1,255})'?, named instance ([^\s,]{1,128}) failed\. Error: "([^"]{0,500})"/gi;
// A message ends at the first of its closing marks; it is read up to there, and never past the start of the next
// message of its kind, so no two starts scan the same text (from every start the scan once ran the whole bound).
const SSL_FAILURE =
  /could not establish a secure connection to SQL Server by using Secure Sockets Layer \(SSL\) encryption[.:]? Error: "?((?:(?!could not establish a secure connection).){1,400}?)"?(?=\.? ClientConnectionI[dl]|\. Caused by|"|$)/gi;
const SSL_HANDSHAKE = /SSLHandshakeException: ((?:(?!SSLHandshakeException: ).){1,300}?)(?= Caused by:| at [\w$.]+\(|$)/i;
/** Any other SQLServerException headline: login failures, closed connections. */
const HEADLINE = /SQLServerException: ((?:(?!SQLServerException: ).){1,600}?)(?= ClientConnectionI[dl]| at [\w$.]+\(| Caused by:|$)/g;
/**
 * jTDS wraps an IOException as "Network error IOException: …" while it connects (JtdsConnection) and as "I/O Error: …"
 * once it talks TDS (TdsCore, SharedSocket: "I/O Error: Unknown packet type 0x48", "I/O Error: DB server closed
 * connection."), Messages.properties error.connection.ioerror and error.generic.ioerror.
 */
const JTDS_IO = /(Network error IOException|I\/O Error): ((?:(?!Network error IOException: |I\/O Error: ).){1,300}?)(?=\.? at |\)|$)/g;
const JTDS_HOST = /Unknown server host name '([^']{1,255})'/g;

/** Java's socket wordings that the shared phrase list does not know. */
const JAVA_OUTCOMES: ReadonlyArray<readonly [RegExp, SocketOutcome]> = [
  [/connect timed out|SocketTimeoutException: connect/i, 'timeout'],
  [/UnknownHostException/i, 'dns'],
];

function javaOutcome(text: string): SocketOutcome | undefined {
  return JAVA_OUTCOMES.find(([pattern]) => pattern.test(text))?.[1];
}

/** mssql-jdbc prints an exception's message; an UnknownHostException's message is the bare host name. */
function tcpOutcome(inner: string, host: string): SocketOutcome | undefined {
  const first = inner.split(/[.:]\s/)[0]?.trim().replace(/\.$/, '');
  return first === host ? 'dns' : javaOutcome(inner);
}

const isSpecific = (message: string) => /connection to the host|TCP\/IP-Verbindung|by using Secure Sockets Layer/i.test(message);

export const jdbc: ProviderNormalizer = {
  provider: 'jdbc',
  detect: (paste) => MSSQL_JDBC.test(paste.flat) || JTDS.test(paste.flat),
  parse(paste) {
    const driver = MSSQL_JDBC.test(paste.flat) ? 'mssql-jdbc' : 'jTDS';
    const records: ErrorRecord[] = [];
    const push = (fields: Omit<ErrorRecord, 'provider' | 'line' | 'driver'>, index: number) =>
      records.push(withSocketOutcome(compact<ErrorRecord>({ provider: 'jdbc', driver, ...fields, line: paste.lineAt(index) })));

    for (const m of matchAll(paste, TCP_FAILURE)) {
      const host = m[1] as string;
      const inner = (m[3] as string).replace(ADVICE, '').trim();
      const server = host.startsWith('<') ? undefined : host;
      const port = readInteger(m[2], 'port');
      push({ server, port, protocol: 'tcp', socket: tcpOutcome(inner, host), message: inner || 'TCP/IP connection failed' }, m.index);
    }
    for (const m of matchAll(paste, NAMED_INSTANCE)) {
      // The inner error is the SQL Browser (UDP 1434) lookup's, not a TCP connect's: no socket outcome.
      const inner = (m[3] as string).trim();
      records.push(
        compact<ErrorRecord>({ provider: 'jdbc', driver, server: m[1], instance: m[2], message: `named instance ${m[2]} failed: ${inner}`, line: paste.lineAt(m.index) }),
      );
    }
    const ssl = [...matchAll(paste, SSL_FAILURE)];
    for (const m of ssl) push({ message: `SSL encryption failed: ${(m[1] as string).trim()}` }, m.index);
    const handshake = ssl.length === 0 ? SSL_HANDSHAKE.exec(paste.flat) : null;
    if (handshake) push({ message: `SSLHandshakeException: ${(handshake[1] as string).trim()}` }, handshake.index);

    for (const m of matchAll(paste, HEADLINE)) {
      const message = (m[1] as string).trim();
      if (!isSpecific(message)) push({ message }, m.index);
    }
    for (const m of matchAll(paste, JTDS_IO)) push({ message: `${m[1] as string}: ${(m[2] as string).trim()}` }, m.index);
    for (const m of matchAll(paste, JTDS_HOST)) push({ server: m[1], socket: 'dns', message: m[0] }, m.index);
    return records;
  },
};
