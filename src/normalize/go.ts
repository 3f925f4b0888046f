// go-mssqldb (denisenkom's and microsoft's) errors as a Go program prints them: "unable to open tcp connection with
// host 'db01:1433': dial tcp …", "mssql: login error: Login failed for user 'sa'.", "TLS Handshake failed: x509: …".
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { parseServerSpec } from '../target/server-spec.js';
import { compact, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';

const SIGNATURE =
  /unable to open tcp connection with host '|unable to get instances from Sql Server Browser on host|TLS Handshake failed: |\b[Ll]ogin error: |\bmssql: (?!Error \d)[A-Z]|\blookup [^\s:]{1,255}: (?:getaddrinfow: )?[Nn]o such host/i;
/** go-sqlcmd prints the same driver messages; those pastes stay sqlcmd's (see sqlcmd.ts). */
const PRINTED_BY_SQLCMD = /\bsqlcmd\b|^DRIVER:/im;

/** Messages run to the end of their line: Go prints one error per line. */
// Older go-mssqldb capitalises the sentence ("Unable to open tcp connection…"); the signature above is
// case-insensitive, so the reading must be too.
const TCP = /unable to open tcp connection with host '([^'\n]{1,300})': ([^\n]{1,400})/gi;
const BROWSER = /unable to get instances from Sql Server Browser on host ([^\s:]{1,255}): ([^\n]{1,300})/gi;
const TLS = /TLS Handshake failed: ([^\n]{1,300})/g;
/** Server errors: "mssql: Login failed for user 'sa'." and "login error: mssql: …" (newer drivers). */
const SERVER_ERROR = /(?:[Ll]ogin error: )?mssql: (?!Error \d)([^\n]{1,300})/g;
const LOOKUP = /\blookup ([^\s:]{1,255}): ((?:getaddrinfow: )?no such host(?: is known)?)/gi;

export const go: ProviderNormalizer = {
  provider: 'go',
  supersedes: ['sqlcmd'],
  detect: (paste) => SIGNATURE.test(paste.flat) && !PRINTED_BY_SQLCMD.test(paste.text),
  parse(paste) {
    const records: ErrorRecord[] = [];
    const push = (fields: Omit<ErrorRecord, 'provider' | 'line' | 'driver'>, index: number) =>
      records.push(withSocketOutcome(compact<ErrorRecord>({ provider: 'go', driver: 'go-mssqldb', ...fields, line: paste.lineAtText(index) })));

    for (const m of matchAll(paste, TCP, 'text')) {
      const spec = parseServerSpec(m[1] as string, { allowColonPort: true });
      push({ server: spec?.host, instance: spec?.instance, port: spec?.port, protocol: 'tcp', message: (m[2] as string).trim() }, m.index);
    }
    for (const m of matchAll(paste, BROWSER, 'text')) push({ server: m[1], message: m[0].trim() }, m.index);
    for (const m of matchAll(paste, TLS, 'text')) push({ message: m[0].trim() }, m.index);
    for (const m of matchAll(paste, SERVER_ERROR, 'text')) push({ message: (m[1] as string).trim() }, m.index);
    // Go's resolver says "no such host" where Windows says "No such host is known": both mean DNS.
    for (const m of matchAll(paste, LOOKUP, 'text')) push({ server: m[1], socket: 'dns', message: m[0] }, m.index);
    return records;
  },
};
