// Prints figures, asserts nothing: rule-pack load time, diagnose() throughput on real pastes, and the
// slowest hostile inputs (256 KiB of one signature repeated), so regressions show as numbers.
import { readdirSync, readFileSync } from 'node:fs';
import { createDoctor } from '../src/doctor.js';
import { builtinCatalogue } from '../src/messages/catalogue.js';
import { recognizeMessages } from '../src/messages/recognize.js';
import { makePaste } from '../src/normalize/paste.js';
import { checkPattern } from '../src/rules/regex-check.js';
import { everyAnchorPaste, HOSTILE_SEEDS, repeated } from './hostile-pastes.js';

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

// The message catalogue's share of a diagnosis: recognition alone on the same pastes, read as normalize() reads them.
const prepared = pastes.map((p) => makePaste(p));
start = performance.now();
for (let r = 0; r < ROUNDS; r++) for (const p of prepared) recognizeMessages(p.flat, { isLineBreak: p.isLineBreak });
const recognition = ms(start) / (ROUNDS * pastes.length);
console.log(`  of which catalogue recognition: ${recognition.toFixed(2)} ms each, ${((100 * recognition) / each).toFixed(0)}% of a diagnosis`);

const SIZE = 256 * 1024;
const timings = [];
for (const seed of HOSTILE_SEEDS) {
  const text = repeated(seed, SIZE);
  start = performance.now();
  await doctor.diagnose(text);
  timings.push({ seed, ms: ms(start) });
}
start = performance.now();
await doctor.diagnose(everyAnchorPaste(builtinCatalogue().file.entries, SIZE));
timings.push({ seed: '(every catalogue anchor, one after another)', ms: ms(start) });
timings.sort((a, b) => b.ms - a.ms);
console.log(`hostile 256 KiB inputs (${HOSTILE_SEEDS.length}), slowest first:`);
for (const t of timings.slice(0, 5)) console.log(`  ${t.ms.toFixed(0).padStart(5)} ms  ${JSON.stringify(t.seed)}`);

// Evidence parsers on large inputs: every fixture of a kind repeated to about 1 MB, and near-miss lines
// of 400 KB (the shapes the parser tests feed them, timed here instead of asserted there).
const { EVIDENCE_PARSERS } = await import('../src/evidence/index.js');
const evidenceDirs: Record<string, string> = { netstat: 'sockets', tasklist: 'processes', errorlog: 'errorlog', alias: 'aliases', capture: 'capture' };
console.log('evidence parsers, ~1 MB of real fixtures / worst 400 KB near-miss line:');
for (const [kind, dir] of Object.entries(evidenceDirs)) {
  const folder = new URL(`evidence/${dir}/`, fixtures);
  const real = readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(new URL(f, folder), 'utf8'))
    .join('\n\n');
  const big = real.repeat(Math.max(1, Math.ceil(1_000_000 / Math.max(1, real.length))));
  const parser = EVIDENCE_PARSERS[kind as keyof typeof EVIDENCE_PARSERS].parser;
  start = performance.now();
  parser.parse(big);
  const bigMs = ms(start);
  let worst = 0;
  for (const char of [' ', ':', '[', '.', '"', '-', '=', '0']) {
    start = performance.now();
    parser.parse(`TCP Server is listening on [ ${char.repeat(400_000)}\nLISTEN 0 ${char.repeat(400_000)} x`);
    worst = Math.max(worst, ms(start));
  }
  console.log(`  ${kind.padEnd(10)} ${(big.length / 1e6).toFixed(1)} MB in ${bigMs.toFixed(0)} ms · near-miss worst ${worst.toFixed(0)} ms`);
}

// User rules with `matches` patterns: each new pattern is checked for catastrophic backtracking (recheck)
// when the rules load; a known pattern is not checked twice.
const PATTERNS = ['^sql-[a-z0-9-]+\\.db\\.contoso\\.internal$', '/^db\\d{2}-(prod|test)$/i', '(a+)+$', '^(\\w+\\s?)*$', 'refused|reset'];
console.log('user-rule pattern checks (recheck), first time / again:');
for (const pattern of PATTERNS) {
  start = performance.now();
  const verdict = checkPattern(pattern);
  const first = ms(start);
  start = performance.now();
  checkPattern(pattern);
  console.log(`  ${first.toFixed(0).padStart(5)} ms / ${ms(start).toFixed(2)} ms  ${verdict.ok ? 'safe' : verdict.code}  ${JSON.stringify(pattern)}`);
}
