// `npm run fuzz -- --minutes N | --cases C [--seed S] [--workers W] [--cases C] [--only NAME,…]`: runs every fuzz property
// (test/fuzz/properties/) round-robin until the time (or the case budget) is spent, in one worker process per core,
// then prints the cases run per property and in all, and every failure with its seed, path and shrunk counterexample.
// A case slower than --case-limit-ms (default 10 s: a quadratic regex on a 256 KiB paste, not a loaded machine) is a
// failure. Exits 1 on any failure. `--replay NAME:SEED:PATH` reruns one failure; `--list` names the properties.
import fc from 'fast-check';
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FUZZ_PROPERTIES } from '../test/fuzz/properties/index.js';
import { runWorker, type CoordinatorMessage, type WorkerMessage, type WorkerOptions } from './fuzz-worker.js';

const USAGE = 'usage: npm run fuzz -- --minutes N | --cases C [--seed S] [--workers W] [--only NAME,…] [--slice-ms MS] [--case-limit-ms MS] | --replay NAME:SEED:PATH | --list';

/** A batch that has not reported for this long is a hang: its worker is killed and a new one started. */
const HANG_MS = 5 * 60_000;
const PROGRESS_EVERY_MS = 5 * 60_000;

interface Tally {
  cases: number;
  slowestMs: number;
  slowestSeed: number;
}

interface Failure {
  property: string;
  seed: number;
  path: string;
  report: string;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function positiveNumber(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) fail(`--${name} must be a positive number, not ${text}`);
  return value;
}

