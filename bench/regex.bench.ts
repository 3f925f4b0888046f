// Prints figures, asserts nothing: every regex of the product (test/regex-safety/inventory.ts) over adversarial
// 256 KiB texts built for it (bench/near-misses.ts: long runs of what its quantifiers accept, near misses, many
// starts; and recheck's attack from test/regex-safety/verdicts.json, grown to 256 KiB), the worst per pattern
// family (a source file); then diagnose() over the worst of those texts and the hostile pastes of
// diagnose.bench.ts. Times are also given as multiples of references measured in the same run, so figures from
// machines of different speed compare: one whitespace-folding pass over 256 KiB for a regex, diagnose() of 256 KiB
// of real pastes for a diagnosis. A regex's times are CPU time (process.cpuUsage), which other processes on a loaded
// machine do not stretch as they stretch wall time; whole diagnoses and the redactor are timed in wall time, on an
// otherwise idle machine (see there why).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDoctor, MAX_TEXT_LENGTH } from '../src/doctor.js';
import { builtinCatalogue } from '../src/messages/catalogue.js';
import { growAttack } from '../test/regex-safety/attack.js';
import { regexInventory } from '../test/regex-safety/inventory.js';
import { recordedVerdicts, verdictKey } from '../test/regex-safety/verdicts.js';
import { everyAnchorPaste, HOSTILE_SEEDS, repeated } from './hostile-pastes.js';
import { nearMisses } from './near-misses.js';
import { bestOf as bestOfRuns, type Timing } from './best-of.js';

const SIZE = MAX_TEXT_LENGTH;
/** Texts are first tried at an eighth of the size: beyond this there, a pattern is superlinear and is not run on 256 KiB. */
const PROBE_SIZE = SIZE / 8;
const PROBE_LIMIT_MS = 40;
const TARGET_MS = 50;

/** CPU milliseconds since `start` (a process.cpuUsage() reading). */
const ms = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const now = () => process.cpuUsage();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const shown = (text: string, max = 70) => (text.length > max ? `${text.slice(0, max)}…` : text);

const fixtures = new URL('../test/fixtures/', import.meta.url);
const pastes = ['seed', 'errors'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, fixtures))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(new URL(`${dir}/${f}`, fixtures), 'utf8')),
);
const benign = pastes.join('\n\n').repeat(Math.ceil(SIZE / pastes.join('\n\n').length)).slice(0, SIZE);

/** How many matches a normalizer reads of one pattern (src/normalize/provider.ts); a test() reads one. */
const MATCHES_READ = 200;

/** The first MATCHES_READ matches of a fresh copy of the pattern (a first run, as in a one-shot CLI), in milliseconds. */
function timeMatches(source: string, flags: string, text: string): number {
  const re = new RegExp(source, flags.includes('g') || flags.includes('y') ? flags : `${flags}g`);
  const start = now();
  for (let m = re.exec(text), n = 1; m && n < MATCHES_READ; m = re.exec(text), n++) if (m[0] === '') re.lastIndex++;
  return ms(start);
}

const referencePass = median(Array.from({ length: 7 }, () => {
  const start = now();
  benign.replace(/\s+/g, ' ');
  return ms(start);
}));

const doctor = createDoctor();
for (const p of pastes) await doctor.diagnose(p);
const referenceRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  await doctor.diagnose('Login failed for user.');
  const start = performance.now();
  await doctor.diagnose(benign);
  referenceRuns.push(performance.now() - start);
}
let referenceDiagnose = Math.min(...referenceRuns);
console.log(`references: one whitespace-folding pass over 256 KiB ${referencePass.toFixed(2)} ms; diagnose() of 256 KiB of real pastes ${referenceDiagnose.toFixed(1)} ms (best of 5, in this process)`);

// ---------------------------------------------------------------- each regex over texts built for it

/**
 * A text is kept as the way to build it again, not as itself: hundreds of 256 KiB texts held at once made the heap
 * hundreds of megabytes, whose collection then fell inside the diagnoses timed below (one text read 94 ms here and
 * 22 ms on its own).
 */
