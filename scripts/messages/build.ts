// `npm run messages:build`: merges messages/sources/*.json, messages/curated/*.yaml and messages/meanings.yaml into
// messages/catalogue.json, proving on the way that every entry's example reads back as that entry and that every
// pattern shape is linear (recheck). `--check` writes nothing and fails when the committed file differs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CATALOGUE_FILE, indexCatalogue } from '../../src/messages/catalogue.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { buildCatalogue, inputsOfCurated, inputsOfSource, type CuratedFile, type InputEntry, type MeaningsFile } from './catalogue-build.js';
import { examplesThatDoNotReadBack, patternShapes, shapesNotLinear } from './catalogue-checks.js';
import type { SourceFile } from './harvest/source-file.js';

const MESSAGES = join(PACKAGE_ROOT, 'messages');
const args = new Set(process.argv.slice(2));

const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

const inputs: InputEntry[] = [];
const sources: Record<string, { title: string; origin: string; licence: string }> = {};
for (const name of jsonFiles(join(MESSAGES, 'sources'))) {
  const file = JSON.parse(readFileSync(join(MESSAGES, 'sources', name), 'utf8')) as SourceFile;
  sources[file.source] = { title: file.title, origin: file.repository, licence: file.licence };
  inputs.push(...inputsOfSource(file));
}
for (const name of yamlFiles(join(MESSAGES, 'curated'))) {
  const file = parse(readFileSync(join(MESSAGES, 'curated', name), 'utf8')) as CuratedFile;
  sources[file.source] = { title: file.title, origin: file.origin, licence: file.licence };
  inputs.push(...inputsOfCurated(file));
}
const meanings = (parse(readFileSync(join(MESSAGES, 'meanings.yaml'), 'utf8')) ?? {}) as MeaningsFile;

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

const text = `${JSON.stringify(file)}\n`;
if (args.has('--check')) {
  const committed = readFileSync(CATALOGUE_FILE, 'utf8');
  if (committed !== text) {
    console.error('messages/catalogue.json is not what the sources build: run npm run messages:build');
    process.exitCode = 1;
  }
} else if (problems.length === 0) {
  writeFileSync(CATALOGUE_FILE, text);
  console.log(`wrote messages/catalogue.json (${(text.length / 1024).toFixed(0)} KiB)`);
}
if (problems.length > 0) process.exitCode = 1;