const duration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m ${String(s % 60).padStart(2, '0')}s`;
};
const count = (n: number) => n.toLocaleString('en-US');

async function replay(spec: string): Promise<number> {
  // The path has colons of its own ("332:0:3"): it is all that follows the seed.
  const [name, seedText, ...steps] = spec.split(':');
  const path = steps.length > 0 ? steps.join(':') : undefined;
  const property = FUZZ_PROPERTIES.find((p) => p.name === name);
  if (!property || !seedText || path === undefined) fail(`--replay takes NAME:SEED:PATH of a failure report, not ${spec}`);
  const details = await fc.check(property.build(), { seed: Number(seedText), path, numRuns: 1 });
  console.log(details.failed ? (fc.defaultReportMessage(details) ?? 'failed') : `${name}: the case at seed ${seedText}, path ${path} passes now`);
  if (details.failed && details.errorInstance instanceof Error) console.log(details.errorInstance.stack);
  return details.failed ? 1 : 0;
}

function printReport(tallies: Map<string, Tally>, failures: readonly Failure[], facts: { seed: number; workers: number; elapsedMs: number }): void {
  const width = Math.max(...FUZZ_PROPERTIES.map((p) => p.name.length), 8);
  const total = [...tallies.values()].reduce((n, t) => n + t.cases, 0);
  const failedNames = new Set(failures.map((f) => f.property));
  console.log(`\n${'property'.padEnd(width)}  ${'cases'.padStart(11)}  ${'slowest case'.padStart(12)}  result`);
  for (const [name, tally] of tallies) {
    const slowest = `${tally.slowestMs.toFixed(1)} ms`;
    console.log(`${name.padEnd(width)}  ${count(tally.cases).padStart(11)}  ${slowest.padStart(12)}  ${failedNames.has(name) ? 'FAILED' : 'ok'}`);
  }
  const rate = total / Math.max(1, facts.elapsedMs / 1000);
  console.log(
    `\ntotal: ${count(total)} cases in ${duration(facts.elapsedMs)} (${count(Math.round(rate))}/s), seed ${facts.seed}, ${facts.workers} worker${facts.workers === 1 ? '' : 's'}: ` +
      `${failures.length} failure${failures.length === 1 ? '' : 's'}`,
  );
  for (const f of failures) {
    console.log(`\n--- ${f.property} FAILED (seed ${f.seed}, path ${f.path || '-'})\n${f.report}`);
    if (f.path) console.log(`replay: npm run fuzz -- --replay ${f.property}:${f.seed}:${f.path}`);
  }
}

async function coordinate(options: { minutes: number; seed: number; workers: number; cases: number; only: string[]; sliceMs: number; caseLimitMs: number }): Promise<number> {
  const started = Date.now();
  const deadline = started + options.minutes * 60_000;
  const names = options.only.length > 0 ? options.only : FUZZ_PROPERTIES.map((p) => p.name);
  const tallies = new Map<string, Tally>(names.map((name) => [name, { cases: 0, slowestMs: 0, slowestSeed: 0 }]));
  const failures: Failure[] = [];
  const total = () => [...tallies.values()].reduce((n, t) => n + t.cases, 0);
  console.log(
    `fuzzing ${names.length} properties${Number.isFinite(options.minutes) ? ` for ${options.minutes} min` : ''}${Number.isFinite(options.cases) ? ` up to ${count(options.cases)} cases` : ''}, ` +
      `seed ${options.seed}, ${options.workers} worker${options.workers === 1 ? '' : 's'}`,
  );

  let stopping = false;
  let nextWorker = 0;
  const running = new Set<ChildProcess>();
  const stopAll = () => {
    if (stopping) return;
    stopping = true;
    for (const child of running) child.send({ type: 'stop' } satisfies CoordinatorMessage);
  };

  const progress = setInterval(() => {
    const elapsed = Date.now() - started;
    console.log(`[${duration(elapsed)}] ${count(total())} cases (${count(Math.round(total() / (elapsed / 1000)))}/s), ${failures.length} failures`);
  }, PROGRESS_EVERY_MS);
  // Without --minutes the case budget alone ends the run (setTimeout would take an infinite delay as 1 ms).
  const timer = Number.isFinite(deadline) ? setTimeout(stopAll, Math.max(0, deadline - Date.now())) : undefined;
  // Ctrl-C: the workers finish their batch and the report is printed.
  process.on('SIGINT', stopAll);

  await new Promise<void>((allDone) => {
    const start = () => {
      const worker = nextWorker++;
      const workerOptions: WorkerOptions = { worker, workers: options.workers, seed: options.seed, only: options.only, sliceMs: options.sliceMs, caseLimitMs: options.caseLimitMs };
      const child = fork(fileURLToPath(import.meta.url), ['--worker', JSON.stringify(workerOptions)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let lastHeard = Date.now();
      let batch: { property: string; seed: number } | undefined;
      const watchdog = setInterval(() => {
        if (Date.now() - lastHeard < HANG_MS || !batch) return;
        failures.push({ ...batch, path: '', report: `no answer for ${HANG_MS / 60_000} min: a hang (rerun the batch with --only ${batch.property} --seed to find the case)` });
        child.kill('SIGKILL');
      }, 10_000);
      running.add(child);
      child.on('message', (message: WorkerMessage) => {
        lastHeard = Date.now();
        if (message.type === 'batch-start') batch = { property: message.property, seed: message.seed };
        else if (message.type === 'batch') {
          const tally = tallies.get(message.property);
          if (tally) {
            tally.cases += message.cases;
            if (message.slowestMs > tally.slowestMs) Object.assign(tally, { slowestMs: message.slowestMs, slowestSeed: message.slowestSeed });
          }
          batch = undefined;
          if (total() >= options.cases || Date.now() >= deadline) stopAll();
        } else if (message.type === 'failure') failures.push(message);
      });
      child.on('exit', (code, signal) => {
        clearInterval(watchdog);
        running.delete(child);
        if (!stopping && (code !== 0 || signal)) {
          if (signal !== 'SIGKILL') failures.push({ property: batch?.property ?? '(worker)', seed: batch?.seed ?? -1, path: '', report: `worker exited with ${signal ?? `code ${code}`}` });
          if (Date.now() < deadline) start();
        }
        if (running.size === 0) allDone();
      });
    };
    for (let i = 0; i < options.workers; i++) start();
  });
  clearInterval(progress);
  clearTimeout(timer);
  process.off('SIGINT', stopAll);

  printReport(tallies, failures, { seed: options.seed, workers: options.workers, elapsedMs: Date.now() - started });
  return failures.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      cases: { type: 'string' },
      only: { type: 'string' },
      'slice-ms': { type: 'string' },
      'case-limit-ms': { type: 'string' },
      replay: { type: 'string' },
      list: { type: 'boolean' },
      worker: { type: 'string' },
    },
    strict: true,
  });
  if (values.worker !== undefined) {
    let stop = false;
    // Ctrl-C reaches the whole process group: a worker stops when the coordinator says so, after its batch.
    process.on('SIGINT', () => {});
    process.on('message', (message: CoordinatorMessage) => void (message.type === 'stop' && (stop = true)));
    await runWorker(JSON.parse(values.worker) as WorkerOptions, (message) => process.send?.(message), () => stop);
    process.disconnect();
    // What the properties left open (the HTTP API's server, a child's pipes) must not keep the worker alive.
    setTimeout(() => process.exit(0), 1000).unref();
    return 0;
  }
  if (values.list) {
    for (const p of FUZZ_PROPERTIES) console.log(p.name);
    return 0;
  }
  if (values.replay !== undefined) return replay(values.replay);
  if (values.minutes === undefined && values.cases === undefined) fail('--minutes or --cases is required');
  const only = values.only ? values.only.split(',').map((name) => name.trim()) : [];
  const unknown = only.find((name) => !FUZZ_PROPERTIES.some((p) => p.name === name));
  if (unknown) fail(`no fuzz property is named ${unknown} (--list names them)`);
  const seed = values.seed === undefined ? Date.now() % 0x7fffffff : Number(values.seed);
  if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer, not ${values.seed}`);
  return coordinate({
    minutes: positiveNumber(values.minutes, 'minutes', Number.POSITIVE_INFINITY),
    seed,
    workers: Math.trunc(positiveNumber(values.workers, 'workers', Math.min(2, availableParallelism()))),
    cases: positiveNumber(values.cases, 'cases', Number.POSITIVE_INFINITY),
    only,
    sliceMs: positiveNumber(values['slice-ms'], 'slice-ms', 1000),
    caseLimitMs: positiveNumber(values['case-limit-ms'], 'case-limit-ms', 10_000),
  });
}

process.exitCode = await main();
