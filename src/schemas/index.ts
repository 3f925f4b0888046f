// The JSON Schemas written to schemas/*.json, by file name.
import type { TSchema } from '@sinclair/typebox';
import { ConfigSchema } from './config.js';
import { DiagnosisSchema } from './diagnosis.js';
import { FactsSchema } from './facts.js';
import { DiagnoseInputSchema } from './input.js';
import { RuleFileSchema } from './rule-file.js';
import { ScanReportSchema } from './scan-report.js';

export const PUBLISHED_SCHEMAS: Record<string, TSchema> = {
  'rule.schema.json': RuleFileSchema,
  'facts.schema.json': FactsSchema,
  'diagnosis.schema.json': DiagnosisSchema,
  'input.schema.json': DiagnoseInputSchema,
  'config.schema.json': ConfigSchema,
  'scan-report.schema.json': ScanReportSchema,
};

/** The exact text committed under schemas/ for a schema. */
export function renderSchema(schema: TSchema): string {
  return `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...schema }, null, 2)}\n`;
}
