// The build's compiled built-in pack (src/rules/compiled-pack.ts) must load exactly what the YAML says, and
// must never be used once a rule file changed after the build.
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR } from '../../src/package-root.js';
import { COMPILED_PACK_FILE, readCompiledPack } from '../../src/rules/compiled-pack.js';
import { compileBuiltinRules, displayName, listRuleFiles, loadRulePack, readRuleFiles } from '../../src/rules/rule-pack.js';
import type { Path } from '../../src/rules/yaml-source.js';
import { userRuleYaml } from '../helpers.js';

const builtinPaths = listRuleFiles(BUILTIN_RULES_DIR);
const sources = builtinPaths.map((path) => ({ name: displayName(path), text: readFileSync(path, 'utf8') }));
const fromYaml = readRuleFiles(builtinPaths);
const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-pack-'));
const packFile = join(dir, 'builtin-pack.json');
writeFileSync(packFile, JSON.stringify(compileBuiltinRules()));

/** Every path of a value, as far down as it goes. */
function allPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, i) => allPaths(item, [...path, i]))];
  if (value !== null && typeof value === 'object') return [path, ...Object.entries(value).flatMap(([key, item]) => allPaths(item, [...path, key]))];
  return [path];
}

describe('compiled built-in pack', () => {
  it('holds the same files and content as the YAML', () => {
    expect(fromYaml.problems).toEqual([]);
    const compiled = readCompiledPack(sources, packFile);
    expect(compiled?.map((f) => f.source.file)).toEqual(fromYaml.files.map((f) => f.source.file));
    expect(compiled?.map((f) => f.content)).toEqual(fromYaml.files.map((f) => f.content));
  });

  it('locates ids and origins where the YAML parser does, and deeper nodes at an ancestor', () => {
    const compiled = readCompiledPack(sources, packFile) ?? [];
    let deep = 0;
    fromYaml.files.forEach((yamlFile, index) => {
      const compiledFile = compiled[index];
      for (const path of allPaths(yamlFile.source.data)) {
        const at = compiledFile?.source.locate(path);
        if (path.length <= 4) {
          expect({ path, at }).toEqual({ path, at: yamlFile.source.locate(path) });
        } else {
          deep++;
          expect({ path, at }).toEqual({ path, at: yamlFile.source.locate(path.slice(0, 4)) });
        }
      }
    });
    expect(deep).toBeGreaterThan(0);
  });

  it('is not used once a rule file changed, or when it is missing, corrupt or of another format', () => {
    const edited = sources.map((s, i) => (i === 0 ? { ...s, text: `${s.text}\n# edited after the build\n` } : s));
    expect(readCompiledPack(sources, packFile)).toBeDefined();
    expect(readCompiledPack(edited, packFile)).toBeUndefined();
    expect(readCompiledPack(sources.slice(1), packFile)).toBeUndefined();
    expect(readCompiledPack(sources, join(dir, 'missing.json'))).toBeUndefined();
    writeFileSync(join(dir, 'corrupt.json'), '{"format": 1, "hash": ');
    expect(readCompiledPack(sources, join(dir, 'corrupt.json'))).toBeUndefined();
    const other = { ...(JSON.parse(readFileSync(packFile, 'utf8')) as object), format: 0 };
    writeFileSync(join(dir, 'other.json'), JSON.stringify(other));
    expect(readCompiledPack(sources, join(dir, 'other.json'))).toBeUndefined();
  });

  // The build (npm ci → npm run build) writes it; without it every run parses the YAML again, slowly but correctly.
  const built = existsSync(COMPILED_PACK_FILE);
  if (!built && process.env.CI) throw new Error(`${COMPILED_PACK_FILE} must exist in CI: npm ci runs the build that writes it`);
  (built ? it : it.skip)('the build wrote it from the rule files as they are now (else: npm run build)', () => {
    expect(readCompiledPack(sources)).toBeDefined();
  });

  it('checks user rule files together with the compiled built-ins: an id the built-ins define is named with its place', () => {
    const userDir = mkdtempSync(join(tmpdir(), 'mssql-doctor-user-rules-'));
    const builtinRule = fromYaml.files[0]?.content.rules?.[0];
    if (!builtinRule) throw new Error('no built-in rule');
    writeFileSync(join(userDir, 'team.yaml'), userRuleYaml({ id: builtinRule.id }));
    const where = `${fromYaml.files[0]?.source.file}:${fromYaml.files[0]?.source.locate(['rules', 0, 'id']).line}`;
    expect(() => loadRulePack([userDir])).toThrow(expect.objectContaining({
      problems: [expect.objectContaining({ code: 'DUPLICATE_ID', message: `rule id "${builtinRule.id}" is already defined at ${where}` })],
    }));
  });

  it('gives the same pack as the YAML, user rules included', () => {
    const userDir = mkdtempSync(join(tmpdir(), 'mssql-doctor-user-rules-'));
    writeFileSync(join(userDir, 'team.yaml'), userRuleYaml());
    const pack = loadRulePack([userDir]);
    expect(pack.rules.map((r) => r.id)).toEqual([...fromYaml.files.flatMap((f) => (f.content.rules ?? []).map((r) => r.id)), 'team-refused-vpn']);
    for (const file of fromYaml.files) {
      (file.content.rules ?? []).forEach((rule, index) => {
        expect(pack.origins.get(rule.id)).toEqual({ file: file.source.file, line: file.source.locate(['rules', index]).line });
      });
    }
    const exampleOrigins = fromYaml.files.flatMap((file) => (file.content.examples ?? []).map((_, index) => ({ file: file.source.file, line: file.source.locate(['examples', index]).line })));
    expect(exampleOrigins.length).toBeGreaterThan(0);
    expect(pack.examples.map((e) => e.origin)).toEqual(exampleOrigins);
  });
});
