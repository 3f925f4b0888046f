// Every error answer has one shape, { statusCode, error, message }, with a message that names what to fix
// (the field, the limit) and never repeats pasted text. Logs at info level carry only status and code.
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { DoctorError, type ErrorCode } from '../errors.js';
import { redactText } from '../redact/index.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

const DOCTOR_STATUS: Partial<Record<ErrorCode, number>> = {
  MSSQLDOCTOR_ERR_INPUT_INVALID: 400,
  MSSQLDOCTOR_ERR_PROBE_FORBIDDEN: 403,
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
  const lines = errors.map((e) => {
    const where = `${dataVar}${e.instancePath}`;
    const params = e.params as { additionalProperty?: unknown; allowedValues?: unknown[] };
    if (e.keyword === 'additionalProperties') return `${where} has an unknown property "${String(params.additionalProperty)}"`;
    if (e.keyword === 'enum') return `${where} must be one of: ${(params.allowedValues ?? []).join(', ')}`;
    return `${where} ${e.message ?? 'is not valid'}`;
  });
  return new Error([...new Set(lines)].join('; '));
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
  void reply.status(statusCode).send(errorBody(statusCode, error.message));
}
