// Everything besides the error text → facts: connection strings, labelled evidence, and unlabelled
// pastes split into their parts. Error text found among the evidence goes back to the normalizers.
import type { Facts } from '../schemas/facts.js';
import type { DiagnoseInput } from '../schemas/input.js';
import { EVIDENCE_PARSERS, PARSERS } from './index.js';
import { splitPaste } from './split.js';
import type { EvidenceResult } from './types.js';

export interface EvidenceReading {
  facts: Facts;
  sources: Record<string, string>;
  warnings: string[];
  /** Parts of pastes that are client error text. */
  errorTexts: string[];
}

/** Later evidence of the same fact adds to a list (two netstat pastes) or replaces a single value. */
function merge(into: EvidenceReading, result: EvidenceResult, label: string): void {
  for (const [name, value] of Object.entries(result.facts)) {
    const current = (into.facts as Record<string, unknown>)[name];
    (into.facts as Record<string, unknown>)[name] = Array.isArray(current) && Array.isArray(value) ? [...current, ...value] : value;
  }
  for (const [name, line] of Object.entries(result.sources ?? {})) if (line) into.sources[name] = line;
  into.warnings.push(...result.warnings.map((w) => `${label}: ${w}`));
}

/** `redacted`: the text is part of the paste, which the doctor already redacted. */
type Item = { kind?: keyof typeof EVIDENCE_PARSERS; text: string; label: string; redacted?: boolean };

/**
 * Reads the evidence items and the evidence parts of the pasted text. `redact` masks secrets in each
 * text before any parser sees it.
 */
export function readEvidence(input: DiagnoseInput, text: string, redact: (text: string, what: string) => string): EvidenceReading {
  const reading: EvidenceReading = { facts: {}, sources: {}, warnings: [], errorTexts: [] };
  const items: Item[] = [
    ...(input.connectionString !== undefined ? [{ kind: 'connection_string' as const, text: input.connectionString, label: 'connection string' }] : []),
    ...(input.evidence ?? []).map((e, i) => ({ ...e, label: `evidence #${i + 1}${e.kind ? ` (${e.kind})` : ''}` })),
  ];

  // The pasted text may itself carry evidence after the error ("…refused it. / netstat -aon: …").
  const pasted = splitPaste(text, PARSERS);
  for (const part of pasted) {
    if (part.kind === 'error' || part.kind === undefined) reading.errorTexts.push(part.text);
    else items.push({ kind: part.kind, text: part.text, label: `the pasted ${part.kind}`, redacted: true });
  }
  // ERRORLOG lines pasted as the error ("ERROR: Unable to set system administrator password: …" from a container
  // log) are the server's own messages: with no client error beside them, they are the error too. Beside a client's
  // error they stay evidence only, so old login failures of other applications cannot take over the family.
  if (reading.errorTexts.length === 0) reading.errorTexts.push(...pasted.filter((p) => p.kind === 'errorlog').map((p) => p.text));

  for (const item of items) {
    const clean = item.redacted ? item.text : redact(item.text, item.label);
    if (item.kind) {
      merge(reading, EVIDENCE_PARSERS[item.kind].parser.parse(clean), item.label);
      continue;
    }
    const parts = splitPaste(clean, PARSERS);
    for (const part of parts) {
      if (part.kind === 'error') reading.errorTexts.push(part.text);
      else if (part.kind) merge(reading, EVIDENCE_PARSERS[part.kind].parser.parse(part.text), `${item.label} (${part.kind})`);
      else {
        reading.warnings.push(
          `${item.label}: could not tell what this is; label it with its kind (${Object.keys(EVIDENCE_PARSERS).join(', ')}): --evidence netstat=FILE on the command line, "kind": "netstat" in the API`,
        );
      }
    }
  }
  return reading;
}
