// Harvests node-mssql's own connection and pool messages (code literals in lib/**, src/*.coffee before 4.0) across
// its release tags, with tedious's literal extractor and a reviewed allow-list. Its other connection errors are
// tedious's (copied into mssql's ConnectionError with their code) or, on the msnodesqlv8 path, the ODBC driver's text.
// CLI: npx tsx scripts/messages/harvest/node-mssql.ts --git-dir <snapshot> [--out messages/sources/node-mssql.json] [--sites]
import { runLiteralHarvest, type LiteralSource, type Pick } from './literal-sites.js';
import { findErrorSites, languageOf } from './tedious.js';

// Every file of lib/ (4.0+) and src/ (CoffeeScript, ≤ 3.x) that raises errors, in every layout the package had.
const PATHS = [
  ...['main', 'tedious', 'msnodesqlv8', 'msnodesql', 'tds', 'connectionstring'].map((base) => `src/${base}.coffee`),
  ...['base', 'tedious', 'msnodesqlv8', 'connectionstring', 'utils', 'global-connection', 'shared'].map((base) => `lib/${base}.js`),
  ...['base', 'tedious', 'msnodesqlv8'].flatMap((dir) =>
    ['connection-pool', 'index', 'request', 'transaction', 'prepared-statement'].map((base) => `lib/${dir}/${base}.js`),
  ),
];

// Reviewed allow-list: node-mssql's pool, connection-state and connection-string messages. Request, prepared
// statement, transaction, bulk and type messages are left out.
export const PICKS: Pick[] = [
  {
    key: 'pool.not-yet-open',
    text: /^Connection not yet open\.$/,
    layer: 'driver',
    note: 'a request was made on a pool whose connect() has not completed (or failed)',
  },
  {
    key: 'pool.closing',
    text: /^Connection is closing$/,
    layer: 'driver',
    note: 'a request was made on a pool being closed',
  },
  {
    key: 'pool.connection-closed',
    text: /^Connection is closed\.$/,
    layer: 'driver',
    note: 'a request was made on a closed pool (never connected, or closed)',
  },
  {
    key: 'connection.ended-before-connected',
    text: /^The connection ended without ever completing the connection$/,
    layer: 'driver',
    note: "tedious's 'end' event came before its connect callback: the connection closed during the handshake",
  },
  {
    key: 'config.named-pipes-unsupported',
    text: /^Connection via Named Pipes is not supported\.$/,
    layer: 'driver',
    note: 'the server is given as np:…, a named pipe, which the tedious driver cannot use',
  },
  {
    key: 'config.invalid-connection-string',
    text: /^Invalid connection string\.$/,
    layer: 'driver',
    note: 'the connection string could not be parsed (lib/connectionstring.js, 4.x – 6.x)',
  },
  {
    key: 'tds.connection-timeout',
    text: /^Connection timeout\.$/,
    path: /tds\.coffee$/,
    layer: 'driver',
    note: "the connect timer of the old 'tds' (node-tds) driver, 3.x",
  },
];

export const NODE_MSSQL: LiteralSource = {
  source: 'node-mssql',
  title: 'node-mssql (mssql for Node.js)',
  repository: 'https://github.com/tediousjs/node-mssql',
  licence: 'MIT',
  generator: 'scripts/messages/harvest/node-mssql.ts',
  selection:
    'The error constructions with a literal message (tedious.ts findErrorSites) in lib/**/*.js (4.0+) and ' +
    'src/*.coffee (3.x); kept when they match the reviewed allow-list PICKS in scripts/messages/harvest/node-mssql.ts: ' +
    'pool and connection-state errors (ENOTOPEN, ECONNCLOSED), "The connection ended without ever completing the ' +
    'connection", and the connection-string errors. Ids are node-mssql:<key>. Everything else a connection prints ' +
    "through node-mssql is the driver's text copied into mssql's ConnectionError with its code: tedious's messages " +
    "(see the tedious source) or, with the msnodesqlv8 driver, the ODBC driver's message and SQLSTATE " +
    "(lib/msnodesqlv8/connection-pool.js: new ConnectionError(err.message, err.code)). The pool's own timeouts " +
    "come from tarn (\"Timeout acquiring a connection. The pool is probably full.\") or generic-pool in 4.x " +
    '("ResourceRequest timed out"), not harvested here. Refs: the release tags vX.Y.Z at which one of ' +
    'those files differs from every earlier tag (GitSnapshot.changedRefs), and HEAD.',
  tags: /^v\d+\.\d+\.\d+$/,
  paths: PATHS,
  sites: (path, text) => findErrorSites(text, languageOf(path)),
  picks: PICKS,
  syntax: (template) => (template.includes('${') ? 'js' : 'none'),
  provider: 'tedious',
};

if (import.meta.url === `file://${process.argv[1]}`) runLiteralHarvest(NODE_MSSQL);
