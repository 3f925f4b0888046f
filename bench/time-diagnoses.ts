// Times whole diagnoses in a process that holds nothing but the doctor, as the CLI's and the server's do: the texts
// are the files of the directory given, each diagnosed and redacted `rounds` times, the best kept; prints JSON
// { file: { total, redactor } } on stdout. bench/regex.bench.ts gives it its slowest texts and the reference: in its
// own process, whose heap holds the TypeScript compiler and hundreds of compiled attack patterns, the same build read
// 50–51 ms for 256 KiB of real pastes where a fresh process reads 45–47.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDoctor } from '../src/doctor.js';
import { bestOf, type Timing } from './best-of.js';

const [dir, roundsArg = '7'] = process.argv.slice(2);
if (!dir) throw new Error('usage: time-diagnoses.ts DIR [ROUNDS]');
const rounds = Number(roundsArg);
const doctor = createDoctor();
await doctor.diagnose('Login failed for user.');

const results: Record<string, Timing> = {};
for (const file of readdirSync(dir).sort()) results[file] = await bestOf(doctor, rounds, readFileSync(join(dir, file), 'utf8'));
process.stdout.write(JSON.stringify(results));
