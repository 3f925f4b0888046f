// The pipeline: redact → normalize → evidence → facts → rules → rank → next checks → redaction sweep.
import { readEvidence } from './evidence/read-evidence.js';
import { checkCallerFacts, checkInput } from './engine/input-check.js';
import { deriveFacts, deriveSources } from './engine/derive.js';
import { firedRules, rulesForFamily } from './engine/evaluate.js';
import { nextChecks } from './engine/next-checks.js';
import { rankCauses } from './engine/rank.js';
import { normalize } from './normalize/index.js';
import { redactText, sweepSecrets } from './redact.js';
import { loadRulePack, type RulePack } from './rules/rule-pack.js';
import type { Diagnosis } from './schemas/diagnosis.js';
import type { Facts } from './schemas/facts.js';
import type { DiagnoseInput } from './schemas/input.js';
import type { EvidenceKind, Family } from './schemas/vocabulary.js';

/** Longer pastes are logs: `mssql-doctor scan` is for those. */
export const MAX_TEXT_LENGTH = 256 * 1024;
/** Captures come as base64; a few MB of packets is plenty for one failing connection attempt. */
export const MAX_CAPTURE_LENGTH = 8 * 1024 * 1024;

/** diagnose() input: the JSON contract, plus capture files as bytes for library callers. */
export type LibraryInput = Omit<DiagnoseInput, 'evidence'> & {
  evidence?: Array<{ kind?: EvidenceKind; text: string | Uint8Array }>;
};

export interface DoctorOptions {
  /** Rule directories or files loaded after the built-in rules, in this order. */
  rules?: readonly string[];
}

export interface Doctor {
  readonly pack: RulePack;
  diagnose(input: LibraryInput | string): Promise<Diagnosis>;
}

function withoutTargetFacts(facts: Facts): Facts {
  return Object.fromEntries(Object.entries(facts).filter(([name]) => !name.startsWith('target.'))) as Facts;
}

function clip(text: string, what: string, warnings: string[], limit: number): string {
  if (text.length <= limit) return text;
  warnings.push(`${what} is ${text.length} characters; only the first ${limit} were read`);
  return text.slice(0, limit);
}

/** The library also takes a capture file's bytes; JSON carries them as base64 text. */
function withBinaryEvidenceEncoded(input: LibraryInput | string): DiagnoseInput | string {
  if (typeof input === 'string' || !input?.evidence?.some((e) => e.text instanceof Uint8Array)) return input as DiagnoseInput | string;
  return {
    ...input,
    evidence: input.evidence.map((e) =>
      e.text instanceof Uint8Array ? { kind: e.kind ?? 'capture', text: Buffer.from(e.text).toString('base64') } : { ...e, text: e.text },
    ),
  };
}

export function createDoctor(options: DoctorOptions = {}): Doctor {
  return doctorWithPack(loadRulePack(options.rules ?? []));
}

/** A doctor over a rule pack already loaded (rules test runs a pack's examples with it). */
export function doctorWithPack(pack: RulePack): Doctor {
  async function diagnose(rawInput: LibraryInput | string): Promise<Diagnosis> {
    const input = checkInput(withBinaryEvidenceEncoded(rawInput));
    const warnings: string[] = [];
    const secrets: string[] = [];
    const redact = (text: string, what: string) => {
      const redacted = redactText(clip(text, what, warnings, /capture/.test(what) ? MAX_CAPTURE_LENGTH : MAX_TEXT_LENGTH));
      secrets.push(...redacted.secrets);
      return redacted.text;
    };

    const text = redact(input.text ?? '', 'the pasted text');
    const evidence = readEvidence(input, text, redact);
    const normalized = normalize(evidence.errorTexts.join('\n\n'));
    warnings.push(...normalized.warnings, ...evidence.warnings);
    const sources: Record<string, string | undefined> = { ...normalized.sources, ...evidence.sources };
    // Evidence that names the target (a connection string) names it as a whole: no port or instance
    // read from the error text may stay attached to a host it does not name.
    let facts: Facts = evidence.facts['target.host'] !== undefined ? withoutTargetFacts(normalized.facts) : { ...normalized.facts };
    facts = { ...facts, ...evidence.facts };
    if (input.probe) warnings.push('live probes are not available in this version; nothing was probed');

    const caller = checkCallerFacts(input.facts ?? {});
    warnings.push(...caller.warnings);
    facts = deriveFacts({ ...facts, ...caller.facts });

    const family = (facts['error.family'] as Family | undefined) ?? normalized.family;
    const context = { facts: facts as Record<string, unknown>, sources: deriveSources(sources) };
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
export function diagnose(input: LibraryInput | string): Promise<Diagnosis> {
  defaultDoctor ??= createDoctor();
  return defaultDoctor.diagnose(input);
}
