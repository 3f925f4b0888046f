// Every error answer has one shape, { statusCode, error, message }, with a message that names what to fix
// (the field, the limit) and never repeats pasted text: Fastify's own messages, which can quote a URL or header, are
// replaced by ours, and a 500 says only where the details are. Logs at info level carry only status and code.
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { DoctorError, type ErrorCode } from '../errors.js';
import { keyForMessage, unsupportedMediaType } from './refusals.js';
import { redactText } from '../redact/index.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

const DOCTOR_STATUS: Partial<Record<ErrorCode, number>> = {
  MSSQLDOCTOR_ERR_INPUT_INVALID: 400,
  MSSQLDOCTOR_ERR_PROBE_FORBIDDEN: 403,
  MSSQLDOCTOR_ERR_MEDIA_UNSUPPORTED: 415,
};

/** The message is redacted: it may quote what the client sent (an unknown property's name, the path of a 404). */
export function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: redactText(message).text };
}

/**
 * ajv's errors as one line per field: `body/probe/timeoutMs must be <= 60000`. An unknown property is named,
 * which ajv's own "must NOT have additional properties" leaves out.
 */
export function describeSchemaErrors(errors: readonly FastifySchemaValidationError[], dataVar: string): Error {
  // A value that may take several types (probe: true or { … }) fails each: one line names them all, and ajv's
  // "must match a schema in anyOf" after them adds nothing.
  const typesAt = new Map<string, string[]>();
  for (const e of errors) if (e.keyword === 'type') typesAt.set(e.instancePath, [...(typesAt.get(e.instancePath) ?? []), String((e.params as { type?: unknown }).type)]);
  const lines = errors.filter((e) => e.keyword !== 'anyOf').map((e) => {
    // A JSON pointer; its segments are keys of the input (facts take any name), unescaped per RFC 6901.
    const path = e.instancePath.split('/').slice(1).map((segment) => `/${keyForMessage(segment.replace(/~1/g, '/').replace(/~0/g, '~'))}`);
    const where = `${dataVar}${path.join('')}`;
    const params = e.params as { additionalProperty?: unknown; allowedValues?: unknown[] };
    if (e.keyword === 'additionalProperties') {
      const key = String(params.additionalProperty);
      return keyForMessage(key) === key ? `${where} has an unknown property "${key}"` : `${where} has an unknown property (a key of ${key.length} characters)`;
    }
    if (e.keyword === 'enum') return `${where} must be one of: ${(params.allowedValues ?? []).join(', ')}`;
    // JSON that is not an object (an array, a string, null) as the whole body.
    if (dataVar === 'body' && e.instancePath === '' && e.keyword === 'type') return 'body must be a JSON object such as {"text": "…"}, or send the paste as text/plain';
    if (e.keyword === 'type') return `${where} must be ${(typesAt.get(e.instancePath) ?? []).join(' or ')}`;
    return `${where} ${e.message ?? 'is not valid'}`;
  });
  return new Error([...new Set(lines)].join('; '));
}

/**
 * Our message for an error Fastify raises itself, whose own message may quote the request (a URL, a header) or says
 * too little ("Unsupported Media Type"); undefined keeps the error's message (ours: validation, the rate limit).
 */
function frameworkMessage(error: FastifyError, request: FastifyRequest, statusCode: number): string | undefined {
  switch (error.code) {
    case undefined:
    case 'FST_ERR_VALIDATION':
      return undefined;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType(request.headers['content-type']).message;
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions.bodyLimit;
      return `the request body is too large: this server takes at most ${limit} bytes (${Math.floor(limit / 1024)} KiB)`;
    }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return "the request body's length does not match its Content-Length header";
    case 'FST_ERR_BAD_URL':
      return 'the URL is not valid: its path holds a malformed percent-encoding';
    default:
      return `the request was refused (${STATUS_CODES[statusCode] ?? statusCode})`;
  }
}

export function replyWithError(error: FastifyError | DoctorError, request: FastifyRequest, reply: FastifyReply): void {
  const doctorStatus = error instanceof DoctorError ? DOCTOR_STATUS[error.code] : undefined;
  const fastifyStatus = (error as FastifyError).statusCode;
  const statusCode = doctorStatus ?? (fastifyStatus !== undefined && fastifyStatus >= 400 ? fastifyStatus : 500);
  const code = error instanceof DoctorError ? error.code : (error as FastifyError).code;
  if (statusCode >= 500) {
    // The stack is for the operator; the message could hold a fragment of input, so it stays out of info logs too.
    request.log.error({ code, statusCode }, 'request failed');
    request.log.debug({ err: error }, 'request failed: details');
    void reply.status(statusCode).send(errorBody(statusCode, 'the diagnosis failed; the server log has the details'));
    return;
  }
  request.log.info({ code, statusCode }, 'request refused');
  const message = error instanceof DoctorError ? error.message : (frameworkMessage(error, request, statusCode) ?? error.message);
  void reply.status(statusCode).send(errorBody(statusCode, message));
}
