// createServer(): the doctor's own Fastify server (what `mssql-doctor serve` runs), with request ids, pino logs
// that hold no pasted text, and a request timeout. Not listening yet: the caller chooses host and port.
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_BODY_LIMIT, DEFAULT_REQUEST_TIMEOUT_MS, type CreateServerOptions } from './options.js';
import { clientErrorHandler } from './client-errors.js';
import { replyWithError } from './error-reply.js';
import { shedLoad } from './overload.js';
import { redactText } from '../redact/index.js';
import { mssqlDoctor } from './plugin.js';

export type { CreateServerOptions };

/** A caller's X-Request-Id is kept when it is a plain token, so a proxy's id follows the request through. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * What a request log line holds: method, path (without the query string, and redacted: nothing a client puts in
 * a URL is logged), and the client address. Bodies are never logged.
 */
const serializers = {
  req: (request: { method: string; url: string; ip?: string; socket?: { remoteAddress?: string } }) => ({
    method: request.method,
    path: redactText(request.url.split('?')[0] ?? '').text,
    remoteAddress: request.ip ?? request.socket?.remoteAddress,
  }),
};

export async function createServer(options: CreateServerOptions = {}): Promise<FastifyInstance> {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: options.logger === false ? false : { level: 'info', ...options.logger, serializers },
    genReqId: requestId,
    requestIdHeader: false,
    requestTimeout,
    http: {
      // Node checks request timeouts every 30 s by default, so a 408 could come 30 s late; and a request whose
      // headers are in but whose body is not was measured against headersTimeout (60 s), not requestTimeout.
      connectionsCheckingInterval: Math.min(5000, Math.max(100, Math.floor(requestTimeout / 4))),
      headersTimeout: Math.min(60_000, requestTimeout),
    },
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    clientErrorHandler: clientErrorHandler(requestTimeout),
    // A URL Fastify cannot decode never reaches a route; its default answer quotes the URL and has another shape.
    frameworkErrors: (error, request, reply) => replyWithError(error, request, reply),
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  await app.register(mssqlDoctor, options);
  // After the plugin, whose start-up (loading and checking the rules) would otherwise be the first sample's lag and
  // shed the first requests. Root hooks reach every route when the server gets ready, and run before the plugin's
  // own (the rate limit): a shed request costs next to nothing.
  if (options.overload !== false) await shedLoad(app, options.overload ?? {});
  return app;
}