interface Worst {
  where: string;
  source: string;
  ms: number;
  what: string;
  make: () => string;
  superlinear: boolean;
}

const inventory = await regexInventory();
const verdicts = recordedVerdicts();
const started = now();
const worstPerPattern: Worst[] = [];
for (const pattern of inventory) {
  const attack = verdicts.get(verdictKey(pattern))?.attack;
  const build = (size: number) => [
    ...nearMisses(pattern.source, size),
    ...(attack ? [{ text: growAttack(attack, size), what: 'recheck attack' }] : []),
  ];
  let worst: Worst | undefined;
  for (const [i, probe] of build(PROBE_SIZE).entries()) {
    const t = timeMatches(pattern.source, pattern.flags, probe.text);
    const make = () => (build(PROBE_SIZE)[i] as { text: string }).text;
    if (t > PROBE_LIMIT_MS && (!worst || t > worst.ms)) worst = { ...pattern, ms: t, what: probe.what, make, superlinear: true };
  }
  if (!worst) {
    for (const [i, input] of build(SIZE).entries()) {
      const t = timeMatches(pattern.source, pattern.flags, input.text);
      const make = () => (build(SIZE)[i] as { text: string }).text;
      if (!worst || t > worst.ms) worst = { ...pattern, ms: t, what: input.what, make, superlinear: false };
    }
  }
  if (worst) worstPerPattern.push(worst);
}

