// The pipeline: redact → normalize → evidence → facts → rules → rank → next checks → redaction sweep.
import { parseConnectionString } from './evidence/connection-string.js';
import { checkCallerFacts, checkInput } from './engine/input-check.js';
import { deriveFacts } from './engine/derive.js';
import { firedRules, rulesForFamily } from './engine/evaluate.js';
import { nextChecks } from './engine/next-checks.js';
import { rankCauses } from './engine/rank.js';
import { normalize } from './normalize/index.js';
import { redactText, sweepSecrets } from './redact.js';
import { loadRulePack, type RulePack } from './rules/rule-pack.js';
import type { Diagnosis } from './schemas/diagnosis.js';
import type { Facts } from './schemas/facts.js';
import type { DiagnoseInput } from './schemas/input.js';
import type { Family } from './schemas/vocabulary.js';

/** Longer pastes are logs: `mssql-doctor scan` is for those. */
export const MAX_TEXT_LENGTH = 256 * 1024;

export interface DoctorOptions {
  /** Rule directories or files loaded after the built-in rules. */
  rules?: readonly string[];
}

export interface Doctor {
  readonly pack: RulePack;
  diagnose(input: DiagnoseInput | string): Promise<Diagnosis>;
}

/** Evidence artefacts → facts. Connection strings are read; the other kinds arrive with their parsers. */
function readEvidence(input: DiagnoseInput, redact: (text: string, what: string) => string) {
  const facts: Facts = {};
  const sources: Record<string, string> = {};
  const warnings: string[] = [];
  const items = [
    ...(input.connectionString !== undefined ? [{ kind: 'connection_string' as const, text: input.connectionString }] : []),
    ...(input.evidence ?? []),
  ];
  for (const [index, item] of items.entries()) {
    const text = redact(item.text, `evidence #${index + 1}`);
    if (item.kind !== 'connection_string') {
      warnings.push(
        `evidence #${index + 1}${item.kind ? ` (${item.kind})` : ''} was not read: only connection strings are parsed in this version; pass what it shows as facts`,
      );
      continue;
    }
    const read = parseConnectionString(text);
    warnings.push(...read.warnings);
    Object.assign(facts, read.facts);
    for (const name of Object.keys(read.facts)) sources[name] = text.trim();
  }
  return { facts, sources, warnings };
}

function withoutTargetFacts(facts: Facts): Facts {
  return Object.fromEntries(Object.entries(facts).filter(([name]) => !name.startsWith('target.'))) as Facts;
}

function clip(text: string, what: string, warnings: string[]): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  warnings.push(`${what} is ${text.length} characters; only the first ${MAX_TEXT_LENGTH} were read`);
  return text.slice(0, MAX_TEXT_LENGTH);
}

export function createDoctor(options: DoctorOptions = {}): Doctor {
  const pack = loadRulePack(options.rules ?? []);

  async function diagnose(rawInput: DiagnoseInput | string): Promise<Diagnosis> {
    const input = checkInput(rawInput);
    const warnings: string[] = [];
    const secrets: string[] = [];
    const redact = (text: string, what: string) => {
      const redacted = redactText(clip(text, what, warnings));
      secrets.push(...redacted.secrets);
      return redacted.text;
    };

    const normalized = normalize(redact(input.text ?? '', 'the pasted text'));
    warnings.push(...normalized.warnings);
    const sources: Record<string, string | undefined> = { ...normalized.sources };
    let facts: Facts = { ...normalized.facts };

    const evidence = readEvidence(input, redact);
    warnings.push(...evidence.warnings);
    // The connection string names the target as a whole: no port or instance read from the paste
    // may stay attached to a host it does not name.
    if (evidence.facts['target.host'] !== undefined) facts = withoutTargetFacts(facts);
    facts = { ...facts, ...evidence.facts };
    Object.assign(sources, evidence.sources);
    if (input.probe) warnings.push('live probes are not available in this version; nothing was probed');

    const caller = checkCallerFacts(input.facts ?? {});
    warnings.push(...caller.warnings);
    facts = deriveFacts({ ...facts, ...caller.facts });

    const family = (facts['error.family'] as Family | undefined) ?? normalized.family;
    const context = { facts: facts as Record<string, unknown>, sources };
    const fired = await firedRules(rulesForFamily(pack.rules, family), context.facts);
    const causes = rankCauses(pack, fired, context);

    const diagnosis: Diagnosis = {
      family,
      providers: normalized.providers,
      errors: normalized.errors,
      facts,
      causes,
      nextChecks: nextChecks(pack, causes, context),
      warnings,
    };
    return sweepSecrets(diagnosis, secrets);
  }

  return { pack, diagnose };
}

let defaultDoctor: Doctor | undefined;

/** Diagnoses with the built-in rules (the rule pack is loaded once, on first use). */
export function diagnose(input: DiagnoseInput | string): Promise<Diagnosis> {
  defaultDoctor ??= createDoctor();
  return defaultDoctor.diagnose(input);
}
