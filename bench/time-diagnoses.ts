// Times whole diagnoses in a process that holds nothing but the doctor, as the CLI's and the server's do: the texts
// are the files of the directory given, each diagnosed and redacted `rounds` times, the best kept; prints JSON
// { file: { total, redactor } } on stdout. bench/regex.bench.ts gives it its slowest texts and the reference: in its
// own process, whose heap holds the TypeScript compiler and hundreds of compiled attack patterns, the same build read
// 50–51 ms for 256 KiB of real pastes where a fresh process reads 45–47.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDoctor } from '../src/doctor.js';
import { redactText } from '../src/redact/index.js';

const [dir, roundsArg = '7'] = process.argv.slice(2);
if (!dir) throw new Error('usage: time-diagnoses.ts DIR [ROUNDS]');
const rounds = Number(roundsArg);
const doctor = createDoctor();
await doctor.diagnose('Login failed for user.');

const results: Record<string, { total: number; redactor: number }> = {};
for (const file of readdirSync(dir).sort()) {
  const text = readFileSync(join(dir, file), 'utf8');
  let best = { total: Infinity, redactor: Infinity };
  for (let run = 0; run < rounds; run++) {
    // A short paste in between, so that nothing kept from one run serves the next (as in regex.bench.ts).
    await doctor.diagnose('Login failed for user.');
    const start = performance.now();
    await doctor.diagnose(text);
    const total = performance.now() - start;
    const redactStart = performance.now();
    redactText(text);
    const redactor = performance.now() - redactStart;
    if (total < best.total) best = { total, redactor };
  }
  results[file] = best;
}
process.stdout.write(JSON.stringify(results));
