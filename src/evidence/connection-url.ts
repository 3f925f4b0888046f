// URL-shaped connection strings: JDBC (mssql-jdbc, jTDS) and mssql:// / sqlserver:// URLs
// (node-mssql, go-mssqldb, SQLAlchemy's mssql+pyodbc://).
import { specFrom, toBool, toSeconds, type ConnectionSettings } from './connection-settings.js';

/** mssql-jdbc: jdbc:sqlserver://[serverName[\instanceName][:portNumber]][;property=value…] */
const JDBC = /^jdbc:sqlserver:\/\/([^;]*)((?:;[^;]*)*)$/i;
/** jTDS: jdbc:jtds:sqlserver://server[:port][/database][;property=value…] */
const JTDS = /^jdbc:jtds:sqlserver:\/\/([^:/;]+)(?::(\d+))?(?:\/([^;]*))?((?:;[^;]*)*)$/i;
const URL_SCHEME = /^(?:mssql(?:\+\w+)?|sqlserver):\/\//i;

/** decodeURIComponent that leaves malformed escapes ("%", "%zz") as they are instead of throwing. */
export function decodeUriSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function properties(tail: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of tail.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return map;
}

function common(props: ReadonlyMap<string, string>): ConnectionSettings {
  const settings: ConnectionSettings = {};
  const database = props.get('databasename') ?? props.get('database');
  if (database) settings.database = database;
  if (props.has('encrypt')) settings.encrypt = props.get('encrypt');
  const trust = toBool(props.get('trustservercertificate'));
  if (trust !== undefined) settings.trustServerCertificate = trust;
  const integrated = toBool(props.get('integratedsecurity'));
  if (integrated !== undefined) settings.integratedSecurity = integrated;
  const authentication = props.get('authentication');
  if (authentication) settings.authentication = authentication;
  const timeout = toSeconds(props.get('logintimeout') ?? props.get('connection timeout') ?? props.get('dial timeout'));
  if (timeout !== undefined) settings.connectTimeout = timeout;
  return settings;
}

export function parseJdbcUrl(text: string): ConnectionSettings | undefined {
  const jdbc = JDBC.exec(text);
  if (jdbc) {
    const props = properties(jdbc[2] ?? '');
    const [hostPart = '', port] = (jdbc[1] ?? '').split(':') as [string?, string?];
    const [host, instance] = hostPart.split('\\') as [string, string?];
    const server = specFrom(props.get('servername') ?? host, props.get('instancename') ?? instance, props.get('portnumber') ?? props.get('port') ?? port);
    return { ...common(props), ...(server ? { server } : {}), driver: 'mssql-jdbc' };
  }
  const jtds = JTDS.exec(text);
  if (jtds) {
    const props = properties(jtds[4] ?? '');
    const server = specFrom(jtds[1], props.get('instance'), jtds[2]);
    const settings = { ...common(props), ...(server ? { server } : {}), driver: 'jTDS' };
    if (jtds[3]) settings.database = jtds[3];
    return settings;
  }
  return undefined;
}

export function parseServerUrl(text: string): ConnectionSettings | undefined {
  if (!URL_SCHEME.test(text)) return undefined;
  let url: URL;
  try {
    // WHATWG URL only understands special schemes fully; swap in http:// to read host and port.
    url = new URL(text.replace(URL_SCHEME, 'http://'));
  } catch {
    return undefined;
  }
  const query = new Map([...url.searchParams].map(([k, v]) => [k.toLowerCase(), v]));
  const path = decodeUriSafely(url.pathname.replace(/^\//, ''));
  // go-mssqldb puts the instance in the path (sqlserver://host/instance); node-mssql the database.
  const isGo = /^sqlserver:/i.test(text);
  const [hostName, hostInstance] = decodeUriSafely(url.hostname).split('\\') as [string, string?];
  const instance = hostInstance ?? (isGo && path ? path : undefined);
  const server = specFrom(hostName.replace(/^\[|\]$/g, ''), instance, url.port || undefined);
  const settings: ConnectionSettings = { ...common(query), ...(server ? { server } : {}) };
  if (!isGo && path && !settings.database) settings.database = path;
  const driver = query.get('driver');
  if (driver) settings.driver = driver;
  return settings;
}
