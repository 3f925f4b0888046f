// Reads the public error corpus (test/fixtures/corpus/<provider>.yaml) into typed entries, checking their shape.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FAMILIES, PROVIDERS, type Family, type Provider } from '../schemas/vocabulary.js';
import { CATALOGUE_CAUSE_IDS } from './cause-catalogue.js';

/** One real error text, with where it came from and what a person reading the thread says failed. */
export interface CorpusEntry {
  id: string;
  source: string;
  provider: Provider;
  family: Family;
  cause?: string;
  note?: string;
  text: string;
  /** The YAML file the entry came from, for messages. */
  file: string;
}

const REQUIRED = ['id', 'source', 'provider', 'family', 'text'] as const;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems with one raw entry, as sentences ('' list when it is well formed). */
export function entryProblems(raw: unknown, knownCauses: ReadonlySet<string>): string[] {
  if (!isRecord(raw)) return ['entry is not a mapping'];
  const problems: string[] = [];
  for (const key of REQUIRED) {
    if (typeof raw[key] !== 'string' || (raw[key] as string).trim() === '') problems.push(`"${key}" is missing or empty`);
  }
  if (typeof raw.provider === 'string' && !(PROVIDERS as readonly string[]).includes(raw.provider)) {
    problems.push(`unknown provider "${raw.provider}"`);
  }
  // "unknown" is what the doctor says when it recognises nothing; a person labelling a real text never should.
  if (typeof raw.family === 'string' && (!(FAMILIES as readonly string[]).includes(raw.family) || raw.family === 'unknown')) {
    problems.push(`unknown family "${raw.family}"`);
  }
  if (raw.cause !== undefined && (typeof raw.cause !== 'string' || !knownCauses.has(raw.cause))) {
    problems.push(`cause "${String(raw.cause)}" is not in the catalogue`);
  }
  if (typeof raw.source === 'string' && !/^https?:\/\//.test(raw.source)) problems.push('source is not a URL');
  return problems;
}

export interface LoadedCorpus {
  entries: CorpusEntry[];
  problems: string[];
}

/** Entries of every *.yaml in `dir`, in file order; malformed entries become problems, not entries. */
export function loadCorpus(dir: string, extraCauses: Iterable<string> = []): LoadedCorpus {
  const knownCauses = new Set<string>([...CATALOGUE_CAUSE_IDS, ...extraCauses]);
  const entries: CorpusEntry[] = [];
  const problems: string[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(dir, file), 'utf8'));
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    if (!Array.isArray(doc)) {
      problems.push(`${file}: not a list of entries`);
      continue;
    }
    doc.forEach((raw: unknown, index) => {
      const found = entryProblems(raw, knownCauses);
      const where = `${file}[${index}]${isRecord(raw) && typeof raw.id === 'string' ? ` ${raw.id}` : ''}`;
      if (found.length > 0) problems.push(...found.map((p) => `${where}: ${p}`));
      else entries.push({ ...(raw as unknown as Omit<CorpusEntry, 'file'>), file });
    });
  }
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) problems.push(`${e.file} ${e.id}: duplicate id`);
    seen.add(e.id);
  }
  return { entries, problems };
}
