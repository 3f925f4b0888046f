// schemas/*.json and docs/*.md references are generated from the code; the committed copies must match.
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { renderEvidenceDoc } from '../../src/evidence/evidence-doc.js';
import { renderRuleFormatDoc } from '../../src/rules/rule-format-doc.js';
import { renderFactsDoc } from '../../src/schemas/facts-doc.js';
import { PUBLISHED_SCHEMAS, renderSchema } from '../../src/schemas/index.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('generated files are up to date (run `npm run schemas` after changing src/schemas/)', () => {
  it.each(Object.keys(PUBLISHED_SCHEMAS))('schemas/%s', (file) => {
    expect(read(`schemas/${file}`)).toBe(renderSchema(PUBLISHED_SCHEMAS[file] as never));
  });

  it('docs/facts.md', () => {
    expect(read('docs/facts.md')).toBe(renderFactsDoc());
  });

  it('docs/evidence.md', () => {
    expect(read('docs/evidence.md')).toBe(renderEvidenceDoc());
  });

  it('docs/rule-format.md', () => {
    expect(read('docs/rule-format.md')).toBe(renderRuleFormatDoc());
  });
});

// src/engine/input-check.ts compiles with validateSchema: false, so that run-time start-up skips the meta-schema.
describe('published schemas are valid JSON Schema', () => {
  const ajv = new Ajv({ strict: true, strictTuples: false });
  (ajvFormats.default as unknown as typeof ajvFormats.default.default)(ajv);
  ajv.addKeyword('markdownEnumDescriptions');

  it.each(Object.keys(PUBLISHED_SCHEMAS))('schemas/%s', (file) => {
    const schema = JSON.parse(read(`schemas/${file}`)) as object;
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(ajv.errors ?? []).toEqual([]);
  });
});
