// The real texts and captures the fuzzer mutates: every fixture of test/fixtures/, by what it is (a client's error,
// one kind of evidence, a log, an upstream's message source, a pasted secret). Read once, on first use.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { EvidenceKind } from '../../src/schemas/vocabulary.js';
import { once } from '../../src/lazy.js';
import { secretShapes, type SecretShape } from '../redact/secrets-corpus.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Evidence folders of test/fixtures/evidence/ (and the seed's artefacts) by the kind of evidence they hold. */
const EVIDENCE_FOLDERS: Readonly<Record<string, EvidenceKind>> = {
  aliases: 'alias',
  alias: 'alias',
  capture: 'capture',
  errorlog: 'errorlog',
  processes: 'tasklist',
  sockets: 'netstat',
  netstat: 'netstat',
  'connection-strings': 'connection_string',
};

export interface Seeds {
  /** Client error pastes: test/fixtures/errors, providers, real-clients, the seed, and the corpus's texts. */
  errors: string[];
  /** Evidence texts by kind (capture files are in `captures`). */
  evidence: Record<EvidenceKind, string[]>;
  logs: string[];
  /** Upstream sources of the message catalogue (C, C#, Java, resx, po…): real message wording in real surroundings. */
  messageSources: string[];
  /** pcap and pcapng files. */
  captures: Uint8Array[];
  secretShapes: SecretShape[];
  /** Every text above. */
  all: string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The pasted texts a fixture list holds: its entries' `text` fields (corpus files, connection strings). */
function yamlTexts(file: string): string[] {
  const entries: unknown = parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown) => (typeof (entry as { text?: unknown })?.text === 'string' ? [(entry as { text: string }).text] : []));
}

const isCapture = (file: string) => ['.pcap', '.pcapng'].includes(extname(file));
const isProvenance = (file: string) => /^(?:SOURCES|README)\.(?:ya?ml|md)$/.test(file.split(sep).at(-1) ?? '');

export const seeds = once((): Seeds => {
  const evidence = Object.fromEntries(Object.values(EVIDENCE_FOLDERS).map((kind) => [kind, [] as string[]])) as Record<EvidenceKind, string[]>;
  const found: Omit<Seeds, 'all' | 'evidence' | 'secretShapes'> = { errors: [], logs: [], messageSources: [], captures: [] };
  for (const file of filesUnder(FIXTURES)) {
    const [area, folder] = relative(FIXTURES, file).split(sep);
    if (isCapture(file)) {
      found.captures.push(new Uint8Array(readFileSync(file)));
    } else if (area === 'evidence' && folder === 'connection-strings') {
      evidence.connection_string.push(...yamlTexts(file));
    } else if (isProvenance(file)) {
      continue;
    } else if (area === 'evidence' || (area === 'seed' && folder === 'artefacts')) {
      const kind = EVIDENCE_FOLDERS[area === 'seed' ? (file.split(sep).at(-1)?.replace(/\.txt$/, '') ?? '') : (folder ?? '')];
      if (kind) evidence[kind].push(readFileSync(file, 'utf8'));
    } else if (area === 'corpus') {
      found.errors.push(...yamlTexts(file));
    } else if (['errors', 'providers', 'real-clients', 'seed'].includes(area ?? '')) {
      found.errors.push(readFileSync(file, 'utf8'));
    } else if (area === 'logs') {
      found.logs.push(readFileSync(file, 'utf8'));
    } else if (area === 'messages') {
      found.messageSources.push(readFileSync(file, 'utf8'));
    }
  }
  const shapes = secretShapes();
  evidence.connection_string.push(...shapes.filter((s) => s.kind === 'connection-string' || s.kind === 'url').map((s) => s.paste));
  const all = [...found.errors, ...Object.values(evidence).flat(), ...found.logs, ...found.messageSources, ...shapes.map((s) => s.paste)];
  return { ...found, evidence, secretShapes: shapes, all };
});
