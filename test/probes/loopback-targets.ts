// Loopback listeners the probe tests point at: closed TCP and UDP ports, a web server, a silent TCP listener,
// a silent UDP socket. Everything binds 127.0.0.1 and is closed by the caller; listeners on an ephemeral port, the
// closed ports outside the ephemeral range (see freedFixedPort).
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

export interface Closable {
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, on a port the kernel picks. */
export function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closeServer(server: net.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

function tracked(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

/**
 * Where the kernel picks ports for outgoing connections and for `listen(0)`: Linux's ip_local_port_range (read from
 * /proc), else IANA's dynamic range.
 */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low as number, high as number];
  } catch {
    // Not Linux: the range most systems use.
  }
  return [49152, 65535];
}

/** Ports below the ephemeral range tried for a closed port, and how many tries before giving up. */
const FIXED_PORTS: readonly [number, number] = [20000, 32767];
const CLOSED_PORT_TRIES = 100;

/**
 * A port outside the ephemeral range that was free a moment ago, found by binding it and letting it go. Not a port
 * from `listen(0)`: the kernel hands those out again, to the next outgoing connection too, and a connection from
 * 127.0.0.1:P to 127.0.0.1:P is TCP's simultaneous open, which succeeds; no test here binds a fixed port.
 */
async function freedFixedPort(bindAndRelease: (port: number) => Promise<boolean>): Promise<number> {
  const [ephemeralLow] = ephemeralRange();
  const high = Math.min(FIXED_PORTS[1], ephemeralLow - 1);
  for (let attempt = 0; attempt < CLOSED_PORT_TRIES; attempt++) {
    const port = FIXED_PORTS[0] + Math.floor(Math.random() * (high - FIXED_PORTS[0] + 1));
    if (await bindAndRelease(port)) return port;
  }
  throw new Error(`no free port in ${FIXED_PORTS[0]}-${high} after ${CLOSED_PORT_TRIES} tries`);
}

/** A TCP port outside the ephemeral range with nothing on it: the kernel answers a SYN to it with RST. */
export function closedTcpPort(): Promise<number> {
  return freedFixedPort(
    (port) =>
      new Promise((resolve) => {
        const server = net.createServer();
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
      }),
  );
}

/** A UDP port outside the ephemeral range with nothing on it: a datagram to it gets ICMP port unreachable back. */
export function closedUdpPort(): Promise<number> {
  return freedFixedPort(
    (port) =>
      new Promise((resolve) => {
        const socket = dgram.createSocket('udp4');
        socket.once('error', () => {
          try {
            socket.close();
          } catch {
            // A socket whose bind failed may not be running: nothing to close then.
          }
          resolve(false);
        });
        socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
      }),
  );
}

/** A real web server (node's http), as found on a port a connection string names by mistake. */
export async function webServer(): Promise<Closable> {
  const server = http.createServer((_request, response) => response.end('hello'));
  const sockets = tracked(server);
  const port = await listen(server);
  return { port, close: () => closeServer(server, sockets) };
}

/** Accepts connections and never says a word, as a hung server or a black-holing proxy does. */
export async function silentTcpListener(): Promise<Closable> {
  const server = net.createServer();
  const sockets = tracked(server);
  const port = await listen(server);
  return { port, close: () => closeServer(server, sockets) };
}

/** A bound UDP socket that reads and never answers, as a Browser port behind a dropping firewall looks. */
export async function silentUdpSocket(): Promise<Closable> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { port: socket.address().port, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}
