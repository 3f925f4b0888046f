// Every regex the product runs on text it did not write: the literals in src/ (read from the source with the
// TypeScript compiler), the ones src/ composes at load (src/compose-regex.ts, listed after importing every module),
// the built-in rules' `matches` patterns and the committed JSON Schemas' `pattern`s. The ReDoS test and the regex
// bench both read this list.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { patternShapes } from '../../scripts/messages/catalogue-checks.js';
import { readCatalogueInputs } from '../../scripts/messages/catalogue-inputs.js';
import { composedRegexes } from '../../src/compose-regex.js';
import { PATTERN_FLAGS } from '../../src/messages/pattern.js';
import { BUILTIN_RULES_DIR, PACKAGE_ROOT } from '../../src/package-root.js';
import { listRuleFiles, readRuleFiles } from '../../src/rules/rule-pack.js';
import { patternParts } from '../../src/rules/patterns.js';
import { patternLeaves } from '../../src/rules/semantic-check.js';
import type { RuleDef } from '../../src/schemas/rule-file.js';

export interface InventoryRegex {
  /** file:line (src/ files relative to the package root), or the file alone where no line is known. */
  where: string;
  source: string;
  flags: string;
  kind: 'literal' | 'composed' | 'rule' | 'schema' | 'catalogue';
}

const SRC = join(PACKAGE_ROOT, 'src');

/** Modules that run a program when imported; they may not compose regexes (nothing would list them). */
export const ENTRY_POINTS = ['src/cli/main.ts'];

/**
 * Files allowed to call `new RegExp` directly, and why: the composer itself, and the two that compile user rule
 * patterns, which are checked with recheck when the rules load (src/rules/regex-check.ts).
 */
export const REGEXP_CONSTRUCTORS: Readonly<Record<string, string>> = {
  'src/compose-regex.ts': 'builds and lists every composed regex',
  'src/rules/patterns.ts': 'compiles user `matches` patterns, refused at load unless recheck proves them safe',
  'src/rules/regex-check.ts': 'tries to compile user `matches` patterns before checking them',
  'src/messages/recognize.ts': "compiles the message catalogue's patterns, each of a shape listed here (catalogueShapes)",
  'src/redact/sweep.ts': 'sweeps the secrets found: an alternation of escaped literals with fixed-width look-arounds, no quantifier',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []))
    .sort();
}

export const SRC_FILES = sourceFiles(SRC).map((file) => relative(PACKAGE_ROOT, file));

/** A TypeScript file of src/ (its path from the package root) and its text. */
export interface SourceText {
  file: string;
  text: string;
}

const srcTexts = (): SourceText[] => SRC_FILES.map((file) => ({ file, text: readFileSync(join(PACKAGE_ROOT, file), 'utf8') }));

