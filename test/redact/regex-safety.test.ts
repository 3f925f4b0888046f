// Every pattern of the redactor is safe from catastrophic backtracking, by recheck's analysis (the checker user
// rules go through, src/rules/regex-check.ts): the literals of src/redact/*.ts as written, and the patterns built
// from the catalogue as they run. bench/redact.bench.ts times them on adversarial 256 KiB inputs.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { SHAPES } from '../../src/redact/shapes/index.js';
import { REPO_ROOT } from '../helpers.js';

const recheck = createRequire(import.meta.url)('recheck') as typeof import('recheck');
const DIR = `${REPO_ROOT}src/redact/`;

/** The regular expression literals of a source file, with the line each is on. */
function literals(file: string): Array<{ where: string; source: string; flags: string }> {
  const source = ts.createSourceFile(file, readFileSync(DIR + file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ where: string; source: string; flags: string }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const text = node.getText();
      const slash = text.lastIndexOf('/');
      found.push({ where: `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`, source: text.slice(1, slash), flags: text.slice(slash + 1) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const patterns = [
  ...readdirSync(DIR).filter((f) => f.endsWith('.ts')).flatMap(literals),
  ...SHAPES.map((shape) => ({ where: `shape ${shape.name}`, source: shape.pattern.source, flags: shape.pattern.flags })),
];

describe('the redactor\'s patterns', () => {
  it('are all found (the literals and every shape)', () => {
    expect(patterns.length).toBeGreaterThan(SHAPES.length + 10);
  });

  it.each(patterns.map((p) => [p.where, p] as const))('%s is safe', (_where, { source, flags }) => {
    const diagnostics = recheck.checkSync(source, flags, { timeout: 20_000, randomSeed: 1 });
    expect({ source, status: diagnostics.status, detail: diagnostics.status === 'vulnerable' ? diagnostics.attack.pattern : diagnostics.status === 'unknown' ? diagnostics.error : undefined }).toEqual({ source, status: 'safe', detail: undefined });
  });
});
