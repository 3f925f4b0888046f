// The real SQL Server clients installed on this machine, each run against a target to capture what it prints.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Provider } from '../../src/schemas/vocabulary.js';
import { FREETDS_ENV, freetdsServer, TDS_ODBC_DRIVER } from './client-config.js';
import { CLIENT_WAIT_MS, LOGIN_TIMEOUT_S, onPath, runCommand } from './client-process.js';
import type { Target } from './local-targets.js';
import { dbdSybase, goMssqldb, jtds, pdoDblib } from './program-clients.js';

export { removeClientConfig } from './client-config.js';
export { CLIENT_WAIT_MS } from './client-process.js';

export interface RealClient {
  id: string;
  provider: Provider;
  /** Why the client cannot run here, or undefined when it can. */
  problem(): Promise<string | undefined>;
  version(): Promise<string>;
  /** What the user would paste: the client's output for one failed connection attempt. */
  run(target: Target): Promise<string>;
}

const odbcConnectionString = (t: Target) =>
  `Driver=FreeTDS;Server=${t.instance ? `${t.host}\\${t.instance}` : `${t.host};Port=${t.port}`};UID=sa;PWD=not-a-secret;TDS_Version=7.4`;

// Debian's python3-* packages install for /usr/bin/python3, which a pyenv or venv python3 on PATH shadows.
function pythonWith(module: string): string | undefined {
  return ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', `import ${module}`]).status === 0);
}

/**
 * FreeTDS asks the SQL Browser for an instance's port 16 times, a second each, whatever its timeouts say (src/tds/net.c
 * tds7_get_instance_port); its ODBC driver, as pyodbc calls it, asks twice: 32 s measured with nothing on UDP 1434 of
 * loopback, past CLIENT_WAIT_MS.
 */
const FREETDS_ODBC_BROWSER_WAIT_MS = 45_000;

function pythonClient(
  id: string,
  provider: Provider,
  module: string,
  connectCall: string,
  versionExpr: string,
  waitMs: (target: Target) => number = () => CLIENT_WAIT_MS,
): RealClient {
  // Looked up once: a synchronous import check per attempt held this event loop (and the other clients' starts) for seconds.
  let found: string | undefined | null = null;
  const python = () => (found === null ? (found = pythonWith(module)) : found);
  return {
    id,
    provider,
    problem: async () => (python() ? undefined : `no python3 can import ${module}`),
    version: async () => runCommand(python() ?? 'python3', ['-c', `import ${module}; print(${versionExpr})`], {}).then((v) => `${module} ${v.trim()}`),
    // Uncaught, so the traceback goes to stderr exactly as a script's user sees it.
    run: (target) =>
      runCommand(python() ?? 'python3', ['-c', `import json, sys, ${module}\nt = json.loads(sys.argv[1])\n${connectCall}`, JSON.stringify(target)], FREETDS_ENV, '', waitMs(target)),
  };
}

export const tsql: RealClient = {
  id: 'tsql',
  provider: 'dblib',
  problem: async () => (onPath('tsql') ? undefined : 'tsql (freetds-bin) is not installed'),
  version: async () => (await runCommand('tsql', ['-C'], FREETDS_ENV)).match(/Version: (.*)/)?.[1]?.trim() ?? 'unknown',
  run: (t) =>
    runCommand('tsql', [...(t.instance ? ['-S', freetdsServer(t)] : ['-H', t.host, '-p', String(t.port)]), '-U', 'sa', '-P', 'not-a-secret'], FREETDS_ENV),
};

export const bsqldb: RealClient = {
  id: 'bsqldb',
  provider: 'dblib',
  problem: async () => (onPath('bsqldb') ? undefined : 'bsqldb (freetds-bin) is not installed'),
  version: async () => `${await tsql.version()} (bsqldb)`,
  run: (t) => runCommand('bsqldb', ['-S', freetdsServer(t), '-U', 'sa', '-P', 'not-a-secret'], FREETDS_ENV, 'select 1\n'),
};

