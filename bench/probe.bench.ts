// Prints figures, asserts nothing: how long live probes of a refused loopback port take, in process
// (runProbes) and as a user runs them (`mssql-doctor probe 127.0.0.1,PORT`, the built bin, process start included).
// The unbundled build of the same CLI is timed beside the bin for comparison (scripts/bundle-cli.ts says why).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runProbes } from '../src/probes/run-probes.js';
import { closedTcpPort } from '../test/probes/loopback-targets.js';

const ROOT = new URL('../', import.meta.url);
const BIN = fileURLToPath(new URL((JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { bin: Record<string, string> }).bin['mssql-doctor'] ?? '', ROOT));
const UNBUNDLED = fileURLToPath(new URL('dist/src/cli/main.js', ROOT));
const ROUNDS = 10;

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`;
};

const port = await closedTcpPort();
const inProcess: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const start = performance.now();
  const report = await runProbes({ host: '127.0.0.1', port });
  inProcess.push(performance.now() - start);
  if (report.tcp[0]?.state !== 'refused') console.log(`unexpected: ${report.tcp[0]?.state}`);
}
console.log(`runProbes, refused loopback port × ${ROUNDS}: ${summary(inProcess)}`);

function timeCli(label: string, script: string): void {
  if (!existsSync(script)) {
    console.log(`${label}: ${script} is missing; run npm run build first`);
    return;
  }
  const wall: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [script, 'probe', `127.0.0.1,${port}`, '--json'], { encoding: 'utf8', timeout: 30_000 });
    wall.push(performance.now() - start);
    if (result.status !== 0) console.log(`unexpected exit ${result.status}: ${result.stderr}`);
  }
  console.log(`${label} probe 127.0.0.1,PORT (refused), wall time with process start × ${ROUNDS}: ${summary(wall)}`);
}

timeCli('mssql-doctor (the bin, bundled)', BIN);
timeCli('dist/src/cli/main.js (unbundled)', UNBUNDLED);
