// Starts `mssql-doctor serve` as a process of its own, for tests and benchmarks (no jest imports here: the
// benchmarks run under plain tsx).
import { spawn } from 'node:child_process';

export const REPO_ROOT = new URL('../', import.meta.url).pathname;

export interface ServeProcess {
  url: string;
  stop(): Promise<{ code: number | null; stdout: string }>;
}

/** Starts `node ARGV` (a `mssql-doctor serve`) and waits at most 20 s (or as told) for its "Server listening at" log line. */
export function startServeProcess(argv: string[], startTimeoutMs = 20_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, argv, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; stdout: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start: ${stderr}${stdout}`));
    }, startTimeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (!listening?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: listening[1],
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}
