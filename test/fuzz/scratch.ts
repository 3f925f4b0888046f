// A private temporary folder for the files a fuzz case hands the doctor by name (rule files, evidence and log files,
// config files of the CLI): made on first use, removed when the process exits.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from '../../src/lazy.js';

const folder = once(() => {
  const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-fuzz-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
});

/** Writes `content` to `name` in the scratch folder (replacing what a previous case left there); returns its path. */
export function scratchFile(name: string, content: string | Uint8Array): string {
  const path = join(folder(), name);
  writeFileSync(path, content);
  return path;
}
