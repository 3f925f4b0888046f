// Runs a real client's process as a terminal would, every wait bounded: what the user would paste comes from here.
import { spawn, spawnSync } from 'node:child_process';

/** Every client gets this long before it is killed; their own login timeouts are 3 s, Browser lookups ~16 s. */
export const CLIENT_WAIT_MS = 25_000;
/** The login (connect) timeout every client is given, in seconds, so the suite stays fast. */
export const LOGIN_TIMEOUT_S = 3;

export interface ProcessResult {
  /** stdout and stderr interleaved as a terminal shows them. */
  output: string;
  /** The exit code, or undefined when the process was killed or could not start. */
  status: number | undefined;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Killed after this long (default CLIENT_WAIT_MS). */
  waitMs?: number;
  cwd?: string;
}

/** Runs a command, killed after a bounded wait. */
export function runProcess(command: string, args: readonly string[], { env = {}, input = '', waitMs = CLIENT_WAIT_MS, cwd }: RunOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve) => {
    let output = '';
    let status: number | undefined;
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    const timer = setTimeout(() => child.kill('SIGKILL'), waitMs);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => (output += `${command}: ${error.message}\n`));
    child.on('exit', (code) => (status = code ?? undefined));
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ output, status });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** A client's output for one attempt (its exit code says nothing the text does not). */
export async function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv, input = '', waitMs = CLIENT_WAIT_MS): Promise<string> {
  return (await runProcess(command, args, { env, input, waitMs })).output;
}

export const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
