// Where the installed package lives, so built-in rules are found from src/ (tests) and dist/src/ alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let dir = start, depth = 0; depth < 8; dir = dirname(dir), depth++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mssql-doctor') {
      return dir;
    }
  }
  throw new Error(`mssql-doctor package root not found above ${start}`);
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const BUILTIN_RULES_DIR = join(PACKAGE_ROOT, 'rules');
/** The built-in rule pack's manifest: its name and version (rules/pack.json). */
export const BUILTIN_PACK_MANIFEST = join(BUILTIN_RULES_DIR, 'pack.json');
export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
