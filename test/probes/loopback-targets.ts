// Loopback listeners the probe tests point at: closed TCP and UDP ports, a web server, a silent TCP listener,
// a silent UDP socket. Everything binds 127.0.0.1 on an ephemeral port and is closed by the caller.
import dgram from 'node:dgram';
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

/** A TCP port that was free a moment ago: the kernel answers a SYN to it with RST. */
export async function closedTcpPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A UDP port that was free a moment ago: a datagram to it gets ICMP port unreachable back. */
export async function closedUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
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
