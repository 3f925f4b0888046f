// recheck's verdicts on the regex inventory, and the record of them (verdicts.json). recheck takes from a few
// milliseconds to tens of seconds per pattern, far too long to judge all of src/ on every test run; a verdict
// depends only on the pattern, its flags, recheck's version and the parameters below, so it is recorded once
// (`npm run regex-verdicts`) and the test judges only what the record lacks.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { check, type Parameters } from 'recheck';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { growAttack, timeAllMatches, type Attack } from './attack.js';

/**
 * recheck's "auto" checker: automata theory (exact) while the pattern's automaton stays under maxNFASize states,
 * fuzzing otherwise. recheck's own recall validation (a child process that must finish its attack within a
 * timeout) is left off: the timeout counts the child's start-up, which a loaded machine stretches past any
 * sensible limit. Vulnerable verdicts are confirmed by confirm() below instead.
 */
export const RECHECK_PARAMS = { timeout: 60_000, maxNFASize: 5_000 } as const satisfies Parameters;

/**
 * A vulnerable verdict stands when recheck's attack, grown to 256 KiB (the longest paste diagnose() reads), keeps
 * V8 busy longer than this. Fuzzing also reports bounded repetitions ([^\]]{1,60}: at most 60 steps per position,
 * which is how this code base keeps patterns linear) as polynomial, from growth that stops at the bound; their
 * attacks take milliseconds at 256 KiB, a real quadratic one takes seconds or minutes.
 */
export const CONFIRM_MS = 100;

export const RECHECK_VERSION = (createRequire(import.meta.url)('recheck/package.json') as { version: string }).version;

export const VERDICTS_FILE = join(PACKAGE_ROOT, 'test', 'regex-safety', 'verdicts.json');

export interface Verdict {
  source: string;
  flags: string;
  status: 'safe' | 'vulnerable' | 'unknown';
  /** How recheck decided: the checker and complexity, or the attack and the part to rewrite, or why it could not. */
  detail: string;
  /** recheck's attack, when it found one (the regex bench grows it to 256 KiB). */
  attack?: Attack;
}

interface VerdictRecord {
  recheck: string;
  params: typeof RECHECK_PARAMS & { confirmMs: number };
  verdicts: Verdict[];
}

const PARAMS_RECORDED = { ...RECHECK_PARAMS, confirmMs: CONFIRM_MS };

export const verdictKey = (p: { source: string; flags: string }) => `/${p.source}/${p.flags}`;

/** The recorded verdicts, when they were reached by this recheck with these parameters (else none count). */
export function recordedVerdicts(): Map<string, Verdict> {
  let record: VerdictRecord;
  try {
    record = JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as VerdictRecord;
  } catch {
    return new Map();
  }
  if (record.recheck !== RECHECK_VERSION || JSON.stringify(record.params) !== JSON.stringify(PARAMS_RECORDED)) return new Map();
  return new Map(record.verdicts.map((v) => [verdictKey(v), v]));
}

export function writeVerdicts(verdicts: readonly Verdict[]): void {
  const sorted = [...verdicts].sort((a, b) => (verdictKey(a) < verdictKey(b) ? -1 : verdictKey(a) > verdictKey(b) ? 1 : 0));
  const record: VerdictRecord = { recheck: RECHECK_VERSION, params: PARAMS_RECORDED, verdicts: sorted };
  writeFileSync(VERDICTS_FILE, `${JSON.stringify(record, null, 1)}\n`);
}

export async function judge(pattern: { source: string; flags: string }): Promise<Verdict> {
  const { source, flags } = pattern;
  const d = await check(source, flags, RECHECK_PARAMS);
  if (d.status === 'safe') return { source, flags, status: 'safe', detail: `${d.checker}: ${d.complexity.summary}` };
  if (d.status === 'vulnerable') {
    const attack: Attack = { pumps: d.attack.pumps, suffix: d.attack.suffix, base: d.attack.base };
    const ms = timeAllMatches(source, flags, growAttack(attack));
    const found = `${d.checker}: ${d.complexity.summary} on ${d.attack.pattern}`;
    if (ms <= CONFIRM_MS) return { source, flags, status: 'safe', detail: `${found}, but grown to 256 KiB it takes ${Math.ceil(ms)} ms: bounded`, attack };
    const hotspot = d.hotspot.map((h) => source.slice(h.start, h.end)).join('", "');
    const took = Number.isFinite(ms) ? `${Math.round(ms)} ms` : 'over 5 s';
    return { source, flags, status: 'vulnerable', detail: `${found}, grown to 256 KiB it takes ${took}; rewrite "${hotspot}"`, attack };
  }
  return { source, flags, status: 'unknown', detail: `${d.checker ?? 'recheck'}: ${d.error.kind}${'message' in d.error ? ` ${String(d.error.message)}` : ''}` };
}

/** Judges the patterns two at a time (the machines that run this have two cores), reporting each as it comes. */
export async function judgeAll<T extends { source: string; flags: string }>(
  patterns: readonly T[],
  onVerdict: (pattern: T, verdict: Verdict) => void = () => {},
  concurrency = 2,
): Promise<Verdict[]> {
  const verdicts: Verdict[] = new Array(patterns.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < patterns.length; i = next++) {
      const pattern = patterns[i] as T;
      verdicts[i] = await judge(pattern);
      onVerdict(pattern, verdicts[i] as Verdict);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, patterns.length) }, worker));
  return verdicts;
}
