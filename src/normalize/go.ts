// go-mssqldb (denisenkom's and microsoft's) errors as a Go program prints them: "unable to open tcp connection with
// host 'db01:1433': dial tcp …", "mssql: login error: Login failed for user 'sa'.", "TLS Handshake failed: x509: …".
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { parseServerSpec } from '../target/server-spec.js';
import { composeRegex } from '../compose-regex.js';
import { GO_DSN_VALUE } from './client-config.js';
import { compact, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';

/**
 * Go's net.OpError on an open connection: "read tcp 127.0.0.1:49194->10.0.0.5:1433: wsarecv: An existing connection
 * was forcibly closed by the remote host." (the local->remote pair is Go's layout; no other client prints it).
 */
const OP_ERROR = /\b(?:read|write) tcp [^\s>]{1,64}->([^\s]{1,64}): ((?:wsarecv|wsasend|read|write)?:? ?[^\n]{1,300})/g;

const SIGNATURE =
  /\b(?:read|write) tcp [^\s>]{1,64}->[^\s]{1,64}: |unable to open tcp connection with host '|no instance matching '[^'\n]{0,128}' returned from host '|unable to get instances from Sql Server Browser on host|TLS Handshake failed: |\b[Ll]ogin error: |\bmssql: (?!Error \d)[A-Z]|\blookup [^\s:]{1,255}(?: on [^\s]{1,64})?: (?:getaddrinfow: )?[Nn]o such host/i;
/** go-sqlcmd prints the same driver messages; those pastes stay sqlcmd's (see sqlcmd.ts). */
const PRINTED_BY_SQLCMD = /\bsqlcmd\b|^DRIVER:/im;

/** Messages run to the end of their line: Go prints one error per line. */
// Older go-mssqldb capitalises the sentence ("Unable to open tcp connection…"); the signature above is
// case-insensitive, so the reading must be too.
const TCP = /unable to open tcp connection with host '([^'\n]{1,300})': ([^\n]{1,400})/gi;
const BROWSER = /unable to get instances from Sql Server Browser on host ([^\s:]{1,255}): ([^\n]{1,300})/gi;
/** The Browser answered with its instance list, and the one asked for is not in it. */
const NO_INSTANCE = /no instance matching '([^'\n]{0,128})' returned from host '([^'\n]{1,255})'/gi;
const TLS = /TLS Handshake failed: ([^\n]{1,300})/g;
/** Server errors: "mssql: Login failed for user 'sa'." and "login error: mssql: …" (newer drivers). */
const SERVER_ERROR = /(?:[Ll]ogin error: )?mssql: (?!Error \d)([^\n]{1,300})/g;
/** Every connection-string value go-mssqldb could not read (client-config.ts's pattern, global for matchAll). */
const GO_DSN_VALUES = composeRegex(GO_DSN_VALUE.source, 'g');
/**
 * Go's *net.DNSError: "lookup NAME: no such host", or with the resolver it asked, "lookup NAME on 10.0.0.2:53: no such
 * host" (net/net.go DNSError.Error adds " on " + Server when the pure-Go resolver answered; Linux's default).
 */
const LOOKUP = /\blookup ([^\s:]{1,255})(?: on [^\s]{1,64})?: ((?:getaddrinfow: )?no such host(?: is known)?)/gi;

export const go: ProviderNormalizer = {
  provider: 'go',
  supersedes: ['sqlcmd'],
  // A connection string it could not read is its own signature (client-config.ts reads the same message).
  detect: (paste) => (SIGNATURE.test(paste.flat) || GO_DSN_VALUE.test(paste.text)) && !PRINTED_BY_SQLCMD.test(paste.text),
  parse(paste) {
    const records: ErrorRecord[] = [];
    const record = (fields: Omit<ErrorRecord, 'provider' | 'line' | 'driver'>, index: number) =>
      compact<ErrorRecord>({ provider: 'go', driver: 'go-mssqldb', ...fields, line: paste.lineAtText(index) });
    const push = (fields: Omit<ErrorRecord, 'provider' | 'line' | 'driver'>, index: number) => records.push(withSocketOutcome(record(fields, index)));

    for (const m of matchAll(paste, TCP, 'text')) {
      const spec = parseServerSpec(m[1] as string, { allowColonPort: true });
      push({ server: spec?.host, instance: spec?.instance, port: spec?.port, protocol: 'tcp', message: (m[2] as string).trim() }, m.index);
    }
    // The Browser lookup's "i/o timeout" is a UDP question unanswered, not a TCP connect: no socket outcome.
    for (const m of matchAll(paste, BROWSER, 'text')) records.push(record({ server: m[1], message: m[0].trim() }, m.index));
    for (const m of matchAll(paste, NO_INSTANCE, 'text')) records.push(record({ server: m[2], instance: m[1], message: m[0] }, m.index));
    for (const m of matchAll(paste, OP_ERROR, 'text')) {
      const spec = parseServerSpec(m[1] as string, { allowColonPort: true });
      const read = withSocketOutcome(record({ server: spec?.host, port: spec?.port, protocol: 'tcp', message: (m[2] as string).trim() }, m.index));
      // A read that timed out on an open connection is a slow or silent server, not a connect that went unanswered.
      records.push(read.socket === 'timeout' ? compact({ ...read, socket: undefined }) : read);
    }
    for (const m of matchAll(paste, TLS, 'text')) push({ message: m[0].trim() }, m.index);
    // A connection string it could not read: nothing was dialled (client-config.ts gives the fact).
    for (const m of matchAll(paste, GO_DSN_VALUES, 'text')) records.push(record({ message: m[0].trim() }, m.index));
    for (const m of matchAll(paste, SERVER_ERROR, 'text')) push({ message: (m[1] as string).trim() }, m.index);
    // Go's resolver says "no such host" where Windows says "No such host is known": both mean DNS.
    for (const m of matchAll(paste, LOOKUP, 'text')) push({ server: m[1], socket: 'dns', message: m[0] }, m.index);
    return records;
  },
};