export const isql: RealClient = {
  id: 'isql',
  provider: 'odbc',
  problem: async () => (!onPath('isql') ? 'isql (unixodbc) is not installed' : TDS_ODBC_DRIVER ? undefined : 'libtdsodbc.so (tdsodbc) is not installed'),
  version: async () => `${(await runCommand('isql', ['--version'], {})).trim()} with FreeTDS ODBC ${await tsql.version()}`,
  // -v prints the driver's diagnostic records; without it isql says only "Could not SQLDriverConnect".
  run: (t) => runCommand('isql', ['-v', '-b', '-k', odbcConnectionString(t)], FREETDS_ENV, 'select 1\n'),
};

export const pyodbc = pythonClient(
  'pyodbc',
  'odbc',
  'pyodbc',
  `server = t['host'] + '\\\\' + t['instance'] if t.get('instance') else t['host'] + ';Port=' + str(t['port'])\n` +
    `pyodbc.connect('Driver=FreeTDS;Server=' + server + ';UID=sa;PWD=not-a-secret;TDS_Version=7.4', timeout=${LOGIN_TIMEOUT_S})`,
  'pyodbc.version',
  (target) => (target.instance ? FREETDS_ODBC_BROWSER_WAIT_MS : CLIENT_WAIT_MS),
);

export const pymssql = pythonClient(
  'pymssql',
  'dblib',
  'pymssql',
  `server = t['host'] + '\\\\' + t['instance'] if t.get('instance') else t['host']\n` +
    `pymssql.connect(server=server, port=str(t.get('port') or 1433), user='sa', password='not-a-secret', login_timeout=${LOGIN_TIMEOUT_S})`,
  'pymssql.__version__',
);

interface TediousModule {
  Connection: new (config: object) => { connect(callback: (error?: Error) => void): void; close(): void };
}

/** tedious is a dev dependency; loaded lazily so a missing install reads as a problem, not a crash. */
async function loadTedious(): Promise<TediousModule | string> {
  try {
    return (await import('tedious')) as unknown as TediousModule;
  } catch (error) {
    return `tedious is not installed: ${(error as Error).message}`;
  }
}

export const tedious: RealClient = {
  id: 'tedious',
  provider: 'tedious',
  problem: async () => {
    const loaded = await loadTedious();
    return typeof loaded === 'string' ? loaded : undefined;
  },
  version: async () => {
    // tedious's exports map hides its package.json from import(), so read the installed file.
    const pkg = JSON.parse(readFileSync(new URL('../../node_modules/tedious/package.json', import.meta.url), 'utf8')) as { version: string };
    return `tedious ${pkg.version}`;
  },
  // What an application logs for the error: its name, message and code (a Node app prints these three).
  run: async (t) => {
    const loaded = await loadTedious();
    if (typeof loaded === 'string') return loaded;
    const connection = new loaded.Connection({
      server: t.host,
      authentication: { type: 'default', options: { userName: 'sa', password: 'not-a-secret' } },
      options: { ...(t.instance ? { instanceName: t.instance } : { port: t.port }), connectTimeout: LOGIN_TIMEOUT_S * 1000, encrypt: false },
    });
    const error = await new Promise<Error | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(new Error(`tedious did not answer within ${CLIENT_WAIT_MS} ms`)), CLIENT_WAIT_MS);
      connection.connect((err) => {
        clearTimeout(timer);
        resolve(err);
      });
    });
    connection.close();
    if (!error) return 'connected';
    const code = (error as Error & { code?: string }).code;
    return `${error.name}: ${error.message}${code ? `\n  code: '${code}'` : ''}\n`;
  },
};

export const REAL_CLIENTS: readonly RealClient[] = [tedious, tsql, bsqldb, isql, pyodbc, pymssql, pdoDblib, dbdSybase, jtds, goMssqldb];
