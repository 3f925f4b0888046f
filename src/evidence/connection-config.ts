// Driver configuration objects pasted as JSON or a JavaScript literal: tedious
// ({ server, authentication, options: { port, instanceName, database, encrypt, … } }) and node-mssql
// ({ server, port, database, user, password, options: { … } }).
import JSON5 from 'json5';
import { specFrom, toBool, toSeconds, type ConnectionSettings } from './connection-settings.js';

type Bag = Record<string, unknown>;
const isBag = (value: unknown): value is Bag => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys worth reading from a literal JSON5 cannot parse; nested option keys are read flat. */
const LITERAL_KEYS = /\b(server|port|database|instanceName|encrypt|trustServerCertificate|connectTimeout|connectionTimeout)\s*:\s*('[^'\n]*'|"[^"\n]*"|-?\d+|true|false)/g;

/**
 * JSON5 prints a warning to stderr (console.warn) for a raw U+2028 or U+2029 in a string, and a library must write
 * nothing there; escaped, the string holds the same character. Outside a string the escape is a syntax error, and
 * the literal is then read key by key like any other JSON5 cannot parse.
 */
function escapeLineSeparators(literal: string): string {
  return literal.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/**
 * The object literal in a paste like `const config = { … };`: JSON5 reads JSON and plain literals
 * (unquoted keys, ' quotes); real code also holds expressions (`process.env.DB_HOST`), so when JSON5
 * fails the literal keys are read one by one and expressions are skipped.
 */
function objectIn(text: string): Bag | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start) return undefined;
  const literal = text.slice(start, end + 1);
  try {
    const value: unknown = JSON5.parse(escapeLineSeparators(literal));
    if (isBag(value)) return value;
  } catch {
    // fall through to key-by-key reading
  }
  const bag: Bag = {};
  for (const m of literal.matchAll(LITERAL_KEYS)) {
    const raw = m[2] as string;
    // Digits stay text: the readers of each key (a port, a timeout) take numbers only in their own range.
    bag[m[1] as string] = /^['"]/.test(raw) ? raw.slice(1, -1) : raw === 'true' ? true : raw === 'false' ? false : raw;
  }
  return Object.keys(bag).length > 0 ? bag : undefined;
}

export function parseConfigObject(text: string): ConnectionSettings | undefined {
  const config = objectIn(text);
  if (!config || typeof config.server !== 'string') return undefined;
  const options = isBag(config.options) ? config.options : {};
  const authentication = isBag(config.authentication) ? config.authentication : {};
  const server = specFrom(config.server, options.instanceName ?? config.instanceName, options.port ?? config.port);
  const settings: ConnectionSettings = { ...(server ? { server } : {}) };
  const database = options.database ?? config.database;
  if (typeof database === 'string') settings.database = database;
  const encrypt = options.encrypt ?? config.encrypt;
  if (encrypt !== undefined) settings.encrypt = String(encrypt);
  const trust = toBool(options.trustServerCertificate ?? config.trustServerCertificate);
  if (trust !== undefined) settings.trustServerCertificate = trust;
  if (typeof authentication.type === 'string') settings.authentication = authentication.type;
  const timeout = options.connectTimeout ?? config.connectionTimeout;
  // tedious and node-mssql count milliseconds; the fact is in seconds like every other client's.
  const ms = toSeconds(timeout);
  if (ms !== undefined) settings.connectTimeout = Math.round(ms / 1000);
  settings.driver = 'tedious';
  return settings;
}
