// tedious and node-mssql (its tedious driver): "ConnectionError: Failed to connect to db01:1433 - connect ECONNREFUSED
// 10.0.0.5:1433", "… in 15000ms", "Port for X not found in …", "Login failed for user 'sa'.", "Server requires encryption, set
// 'encrypt' config option to true.", with the `code: 'ESOCKET'` of a logged error object.
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { readInteger } from '../read-integer.js';
import { parseServerSpec } from '../target/server-spec.js';
import { compact, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';
import { composeRegex } from '../compose-regex.js';

/**
 * The server part of "Failed to connect to …": "db01:1433", "db01\\SQLEXPRESS", "localhost:undefined", and the spaced
 * "HOST \\ INSTANCE: 1433" a host setting with spaces in it produces.
 */
const TARGET = String.raw`[^\s'"]{1,300}?(?: ?\\ ?[^\s'"]{1,128}?)?(?:: ?(?:\d{1,5}|undefined))?`;

/** tedious's own words for a socket that closed after connecting: "Connection lost - " + Node's error message. */
const CONNECTION_LOST = /Connection lost - ((?:socket hang up|(?:read|write) E[A-Z]{4,12})\b[^\n'"]{0,200})/g;
/** Its debug log ("debug=> connection to 10.0.0.5:1433 - failed Error: connect ECONNREFUSED"), all a user may have. */
const DEBUG_FAILED = /\bconnection to ([^\s'"]{1,300}) - failed (?:Error: )?([^\n'"]{1,300})/g;

/**
 * EENCRYPT: the server's PRELOGIN answer asked for encryption (ENCRYPT_ON/ENCRYPT_REQ) and `options.encrypt` was false,
 * so tedious closed the connection before any TLS handshake. Its own words, whoever wraps them (node-mssql's
 * ConnectionError, a GUI's "Error:").
 */
const ENCRYPTION_REFUSED = /Server requires encryption, set 'encrypt' config option to true\./;

const SIGNATURE = composeRegex(
  String.raw`ConnectionError: (?:Failed to connect to|Failed to lookup instance|Port for |Login failed for user)|${ENCRYPTION_REFUSED.source}|code: '(?:ESOCKET|ETIMEOUT|ELOGIN|EINSTLOOKUP|EENCRYPT)'|node_modules[\\/](?:tedious|mssql)[\\/]|Failed to connect to ${TARGET} (?:in \d{1,7}ms|- (?:connect E[A-Z]{4,12}|getaddrinfo E[A-Z]{4,12}|Could not connect \(sequence\)|socket hang up))|${CONNECTION_LOST.source}|${DEBUG_FAILED.source}`,
);

/**
 * One message per line, as tedious builds them: "Failed to connect to {server}:{port} - {socket error}",
 * "Failed to connect to {server}\\{instance} in {ms}ms". A message runs to its line's end or a quote of a
 * logged object; `tidy` drops what a logged object or stack adds.
 */
const FAILED_TO_CONNECT = composeRegex(String.raw`Failed to connect to (${TARGET})(?: - ([^\n'"]{1,300})| in (\d{1,7})ms)`, 'g');
const INSTANCE_LOOKUP = /Port for ([^\s'"]{1,128}) not found in [^\n'"]{0,300}|Failed to lookup instance on [^\s'"]{1,300} - [^\n'"]{1,300}/g;
const LOGIN_FAILED = /ConnectionError: (Login failed for user [^\n]{0,200})/g;
/** The first stack frame and all after it (the message has been read from one line). */
const STACK_FRAME = /\sat\s[\s\S]*$/;
/** `code: 'ESOCKET'` as console.log prints the error object, after the message and stack. */
const CODE_LINE = /\bcode: '(E[A-Z]{3,15})'/g;

/** The node address in "connect ECONNREFUSED 127.0.0.1:1433": where the socket went. */
const SOCKET_ADDRESS = /\b(?:ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ECONNRESET) (\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]{2,39}):(\d{1,5})(?!\d)/i;

interface Target {
  server?: string;
  instance?: string;
  port?: number;
}

/** "db01:1433", "db01\\SQLEXPRESS"; "undefined" and "[port]" (redacted) say nothing. */
function parseTarget(text: string): Target {
  const cleaned = text.replace(/ ?([\\:]) ?/g, '$1').replace(/:(?:undefined|\[[^\]]{1,20}\])$/, '');
  if (cleaned === 'undefined' || cleaned.startsWith('undefined:')) {
    const port = /:(\d{1,5})$/.exec(cleaned)?.[1];
    return compact({ port: readInteger(port, 'port') });
  }
  const spec = parseServerSpec(cleaned, { allowColonPort: true });
  return spec ? { server: spec.host, instance: spec.instance, port: spec.port } : {};
}

/** A message less a trailing stack frame and the bracket that closed a logged "{ [ConnectionError: …]" object. */
function tidy(text: string): string {
  const message = text.replace(STACK_FRAME, '').trim();
  const unbalanced = (message.match(/\]/g)?.length ?? 0) > (message.match(/\[/g)?.length ?? 0);
  return unbalanced ? message.replace(/\]\s*$/, '') : message;
}

interface Read {
  index: number;
  fields: Omit<ErrorRecord, 'provider' | 'line' | 'driver' | 'message'>;
  message: string;
  implied: string;
}

function readMessages(paste: Parameters<ProviderNormalizer['parse']>[0]): Read[] {
  const reads: Read[] = [];
  for (const m of matchAll(paste, FAILED_TO_CONNECT, 'text')) {
    const target = parseTarget(m[1] as string);
    const detail = m[2] === undefined ? undefined : tidy(m[2]);
    const address = detail ? SOCKET_ADDRESS.exec(detail) : null;
    const fields = target.server === undefined && address ? { ...target, server: address[1], port: readInteger(address[2], 'port') } : target;
    // "in Nms" is tedious's connectTimeout, which covers the TCP connect, the pre-login and the login alike: it says
    // the deadline passed, not that the socket timed out (a listener that accepts and never answers ends the same way).
    reads.push({
      index: m.index,
      fields,
      message: detail === undefined ? m[0] : `Failed to connect to ${m[1]} - ${detail}`,
      implied: m[3] !== undefined ? 'ETIMEOUT' : 'ESOCKET',
    });
  }
  for (const m of matchAll(paste, INSTANCE_LOOKUP, 'text')) {
    // The SQL Browser's reply names the machine it answered for: "not found in ServerName;DB01;InstanceName;…".
    const answered = /ServerName;([^;\s]{1,128});/.exec(m[0])?.[1];
    reads.push({ index: m.index, fields: compact({ server: answered, instance: m[1] }), message: tidy(m[0]), implied: 'EINSTLOOKUP' });
  }
  for (const m of matchAll(paste, CONNECTION_LOST, 'text')) {
    reads.push({ index: m.index, fields: {}, message: `Connection lost - ${tidy(m[1] as string)}`, implied: 'ESOCKET' });
  }
  for (const m of matchAll(paste, DEBUG_FAILED, 'text')) {
    reads.push({ index: m.index, fields: parseTarget(m[1] as string), message: `connection to ${m[1]} failed: ${tidy(m[2] as string)}`, implied: 'ESOCKET' });
  }
  // One connection, one refusal: a wrapper that repeats the message ("Uncaught (in promise): Error: …") adds no record.
  const refused = ENCRYPTION_REFUSED.exec(paste.text);
  if (refused) reads.push({ index: refused.index, fields: {}, message: refused[0], implied: 'EENCRYPT' });
  for (const m of matchAll(paste, LOGIN_FAILED, 'text')) {
    reads.push({ index: m.index, fields: {}, message: tidy(m[1] as string), implied: 'ELOGIN' });
  }
  return reads.sort((a, b) => a.index - b.index);
}

export const tedious: ProviderNormalizer = {
  provider: 'tedious',
  detect: (paste) => SIGNATURE.test(paste.text),
  parse(paste) {
    const driver = /node_modules[\\/]mssql[\\/]/.test(paste.text) ? 'node-mssql (tedious)' : 'tedious';
    const reads = readMessages(paste);
    const codes = [...matchAll(paste, CODE_LINE, 'text')];
    return reads.map((read, i) => {
      // A logged object's code line follows its message and stack, before the next error.
      const next = reads[i + 1]?.index ?? Number.POSITIVE_INFINITY;
      const printed = codes.find((c) => c.index > read.index && c.index < next)?.[1];
      const code = printed ?? read.implied;
      return withSocketOutcome(
        compact<ErrorRecord>({
          provider: 'tedious',
          driver,
          ...read.fields,
          message: read.message.includes(code) ? read.message : `${read.message} (${code})`,
          line: paste.lineAtText(read.index),
        }),
      );
    });
  },
};
