// Loopback targets that provoke real connection failures: a closed port, a non-SQL listener, a silent listener.
import net from 'node:net';

/** Where a client is pointed: a host with a port, or a host with a named instance (port via SQL Browser). */
export interface Target {
  host: string;
  port?: number;
  instance?: string;
}

export interface LocalTargets {
  refusedPort: number;
  httpPort: number;
  silentPort: number;
  close(): Promise<void>;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

/** A port that was free a moment ago; nothing listens on it, so the kernel answers a SYN with RST. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startLocalTargets(): Promise<LocalTargets> {
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
  const [httpPort, silentPort, refusedPort] = [await listen(http), await listen(silent), await closedPort()];
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
