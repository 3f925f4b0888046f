// One temp directory per run for the clients' configuration and built programs, so the machine's own settings
// (freetds.conf, odbcinst.ini, a Go or Java setup) stay out of the results.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOGIN_TIMEOUT_S } from './client-process.js';
import type { Target } from './local-targets.js';

export const configDir = mkdtempSync(join(tmpdir(), 'mssql-doctor-e2e-'));

// FreeTDS reads its defaults from freetds.conf and the ODBC driver manager from odbcinst.ini: temp copies give every
// FreeTDS-based client the same short login timeout. `tds version = 7.4` because FreeTDS's `auto` falls back to
// TDS 5.0 (Sybase) on a failed 7.x login, which no SQL Server client meets in practice.
writeFileSync(join(configDir, 'freetds.conf'), `[global]\n\ttds version = 7.4\n\tconnect timeout = ${LOGIN_TIMEOUT_S}\n\ttimeout = ${LOGIN_TIMEOUT_S}\n`);
export const TDS_ODBC_DRIVER = ['/usr/lib/x86_64-linux-gnu/odbc/libtdsodbc.so', '/usr/lib/aarch64-linux-gnu/odbc/libtdsodbc.so', '/usr/lib/odbc/libtdsodbc.so'].find(existsSync);
writeFileSync(join(configDir, 'odbcinst.ini'), `[FreeTDS]\nDescription=FreeTDS ODBC driver\nDriver=${TDS_ODBC_DRIVER ?? 'libtdsodbc.so'}\n`);
writeFileSync(join(configDir, 'odbc.ini'), '');
export const FREETDS_ENV = { FREETDSCONF: join(configDir, 'freetds.conf'), ODBCSYSINI: configDir, ODBCINI: join(configDir, 'odbc.ini') };

export function removeClientConfig(): void {
  rmSync(configDir, { recursive: true, force: true });
}

/** FreeTDS spells a named instance host\INSTANCE and an explicit port host:port. */
export const freetdsServer = (t: Target) => (t.instance ? `${t.host}\\${t.instance}` : `${t.host}:${t.port}`);
