// The pipeline: redact → normalize → evidence → (live probes) → facts → rules → sweep of what was read → rank → next checks.
import type { LookupAddress } from 'node:dns';
import { DoctorError } from './errors.js';
import { readEvidence } from './evidence/read-evidence.js';
import { checkCallerFacts, checkDoctorOptions, checkInput } from './engine/input-check.js';
import { deriveFacts, deriveSources } from './engine/derive.js';
import { firedRules, rulesForFamily } from './engine/evaluate.js';
import { nextChecks } from './engine/next-checks.js';
import { rankCauses } from './engine/rank.js';
import { normalize } from './normalize/index.js';
import { createSweeper, MIN_SWEPT_SECRET, redactText, sweepBySchema } from './redact/index.js';
import { loadRulePack, type RulePack } from './rules/rule-pack.js';
import { DiagnosisSchema, type Diagnosis } from './schemas/diagnosis.js';
import type { Facts } from './schemas/facts.js';
import type { DiagnoseInput, ProbeOptions } from './schemas/input.js';
import type { ProbeReport, ProbeTarget } from './schemas/probe-report.js';
import { SQL_BROWSER_PORT } from './probes/browser-probe.js';
import { TEDIOUS_ENCRYPT } from './probes/login-probe.js';
import { probeFacts, probeFamily } from './probes/probe-facts.js';
import { probeTargetFrom } from './probes/probe-target.js';
import { runProbes } from './probes/run-probes.js';
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
  /**
   * Asked before any live probe (the HTTP API's allowlist): refuses the target, or clears it with the
   * addresses to probe, which the probes then use instead of resolving the name again.
   */
  probeGuard?: ProbeGuard;
}

/**
 * The target as the input names it (its port, when it names one: else 1433, or what the SQL Browser answers) and
 * the UDP port the Browser will be asked at.
 */
export type ProbeGuard = (
  target: ProbeTarget,
  ports: { browserPort: number },
) => Promise<{ allowed: true; addresses: LookupAddress[] } | { allowed: false; reason: string }>;

export interface DiagnoseOptions {
  /**
   * Secrets the caller already knows (`scan` finds them in other entries of a log): swept from the answer's free
   * text like those the redactor finds in this input.
   */
  knownSecrets?: Iterable<string>;
}

export interface Doctor {
  readonly pack: RulePack;
  diagnose(input: LibraryInput | string, options?: DiagnoseOptions): Promise<Diagnosis>;
}

function withoutTargetFacts(facts: Facts): Facts {
  return Object.fromEntries(Object.entries(facts).filter(([name]) => !name.startsWith('target.'))) as Facts;
}

function clip(text: string, what: string, warnings: string[], limit: number): string {
  if (text.length <= limit) return text;
  warnings.push(`${what} is ${text.length} characters; only the first ${limit} were read`);
  return text.slice(0, limit);
}

export function createDoctor(options?: DoctorOptions): Doctor {
  const { rules = [], probeGuard } = checkDoctorOptions(options);
  return doctorWithPack(loadRulePack(rules), probeGuard);
}

/** What live probes add to one diagnosis: their report, or why nothing was probed. */
interface ProbeResult {
  report?: ProbeReport;
  warning?: string;
}

