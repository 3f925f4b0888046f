// One worker process of `npm run fuzz` (scripts/fuzz.ts forks one per core): takes the fuzz properties round-robin,
// each for a time slice of batches, and reports every batch, failure and stop to the coordinator over IPC. It never
// writes to stdout or stderr: the properties fail a case that writes there.
import fc from 'fast-check';
import { caseClock } from '../test/fuzz/property.js';
import { FUZZ_PROPERTIES } from '../test/fuzz/properties/index.js';

export interface WorkerOptions {
  worker: number;
  /** How many workers run: they start their rounds spread over the properties. */
  workers: number;
  seed: number;
  /** Names of the properties to run (all when empty). */
  only: string[];
  /** A property's turn lasts this long times its weight. */
  sliceMs: number;
  /** A case slower than this fails. */
  caseLimitMs: number;
}

/** What a worker tells the coordinator. */
export type WorkerMessage =
  | { type: 'batch-start'; property: string; seed: number; numRuns: number }
  | { type: 'batch'; property: string; cases: number; slowestMs: number; slowestSeed: number }
  | { type: 'failure'; property: string; seed: number; path: string; report: string }
  | { type: 'stopped' };

/** What the coordinator tells a worker. */
export type CoordinatorMessage = { type: 'stop' };

/** A batch's seed: the run's seed, the worker, the property and the batch count mixed into 31 bits (one batch, one seed). */
export function batchSeed(seed: number, worker: number, property: number, batch: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  for (const part of [worker, property, batch]) h = Math.imul(h ^ (part + 0x7f4a7c15 + (h << 6) + (h >>> 2)), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

const MIN_BATCH = 1;
const MAX_BATCH = 5000;
const FIRST_BATCH = 10;

/** fast-check's own report (the shrunk counterexample, its seed and path) and what the oracle said, without its stack. */
function reportOf(details: fc.RunDetails<[unknown]>): string {
  const report = fc.defaultReportMessage(details) ?? `property failed (seed ${details.seed}, path ${details.counterexamplePath})`;
  const error = details.errorInstance;
  return error instanceof Error ? `${report}\nCause: ${error.message}` : report;
}

export async function runWorker(options: WorkerOptions, send: (message: WorkerMessage) => void, stopped: () => boolean): Promise<void> {
  const selected = FUZZ_PROPERTIES.map((property, index) => ({ property, index })).filter(({ property }) => options.only.length === 0 || options.only.includes(property.name));
  const built = new Map<string, fc.IRawProperty<[unknown], boolean>>();
  const failed = new Set<string>();
  const perCaseMs = new Map<string, number>();
  let batch = 0;
  caseClock.limitMs = options.caseLimitMs;
  let current: { property: string; seed: number } | undefined;
  // A rejection or exception nobody waits for is the library's too: report it against the batch that ran.
  const stray = (error: unknown) => {
    const where = current ?? { property: '(between batches)', seed: -1 };
    send({ type: 'failure', property: where.property, seed: where.seed, path: '', report: `unhandled: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
  };
  process.on('unhandledRejection', stray);
  process.on('uncaughtException', stray);

  while (!stopped()) {
    const remaining = selected.filter(({ property }) => !failed.has(property.name));
    if (remaining.length === 0) break;
    // Workers start the round at different properties, so that a short run covers them all.
    const offset = Math.floor((options.worker * remaining.length) / options.workers) % remaining.length;
    const active = [...remaining.slice(offset), ...remaining.slice(0, offset)];
    for (const { property, index } of active) {
      const property_ = built.get(property.name) ?? property.build();
      built.set(property.name, property_);
      const sliceEnd = performance.now() + options.sliceMs * property.weight;
      while (!stopped() && performance.now() < sliceEnd) {
        const estimate = perCaseMs.get(property.name);
        const numRuns = estimate === undefined ? FIRST_BATCH : Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.floor((sliceEnd - performance.now()) / Math.max(estimate, 0.001))));
        const seed = batchSeed(options.seed, options.worker, index, batch++);
        current = { property: property.name, seed };
        send({ type: 'batch-start', property: property.name, seed, numRuns });
        caseClock.reset();
        const started = performance.now();
        let details: fc.RunDetails<[unknown]>;
        try {
          details = await fc.check(property_, { seed, numRuns });
        } catch (error) {
          // fast-check itself threw (a generator's bug): the property's failure, not the worker's end.
          failed.add(property.name);
          send({ type: 'failure', property: property.name, seed, path: '', report: `fast-check threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
          break;
        }
        // The first batch of a property pays for loading the catalogue, the rules and the fixtures: no case's own time.
        const warm = perCaseMs.has(property.name);
        perCaseMs.set(property.name, (performance.now() - started) / Math.max(1, details.numRuns));
        send({ type: 'batch', property: property.name, cases: details.numRuns, slowestMs: warm ? caseClock.slowestMs : 0, slowestSeed: seed });
        // A batch may never leave the microtask queue (sync checks, diagnose without I/O): the coordinator's stop
        // message and this batch's report are only handled once the event loop turns.
        await new Promise((resolve) => setImmediate(resolve));
        if (details.failed) {
          failed.add(property.name);
          send({ type: 'failure', property: property.name, seed, path: details.counterexamplePath ?? '', report: reportOf(details) });
          break;
        }
      }
      current = undefined;
      if (stopped()) break;
    }
  }
  send({ type: 'stopped' });
}
