// Regenerates schemas/*.json from src/schemas/ (run `npm run schemas`; a test fails when they drift).
import { writeFileSync } from 'node:fs';
import { PUBLISHED_SCHEMAS, renderSchema } from '../src/schemas/index.js';

for (const [file, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
  writeFileSync(new URL(`../schemas/${file}`, import.meta.url), renderSchema(schema));
  console.log(`wrote schemas/${file}`);
}
