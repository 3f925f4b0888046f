// The best of several timed diagnoses of one text, shared by bench/regex.bench.ts and bench/time-diagnoses.ts.
import type { Doctor } from '../src/doctor.js';
import { redactText } from '../src/redact/index.js';

export interface Timing {
  /** The whole diagnosis, in milliseconds of wall time. */
  total: number;
  /** The redactor alone on the same text, in the run whose diagnosis was fastest. */
  redactor: number;
}

/**
 * The best of `rounds` runs: a diagnosis takes tens of milliseconds, in which a collection of garbage left by the
 * previous text can fall. A short paste in between, so that nothing kept from one run serves the next. Wall time,
 * not CPU time: V8's helper threads (concurrent marking of that garbage, compilers) run beside the diagnosis and
 * are counted in the process's CPU time, which on two cores read up to five times the wall time of the same run.
 */
export async function bestOf(doctor: Doctor, rounds: number, text: string, best: Timing = { total: Infinity, redactor: Infinity }): Promise<Timing> {
  for (let run = 0; run < rounds; run++) {
    await doctor.diagnose('Login failed for user.');
    const start = performance.now();
    await doctor.diagnose(text);
    const total = performance.now() - start;
    const redactStart = performance.now();
    redactText(text);
    const redactor = performance.now() - redactStart;
    if (total < best.total) best = { total, redactor };
  }
  return best;
}
