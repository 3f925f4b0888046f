// Harvests the Go standard library's own error texts that a Go database client (go-mssqldb, go-sqlcmd) prints inside
// its connection errors — io's EOF, net's dial/read/lookup errors and their layouts (OpError, DNSError, AddrError,
// the Windows syscall names), crypto/tls's alerts and handshake errors, crypto/x509's verification errors — into
// messages/sources/go.json. golang/go is over the snapshot limit, so the releases are read from golang/gofrontend,
// whose libgo/go/ is the standard library of each Go release gccgo imported ("libgo: update to Go 1.N release").
//
//   npx tsx scripts/messages/harvest/go.ts --git-dir <golang/gofrontend snapshot> [--out messages/sources/go.json]
import { findGoErrorSites } from './go-mssqldb.js';
import type { GitSnapshot, RefInfo } from './git-snapshot.js';
import { concatenationParts, readArguments, readStatement, templateOf } from './literal-lexer.js';
import { pickFor, type ErrorSite, type Pick } from './literal-sites.js';
import { byDate, runHarvester, unescapeBackslashes } from './mds.js';
import { mergeReadings, type Layer, type Reading, type SourceFile } from './source-file.js';

/** A Go expression inside a message, written as fmt prints a value. */
const goValue = () => '%v';

const GO_STRING = /"((?:[^"\\\n]|\\.)*)"/y;

/** The value of the Go interpreted string literal starting at `at` (escapes decoded), if one starts there. */
function goStringAt(src: string, at: number): string | undefined {
  GO_STRING.lastIndex = at;
  const match = GO_STRING.exec(src);
  return match ? unescapeBackslashes(match[1]!) : undefined;
}

/**
 * Package-level names bound to a text: `EOF = errors.New("EOF")`, `errNoSuchHost error = errors.New("…")`,
 * `missingPort = "missing port in address"`, `readSyscallName = "wsarecv"`. The first binding of a name wins.
 */
export function goStringConstants(src: string): Map<string, string> {
  const constants = new Map<string, string>();
  const binding = /(?:^|[\s(])(?:(?:var|const)[ \t]+)?([A-Za-z_]\w*)[ \t]*(?:[A-Za-z_][\w.]*[ \t]*)?=[ \t]*(errors\.New\([ \t]*)?(?=")/gm;
  for (const match of src.matchAll(binding)) {
    const text = goStringAt(src, match.index + match[0].length);
    if (text !== undefined && !constants.has(match[1]!)) constants.set(match[1]!, text);
  }
  return constants;
}

/** The index of the `}` closing the block whose `{` is at `open`, skipping string, rune and raw literals. */
function blockEnd(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'") {
      for (i++; i < src.length && src[i] !== c && src[i] !== '\n'; i++) if (src[i] === '\\') i++;
    } else if (c === '`') {
      i = src.indexOf('`', i + 1);
      if (i < 0) return src.length;
    } else if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      if (i < 0) return src.length;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && --depth === 0) {
      return i;
    }
  }
  return src.length;
}

