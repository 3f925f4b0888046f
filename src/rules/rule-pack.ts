// The rule pack: built-in rules/*.yaml plus any user directories, parsed, validated, overridden and indexed
// by id. Load order (the contract, docs/writing-rules.md): built-in files sorted by name, then each user
// directory in the order given, its files sorted by name. Ids are unique across all of them; a later file
// changes an earlier definition only through `overrides:`, applied after every file has loaded, in load order.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DoctorError, type Problem } from '../errors.js';
import { BUILTIN_PACK_MANIFEST, BUILTIN_RULES_DIR, PACKAGE_ROOT } from '../package-root.js';
import type { CauseDef, CheckDef, RuleDef, RuleExample, RuleFile, RuleStatus } from '../schemas/rule-file.js';
import { compilePack, readCompiledPack, sourcesHash, type CompiledPack } from './compiled-pack.js';
import { applyOverrides, type AppliedOverride } from './overrides.js';
import { checkRuleFileSchema } from './schema-check.js';
import { checkSemantics } from './semantic-check.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export interface LoadedRuleFile {
  source: YamlSource;
  content: RuleFile;
}

/** Where a definition comes from, for messages and `rules list`. */
export interface Origin {
  file: string;
  line: number;
}

export interface PackExample {
  example: RuleExample;
  origin: Origin;
}

export interface RulePack {
  /** The built-in pack's version (rules/pack.json). */
  version: string;
  causes: ReadonlyMap<string, CauseDef>;
  checks: ReadonlyMap<string, CheckDef>;
  /** The rules that run: every loaded rule but the disabled ones. */
  rules: readonly RuleDef[];
  /** Rules an override disabled; kept so `rules list` and `rules explain` can still name them. */
  disabled: readonly RuleDef[];
  /** Old rule id → the id of the rule that replaces it. */
  replaced: ReadonlyMap<string, string>;
  origins: ReadonlyMap<string, Origin>;
  overrides: readonly AppliedOverride[];
  examples: readonly PackExample[];
  files: readonly string[];
}

const RULE_FILE = /\.ya?ml$/i;

/** Rule files in a directory (sorted: load order is part of the contract) or a single file. */
export function listRuleFiles(path: string): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new DoctorError('MSSQLDOCTOR_ERR_RULES_UNREADABLE', `rules path not found: ${path}`);
  }
  if (stats.isFile()) return [path];
  return readdirSync(path)
    .filter((name) => RULE_FILE.test(name))
    .sort()
    .map((name) => join(path, name));
}

export function displayName(file: string): string {
  const fromRoot = relative(PACKAGE_ROOT, file);
  return fromRoot.startsWith('..') ? file : fromRoot;
}

interface RuleSource {
  path: string;
  name: string;
  text: string;
}

function readSources(paths: readonly string[]): { sources: RuleSource[]; problems: Problem[] } {
  const sources: RuleSource[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    try {
      sources.push({ path, name: displayName(path), text: readFileSync(path, 'utf8') });
    } catch (error) {
      problems.push({ file: displayName(path), line: 1, col: 1, code: 'UNREADABLE', message: (error as Error).message });
    }
  }
  return { sources, problems };
}

/** Parses each file and checks it against the rule file schema: the checks one file can pass on its own. */
function parseSources(sources: readonly RuleSource[]): { files: LoadedRuleFile[]; problems: Problem[] } {
  const files: LoadedRuleFile[] = [];
  const problems: Problem[] = [];
  for (const { name, text } of sources) {
    const parsed = parseYamlSource(name, text);
    problems.push(...parsed.problems);
    if (!parsed.source) continue;
    const checked = checkRuleFileSchema(parsed.source);
    problems.push(...checked.problems);
    if (checked.file) files.push({ source: parsed.source, content: checked.file });
  }
  return { files, problems };
}

/** Parses and validates rule files; returns every problem found, never throws on bad content. */
export function readRuleFiles(paths: readonly string[]): { files: LoadedRuleFile[]; problems: Problem[] } {
  const read = readSources(paths);
  const parsed = parseSources(read.sources);
  return { files: parsed.files, problems: [...read.problems, ...parsed.problems, ...checkSemantics(parsed.files)] };
}

/**
 * The built-in files, from the build's compiled pack when it matches them (validated when it was built), then
 * the user's files, validated together with them (ids are unique across all, overrides reach into both).
 */
