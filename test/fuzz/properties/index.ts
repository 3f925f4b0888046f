// Every fuzz property, in the order the runner takes them round-robin.
import type { FuzzProperty } from '../property.js';
import { BINARY_PROPERTIES } from './binary.js';
import { CLI_PROPERTIES } from './cli.js';
import { DIAGNOSE_PROPERTIES } from './diagnose.js';
import { EVIDENCE_PROPERTIES } from './evidence.js';
import { HTTP_PROPERTIES } from './http.js';
import { RULES_PROPERTIES } from './rules.js';
import { TEXT_PROPERTIES } from './text.js';

const weighted = (properties: readonly FuzzProperty[], weight: number) => properties.map((p) => ({ ...p, weight }));

/**
 * Time shares: the entry points (diagnose, scanLogs, the HTTP API) run every reader below them and are the slowest
 * per case, so they get the most; the byte codecs, thousands of cases a second, the least. The CLI (a process per
 * case) and rule files (a rule pack per case) get as much as the entry points: at a case or two a second, less would
 * leave them a few dozen cases in a long run.
 */
export const FUZZ_PROPERTIES: readonly FuzzProperty[] = [
  ...weighted(TEXT_PROPERTIES, 2),
  ...weighted(EVIDENCE_PROPERTIES, 2),
  ...weighted(BINARY_PROPERTIES, 1),
  ...weighted(DIAGNOSE_PROPERTIES, 4),
  ...weighted(HTTP_PROPERTIES, 4),
  ...weighted(RULES_PROPERTIES, 4),
  ...weighted(CLI_PROPERTIES, 4),
];

const names = FUZZ_PROPERTIES.map((p) => p.name);
const repeated = names.find((name, i) => names.indexOf(name) !== i);
if (repeated) throw new Error(`two fuzz properties are named ${repeated}`);