/** A doctor over a rule pack already loaded (rules test runs a pack's examples with it). */
export function doctorWithPack(pack: RulePack, probeGuard?: ProbeGuard): Doctor {
  /** Redaction, normalization and evidence: the facts the text and artefacts give, before any rule runs. */
  function gather(input: DiagnoseInput, probed: ProbeResult | undefined) {
    const warnings: string[] = [];
    const secrets: string[] = [];
    const redact = (text: string, what: string) => {
      const redacted = redactText(clip(text, what, warnings, /capture/.test(what) ? MAX_CAPTURE_LENGTH : MAX_TEXT_LENGTH));
      secrets.push(...redacted.secrets);
      return redacted.text;
    };

    const text = redact(input.text ?? '', 'the pasted text');
    const evidence = readEvidence(input, text, redact);
    // A failed probe login is one more error a client printed: it is read like the paste.
    const loginError = probed?.report?.login?.state === 'failed' ? probed.report.login.message : undefined;
    const normalized = normalize([...evidence.errorTexts, ...(loginError ? [redact(loginError, 'the probe login error')] : [])].join('\n\n'));
    warnings.push(...normalized.warnings, ...evidence.warnings);
    const sources: Record<string, string | undefined> = { ...normalized.sources, ...evidence.sources };
    // Evidence that names the target (a connection string) names it as a whole: no port or instance
    // read from the error text may stay attached to a host it does not name.
    let facts: Facts = evidence.facts['target.host'] !== undefined ? withoutTargetFacts(normalized.facts) : { ...normalized.facts };
    facts = { ...facts, ...evidence.facts };

    const caller = checkCallerFacts(input.facts ?? {});
    warnings.push(...caller.warnings);
    facts = { ...facts, ...caller.facts };
    if (probed?.report) {
      const fromProbes = probeFacts(probed.report);
      facts = { ...facts, ...fromProbes.facts };
      Object.assign(sources, fromProbes.sources);
    }
    if (probed?.warning) warnings.push(probed.warning);
    facts = deriveFacts(facts);
    return { normalized, facts, sources, warnings, secrets };
  }

  async function probe(input: DiagnoseInput, options: ProbeOptions): Promise<ProbeResult> {
    const { facts } = gather(input, undefined);
    const choice = probeTargetFrom(facts);
    if ('problem' in choice) return { warning: choice.problem };
    const clearance = probeGuard ? await probeGuard(choice.target, { browserPort: options.browserPort ?? SQL_BROWSER_PORT }) : undefined;
    if (clearance?.allowed === false) throw new DoctorError('MSSQLDOCTOR_ERR_PROBE_FORBIDDEN', `live probes of ${choice.target.host} are not allowed: ${clearance.reason}`);
    const report = await runProbes(choice.target, {
      timeoutMs: options.timeoutMs,
      browserPort: options.browserPort,
      login: options.login && loginSettings(options.login, facts),
      ...(clearance ? { lookup: async () => clearance.addresses, loginAtProbedAddress: true } : {}),
    });
    return { report };
  }

  async function diagnose(rawInput: LibraryInput | string, options: DiagnoseOptions = {}): Promise<Diagnosis> {
    const input = checkInput(rawInput);
    const probeOptions = input.probe === true ? {} : input.probe || undefined;
    const probed = probeOptions ? await probe(input, probeOptions) : undefined;
    const { normalized, facts, sources, warnings, secrets } = gather(input, probed);
    if (probeOptions?.login && probeOptions.login.password.length >= MIN_SWEPT_SECRET) secrets.push(probeOptions.login.password);

    const family = familyOf(facts, sources, normalized.family, warnings);
    const context = { facts: facts as Record<string, unknown>, sources: deriveSources(sources) };
    const fired = await firedRules(rulesForFamily(pack.rules, family), context.facts);

    // What was read from the input is swept of secrets by its schema (free text only); the rules' own text is
    // not input, and quotes the input only through the swept facts and lines it is rendered with.
    const sweeper = createSweeper([...secrets, ...(options.knownSecrets ?? [])]);
    const read = sweepBySchema(
      DiagnosisSchema,
      { family, providers: normalized.providers, errors: normalized.errors, facts, warnings, ...(probed?.report ? { probes: probed.report } : {}) },
      sweeper,
    );
    // Sources are the pasted lines facts were read from: free text, which an empty schema says of every string.
    const shown = { facts: read.facts as Record<string, unknown>, sources: sweepBySchema({}, context.sources, sweeper) };
    const causes = rankCauses(pack, fired, shown);
    return {
      family: read.family,
      providers: read.providers,
      errors: read.errors,
      facts: read.facts,
      causes,
      nextChecks: nextChecks(pack, causes, shown),
      warnings: read.warnings,
      ...(read.probes ? { probes: read.probes } : {}),
    };
  }

  return { pack, diagnose };
}

/** The family the text names; without one (`mssql-doctor probe db01`), the first thing the probes saw fail. */
function familyOf(facts: Facts, sources: Record<string, string | undefined>, textFamily: Family, warnings: string[]): Family {
  const named = (facts['error.family'] as Family | undefined) ?? textFamily;
  if (named !== 'unknown') return named;
  const probed = probeFamily(facts);
  if (!probed) return named;
  facts['error.family'] = probed.family;
  sources['error.family'] = sources[probed.because];
  warnings.push(`no error text was recognised: the failure family (${probed.family}) comes from the live probes`);
  return probed.family;
}

/** The login probe connects as the client would: its Encrypt, TrustServerCertificate and database. */
function loginSettings(login: NonNullable<ProbeOptions['login']>, facts: Facts) {
  const mode = facts['connection.encryptMode'];
  return {
    user: login.user,
    password: login.password,
    encrypt: mode === undefined ? undefined : TEDIOUS_ENCRYPT[mode],
    trustServerCertificate: facts['connection.trustServerCertificate'],
    database: facts['connection.database'],
  };
}

let defaultDoctor: Doctor | undefined;

/** Diagnoses with the built-in rules (the rule pack is loaded once, on first use). */
export function diagnose(input: LibraryInput | string): Promise<Diagnosis> {
  defaultDoctor ??= createDoctor();
  return defaultDoctor.diagnose(input);
}
