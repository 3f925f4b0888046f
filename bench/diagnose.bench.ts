// Prints figures, asserts nothing: rule-pack load time, diagnose() throughput on real pastes, and the
// slowest hostile inputs (256 KiB of one signature repeated), so regressions show as numbers.
import { readdirSync, readFileSync } from 'node:fs';
import { createDoctor } from '../src/doctor.js';

const fixtures = new URL('../test/fixtures/', import.meta.url);
const pastes = ['seed', 'errors'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, fixtures))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(new URL(`${dir}/${f}`, fixtures), 'utf8')),
);

const ms = (start: number) => performance.now() - start;

let start = performance.now();
const doctor = createDoctor();
console.log(`createDoctor (load + validate ${doctor.pack.rules.length} rules): ${ms(start).toFixed(1)} ms`);

const ROUNDS = 20;
for (const p of pastes) await doctor.diagnose(p); // warm-up
start = performance.now();
for (let r = 0; r < ROUNDS; r++) for (const p of pastes) await doctor.diagnose(p);
const each = ms(start) / (ROUNDS * pastes.length);
console.log(`diagnose, ${pastes.length} real pastes × ${ROUNDS}: ${each.toFixed(2)} ms each, ${(1000 / each).toFixed(0)}/s`);

const SIZE = 256 * 1024;
const HOSTILE = [
  '(provider: TCP Provider, error: 0 - (', 'Win32Exception (', 'HResult 0x1, Level 1, State 1 ', 'Sqlcmd: Error: Microsoft x : ',
  '[Microsoft][ODBC Driver 18 for SQL Server]', 'SQLSTATE[', 'DB-Library: ', 'Net-Library error 1: ', 'DB-Lib error message 20009, severity 9: ',
  "unable to open tcp connection with host 'a': ", 'Server=', 'sqlcmd -S ', 'Password=', ' -P ', '\\n', '\\\\', ' ',
];
const timings = [];
for (const seed of HOSTILE) {
  const text = seed.repeat(Math.ceil(SIZE / seed.length)).slice(0, SIZE);
  start = performance.now();
  await doctor.diagnose(text);
  timings.push({ seed, ms: ms(start) });
}
timings.sort((a, b) => b.ms - a.ms);
console.log(`hostile 256 KiB inputs (${HOSTILE.length}), slowest first:`);
for (const t of timings.slice(0, 5)) console.log(`  ${t.ms.toFixed(0).padStart(5)} ms  ${JSON.stringify(t.seed)}`);
