// Prints figures, asserts nothing: how fast `scan` reads a large log, and how much memory it holds. The log is
// built from real texts: every line of the real ERRORLOG and application-log fixtures, repeated in turn.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createDoctor } from '../src/doctor.js';
import { createEntrySplitter } from '../src/scan/log-entries.js';
import { readLogLines } from '../src/scan/read-log.js';
import { createScan } from '../src/scan/scan.js';
import { maskVariableParts } from '../src/scan/signature.js';

const fixtures = new URL('../test/fixtures/', import.meta.url);
const realLines = ['evidence/errorlog/', 'logs/'].flatMap((dir) =>
  readdirSync(new URL(dir, fixtures))
    .filter((f) => /\.(txt|log)$/.test(f) && !f.includes('utf16'))
    .flatMap((f) => readFileSync(new URL(`${dir}${f}`, fixtures), 'utf8').split('\n')),
);

const LINES = 200_000;
const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-scan-bench-'));
const file = join(dir, 'big.log');
writeFileSync(file, Array.from({ length: LINES }, (_, i) => realLines[i % realLines.length]).join('\n'));
const megabytes = statSync(file).size / 2 ** 20;

const scan = createScan(createDoctor());
const start = performance.now();
const splitter = createEntrySplitter('big.log', scan.add);
const { lines } = await readLogLines(file, splitter.push);
splitter.end();
scan.fileRead('big.log', lines);
const report = await scan.report();
const seconds = (performance.now() - start) / 1000;
console.log(
  `scan, ${lines} lines (${megabytes.toFixed(1)} MiB, ${realLines.length} real lines repeated): ${seconds.toFixed(2)} s, ` +
    `${Math.round(lines / seconds)} lines/s, ${report.errorEntries} errors in ${report.signatures.length} signatures`,
);

// The bundled CLI as a person runs it, with its peak memory (max RSS, from GNU time when installed).
const time = spawnSync('sh', ['-c', 'command -v /usr/bin/time'], { encoding: 'utf8' }).status === 0;
const cli = new URL('../dist/cli.mjs', import.meta.url).pathname;
const run = time
  ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'scan', '--json', file], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 })
  : spawnSync(process.execPath, [cli, 'scan', '--json', file], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
const rss = time ? ` · max RSS ${(Number(run.stderr.trim().split('\n').at(-1)) / 1024).toFixed(0)} MiB` : ' (install GNU time for the peak memory)';
console.log(`mssql-doctor scan (bundle) on the same file: exit ${run.status}${rss}`);
rmSync(dir, { recursive: true, force: true });

// Signatures of hostile 64 KiB messages (a run of what each masking pattern looks for, unterminated).
const HOSTILE = ['[a:', "'", '1', '0x', '[', '00000000-0000-', '1.2.3.'];
const worst = HOSTILE.map((seed) => {
  const message = seed.repeat(Math.ceil(65_536 / seed.length)).slice(0, 65_536);
  const t = performance.now();
  maskVariableParts({ provider: 'server', message, line: '' });
  return { seed, ms: performance.now() - t };
}).sort((a, b) => b.ms - a.ms)[0];
console.log(`signature of the worst hostile 64 KiB message (${JSON.stringify(worst?.seed)} repeated): ${worst?.ms.toFixed(1)} ms`);