function readPackFiles(builtinPaths: readonly string[], userPaths: readonly string[]): { files: LoadedRuleFile[]; problems: Problem[] } {
  const builtin = readSources(builtinPaths);
  const compiled = builtin.problems.length === 0 ? readCompiledPack(builtin.sources) : undefined;
  if (compiled && userPaths.length === 0) return { files: compiled, problems: [] };
  // Without a usable compiled pack the built-in files already read are parsed like the user's.
  const user = readSources(userPaths);
  const parsed = parseSources(compiled ? user.sources : [...builtin.sources, ...user.sources]);
  const files = [...(compiled ?? []), ...parsed.files];
  const readProblems = compiled ? user.problems : [...builtin.problems, ...user.problems];
  return { files, problems: [...readProblems, ...parsed.problems, ...checkSemantics(files)] };
}

/** The built-in files read from their YAML and compiled for the build (scripts/compile-rules.ts); any problem is thrown. */
export function compileBuiltinRules(): CompiledPack {
  const read = readSources(listRuleFiles(BUILTIN_RULES_DIR));
  const parsed = parseSources(read.sources);
  const problems = [...read.problems, ...parsed.problems, ...checkSemantics(parsed.files)];
  if (problems.length > 0) throw new DoctorError('MSSQLDOCTOR_ERR_RULES_INVALID', `${problems.length} problem(s) in the built-in rule files`, problems);
  return compilePack(parsed.files, sourcesHash(read.sources));
}

function builtinVersion(): string {
  return (JSON.parse(readFileSync(BUILTIN_PACK_MANIFEST, 'utf8')) as { version: string }).version;
}

/** The status a rule has when its file does not say. */
export const DEFAULT_STATUS: RuleStatus = 'stable';

/** Every path's rule files, built-in first; all of them load, or none (a problem anywhere is thrown). */
export function loadRulePack(extraPaths: readonly string[] = []): RulePack {
  // A file named twice (a user passing rules/ itself, or one directory in both --rules and the environment)
  // loads once, where it first appears.
  const paths = [...new Set([BUILTIN_RULES_DIR, ...extraPaths].flatMap(listRuleFiles).map((path) => resolve(path)))];
  const builtinCount = listRuleFiles(BUILTIN_RULES_DIR).length;
  const { files, problems } = readPackFiles(paths.slice(0, builtinCount), paths.slice(builtinCount));
  if (problems.length > 0) {
    throw new DoctorError('MSSQLDOCTOR_ERR_RULES_INVALID', `${problems.length} problem(s) in rule files`, problems);
  }
  const causes = new Map<string, CauseDef>();
  const checks = new Map<string, CheckDef>();
  const rules: RuleDef[] = [];
  const replaced = new Map<string, string>();
  const origins = new Map<string, Origin>();
  const examples: PackExample[] = [];
  for (const { source, content } of files) {
    const at = (path: Array<string | number>) => ({ file: source.file, line: source.locate(path).line });
    content.causes?.forEach((cause) => causes.set(cause.id, cause));
    content.checks?.forEach((check) => checks.set(check.id, check));
    (content.rules as RuleDef[] | undefined)?.forEach((rule, index) => {
      rules.push(rule);
      origins.set(rule.id, at(['rules', index]));
      for (const old of rule.replaces ?? []) replaced.set(old, rule.id);
    });
    content.examples?.forEach((example, index) => examples.push({ example, origin: at(['examples', index]) }));
  }
  const overridden = applyOverrides({ causes, rules, replaced }, files);
  return {
    version: builtinVersion(),
    causes: overridden.causes,
    checks,
    rules: overridden.rules.filter((rule) => !overridden.disabled.has(rule.id)),
    disabled: overridden.rules.filter((rule) => overridden.disabled.has(rule.id)),
    replaced,
    origins,
    overrides: overridden.applied,
    examples,
    files: paths.map(displayName),
  };
}

/** The rule an id names, directly or through `replaces`. */
export function findRule(pack: RulePack, id: string): { rule: RuleDef; disabled: boolean; via?: string } | undefined {
  const current = pack.replaced.get(id) ?? id;
  const via = current === id ? {} : { via: id };
  const active = pack.rules.find((r) => r.id === current);
  if (active) return { rule: active, disabled: false, ...via };
  const off = pack.disabled.find((r) => r.id === current);
  return off ? { rule: off, disabled: true, ...via } : undefined;
}