/** The message of a returned or assigned expression: a literal or concatenation, or fmt.Sprintf/Errorf's format. */
function expressionTemplate(expression: string): string | undefined {
  const call = /^fmt\.(?:Sprintf|Errorf)\s*\(/.exec(expression);
  if (call) {
    const format = readArguments(expression, call[0].length - 1, 'go').args[0];
    return format === undefined ? undefined : templateOf(concatenationParts(format, 'go'), goValue);
  }
  return templateOf(concatenationParts(expression, 'go'), goValue);
}

/**
 * The texts the Error() (and String()) methods of a file build: every `return …` and `s := …`/`s += …` holding a
 * literal word, with the receiver type as context, and `<Type>.<Case>` inside a `switch` (`CertificateInvalidError`'s
 * `case Expired: return "x509: certificate has expired …"`).
 */
export function errorMethodSites(src: string): ErrorSite[] {
  const sites: ErrorSite[] = [];
  const method = /^func\s*\(\s*\w*\s*\*?(\w+)\s*\)\s*(Error|String)\(\)\s*string\s*\{/gm;
  for (const match of src.matchAll(method)) {
    const open = match.index + match[0].length - 1;
    const body = src.slice(open + 1, blockEnd(src, open));
    const line = src.slice(0, match.index).split('\n').length;
    let kase: string | undefined;
    const step = /\bcase\s+(\w+)\s*:|\breturn[ \t]+|\b\w+[ \t]*(?::=|\+=|=)[ \t]*(?=["f])/g;
    for (const part of body.matchAll(step)) {
      if (part[1] !== undefined) {
        kase = part[1];
        continue;
      }
      const template = expressionTemplate(readStatement(body, part.index + part[0].length, 'go'));
      if (template === undefined) continue;
      const context = kase === undefined ? match[1]! : `${match[1]}.${kase}`;
      sites.push({ kind: `${match[2]}()`, template, context, line });
    }
  }
  return sites;
}

/** crypto/tls's alert texts: `alertText = map[alert]string{ alertHandshakeFailure: "handshake failure", … }`. */
export function alertTexts(src: string): Map<string, string> {
  const texts = new Map<string, string>();
  const start = src.search(/\balertText\s*=\s*map\[alert\]string\s*\{/);
  if (start < 0) return texts;
  const open = src.indexOf('{', start);
  const table = src.slice(open, blockEnd(src, open));
  for (const [, name, text] of table.matchAll(/\b(alert\w+)\s*:\s*"((?:[^"\\\n]|\\.)*)"/g)) texts.set(name!, unescapeBackslashes(text!));
  return texts;
}

/** The prefix alert.String() puts before an alert's text (`return "tls: " + s`), if the file has that method. */
export function alertPrefix(src: string): string | undefined {
  const site = errorMethodSites(src).find((s) => s.context === 'alert' && s.kind === 'String()' && s.template.endsWith('%v'));
  return site?.template.slice(0, -'%v'.length);
}

/** The literal messages crypto/tls gives `c.newRecordHeaderError(conn, "…")` (`("…")` before 1.12). */
export function recordHeaderMessages(src: string): string[] {
  const messages: string[] = [];
  for (const match of src.matchAll(/\bnewRecordHeaderError\s*\(/g)) {
    // (conn, msg) from 1.12 on, (msg) before.
    const message = readArguments(src, match.index + match[0].length - 1, 'go').args.at(-1);
    if (message?.startsWith('"')) messages.push(goStringAt(message, 0)!);
  }
  return messages;
}

/** The syscall names net gives os.NewSyscallError / wrapSyscallError / winError (`"connectex"`, `"getaddrinfow"`). */
export function syscallNames(src: string): Set<string> {
  const names = new Set<string>();
  for (const [, name] of src.matchAll(/\b(?:NewSyscallError|wrapSyscallError|winError)\(\s*"(\w+)"/g)) names.add(name!);
  for (const [name, text] of goStringConstants(src)) if (/SyscallName$/.test(name)) names.add(text);
  return names;
}

/**
 * Where one harvested text is found in a version's files (paths relative to the standard library's root): a named
 * constant, an inline errors.New/fmt.Errorf literal (before a text was named), an Error() method's text, an alert, a
 * RecordHeaderError message, a syscall name, or a layout the harvester writes when the method builds it that way.
 */
type Locator =
  | { path: string; constant: string }
  | { path: string; literal: RegExp }
  | { path: string; method: string; kind?: 'Error()' | 'String()' }
  | { path: string; alert: string }
  | { path: string; recordHeader: RegExp }
  | { path: string; syscall: string; layout: string }
  | { path: string; layoutOf: string; requires: RegExp; layout: string };

interface Selected {
  /** The id's key: `go:<key>`, or the name of a part (partOnly) that COMPOSED entries are built of. */
  key: string;
  /**
   * A text too short to be a catalogue entry by itself ("EOF", "i/o timeout", "dial tcp %v: %v": the build needs
   * 12 characters of wording): it is harvested only as a part of the COMPOSED entries, as Go prints them.
   */
  partOnly?: boolean;
  layer: Layer;
  note: string;
  /** Tried in order at each version; the first that finds a text gives the entry. */
  at: Locator[];
}

const NET = 'net/net.go';
const POLL = 'internal/poll/fd.go';
const DNS = 'net/dnsclient_unix.go';
const TLS_ALERT = 'crypto/tls/alert.go';
const TLS_CONN = 'crypto/tls/conn.go';
const VERIFY = 'crypto/x509/verify.go';

const alert = (name: string, note: string): Selected => ({
  key: `crypto/tls.${name}`,
  layer: 'tls',
  note: `alert ${name}: "tls: <text>" from alert.String(); Go prints it as "remote error: tls: …" when the server sent it, "local error: tls: …" when Go sent it. ${note}`,
  at: [{ path: TLS_ALERT, alert: name }],
});

const opLayout = (key: string, layout: string): Selected => ({
  key: `net.OpError.${key}`,
  layer: 'wrapper',
  partOnly: true,
  note: "net.OpError.Error()'s layout (Op, Net, Source->Addr, \": \", Err) as net fills it",
  at: [{ path: NET, layoutOf: 'OpError', requires: /s \+= ": " \+ e\.Err\.Error\(\)/, layout }],
});

/** The paths where net names the system calls it wraps in os.SyscallError ("<syscall>: <err>"). */
const SYSCALL_PATHS = ['net/fd_unix.go', 'net/fd_posix.go', 'net/fd_windows.go', 'net/lookup_windows.go', 'internal/poll/fd_windows.go'];

const syscall = (name: string, note?: string): Selected => ({
  key: `os.SyscallError.${name}`,
  layer: 'wrapper',
  ...(note === undefined ? { partOnly: true } : {}),
  note: `os.SyscallError.Error() ("<syscall>: <err>") for the call ${name}${note ? `: ${note}` : ''}`,
  at: SYSCALL_PATHS.map((path) => ({ path, syscall: name, layout: `${name}: %v` })),
});

/**
 * The texts chosen from the standard library: what a database connection can print while dialling, resolving, reading,
 * negotiating TLS and verifying the server's certificate. Client-side configuration, server-side TLS, QUIC, session
 * ticket and PEM/key-loading errors are left out.
 */
export const SELECTED: readonly Selected[] = [
  // io
  // io.EOF ("EOF") is left out: three letters cannot be told apart, and Go prints it bare (drivers wrap it).
  { key: 'io.ErrUnexpectedEOF', layer: 'os', note: 'io.ErrUnexpectedEOF: the connection closed in the middle of a message (io.ReadFull)', at: [{ path: 'io/io.go', constant: 'ErrUnexpectedEOF' }] },
  // net, internal/poll
  {
    key: 'net.errTimeout',
    layer: 'os',
    partOnly: true,
    note: 'a deadline passed (dial timeout, read deadline): internal/poll DeadlineExceededError (1.15 on, os.ErrDeadlineExceeded), TimeoutError before, net timeoutError',
    at: [{ path: POLL, method: 'DeadlineExceededError' }, { path: POLL, method: 'TimeoutError' }, { path: NET, method: 'timeoutError' }],
  },
  {
    key: 'net.ErrClosed',
    layer: 'os',
    note: 'use of a connection this process already closed (net.ErrClosed, internal/poll ErrNetClosing)',
    at: [{ path: POLL, method: 'errNetClosing' }, { path: POLL, constant: 'ErrNetClosing' }],
  },
  { key: 'net.errNoSuchHost', layer: 'os', partOnly: true, note: 'the resolver got NXDOMAIN (or EAI_NONAME, WSAHOST_NOT_FOUND) for the name', at: [{ path: NET, constant: 'errNoSuchHost' }] },
  { key: 'net.errServerMisbehaving', layer: 'os', note: "the DNS server answered SERVFAIL or an answer Go could not use (pure-Go resolver)", at: [{ path: DNS, constant: 'errServerMisbehaving' }, { path: DNS, literal: /^server misbehaving$/ }] },
  { key: 'net.errNoAnswerFromDNSServer', layer: 'os', note: 'the DNS server answered without the records asked for', at: [{ path: DNS, constant: 'errNoAnswerFromDNSServer' }, { path: DNS, literal: /^no answer from DNS server$/ }] },
  { key: 'net.errLameReferral', layer: 'os', note: 'the DNS server answered with a referral instead of an answer', at: [{ path: DNS, constant: 'errLameReferral' }, { path: DNS, literal: /^lame referral$/ }] },
  { key: 'net.errCannotUnmarshalDNSMessage', layer: 'os', note: "the DNS server's answer is not a DNS message", at: [{ path: DNS, constant: 'errCannotUnmarshalDNSMessage' }, { path: DNS, literal: /^cannot unmarshal DNS message$/ }] },
  { key: 'net.errNoSuitableAddress', layer: 'os', note: 'the name resolved only to addresses of a family the network cannot use (tcp4 and an IPv6 address)', at: [{ path: NET, constant: 'errNoSuitableAddress' }] },
  { key: 'net.errMissingAddress', layer: 'os', note: 'dial with an empty address', at: [{ path: NET, constant: 'errMissingAddress' }] },
  { key: 'net.errCanceled', layer: 'os', note: "the dial's context was canceled", at: [{ path: NET, constant: 'errCanceled' }] },
  { key: 'net.missingPort', layer: 'os', note: 'SplitHostPort: the address has no ":port"', at: [{ path: 'net/ipsock.go', constant: 'missingPort' }] },
  { key: 'net.tooManyColons', layer: 'os', note: 'SplitHostPort: an IPv6 address or "host:port:x" without brackets', at: [{ path: 'net/ipsock.go', constant: 'tooManyColons' }] },
  // Layouts around them: parts of COMPOSED, except the few long enough to be entries themselves
  opLayout('dial-tcp', 'dial tcp %v: %v'),
  opLayout('read-tcp', 'read tcp %v->%v: %v'),
  opLayout('write-tcp', 'write tcp %v->%v: %v'),
  opLayout('read-udp', 'read udp %v->%v: %v'),
  {
    key: 'net.OpError.remote-error',
    layer: 'wrapper',
    note: 'net.OpError.Error() with Op "remote error": crypto/tls read this alert from the peer (the inner text is "tls: <alert>")',
    at: [{ path: NET, layoutOf: 'OpError', requires: /s \+= ": " \+ e\.Err\.Error\(\)/, layout: 'remote error: %v' }],
  },
  {
    key: 'net.DNSError.with-server',
    layer: 'wrapper',
    partOnly: true,
    note: 'net.DNSError.Error() with a server (the pure-Go resolver asked it)',
    at: [{ path: NET, layoutOf: 'DNSError', requires: /"lookup " \+ e\.Name[\s\S]*" on " \+ e\.Server/, layout: 'lookup %v on %v: %v' }],
  },
  {
    key: 'net.DNSError',
    layer: 'wrapper',
    partOnly: true,
    note: 'net.DNSError.Error() without a server (cgo or Windows resolver)',
    at: [{ path: NET, layoutOf: 'DNSError', requires: /"lookup " \+ e\.Name/, layout: 'lookup %v: %v' }],
  },
  syscall('connect'),
  syscall('read'),
  syscall('write'),
  syscall('connectex'),
  syscall('wsarecv'),
  syscall('wsasend'),
  syscall('wsarecvfrom', 'a read on a Windows UDP socket (the SQL Browser lookup) failed; the inner text is FormatMessage\'s, in the OS language'),
  syscall('getaddrinfow', 'name resolution on Windows failed; the inner text is FormatMessage\'s, in the OS language'),
  // crypto/tls
  {
    key: 'crypto/tls.first-record-not-tls',
    layer: 'tls',
    note: 'RecordHeaderError ("tls: " + Msg): the first bytes the server answered with are not a TLS record (not TLS, or TLS not expected there)',
    at: [{ path: TLS_CONN, recordHeader: /^first record does not look like a TLS handshake$/ }],
  },
  {
    key: 'crypto/tls.sslv2-handshake',
    layer: 'tls',
    note: 'RecordHeaderError ("tls: " + Msg): an SSLv2 record',
    at: [{ path: TLS_CONN, recordHeader: /^unsupported SSLv2 handshake received$/ }],
  },
  alert('alertHandshakeFailure', 'No common parameters (cipher suite, version, signature algorithm).'),
  alert('alertProtocolVersion', 'No common TLS version.'),
  alert('alertBadCertificate', ''),
  alert('alertUnsupportedCertificate', ''),
  alert('alertCertificateRevoked', ''),
  alert('alertCertificateExpired', ''),
  alert('alertCertificateUnknown', ''),
  alert('alertUnknownCA', ''),
  alert('alertIllegalParameter', ''),
  alert('alertAccessDenied', ''),
  alert('alertDecodeError', ''),
  alert('alertDecryptError', ''),
  alert('alertInsufficientSecurity', ''),
  alert('alertInternalError', ''),
  alert('alertInappropriateFallback', ''),
  alert('alertUnexpectedMessage', ''),
  alert('alertBadRecordMAC', ''),
  alert('alertRecordOverflow', ''),
  alert('alertUnrecognizedName', ''),
  alert('alertCertificateRequired', ''),
  alert('alertNoApplicationProtocol', ''),
];

/** An entry Go prints as one text: a layout whose last %v holds another part (a syscall wrapper, an error text). */
interface Composed {
  key: string;
  layer: Layer;
  note: string;
  /** SELECTED keys, outermost first: each fills the last %v of the one before. */
  of: readonly string[];
}

const composed = (key: string, layer: Layer, of: readonly string[], note: string): Composed => ({ key, layer, of, note });

/** The texts net prints for the failures of a connection, composed of the parts above as net composes them. */
export const COMPOSED: readonly Composed[] = [
  composed('net.OpError.dial-tcp.timeout', 'os', ['net.OpError.dial-tcp', 'net.errTimeout'], 'the TCP connect got no answer before the dial timeout (poll deadline)'),
  composed('net.OpError.dial-tcp.connect', 'wrapper', ['net.OpError.dial-tcp', 'os.SyscallError.connect'], "the TCP connect failed on Unix; the inner text is the errno's (connection refused, no route to host)"),
  composed('net.OpError.dial-tcp.connectex', 'wrapper', ['net.OpError.dial-tcp', 'os.SyscallError.connectex'], "the TCP connect failed on Windows; the inner text is FormatMessage's Winsock text, in the OS language"),
  composed('net.OpError.read-tcp.timeout', 'os', ['net.OpError.read-tcp', 'net.errTimeout'], 'a read deadline passed on an open TCP connection'),
  composed('net.OpError.read-tcp.read', 'wrapper', ['net.OpError.read-tcp', 'os.SyscallError.read'], "a read on an open TCP connection failed on Unix (connection reset by peer)"),
  composed('net.OpError.read-tcp.wsarecv', 'wrapper', ['net.OpError.read-tcp', 'os.SyscallError.wsarecv'], "a read on an open TCP connection failed on Windows; the inner text is FormatMessage's, in the OS language"),
  composed('net.OpError.write-tcp.write', 'wrapper', ['net.OpError.write-tcp', 'os.SyscallError.write'], 'a write on an open TCP connection failed on Unix (broken pipe, reset)'),
  composed('net.OpError.write-tcp.wsasend', 'wrapper', ['net.OpError.write-tcp', 'os.SyscallError.wsasend'], "a write on an open TCP connection failed on Windows; the inner text is FormatMessage's"),
  composed('net.OpError.read-udp.timeout', 'os', ['net.OpError.read-udp', 'net.errTimeout'], 'no UDP answer before the read deadline: the SQL Browser (UDP 1434) lookup, or a DNS query'),
  composed('net.DNSError.with-server.no-such-host', 'os', ['net.DNSError.with-server', 'net.errNoSuchHost'], 'the DNS server said the name does not exist (pure-Go resolver)'),
  composed('net.DNSError.no-such-host', 'os', ['net.DNSError', 'net.errNoSuchHost'], 'the name does not exist (cgo or Windows resolver)'),
];

/** `outer` with its last %v replaced by `inner`. */
export function fillLast(outer: string, inner: string): string {
  const at = outer.lastIndexOf('%v');
  return at < 0 ? outer : outer.slice(0, at) + inner + outer.slice(at + 2);
}

/** Literal error sites kept by text (crypto/tls and crypto/x509 errors.New / fmt.Errorf / Error() texts). */
export const PICKS: readonly Pick[] = [
  { key: 'crypto/tls.server-selected-unsupported-version', path: /^crypto\/tls\//, text: /^tls: server selected unsupported protocol version %x$/, layer: 'tls', note: "the server chose a TLS version outside the client's MinVersion..MaxVersion" },
  { key: 'crypto/tls.no-supported-versions', path: /^crypto\/tls\//, text: /^tls: no supported versions satisfy MinVersion and MaxVersion$/, layer: 'tls', note: "the client's own MinVersion/MaxVersion leave no version" },
  { key: 'crypto/tls.server-name-required', path: /^crypto\/tls\//, text: /^tls: either ServerName or InsecureSkipVerify must be specified/, layer: 'tls', note: 'the client verifies the certificate but was given no host name to verify it for' },
  { key: 'crypto/tls.downgrade-detected', path: /^crypto\/tls\//, text: /^tls: downgrade attempt detected/, layer: 'tls', note: "the server's random says it supports a newer version than it chose" },
  { key: 'crypto/tls.failed-to-parse-server-certificate', path: /^crypto\/tls\//, text: /^tls: failed to parse certificate from server: /, layer: 'tls', note: "crypto/x509 could not parse the server's certificate (the inner text says why)" },
  { key: 'crypto/tls.unsupported-server-public-key', path: /^crypto\/tls\//, text: /^tls: server's certificate contains an unsupported type of public key/, layer: 'tls', note: "the server certificate's key type is not one Go's TLS supports" },
  { key: 'crypto/tls.unconfigured-cipher-suite', path: /^crypto\/tls\//, text: /^tls: server chose an unconfigured cipher suite$/, layer: 'tls', note: 'the server chose a cipher suite the client did not offer' },
  { key: 'crypto/tls.dial-timeout', path: /^crypto\/tls\/tls\.go$/, context: /^timeoutError$/, text: /^tls: DialWithDialer timed out$/, layer: 'tls', note: 'tls.DialWithDialer: the dial and handshake took longer than the dialer timeout' },
  { key: 'crypto/tls.failed-to-verify-certificate', path: /^crypto\/tls\//, text: /^tls: failed to verify certificate: /, layer: 'tls', note: "CertificateVerificationError (1.20 on): the inner text is crypto/x509's" },
  { key: 'crypto/x509.UnknownAuthorityError', path: /^crypto\/x509\/verify\.go$/, context: /^UnknownAuthorityError$/, text: /^x509: certificate signed by unknown authority$/, layer: 'tls', note: "no chain to a root the client trusts (a self-signed or private-CA certificate); newer versions may add ' (possibly because of …)'" },
  { key: 'crypto/x509.HostnameError.valid-for', path: /^crypto\/x509\/verify\.go$/, context: /^HostnameError$/, text: /^x509: certificate is valid for %v, not %v$/, layer: 'tls', note: 'the certificate names other hosts than the one dialled' },
  { key: 'crypto/x509.HostnameError.no-names', path: /^crypto\/x509\/verify\.go$/, context: /^HostnameError$/, text: /^x509: certificate is not valid for any names, but wanted to match %v$/, layer: 'tls', note: 'the certificate names no host at all' },
  { key: 'crypto/x509.HostnameError.no-ip-sans', path: /^crypto\/x509\/verify\.go$/, context: /^HostnameError$/, text: /^x509: cannot validate certificate for %v because it doesn't contain any IP SANs$/, layer: 'tls', note: 'dialled by IP address and the certificate lists no IP address' },
  { key: 'crypto/x509.HostnameError.legacy-common-name', path: /^crypto\/x509\/verify\.go$/, context: /^HostnameError$/, text: /^x509: certificate relies on legacy Common Name field/, layer: 'tls', note: 'the host name is only in the subject CN, which Go 1.15 on no longer matches (SQL Server self-signed certificates)' },
  { key: 'crypto/x509.CertificateInvalidError.Expired', path: /^crypto\/x509\/verify\.go$/, context: /^CertificateInvalidError\.Expired$/, text: /^x509: certificate has expired or is not yet valid/, layer: 'tls', note: 'the certificate is outside its validity period (newer versions add the times)' },
  { key: 'crypto/x509.CertificateInvalidError.NotAuthorizedToSign', path: /^crypto\/x509\/verify\.go$/, context: /^CertificateInvalidError\.NotAuthorizedToSign$/, text: /^x509: /, layer: 'tls', note: 'a certificate in the chain is not a CA' },
  { key: 'crypto/x509.CertificateInvalidError.IncompatibleUsage', path: /^crypto\/x509\/verify\.go$/, context: /^CertificateInvalidError\.IncompatibleUsage$/, text: /^x509: /, layer: 'tls', note: "the certificate's extended key usage does not include server authentication" },
  { key: 'crypto/x509.SystemRootsError', path: /^crypto\/x509\/verify\.go$/, context: /^SystemRootsError$/, text: /^x509: failed to load system roots/, layer: 'tls', note: 'no system root store could be read (a minimal container without CA certificates)' },
  { key: 'crypto/x509.InsecureAlgorithmError', path: /^crypto\/x509\/x509\.go$/, context: /^InsecureAlgorithmError$/, text: /^x509: cannot verify signature: insecure algorithm %v$/, layer: 'tls', note: 'the certificate is signed with SHA-1 or MD5, which Go no longer accepts (1.18 on for SHA-1)' },
];

/** The entries one version's files give (paths relative to the standard library's root). */
export function goEntries(files: ReadonlyMap<string, string>, repositoryPath: (path: string) => string): Reading['entries'] {
  const entries: Reading['entries'] = [];
  const add = (key: string, template: string, layer: Layer, path: string, note: string) =>
    entries.push({
      id: `go:${key}`,
      locale: 'en',
      template,
      syntax: /%[-+# 0-9.*]*[a-zA-Z]/.test(template) ? 'printf' : 'none',
      layer,
      provider: 'go',
      path: repositoryPath(path),
      note,
    });
  const methods = new Map<string, ErrorSite[]>();
  const sitesOf = (path: string) => {
    if (!methods.has(path)) methods.set(path, errorMethodSites(files.get(path) ?? ''));
    return methods.get(path)!;
  };
  const parts = new Map<string, { template: string; path: string }>();
  for (const selected of SELECTED) {
    for (const at of selected.at) {
      const src = files.get(at.path);
      if (src === undefined) continue;
      let template: string | undefined;
      if ('constant' in at) template = goStringConstants(src).get(at.constant);
      else if ('literal' in at) template = findGoErrorSites(src).find((site) => at.literal.test(site.template))?.template;
      else if ('method' in at) template = sitesOf(at.path).find((s) => s.context === at.method)?.template;
      else if ('alert' in at) {
        const text = alertTexts(src).get(at.alert);
        const prefix = alertPrefix(src);
        template = text === undefined || prefix === undefined ? undefined : prefix + text;
      } else if ('recordHeader' in at) {
        const message = recordHeaderMessages(src).find((m) => at.recordHeader.test(m));
        const prefix = sitesOf(at.path).find((s) => s.context === 'RecordHeaderError')?.template.replace(/%v$/, '');
        template = message === undefined || prefix === undefined ? undefined : prefix + message;
      } else if ('syscall' in at) template = syscallNames(src).has(at.syscall) ? at.layout : undefined;
      else {
        const method = new RegExp(`^func\\s*\\(\\s*\\w*\\s*\\*?${at.layoutOf}\\s*\\)\\s*Error\\(\\)\\s*string\\s*\\{`, 'm').exec(src);
        const body = method ? src.slice(method.index, blockEnd(src, method.index + method[0].length - 1)) : '';
        template = at.requires.test(body) ? at.layout : undefined;
      }
      if (template !== undefined) {
        parts.set(selected.key, { template, path: at.path });
        if (!selected.partOnly) add(selected.key, template, selected.layer, at.path, selected.note);
        break;
      }
    }
  }
  for (const entry of COMPOSED) {
    const found = entry.of.map((key) => parts.get(key));
    if (found.some((part) => part === undefined)) continue;
    const template = found.map((part) => part!.template).reduceRight((inner, outer) => fillLast(outer, inner));
    const note = `${entry.note}; composed by the harvester as Go prints it: ${entry.of.map((key) => `${key} (${parts.get(key)!.path})`).join(' around ')}`;
    add(entry.key, template, entry.layer, found[0]!.path, note);
  }
  for (const [path, src] of files) {
    if (!/^crypto\//.test(path)) continue;
    for (const site of [...findGoErrorSites(src), ...sitesOf(path)]) {
      const pick = pickFor(site, path, PICKS);
      if (pick) add(pick.key, site.template, pick.layer, path, pick.note);
    }
  }
  return entries;
}

/** Every file, in any version, that holds a selected text (relative to the standard library's root). */
export const STD_PATHS = [
  'io/io.go',
  NET,
  POLL,
  DNS,
  'net/ipsock.go',
  ...SYSCALL_PATHS,
  TLS_ALERT,
  TLS_CONN,
  'crypto/tls/common.go',
  'crypto/tls/handshake_client.go',
  'crypto/tls/tls.go',
  VERIFY,
  'crypto/x509/x509.go',
] as const;

/** gofrontend keeps the standard library under libgo/go/; golang/go under src/. */
const LIBGO = 'libgo/go/';

/** A final release in libgo/VERSION: go1.10, go1.14.6 (not betas or release candidates). */
export const FINAL_RELEASE = /^go1\.(\d+)(?:\.\d+)?$/;

const SELECTION = [
  'Texts of the Go standard library a Go database client prints inside a connection error, chosen by hand (SELECTED and',
  'PICKS in the generator): io.EOF and io.ErrUnexpectedEOF; net/internal/poll timeouts, closed connections and resolver',
  'errors (errNoSuchHost, errServerMisbehaving, …) and SplitHostPort errors; the layouts around them, composed by the',
  'harvester from the Error() methods they are built by when the method has that layout (net.OpError as net fills it',
  'for dial/read/write on tcp and udp and for crypto/tls\'s "remote error"/"local error", net.DNSError with and',
  'without a server, net.AddrError, and os.SyscallError for the Windows calls connectex, wsarecv, wsasend, wsarecvfrom',
  'and getaddrinfow); crypto/tls alerts ("tls: " + alertText) and handshake errors; crypto/x509 verification errors.',
  'Ids are go:<package>.<Go name> (or <Type>.<case>, or a derived name for inline literals). Left out: syscall\'s errno',
  "texts (zerrors_linux_*.go are glibc's strerror texts with a lower-case first letter, which the catalogue's glibc",
  "entries already read, recognition being case-folded; on Windows Errno.Error() asks FormatMessage at run time, so",
  "Winsock texts are in the OS language and only the curated Windows entries have them; zerrors_windows.go holds only",
  "Go's invented Errnos). golang/go is over the snapshot limit: the releases are read from golang/gofrontend's",
  'libgo/go/ (refs "golang/gofrontend:libgo-go1.N.M", the gofrontend commit that imported that Go release, every final',
  'release from go1.10 to go1.18 at which a selected file changed). Not read: go1.19 on (gofrontend stopped at 1.18),',
  'so wordings introduced later (crypto/tls CertificateVerificationError "tls: failed to verify certificate: %s", 1.20;',
  'crypto/x509 "x509: negative serial number", 1.23) are not in this file. Paths are given as golang/go has them (src/…).',
].join(' ');

export function harvestGo(snapshot: GitSnapshot): SourceFile {
  const commits = snapshot.history('master', 'libgo/VERSION');
  const versions = snapshot.readMany(commits.map((ref) => ({ ref, path: 'libgo/VERSION' })));
  const releases = new Map<string, string>();
  commits.forEach((commit, i) => {
    const version = versions[i]?.text.trim() ?? '';
    const minor = FINAL_RELEASE.exec(version)?.[1];
    if (minor !== undefined && Number(minor) >= 10 && !releases.has(version)) releases.set(version, commit);
  });
  const paths = STD_PATHS.map((path) => LIBGO + path);
  const byCommit = new Map([...releases].map(([version, commit]) => [commit, version]));
  const infos: RefInfo[] = snapshot.infos(snapshot.changedRefs([...byCommit.keys()].reverse(), paths)).sort(byDate);
  const texts = snapshot.readAt(infos.map(({ ref }) => ref), paths);
  const readings: Reading[] = infos.map((info) => {
    const files = new Map<string, string>();
    for (const [path, text] of texts.get(info.ref) ?? []) files.set(path.slice(LIBGO.length), text);
    return {
      ref: { ...info, ref: `golang/gofrontend:libgo-${byCommit.get(info.ref)}` },
      entries: goEntries(files, (path) => `src/${path}`),
    };
  });
  return {
    source: 'go',
    title: 'Go standard library network, TLS and certificate errors (io, net, crypto/tls, crypto/x509)',
    repository: 'https://github.com/golang/go',
    licence: 'BSD-3-Clause',
    generator: 'scripts/messages/harvest/go.ts',
    selection: SELECTION,
    harvested: readings.map(({ ref }) => ref),
    entries: mergeReadings(readings),
  };
}

runHarvester(import.meta.url, 'messages/sources/go.json', harvestGo);
