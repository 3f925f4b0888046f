// Load shedding for createServer(): when the event loop lags or the heap is nearly full, a new request gets 503 with
// Retry-After at once instead of waiting behind work the server cannot finish in time (a slow client then sees a
// clear "busy" rather than its own timeout). @fastify/under-pressure samples both; requests already accepted finish.
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getHeapStatistics } from 'node:v8';
import { errorBody, type ErrorBody } from './error-reply.js';

export interface OverloadOptions {
  /** Shed while the event loop's mean delay over the last sample is above this, in ms; 0 turns the check off. */
  maxEventLoopDelayMs?: number;
  /** Shed while the V8 heap in use is above this, in bytes; 0 turns the check off. */
  maxHeapUsedBytes?: number;
  /** The Retry-After of a 503, in seconds. */
  retryAfterSeconds?: number;
  /** How often both are sampled, in ms: a shed decision holds until the next sample. */
  sampleIntervalMs?: number;
}

/** A share of V8's heap limit (--max-old-space-size), leaving room for the requests in flight to finish. */
export const DEFAULT_HEAP_USED_SHARE = 0.85;

export const DEFAULT_OVERLOAD = {
  maxEventLoopDelayMs: 200,
  retryAfterSeconds: 2,
  sampleIntervalMs: 500,
} as const;

/** Route config that answers even under pressure (a route cheap enough to keep, such as the health check). */
export const ANSWER_UNDER_PRESSURE = { pressureHandler: () => undefined };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Read by @fastify/under-pressure: returning nothing lets the request through. */
    pressureHandler?: () => undefined;
  }
}

/** A sample in which the loop never got to tick reads as an infinite delay: it lagged at least the whole sample. */
function lag(value: number | undefined, sampleIntervalMs: number): string {
  return value === undefined || Number.isFinite(value) ? `${Math.round(value ?? 0)} ms` : `more than ${sampleIntervalMs} ms`;
}

/**
 * under-pressure sends what the handler returns and stops the request there (its handlePressure), though its type
 * says void. Sending here instead would let the request run on: the reply counts as sent only once our async onSend
 * hook is done, and the hooks after this one check that flag.
 */
function shedder(retryAfter: number, sampleIntervalMs: number) {
  return (request: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined): ErrorBody => {
    request.log.info({ pressure: type, value }, 'request shed');
    const why = type === underPressure.TYPE_HEAP_USED_BYTES ? 'its memory is nearly full' : `its event loop lags ${lag(value, sampleIntervalMs)} behind`;
    void reply.status(503).header('Retry-After', String(retryAfter));
    return errorBody(503, `the server is too busy to take this request now (${why}); retry in ${retryAfter} s`);
  };
}

export async function shedLoad(app: FastifyInstance, options: OverloadOptions): Promise<void> {
  const sampleInterval = options.sampleIntervalMs ?? DEFAULT_OVERLOAD.sampleIntervalMs;
  const shed = shedder(options.retryAfterSeconds ?? DEFAULT_OVERLOAD.retryAfterSeconds, sampleInterval);
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs ?? DEFAULT_OVERLOAD.maxEventLoopDelayMs,
    maxHeapUsedBytes: options.maxHeapUsedBytes ?? Math.floor(getHeapStatistics().heap_size_limit * DEFAULT_HEAP_USED_SHARE),
    sampleInterval,
    pressureHandler: shed as unknown as () => void,
  });
}
