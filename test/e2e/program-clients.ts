// Real clients driven by a small program of their own language (test/e2e/client-programs/), as an application uses
// them: PHP PDO_DBLIB, Perl DBD::Sybase, jTDS on the installed JDK, go-mssqldb built with Debian's Go.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDir, FREETDS_ENV, freetdsServer } from './client-config.js';
import { LOGIN_TIMEOUT_S, onPath, runCommand, runProcess } from './client-process.js';
import type { Target } from './local-targets.js';
import type { RealClient } from './real-clients.js';

const program = (file: string) => fileURLToPath(new URL(`client-programs/${file}`, import.meta.url));

/** A compiler gets this long (javac ~2 s, a cold go build ~3 s here; CI's 2 cores may be busy with other tests). */
const BUILD_WAIT_MS = 120_000;

/**
 * Builds once per run, on the first attempt, so the build overlaps the other clients' attempts (the FreeTDS Browser
 * lookups wait ~16 s). A failed build is what every attempt prints: an installed client that cannot be built fails.
 */
function buildOnce(build: () => Promise<string | undefined>): () => Promise<string | undefined> {
  let built: Promise<string | undefined> | undefined;
  return () => (built ??= build());
}

async function compile(what: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string | undefined> {
  const { output, status } = await runProcess(command, args, { env, waitMs: BUILD_WAIT_MS });
  return status === 0 ? undefined : `${what} failed (${status === undefined ? `killed after ${BUILD_WAIT_MS} ms` : `exit ${status}`}): ${output.trim()}`;
}

const freetdsVersion = async () => (await runCommand('tsql', ['-C'], {})).match(/Version: (.*)/)?.[1]?.trim() ?? 'FreeTDS (version unknown)';

export const pdoDblib: RealClient = {
  id: 'pdo-dblib',
  provider: 'dblib',
  problem: async () =>
    !onPath('php')
      ? 'php (php-cli) is not installed'
      : spawnSync('php', ['-r', 'exit(in_array("dblib", PDO::getAvailableDrivers()) ? 0 : 1);']).status === 0
        ? undefined
        : "PHP's PDO has no dblib driver (php-sybase is not installed)",
  version: async () => `PHP ${(await runCommand('php', ['-r', 'echo PHP_VERSION;'], {})).trim()} PDO_DBLIB with ${await freetdsVersion()}`,
  // PDO::ATTR_TIMEOUT is PDO_DBLIB's login timeout (30 s by default); freetds.conf gives the same 3 s.
  run: (t) => runCommand('php', [program('connect.php'), freetdsServer(t), String(LOGIN_TIMEOUT_S)], FREETDS_ENV),
};

export const dbdSybase: RealClient = {
  id: 'dbd-sybase',
  provider: 'dblib',
  problem: async () => (spawnSync('perl', ['-MDBD::Sybase', '-e', '1']).status === 0 ? undefined : 'perl cannot load DBD::Sybase (libdbd-sybase-perl is not installed)'),
  version: async () => `DBD::Sybase ${(await runCommand('perl', ['-MDBD::Sybase', '-e', 'print $DBD::Sybase::VERSION'], {})).trim()} with ${await freetdsVersion()}`,
  // FreeTDS reads `server=host:port` (and host\INSTANCE) itself when freetds.conf has no such entry; loginTimeout is
  // DBD::Sybase's login timeout (60 s by default).
  run: (t) => runCommand('perl', [program('connect.pl'), freetdsServer(t), String(LOGIN_TIMEOUT_S)], FREETDS_ENV),
};

const JTDS_JAR = '/usr/share/java/jtds.jar';
const javaClasses = join(configDir, 'java');
const buildJava = buildOnce(() => {
  mkdirSync(javaClasses, { recursive: true });
  return compile('javac Connect.java', 'javac', ['-d', javaClasses, program('Connect.java')]);
});

export const jtds: RealClient = {
  id: 'jtds',
  provider: 'jdbc',
  problem: async () =>
    !onPath('java') || !onPath('javac')
      ? 'no JDK (java and javac) is installed'
      : existsSync(JTDS_JAR)
        ? undefined
        : `${JTDS_JAR} (libjtds-java) is not installed`,
  version: async () => {
    const java = (await runCommand('java', ['-version'], {})).split('\n')[0]?.trim() ?? 'java';
    return `${basename(realpathSync(JTDS_JAR), '.jar')} on ${java}`;
  },
  // loginTimeout bounds jTDS's whole login (0 by default: a silent server is waited for forever).
  run: async (t) => {
    const where = t.instance ? `${t.host}/master;instance=${t.instance}` : `${t.host}:${t.port}/master`;
    return (await buildJava()) ?? runCommand('java', ['-cp', `${javaClasses}:${JTDS_JAR}`, 'Connect', `jdbc:jtds:sqlserver://${where};loginTimeout=${LOGIN_TIMEOUT_S}`], {});
  },
};

/** Where Debian's golang-github-denisenkom-go-mssqldb-dev puts the package's source, for Go's GOPATH mode. */
const GOPATH = '/usr/share/gocode';
const GO_MSSQLDB_SOURCE = join(GOPATH, 'src/github.com/denisenkom/go-mssqldb');
const goBinary = join(configDir, 'connect-go');
/**
 * GOPATH mode over Debian's packaged sources: nothing is downloaded (no module proxy, no toolchain switch), and the
 * build cache is the run's own temp directory.
 */
const GO_BUILD_ENV = { GO111MODULE: 'off', GOPATH, GOFLAGS: '', GOPROXY: 'off', GOTOOLCHAIN: 'local', GOCACHE: join(configDir, 'go-cache') };
const buildGo = buildOnce(() => compile('go build connect.go', 'go', ['build', '-o', goBinary, program('connect.go')], GO_BUILD_ENV));

export const goMssqldb: RealClient = {
  id: 'go-mssqldb',
  provider: 'go',
  problem: async () =>
    !onPath('go')
      ? 'go (golang-go) is not installed'
      : existsSync(GO_MSSQLDB_SOURCE)
        ? undefined
        : `${GO_MSSQLDB_SOURCE} (golang-github-denisenkom-go-mssqldb-dev) is not installed`,
  version: async () => {
    const packaged = await runProcess('dpkg-query', ['-W', '-f', '${Version}', 'golang-github-denisenkom-go-mssqldb-dev']);
    return `go-mssqldb ${packaged.status === 0 ? packaged.output.trim() : '(version unknown)'} built with ${(await runCommand('go', ['version'], GO_BUILD_ENV)).trim()}`;
  },
  // dial timeout (15 s by default) bounds the TCP connect, connection timeout (30 s by default) the login.
  run: async (t) => {
    const where = t.instance ? `${t.host}/${t.instance}` : `${t.host}:${t.port}`;
    return (await buildGo()) ?? runCommand(goBinary, [`sqlserver://sa:not-a-secret@${where}?database=master&dial+timeout=${LOGIN_TIMEOUT_S}&connection+timeout=${LOGIN_TIMEOUT_S}`], {});
  },
};
