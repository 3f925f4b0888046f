// Harvests tiberius's connection, TLS and SQL Browser messages (Rust `#[error("…")]` attributes, `format!`/`write!`
// formats, `Error::Variant("…")` and `io::Error::new(kind, "…")` literals) across release tags, with a light Rust
// extractor and a reviewed allow-list (PICKS).
// CLI: npx tsx scripts/messages/harvest/tiberius.ts --git-dir <snapshot> [--out messages/sources/tiberius.json] [--sites]
import { lastMatchBefore, lineOf, readArguments, rustItemAfter, stringLiteral, templateOf, type Part } from './literal-lexer.js';
import { runLiteralHarvest, type ErrorSite, type LiteralSource, type Pick } from './literal-sites.js';

// `#[error("…", args)]` (thiserror), the format macros, io::Error::new(kind, "…"), Error::Variant("…"), and struct
// fields `message: "…"` (Error::Io { kind, message }).
const SITE =
  /#\[error\s*\(|\b(format|write|writeln|panic)!\s*\(|\bio::Error::new\s*\(|\bError::(\w+)\s*\(|\bmessage:\s*(?=r?#*")/g;
const FN = /\bfn\s+(\w+)/g;

/** A Rust expression that is a string: a literal, optionally turned into a String or Cow (`"…".into()`). */
export function rustString(expression: string): Part[] | undefined {
  const bare = expression
    .trim()
    .replace(/\.(into|to_string|to_owned)\(\)$/, '')
    .replace(/^(?:Cow::(?:from|Borrowed)|String::from)\(([\s\S]*)\)$/, '$1')
    .trim();
  return stringLiteral(bare, 'rust');
}

/**
 * Every Rust site whose message is a literal with words: `#[error("…")]` (context: the enum variant it describes),
 * the format string of format!/write!/panic!, the text of io::Error::new(kind, "…") and Error::Variant("…"), and
 * `message: "…"` fields (context: the function they are in).
 */
export function findRustErrorSites(src: string): ErrorSite[] {
  const sites: ErrorSite[] = [];
  for (const match of src.matchAll(SITE)) {
    const at = match.index;
    let kind: string;
    let text: string | undefined;
    let context: string | undefined;
    if (match[0].startsWith('message')) {
      kind = 'message:';
      const start = at + match[0].length;
      const { args } = readArguments(`(${src.slice(start, start + 2000)}`, 0, 'rust');
      text = args[0];
      context = lastMatchBefore(src, at, FN);
    } else {
      const { args, end } = readArguments(src, at + match[0].length - 1, 'rust');
      if (match[0].startsWith('#[error')) {
        kind = '#[error]';
        text = args[0];
        context = rustItemAfter(src, end);
      } else if (match[1]) {
        kind = `${match[1]}!`;
        text = match[1] === 'write' || match[1] === 'writeln' ? args[1] : args[0];
        context = lastMatchBefore(src, at, FN);
      } else if (match[0].startsWith('io::Error')) {
        kind = 'io::Error::new';
        text = args[1];
        context = lastMatchBefore(src, at, FN);
      } else {
        kind = `Error::${match[2]}`;
        text = args[0];
        context = lastMatchBefore(src, at, FN);
      }
    }
    const parts = text === undefined ? undefined : rustString(text);
    const template = parts && templateOf(parts);
    if (template !== undefined) sites.push({ kind, template, ...(context ? { context } : {}), line: lineOf(src, at) });
  }
  return sites.sort((a, b) => a.line - b.line);
}

/** rust when the template has a `{…}` placeholder (`{{` is a brace), none otherwise. */
export function rustSyntax(template: string): 'rust' | 'none' {
  return /\{[^{}]*\}/.test(template.replace(/\{\{|\}\}/g, '')) ? 'rust' : 'none';
}

const PATHS = [
  'src/error.rs',
  'src/client.rs',
  ...['auth', 'builder', 'config', 'connection', 'tls', 'tls_stream'].map((base) => `src/client/${base}.rs`),
  'src/client/config/ado_net.rs',
  'src/client/config/jdbc.rs',
  ...['native_tls_stream', 'opentls_tls_stream', 'rustls_tls_stream'].map((base) => `src/client/tls_stream/${base}.rs`),
  'src/sql_browser.rs',
  ...['async_std', 'smol', 'tokio'].map((base) => `src/sql_browser/${base}.rs`),
  'src/tds/codec/login.rs',
  'src/tds/codec/pre_login.rs',
  'src/tds/codec/token/token_error.rs',
  'src/tds/codec/token/token_sspi.rs',
  'src/tds/context.rs',
  'src/tds/stream/token.rs',
];

