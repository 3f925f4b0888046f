// The built-in rule files compiled when the package is built (`npm run build` writes dist/rules/builtin-pack.json):
// their content, already parsed and validated, and the line and column of every node for messages and origins.
// Loading them is then one JSON.parse; the YAML parser, the schema compiler and the regex checker are only
// loaded for user rule files. That start-up time is most of what `mssql-doctor probe` costs (bench/probe.bench.ts).
// The file carries a hash of the rule sources it came from: when a rule file changed after the build (a rule
// edited in a clone), the hash differs and the YAML is read again, so an old build never hides an edit.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import type { RuleFile } from '../schemas/rule-file.js';
import type { LoadedRuleFile } from './rule-pack.js';
import type { Path } from './yaml-source.js';

/** Where the build puts the compiled built-in pack (listed in package.json `files`). */
export const COMPILED_PACK_FILE = join(PACKAGE_ROOT, 'dist', 'rules', 'builtin-pack.json');

/** Bumped when the layout below changes, so a file from an older build is read as stale. */
const FORMAT = 1;

interface CompiledRuleFile {
  file: string;
  content: RuleFile;
  /** JSON of a node's path → [line, col] of the node, for every node down to POSITION_DEPTH. */
  positions: Record<string, [number, number]>;
}

export interface CompiledPack {
  format: number;
  hash: string;
  files: CompiledRuleFile[];
}

/** One hash over the rule files' names and bytes, in load order. */
export function sourcesHash(files: ReadonlyArray<{ name: string; text: string }>): string {
  const hash = createHash('sha256');
  for (const { name, text } of files) hash.update(`${name}\0${text}\0`);
  return hash.digest('hex');
}

/**
 * How deep positions are kept. Built-in files reach the loader already valid, so only origins (rules.3,
 * examples.0, overrides.1) and ids (rules.3.id, rules.3.replaces.0, for "already defined at") are located
 * in them; deeper paths fall back to their nearest ancestor. Every node would triple the file's size.
 */
const POSITION_DEPTH = 4;

/** Every path in a parsed value down to POSITION_DEPTH, the root included. */
function nodePaths(value: unknown, path: Path = []): Path[] {
  if (path.length === POSITION_DEPTH) return [path];
  const children =
    Array.isArray(value) ? value.map((item, index) => nodePaths(item, [...path, index])) :
    value !== null && typeof value === 'object' ? Object.entries(value).map(([key, item]) => nodePaths(item, [...path, key])) :
    [];
  return [path, ...children.flat()];
}

/** Validated rule files as the build writes them. */
export function compilePack(files: readonly LoadedRuleFile[], hash: string): CompiledPack {
  return {
    format: FORMAT,
    hash,
    files: files.map(({ source, content }) => ({
      file: source.file,
      content,
      positions: Object.fromEntries(nodePaths(source.data).map((path) => {
        const { line, col } = source.locate(path);
        return [JSON.stringify(path), [line, col]];
      })),
    })),
  };
}

/** A compiled file as the loader uses a parsed one; `locate` falls back to the nearest ancestor, as for YAML. */
function loadedFrom(compiled: CompiledRuleFile): LoadedRuleFile {
  const locate = (path: Path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const at = compiled.positions[JSON.stringify(path.slice(0, depth))];
      if (at) return { line: at[0], col: at[1] };
    }
    return { line: 1, col: 1 };
  };
  return { source: { file: compiled.file, data: compiled.content, locate }, content: compiled.content };
}

/**
 * The compiled built-in files when `packFile` was built from exactly these sources (name and text each, in
 * load order); undefined when it is missing, unreadable, of another format or stale.
 */
export function readCompiledPack(sources: ReadonlyArray<{ name: string; text: string }>, packFile = COMPILED_PACK_FILE): LoadedRuleFile[] | undefined {
  let pack: CompiledPack;
  try {
    pack = JSON.parse(readFileSync(packFile, 'utf8')) as CompiledPack;
  } catch {
    return undefined;
  }
  if (pack?.format !== FORMAT || pack.hash !== sourcesHash(sources) || !Array.isArray(pack.files)) return undefined;
  return pack.files.map(loadedFrom);
}
