// Harvests Prisma's connection errors for SQL Server: the P1xxx user-facing errors (`#[user_facing(code = "P1001",
// message = "…")]` in libs/user-facing-errors), the pool timeout P2024, and the quaint texts the SQL Server connector
// adds (error kinds, the TLS wrapper, MssqlError), with tiberius.ts's Rust extractor and a reviewed allow-list.
// prisma/prisma-engines is 2.4 GB, over the snapshot limit, so the usual input is a directory of files saved from the
// search index (`--files <dir>`: manifest.json and <commit>/<path>); `--git-dir` works too where a snapshot exists.
// CLI: npx tsx scripts/messages/harvest/prisma.ts (--files <dir> | --git-dir <snapshot>) [--out messages/sources/prisma.json] [--sites]
import { lineOf, readArguments, rustItemAfter, templateOf } from './literal-lexer.js';
import { runLiteralHarvest, type ErrorSite, type LiteralSource, type Pick } from './literal-sites.js';
import { findRustErrorSites, rustString, rustSyntax } from './tiberius.js';

const USER_FACING = /#\[user_facing\s*\(/g;
// A hand-written UserFacingError impl: its code, then one `Enum::Variant { … } => format!("…")` per database.
const ERROR_CODE_IMPL = /const ERROR_CODE:\s*&'static str\s*=\s*"(P\d{4})"/g;
const VARIANT_FORMAT = /\w+::(\w+)\s*\{[^{}]*\}\s*=>\s*format!\s*\(/g;

/** The parts of a `name = "…"` macro argument, when it is that name's. */
function namedString(args: readonly string[], name: string) {
  const arg = args.find((candidate) => new RegExp(`^${name}\\s*=`).test(candidate));
  return arg === undefined ? undefined : rustString(arg.replace(new RegExp(`^${name}\\s*=`), ''));
}

/**
 * Prisma's user-facing errors: each `#[user_facing(code = "Pnnnn", message = "…")]` (context: the struct it is on),
 * and each `format!` of a hand-written impl under `const ERROR_CODE = "Pnnnn"` (context: the database variant).
 */
export function findUserFacingSites(src: string): ErrorSite[] {
  const sites: ErrorSite[] = [];
  for (const match of src.matchAll(USER_FACING)) {
    const { args, end } = readArguments(src, match.index + match[0].length - 1, 'rust');
    const code = namedString(args, 'code');
    const message = namedString(args, 'message');
    const template = message && templateOf(message);
    const [codePart] = code ?? [];
    if (template === undefined || !codePart || !('literal' in codePart)) continue;
    const context = rustItemAfter(src, end);
    sites.push({ kind: 'user_facing', template, code: codePart.literal, ...(context ? { context } : {}), line: lineOf(src, match.index) });
  }
  for (const impl of src.matchAll(ERROR_CODE_IMPL)) {
    const blockEnd = src.indexOf('\nimpl ', impl.index);
    const block = src.slice(impl.index, blockEnd === -1 ? src.length : blockEnd);
    for (const variant of block.matchAll(VARIANT_FORMAT)) {
      const at = impl.index + variant.index;
      const { args } = readArguments(src, at + variant[0].length - 1, 'rust');
      const parts = args[0] === undefined ? undefined : rustString(args[0]);
      const template = parts && templateOf(parts);
      if (template !== undefined) sites.push({ kind: 'user_facing', template, code: impl[1]!, context: variant[1]!, line: lineOf(src, at) });
    }
  }
  return sites;
}

/** Old user-facing messages wrote placeholders `${name}` (substituted by the macro): JavaScript's form. */
export function prismaSyntax(template: string) {
  return /\$\{\w+\}/.test(template) ? ('js' as const) : rustSyntax(template);
}

const userFacing = (code: string, note: string): Pick => ({
  key: code,
  kind: 'user_facing',
  withCode: code,
  text: /./,
  context: /^(?!Sqlite$|Postgres$|Mysql$)/,
  layer: 'driver',
  note,
});
const quaint = (variant: string, note: string, layer: Pick['layer'] = 'driver'): Pick => ({
  key: `quaint.${variant}`,
  kind: '#[error]',
  context: new RegExp(`^${variant}$`),
  text: /./,
  layer,
  note,
});

// Reviewed allow-list: the P-codes a SQL Server connection can end in (Prisma's messages are per code; the P1003
// impl has one format per database and only the Mssql one is kept — Postgres and MySQL say the same), and the
// quaint error kinds a connection failure shows when Prisma does not map it to a P-code.
export const PICKS: Pick[] = [
  userFacing('P1000', 'quaint AuthenticationFailed (server error 18456 for SQL Server)'),
  userFacing('P1001', 'quaint ConnectionError/ConnectTimeout'),
  userFacing('P1002', 'the server was reached but did not answer in time'),
  userFacing('P1003', 'quaint DatabaseDoesNotExist (server error 4060 for SQL Server)'),
  userFacing('P1008', 'quaint SocketTimeout: an operation on an open connection timed out'),
  userFacing('P1010', 'quaint DatabaseAccessDenied'),
  userFacing('P1011', 'quaint TlsError; for SQL Server the message is the quaint.mssql-tls-settings text'),
  userFacing('P1013', 'quaint DatabaseUrlIsInvalid: the connection string (URL or JDBC style) does not parse'),
  userFacing('P1017', 'quaint ConnectionClosed'),
  userFacing('P2024', 'quaint PoolTimeout: no connection free in the pool within pool_timeout'),
  quaint('ConnectionError', 'NativeErrorKind::ConnectionError: the connect failed (the inner error is not in the text)'),
  quaint('ConnectionClosed', 'NativeErrorKind::ConnectionClosed: tiberius io UnexpectedEof'),
  quaint('ConnectTimeout', 'NativeErrorKind::ConnectTimeout: connect_timeout elapsed'),
  quaint('TlsError', 'NativeErrorKind::TlsError'),
  quaint('IoError', "NativeErrorKind::IoError: the inner text is Rust's io::Error"),
  quaint('PoolTimeout', 'NativeErrorKind::PoolTimeout'),
  quaint('PoolClosed', 'NativeErrorKind::PoolClosed'),
  quaint('Native', 'ErrorKind::Native: the outer text of every NativeErrorKind', 'wrapper'),
  quaint('TooManyConnections', 'ErrorKind::TooManyConnections (server error 5828 for SQL Server)'),
  quaint('AuthenticationFailed', 'ErrorKind::AuthenticationFailed (server error 18456 for SQL Server)'),
  quaint('DatabaseDoesNotExist', 'ErrorKind::DatabaseDoesNotExist (server error 4060 for SQL Server)'),
  quaint('DatabaseAccessDenied', 'ErrorKind::DatabaseAccessDenied'),
  quaint('MssqlError', 'MssqlError: a SQL Server error as the driver adapter reports it', 'wrapper'),
  {
    key: 'quaint.mssql-tls-settings',
    kind: 'format!',
    text: /^The TLS settings didn't allow the connection to be established\./,
    layer: 'driver',
    note: 'the SQL Server connector turns tiberius Error::Tls into this, shown after P1011\'s "Error opening a TLS connection: "',
  },
];

const PATHS = [
  'libs/user-facing-errors/src/common.rs',
  'libs/user-facing-errors/src/query_engine.rs',
  'libs/user-facing-errors/src/query_engine/mod.rs',
  'quaint/src/error.rs',
  'quaint/src/error/mod.rs',
  'quaint/src/error/native.rs',
  'quaint/src/connector/mssql/error.rs',
  'quaint/src/connector/mssql/native/error.rs',
];

export const PRISMA: LiteralSource = {
  source: 'prisma',
  title: 'Prisma engines (user-facing errors and the quaint SQL Server connector)',
  repository: 'https://github.com/prisma/prisma-engines',
  licence: 'Apache-2.0',
  generator: 'scripts/messages/harvest/prisma.ts',
  selection:
    'The #[user_facing(code, message)] attributes and hand-written UserFacingError impls of ' +
    'libs/user-facing-errors/src/{common.rs,query_engine/mod.rs}, and the #[error] and format! texts of quaint ' +
    'src/error/{mod,native}.rs and src/connector/mssql/{,native/}error.rs; kept when they match the reviewed ' +
    'allow-list PICKS in scripts/messages/harvest/prisma.ts: P1000 P1001 P1002 P1003 P1008 P1010 P1011 P1013 ' +
    'P1017 P2024, and the quaint error kinds of connection, TLS, pool and login failures. Ids are prisma:<code> and ' +
    'prisma:quaint.<error kind>. prisma/prisma-engines is over the snapshot size limit: the files were read from the ' +
    'search index with read_file, one stored version of each (two of common.rs: the 2019 ${name} wording and a ' +
    'recent one), so the refs are the commits of those versions (dates unknown) and not release tags; quaint files ' +
    'and query_engine/mod.rs are excerpts holding the picked items. Other versions of these files are not covered.',
  tags: /^\d+\.\d+\.\d+$/,
  paths: PATHS,
  sites: (_path, text) => [...findUserFacingSites(text), ...findRustErrorSites(text)],
  picks: PICKS,
  syntax: prismaSyntax,
  provider: 'prisma',
};

if (import.meta.url === `file://${process.argv[1]}`) runLiteralHarvest(PRISMA);