// Reviewed allow-list: the Error variants' texts that frame connection failures, the server-error layout, the SQL
// Browser and TLS messages. Query, type-conversion, bulk and encoding messages are left out.
export const PICKS: Pick[] = [
  { key: 'error.io', kind: '#[error]', context: /^Io$/, text: /./, layer: 'driver', note: "Error::Io: the inner text is Rust's io::Error Display (OS text, localized on Windows)" },
  { key: 'error.tls', kind: '#[error]', context: /^Tls$/, text: /./, layer: 'driver', note: "Error::Tls: the inner text is the TLS library's (native-tls/OpenSSL/SChannel/rustls)" },
  { key: 'error.server', kind: '#[error]', context: /^Server$/, text: /./, layer: 'wrapper', note: 'Error::Server: a server message (TokenError) follows' },
  { key: 'error.routing', kind: '#[error]', context: /^Routing$/, text: /./, layer: 'driver', note: 'Error::Routing: the server redirected the login (Azure SQL); the client is expected to reconnect there' },
  { key: 'error.gssapi', kind: '#[error]', context: /^Gssapi$/, text: /./, layer: 'driver', note: "Error::Gssapi: Kerberos via GSSAPI on Unix; the inner text is libgssapi's" },
  { key: 'error.protocol', kind: '#[error]', context: /^Protocol$/, text: /./, layer: 'driver', note: 'Error::Protocol: the server\'s bytes broke the TDS protocol' },
  { key: 'error.conversion', kind: '#[error]', context: /^Conversion$/, text: /./, layer: 'driver', note: 'Error::Conversion: also used for the SQL Browser timeout and connection-string errors' },
  {
    key: 'token-error',
    kind: 'write!',
    path: /token_error\.rs$/,
    text: /on server .* executing .* on line/,
    layer: 'wrapper',
    note: "TokenError Display: the server's message in quotes, then server, procedure, line, code, state and class",
  },
  {
    key: 'browser.timeout',
    text: /^SQL browser timeout during resolving instance /,
    layer: 'driver',
    note: 'no SQL Browser answer within 1 s (Error::Conversion)',
  },
  { key: 'browser.unresolved-host', text: /^Could not resolve server host\.?$/, layer: 'driver', note: 'no address of the host accepted a TCP connection (io NotFound), also after a Browser lookup' },
  { key: 'browser.reply', path: /sql_browser\.rs$/, text: /./, slug: true, layer: 'driver', note: "the SQL Browser's reply cannot be used" },
  { key: 'tls.ca-certificate-unreadable', text: /^Could not read provided CA certificate!$/, layer: 'driver', note: 'the trust_cert_ca file cannot be read' },
  { key: 'tls.ca-certificate-count', text: /^Certificate file .* contain 0 or more than 1 certs$/, layer: 'driver', note: 'rustls: the trust_cert_ca file must hold exactly one certificate' },
  {
    key: 'tls.ca-certificate-extension',
    text: /^Provided CA certificate with unsupported file-extension!/,
    layer: 'driver',
    note: 'rustls: the trust_cert_ca file is not .pem, .crt or .der',
  },
  {
    key: 'tls.encryption-level-not-allowed',
    kind: 'panic!',
    text: /^Server does not allow the requested encryption level\.$/,
    layer: 'driver',
    note: "a panic (\"thread … panicked at …\"): encryption was required and the server's PRELOGIN answer is OFF or NOT_SUP",
  },
  {
    key: 'connection.no-more-packets',
    text: /^No more packets in the wire$/,
    layer: 'driver',
    note: 'io UnexpectedEof inside Error::Io: the connection ended before a whole message came',
  },
  { key: 'tls.encode-header', text: /^Could not encode header\.$/, layer: 'driver', note: 'a TLS handshake packet could not be wrapped in TDS' },
  { key: 'prelogin.invalid-encryption', text: /^invalid encryption value: /, layer: 'driver', note: 'the PRELOGIN answer has an ENCRYPTION value tiberius does not know' },
  { key: 'login.no-sspi-token', text: /^Never got SSPI token\.$/, layer: 'driver', note: 'integrated authentication: the server sent no SSPI token back' },
  {
    key: 'config.trust-cert-exclusive',
    kind: 'panic!',
    text: /^'trust_cert' and 'trust_cert_ca' are mutual exclusive!/,
    layer: 'driver',
    note: 'a panic: both trust_cert and trust_cert_ca were set',
  },
  { key: 'config', path: /(config|builder)(\/|\.rs)/, kind: 'Error::Conversion', text: /./, slug: true, layer: 'driver', note: 'the connection string (ADO.NET or JDBC style) is invalid' },
  { key: 'config', path: /(config|builder)(\/|\.rs)/, kind: 'format!', text: /^(Connection string|Server value)/, slug: true, layer: 'driver', note: 'the connection string (ADO.NET or JDBC style) is invalid' },
];

export const TIBERIUS: LiteralSource = {
  source: 'tiberius',
  title: 'tiberius (Rust TDS driver)',
  repository: 'https://github.com/prisma/tiberius',
  licence: 'MIT OR Apache-2.0',
  generator: 'scripts/messages/harvest/tiberius.ts',
  selection:
    'Every #[error("…")] attribute, format!/write!/panic! format, io::Error::new(kind, "…"), Error::Variant("…") ' +
    'and `message: "…"` literal with words in src/error.rs, src/client/**, src/sql_browser/**, the PRELOGIN, login, ' +
    'SSPI and token-error codecs and src/tds/stream/token.rs (scripts/messages/harvest/tiberius.ts PATHS); kept when ' +
    'they match the reviewed allow-list PICKS there: the Error variants that frame connection failures (Io, Tls, ' +
    'Server, Routing, Gssapi, Protocol, Conversion), the TokenError layout, the SQL Browser, TLS-certificate, PRELOGIN ' +
    'and SSPI messages, the end-of-stream io error, the connection-string errors and the two connection panics ' +
    '(encryption level, trust_cert). Ids are tiberius:<key>; the #[error] ids are keyed by their ' +
    'variant, families (Browser reply, connection string) by the slug of their words. Templates are Rust format ' +
    "strings as written. Tiberius 0.2–0.3 printed its errors with Debug only (no text of its own). Refs: the release " +
    'tags (v)X.Y.Z at which one of those files differs from every earlier tag (GitSnapshot.changedRefs), and HEAD.',
  tags: /^v?\d+\.\d+\.\d+$/,
  paths: PATHS,
  sites: (_path, text) => findRustErrorSites(text),
  picks: PICKS,
  syntax: rustSyntax,
  provider: 'tiberius',
};

if (import.meta.url === `file://${process.argv[1]}`) runLiteralHarvest(TIBERIUS);
