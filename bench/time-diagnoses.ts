// Times whole diagnoses in a process that holds nothing but the doctor, as the CLI's and the server's do: the texts
// are the files of the directory given, each diagnosed and redacted `rounds` times, the best kept; prints JSON
// { file: { total, redactor } } on stdout. bench/regex.bench.ts gives it its slowest texts and the reference: in its
// own process, whose heap holds the TypeScript compiler and hundreds of compiled attack patterns, the same build read
// 50–51 ms for 256 KiB of real pastes where a fresh process reads 45–47.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDoctor } from '../src/doctor.js';
import { bestOf, type Timing } from './best-of.js';

const [dir, roundsArg = '9'] = process.argv.slice(2);
if (!dir) throw new Error('usage: time-diagnoses.ts DIR [ROUNDS]');
const rounds = Number(roundsArg);
const doctor = createDoctor();
await doctor.diagnose('Login failed for user.');

// Round by round over all the texts, not all the rounds of one text and then the next: this machine's speed wanders
// for seconds at a time (the same build read 41 and 63 ms for the reference a minute apart), and a text whose runs
// all fell in one slow stretch read as slow as the stretch. Spread over the whole run, each text's best run is the
// one the machine let run at its speed; slowness of the text itself shows in every run.
const texts = readdirSync(dir)
  .sort()
  .map((file) => [file, readFileSync(join(dir, file), 'utf8')] as const);
const results: Record<string, Timing> = {};
for (let round = 0; round < rounds; round++) for (const [file, text] of texts) results[file] = await bestOf(doctor, 1, text, results[file]);
process.stdout.write(JSON.stringify(results));
