// Prints figures, asserts nothing: how long live probes of a refused loopback port take, in process
// (runProbes) and as a user runs them (`mssql-doctor probe 127.0.0.1,PORT`, the built bin, process start included).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runProbes } from '../src/probes/run-probes.js';
import { closedTcpPort } from '../test/probes/loopback-targets.js';

const BIN = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
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

if (!existsSync(BIN)) {
  console.log(`mssql-doctor probe: ${BIN} is missing; run npm run build first`);
} else {
  const wall: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [BIN, 'probe', `127.0.0.1,${port}`, '--json'], { encoding: 'utf8', timeout: 30_000 });
    wall.push(performance.now() - start);
    if (result.status !== 0) console.log(`unexpected exit ${result.status}: ${result.stderr}`);
  }
  console.log(`mssql-doctor probe 127.0.0.1,PORT (refused), wall time with process start × ${ROUNDS}: ${summary(wall)}`);
}
