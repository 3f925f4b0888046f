// Reads what the catalogue is built from: messages/sources/*.json, messages/curated/*.yaml and messages/meanings.yaml.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CatalogueFile } from '../../src/messages/catalogue.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { inputsOfCurated, inputsOfSource, type CuratedFile, type InputEntry, type MeaningsFile } from './catalogue-build.js';
import type { SourceFile } from './harvest/source-file.js';

export const MESSAGES_DIR = join(PACKAGE_ROOT, 'messages');

export interface CatalogueInputs {
  inputs: InputEntry[];
  sources: CatalogueFile['sources'];
  meanings: MeaningsFile;
  /** The curated files' entries with the text each was seen in, for the build's read-back proof. */
  curated: CuratedFile[];
  /** Per harvested source: how many refs were read and the newest of them (docs/catalogue-sources.md). */
  harvests: Record<string, SourceFile['harvested']>;
}

const filesOf = (dir: string, suffix: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));

export function readCatalogueInputs(dir: string = MESSAGES_DIR): CatalogueInputs {
  const inputs: InputEntry[] = [];
  const sources: CatalogueFile['sources'] = {};
  const curated: CuratedFile[] = [];
  const harvests: CatalogueInputs['harvests'] = {};
  for (const path of filesOf(join(dir, 'sources'), '.json')) {
    const file = JSON.parse(readFileSync(path, 'utf8')) as SourceFile;
    sources[file.source] = { title: file.title, origin: file.repository, licence: file.licence };
    harvests[file.source] = file.harvested;
    inputs.push(...inputsOfSource(file));
  }
  for (const path of filesOf(join(dir, 'curated'), '.yaml')) {
    const file = parse(readFileSync(path, 'utf8')) as CuratedFile;
    sources[file.source] = { title: file.title, origin: file.origin, licence: file.licence };
    inputs.push(...inputsOfCurated(file));
    curated.push(file);
  }
  const meanings = (parse(readFileSync(join(dir, 'meanings.yaml'), 'utf8')) ?? {}) as MeaningsFile;
  return { inputs, sources, meanings, curated, harvests };
}