const parse = ({ file, text }: SourceText) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const at = (file: ts.SourceFile, node: ts.Node) => `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;

/** Every regex literal in src/. */
export function regexLiterals(sources: readonly SourceText[] = srcTexts()): InventoryRegex[] {
  const found: InventoryRegex[] = [];
  for (const file of sources.map(parse)) {
    walk(file, (node) => {
      if (!ts.isRegularExpressionLiteral(node)) return;
      const slash = node.text.lastIndexOf('/');
      found.push({ where: at(file, node), source: node.text.slice(1, slash), flags: node.text.slice(slash + 1), kind: 'literal' });
    });
  }
  return found;
}

const isFunction = (node: ts.Node) => ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);

/**
 * Functions that compose regexes for their caller, by file: allowed where every call of them in src/ is at module level
 * or inside another of them, so that importing the calling module still builds, and lists, all they compose.
 */
export const MODULE_LEVEL_BUILDERS: Readonly<Record<string, readonly string[]>> = {
  'src/redact/match-finder.ts': ['matchFinder', 'wordFirst'],
  'src/pattern-set.ts': ['patternSet', 'walkOf'],
};
const BUILDER_NAMES = new Set(Object.values(MODULE_LEVEL_BUILDERS).flat());

/** The function a node is in, if any. */
function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let up = node.parent; up; up = up.parent) if (isFunction(up)) return up;
  return undefined;
}

/** Whether a function is one of the builders of its file (a declaration of that name). */
function isBuilder(file: ts.SourceFile, fn: ts.Node): boolean {
  const name = ts.isFunctionDeclaration(fn) ? fn.name?.text : undefined;
  return name !== undefined && (MODULE_LEVEL_BUILDERS[file.fileName] ?? []).includes(name);
}

/**
 * Places that build a regex the inventory cannot list: `new RegExp`/`RegExp()` outside REGEXP_CONSTRUCTORS, and
 * composeRegex() inside a function or in an entry point (built on demand, or in a module never imported here).
 */
export function unlistedConstructions(sources: readonly SourceText[] = srcTexts()): Array<{ where: string; why: string }> {
  const found: Array<{ where: string; why: string }> = [];
  for (const file of sources.map(parse)) {
    walk(file, (node) => {
      const callee = ts.isNewExpression(node) || ts.isCallExpression(node) ? node.expression : undefined;
      if (!callee || !ts.isIdentifier(callee)) return;
      if (callee.text === 'RegExp' && !(file.fileName in REGEXP_CONSTRUCTORS)) {
        found.push({ where: at(file, node), why: 'builds a regex with RegExp(): use composeRegex() (src/compose-regex.ts) at module level' });
      }
      if (callee.text === 'composeRegex' || BUILDER_NAMES.has(callee.text)) {
        if (ENTRY_POINTS.includes(file.fileName)) found.push({ where: at(file, node), why: 'composes a regex in an entry point, which the inventory does not import' });
        const fn = enclosingFunction(node);
        if (fn && !isBuilder(file, fn)) {
          found.push({ where: at(file, node), why: 'composes a regex inside a function: build it once at module level, so importing the module lists it' });
        }
      }
    });
  }
  return found;
}

/** The src/ file and line that composed a regex, from the stack its composeRegex() call recorded; undefined for a caller outside src/ (a test). */
function composedWhere(site: Error): string | undefined {
  const frames = (site.stack ?? '').split('\n').slice(1);
  const caller = frames.find((line) => !line.includes('compose-regex'));
  const path = /(?:file:\/\/)?(\/[^\s():]+\.ts):(\d+)/.exec(caller ?? '');
  if (!path) return undefined;
  const file = relative(PACKAGE_ROOT, path[1] as string);
  return file.startsWith('src/') ? `${file}:${path[2]}` : undefined;
}

/** Every regex src/ composes: every module but the entry points is imported, which builds them all. */
export async function composedRegexesOfSrc(): Promise<InventoryRegex[]> {
  for (const file of SRC_FILES.filter((f) => !ENTRY_POINTS.includes(f) && !f.endsWith('.d.ts'))) {
    await import(pathToFileURL(join(PACKAGE_ROOT, file)).href);
  }
  const seen = new Set<string>();
  return composedRegexes().flatMap(({ source, flags, site }) => {
    const where = composedWhere(site);
    const key = `${flags}/${source}`;
    if (!where || seen.has(key)) return [];
    seen.add(key);
    return [{ where, source, flags, kind: 'composed' as const }];
  });
}

/** The built-in rules' `matches` patterns, each where its file holds it. */
export function builtinRulePatterns(): InventoryRegex[] {
  const { files } = readRuleFiles(listRuleFiles(BUILTIN_RULES_DIR));
  return files.flatMap((file) =>
    ((file.content.rules ?? []) as RuleDef[]).flatMap((rule, index) =>
      patternLeaves(rule.when, ['rules', index, 'when']).flatMap((leaf) => {
        if (typeof leaf.value !== 'string') return [];
        const { source, flags } = patternParts(leaf.value);
        return [{ where: `${file.source.file}:${file.source.locate(leaf.path).line}`, source, flags, kind: 'rule' as const }];
      }),
    ),
  );
}

/** The `pattern` keywords of the committed JSON Schemas (ajv compiles them with the u flag). */
export function schemaPatterns(): InventoryRegex[] {
  const dir = join(PACKAGE_ROOT, 'schemas');
  const found: InventoryRegex[] = [];
  const visit = (value: unknown, file: string) => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, file));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'pattern' && typeof inner === 'string') found.push({ where: `schemas/${file}`, source: inner, flags: 'u', kind: 'schema' });
        else visit(inner, file);
      }
    }
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) visit(JSON.parse(readFileSync(join(dir, file), 'utf8')), file);
  return found;
}

/** The whole inventory, one entry per distinct pattern and flags (the first place it appears). */
/**
 * The shapes of the message catalogue's patterns (scripts/messages/catalogue-checks.ts): each catalogue pattern is
 * its shape with literal words in place of `w`, and backtracking depends on the shape alone. The catalogue build
 * checks them too; listing them here puts their verdicts beside every other regex's.
 */
export function catalogueShapes(): InventoryRegex[] {
  return patternShapes(readCatalogueInputs().inputs).map((source) => ({
    where: 'messages/catalogue.json',
    source,
    flags: PATTERN_FLAGS.replace('d', ''),
    kind: 'catalogue' as const,
  }));
}

export async function regexInventory(): Promise<InventoryRegex[]> {
  const all = [...regexLiterals(), ...(await composedRegexesOfSrc()), ...builtinRulePatterns(), ...schemaPatterns(), ...catalogueShapes()];
  const seen = new Set<string>();
  return all.filter((r) => {
    const key = `${r.flags}/${r.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
