// `npm run messages:build`: merges messages/sources/*.json, messages/curated/*.yaml and messages/meanings.yaml into
// messages/catalogue.json, proving on the way that every entry's example reads back as that entry and that every
// pattern shape is linear (recheck). `--check` writes nothing and fails when the committed file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { CATALOGUE_FILE, indexCatalogue } from '../../src/messages/catalogue.js';
import { buildCatalogue } from './catalogue-build.js';
import { examplesThatDoNotReadBack, patternShapes, shapesNotLinear } from './catalogue-checks.js';
import { readCatalogueInputs } from './catalogue-inputs.js';
import { renderSourcesDoc, SOURCES_DOC_FILE } from './sources-doc.js';

const args = new Set(process.argv.slice(2));
const { inputs, meanings, sources, harvests } = readCatalogueInputs();

const { file, report } = buildCatalogue(inputs, meanings, sources);
const problems = [...report.problems];
problems.push(...examplesThatDoNotReadBack(inputs, indexCatalogue(file)));
if (!args.has('--no-recheck')) {
  const shapes = patternShapes(inputs);
  problems.push(...(await shapesNotLinear(shapes)));
  console.log(`recheck: ${shapes.length} pattern shapes, every one linear unless listed below`);
}

for (const [source, locales] of Object.entries(report.bySource)) {
  const total = Object.values(locales).reduce((a, b) => a + b, 0);
  console.log(`${source}: ${total} (${Object.entries(locales).map(([l, n]) => `${l} ${n}`).join(', ')})`);
}
console.log(`${report.entries} entries, ${Object.keys(file.meanings).length} meanings, ${report.excluded.length} templates excluded`);
for (const problem of problems) console.error(`problem: ${problem}`);

const outputs = [
  { path: CATALOGUE_FILE, name: 'messages/catalogue.json', text: `${JSON.stringify(file)}\n` },
  { path: SOURCES_DOC_FILE, name: 'docs/catalogue-sources.md', text: renderSourcesDoc(sources, harvests, report) },
];
for (const { path, name, text } of outputs) {
  if (args.has('--check')) {
    if (readFileSync(path, 'utf8') !== text) {
      console.error(`${name} is not what the sources build: run npm run messages:build`);
      process.exitCode = 1;
    }
  } else if (problems.length === 0) {
    writeFileSync(path, text);
    console.log(`wrote ${name} (${(text.length / 1024).toFixed(0)} KiB)`);
  }
}
if (problems.length > 0) process.exitCode = 1;
