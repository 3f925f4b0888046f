// The rule pack: built-in rules/*.yaml plus any user directories, parsed, validated and indexed by id.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DoctorError, type Problem } from '../errors.js';
import { BUILTIN_RULES_DIR, PACKAGE_ROOT } from '../package-root.js';
import type { CauseDef, CheckDef, RuleDef, RuleFile } from '../schemas/rule-file.js';
import { checkRuleFileSchema } from './schema-check.js';
import { checkSemantics } from './semantic-check.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export interface LoadedRuleFile {
  source: YamlSource;
  content: RuleFile;
}

export interface RulePack {
  causes: ReadonlyMap<string, CauseDef>;
  checks: ReadonlyMap<string, CheckDef>;
  rules: readonly RuleDef[];
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

function displayName(file: string): string {
  const fromRoot = relative(PACKAGE_ROOT, file);
  return fromRoot.startsWith('..') ? file : fromRoot;
}

/** Parses and validates rule files; returns every problem found, never throws on bad content. */
export function readRuleFiles(paths: readonly string[]): { files: LoadedRuleFile[]; problems: Problem[] } {
  const files: LoadedRuleFile[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      problems.push({ file: displayName(path), line: 1, col: 1, code: 'UNREADABLE', message: (error as Error).message });
      continue;
    }
    const parsed = parseYamlSource(displayName(path), text);
    problems.push(...parsed.problems);
    if (!parsed.source) continue;
    const checked = checkRuleFileSchema(parsed.source);
    problems.push(...checked.problems);
    if (checked.file) files.push({ source: parsed.source, content: checked.file });
  }
  problems.push(...checkSemantics(files));
  return { files, problems };
}

export function loadRulePack(extraDirs: readonly string[] = []): RulePack {
  const paths = [BUILTIN_RULES_DIR, ...extraDirs].flatMap(listRuleFiles);
  const { files, problems } = readRuleFiles(paths);
  if (problems.length > 0) {
    throw new DoctorError('MSSQLDOCTOR_ERR_RULES_INVALID', `${problems.length} problem(s) in rule files`, problems);
  }
  const causes = new Map<string, CauseDef>();
  const checks = new Map<string, CheckDef>();
  const rules: RuleDef[] = [];
  for (const { content } of files) {
    for (const cause of content.causes ?? []) causes.set(cause.id, cause);
    for (const check of content.checks ?? []) checks.set(check.id, check);
    rules.push(...((content.rules ?? []) as RuleDef[]));
  }
  return { causes, checks, rules, files: paths.map(displayName) };
}
