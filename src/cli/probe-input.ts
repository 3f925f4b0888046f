// `mssql-doctor probe TARGET`: what TARGET is (a connection string or URL, a server name, or an error text),
// and the login credentials a connection string carries for `--login`.
import { parse } from '@tediousjs/connection-string';
import type { DiagnoseInput } from '../schemas/input.js';
import { parseServerSpec, type ServerSpec } from '../target/server-spec.js';

const URL_FORM = /^(?:jdbc:[a-z]+:|[a-z][a-z0-9+.-]*:)\/\//i;
const KEYWORD_FORM = /^\s*[a-z][a-z _]*=/i;

function serverValue({ protocol, host, instance, port }: ServerSpec): string {
  return `${protocol ? `${protocol}:` : ''}${host}${instance ? `\\${instance}` : ''}${port !== undefined ? `,${port}` : ''}`;
}

/** The part of the input a probe target argument fills. */
export function probeTargetInput(argument: string): Pick<DiagnoseInput, 'text' | 'connectionString'> {
  const value = argument.trim();
  if (URL_FORM.test(value) || KEYWORD_FORM.test(value)) return { connectionString: value };
  // "db01", "db01\SQLEXPRESS", "db01,1433", "tcp:db01,1433", "db01:1433" (FreeTDS and Node spell it so).
  // Written back as a connection string, so the diagnosis quotes it like one the user pasted.
  const server = /\s/.test(value) ? undefined : parseServerSpec(value, { allowColonPort: true });
  if (server) return { connectionString: `Server=${serverValue(server)}` };
  return { text: value };
}

const USER_KEYS = ['user id', 'uid', 'user', 'username', 'user name'];
const PASSWORD_KEYS = ['password', 'pwd'];

function fromKeywords(text: string): { user?: string; password?: string } {
  let entries: ReadonlyMap<string, unknown>;
  try {
    entries = parse(text) as ReadonlyMap<string, unknown>;
  } catch {
    return {};
  }
  const get = (keys: readonly string[]) => keys.map((k) => entries.get(k)).find((v): v is string => typeof v === 'string');
  return { user: get(USER_KEYS), password: get(PASSWORD_KEYS) };
}

/** SQL authentication credentials in a connection string (keywords, JDBC properties or URL user info). */
export function credentialsIn(connectionString: string): { user?: string; password?: string } {
  const value = connectionString.trim();
  const jdbc = /^jdbc:[a-z]+:\/\/[^;]*;(.*)$/is.exec(value);
  if (jdbc) return fromKeywords(jdbc[1] ?? '');
  if (URL_FORM.test(value)) {
    try {
      const url = new URL(value.replace(/^[a-z][a-z0-9+.-]*:/i, 'http:'));
      return {
        ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
        ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      };
    } catch {
      return {};
    }
  }
  return fromKeywords(value);
}
