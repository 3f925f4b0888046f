// Answers to requests Node's HTTP parser refuses before Fastify sees them (headers over the size limit, a body that
// never finishes, bytes that are not HTTP), in the same { statusCode, error, message } shape as every other refusal.
// Fastify's default says "Client Error"; these say what was wrong, and never quote what was sent.
import { maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody } from './error-reply.js';

function answer(error: NodeJS.ErrnoException, requestTimeoutMs: number): { statusCode: number; message: string } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { statusCode: 408, message: `the request did not arrive in full within ${Math.round(requestTimeoutMs / 1000)} s` };
    case 'HPE_HEADER_OVERFLOW':
      return { statusCode: 431, message: `the request line and headers are larger than ${Math.floor(maxHeaderSize / 1024)} KiB` };
    default:
      return { statusCode: 400, message: 'the request is not valid HTTP/1.1' };
  }
}

/** Fastify's clientErrorHandler: writes the answer on the raw socket, then closes it (as Node's own handler does). */
export function clientErrorHandler(requestTimeoutMs: number) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    // A reset connection has no one to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) {
      const { statusCode, message } = answer(error, requestTimeoutMs);
      const refusal = errorBody(statusCode, message);
      const body = JSON.stringify(refusal);
      socket.write(`HTTP/1.1 ${statusCode} ${refusal.error}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy(error);
  };
}
