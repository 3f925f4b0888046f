// Loopback targets that provoke real connection failures: a closed port, a non-SQL listener, a silent listener.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { closedTcpPort, listen } from '../probes/loopback-targets.js';

/** Where a client is pointed: a host with a port, or a host with a named instance (port via SQL Browser). */
export interface Target {
  host: string;
  port?: number;
  instance?: string;
}

export interface TargetPorts {
  refusedPort: number;
  httpPort: number;
  silentPort: number;
}

export interface LocalTargets extends TargetPorts {
  close(): Promise<void>;
}

/** How long the targets' own process may wait for its ports before the test gives up on it. */
const START_WAIT_MS = 15_000;

/** The targets, served from the calling process. */
export async function listenLocalTargets(): Promise<LocalTargets> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  };
  // What a web server on the SQL port answers to a TDS PRELOGIN packet.
  const http = net.createServer((socket) => {
    track(socket);
    socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
  // Accepts and never answers, as a hung or overloaded server (or a black-holing proxy) does.
  const silent = net.createServer(track);
  const [httpPort, silentPort, refusedPort] = [await listen(http), await listen(silent), await closedTcpPort()];
  return {
    refusedPort,
    httpPort,
    silentPort,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([http, silent].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

/**
 * The targets, served from a process of their own. A late answer is not a harmless delay: FreeTDS clients whose
 * read times out retry the login and then wait forever (see NO_ERROR_TEXT in the test), so the listener that
 * plays a web server must answer at once, whatever the test process is busy with (diagnosing 30 outputs while
 * 30 clients start on 2 cores stalled it past FreeTDS's timeout in CI, and bsqldb printed nothing).
 */
export async function startLocalTargets(): Promise<LocalTargets> {
  const script = fileURLToPath(new URL('local-targets-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ports = await new Promise<TargetPorts>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the local targets did not start within ${START_WAIT_MS} ms`)), START_WAIT_MS);
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as TargetPorts);
    });
    child.once('exit', (code) => reject(new Error(`the local targets exited with code ${code} before listening`)));
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    ...ports,
    async close() {
      child.stdin.end(); // the process closes its listeners and exits when its stdin ends
      await exited;
    },
  };
}