const family = (where: string) => where.replace(/^src\//, '').replace(/\.ts:\d+$|:\d+$/, '');
const worstPerFamily = new Map<string, Worst>();
for (const w of worstPerPattern) {
  const known = worstPerFamily.get(family(w.where));
  if (!known || (w.superlinear && !known.superlinear) || (w.superlinear === known.superlinear && w.ms > known.ms)) worstPerFamily.set(family(w.where), w);
}
console.log(
  `${inventory.length} patterns × their near misses and recheck attacks (${worstPerPattern.length} timed, ${(ms(started) / 1000).toFixed(0)} s); worst per family at 256 KiB, slowest first:`,
);
const rows = [...worstPerFamily].sort(([, a], [, b]) => Number(b.superlinear) - Number(a.superlinear) || b.ms - a.ms);
for (const [name, w] of rows) {
  const time = w.superlinear ? `SUPERLINEAR: ${w.ms.toFixed(0)} ms at 32 KiB` : `${w.ms.toFixed(1).padStart(6)} ms ${`${(w.ms / referencePass).toFixed(1)}×`.padStart(7)}`;
  console.log(`  ${name.padEnd(26)} ${time}  ${w.where} /${shown(w.source, 50)}/ on ${shown(w.what, 60)}`);
}

// ---------------------------------------------------------------- whole diagnoses

// The hostile pastes of diagnose.bench.ts and the issue's, and the text that was worst for each pattern.
const HOSTILE = [...HOSTILE_SEEDS, '[CLIENT:', 'a+'];
const texts: Array<{ what: string; make: () => string }> = [
  ...HOSTILE.map((seed) => ({ what: `${JSON.stringify(seed)} repeated`, make: () => repeated(seed, SIZE) })),
  { what: '"[CLIENT:" + spaces', make: () => `[CLIENT:${' '.repeat(SIZE - 8)}` },
  { what: 'every catalogue anchor, one after another', make: () => everyAnchorPaste(builtinCatalogue().file.entries, SIZE) },
  ...worstPerPattern.filter((w) => !w.superlinear).map((w) => ({ what: `${w.what} (for ${w.where})`, make: w.make })),
];

interface Run {
  what: string;
  make: () => string;
  total: number;
  redactor: number;
  superlinear: boolean;
}

const bestOf = (rounds: number, t: string, best?: Timing) => bestOfRuns(doctor, rounds, t, best);

const runs: Run[] = [];
const diagnoseStarted = now();
const seen = new Set<string>();
for (const { what, make } of texts) {
  const text = make();
  const digest = createHash('sha256').update(text).digest('hex');
  if (text.length !== SIZE || seen.has(digest)) continue;
  seen.add(digest);
  const probe = await bestOf(3, text.slice(0, PROBE_SIZE));
  if (probe.total > 2 * PROBE_LIMIT_MS) {
    runs.push({ what, make, ...probe, superlinear: true });
    continue;
  }
  runs.push({ what, make, ...(await bestOf(3, text)), superlinear: false });
}
// The slowest of hundreds of best-of-three times is as often a run that something else on the machine slowed (one
// run of this bench read 64 ms for a text that takes 23 ms) as the slowest text: the ten slowest, and the reference,
// are timed again, nine runs each spread over the whole second look, in a fresh process that holds only the doctor
// (bench/time-diagnoses.ts), as a CLI's or a server's does; those figures are the ones reported.
const SECOND_LOOK = 10;
const SECOND_LOOK_ROUNDS = 9;
const secondLook = runs.filter((r) => !r.superlinear).sort((a, b) => b.total - a.total).slice(0, SECOND_LOOK);
const lookDir = mkdtempSync(join(tmpdir(), 'mssql-doctor-bench-'));
try {
  writeFileSync(join(lookDir, 'reference'), benign);
  secondLook.forEach((run, i) => writeFileSync(join(lookDir, `text-${String(i).padStart(2, '0')}`), run.make()));
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(new URL('./time-diagnoses.ts', import.meta.url)), lookDir, String(SECOND_LOOK_ROUNDS)], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`bench/time-diagnoses.ts failed: ${child.error?.message ?? child.stderr}`);
  const timed = JSON.parse(child.stdout) as Record<string, { total: number; redactor: number }>;
  secondLook.forEach((run, i) => Object.assign(run, timed[`text-${String(i).padStart(2, '0')}`]));
  referenceDiagnose = (timed.reference as { total: number }).total;
} finally {
  rmSync(lookDir, { recursive: true, force: true });
}
const linear = runs.filter((r) => !r.superlinear);
const worstTotal = linear.reduce((a, b) => (b.total > a.total ? b : a));
const worstRest = linear.reduce((a, b) => (b.total - b.redactor > a.total - a.redactor ? b : a));
const worstRedactor = runs.reduce((a, b) => (b.redactor > a.redactor ? b : a));
const ratio = (t: number) => `${(t / referenceDiagnose).toFixed(1)}× real pastes, ${(t / referencePass).toFixed(0)} passes`;
console.log(`diagnose() of ${runs.length} adversarial 256 KiB texts (${(ms(diagnoseStarted) / 1000).toFixed(0)} s of CPU):`);
console.log(`  worst whole diagnosis: ${worstTotal.total.toFixed(1)} ms (${ratio(worstTotal.total)}) on ${shown(worstTotal.what)}`);
console.log(`  worst without the redactor: ${(worstRest.total - worstRest.redactor).toFixed(1)} ms (${ratio(worstRest.total - worstRest.redactor)}) on ${shown(worstRest.what)}`);
console.log(`  redactor alone, worst: ${worstRedactor.redactor.toFixed(1)} ms${worstRedactor.superlinear ? ' at 32 KiB' : ''} on ${shown(worstRedactor.what)}`);
console.log('  slowest five:');
for (const r of [...linear].sort((a, b) => b.total - a.total).slice(0, 5)) console.log(`    ${r.total.toFixed(1).padStart(6)} ms  ${shown(r.what, 100)}`);
for (const r of runs.filter((x) => x.superlinear)) {
  console.log(`  SUPERLINEAR: ${r.total.toFixed(0)} ms at 32 KiB (redactor ${r.redactor.toFixed(0)} ms) on ${shown(r.what)}`);
}
// Not only attacks: 256 KiB of real pastes (a long log of errors) is an input too, and not a fast one.
console.log(`  256 KiB of real pastes (best of ${SECOND_LOOK_ROUNDS} runs in a fresh process): ${referenceDiagnose.toFixed(1)} ms`);
const met = worstTotal.total <= TARGET_MS && referenceDiagnose <= TARGET_MS && runs.every((r) => !r.superlinear);
console.log(`target: every paste of up to 256 KiB diagnosed in ≤ ${TARGET_MS} ms: ${met ? 'met' : 'NOT met'}`);
