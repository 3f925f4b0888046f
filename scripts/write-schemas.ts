// Regenerates schemas/*.json, docs/facts.md, docs/evidence.md and docs/rule-format.md from the code (`npm run schemas`); a test fails
// when the committed copies drift from the code.
import { writeFileSync } from 'node:fs';
import { renderEvidenceDoc } from '../src/evidence/evidence-doc.js';
import { renderRuleFormatDoc } from '../src/rules/rule-format-doc.js';
import { renderFactsDoc } from '../src/schemas/facts-doc.js';
import { PUBLISHED_SCHEMAS, renderSchema } from '../src/schemas/index.js';

for (const [file, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
  writeFileSync(new URL(`../schemas/${file}`, import.meta.url), renderSchema(schema));
  console.log(`wrote schemas/${file}`);
}
writeFileSync(new URL('../docs/facts.md', import.meta.url), renderFactsDoc());
console.log('wrote docs/facts.md');
writeFileSync(new URL('../docs/evidence.md', import.meta.url), renderEvidenceDoc());
console.log('wrote docs/evidence.md');
writeFileSync(new URL('../docs/rule-format.md', import.meta.url), renderRuleFormatDoc());
console.log('wrote docs/rule-format.md');
