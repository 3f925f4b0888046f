// The API's routes, with schemas that validate requests and document every answer in /openapi.json.
import type { FastifyInstance } from 'fastify';
import type { Doctor } from '../doctor.js';
import { DoctorError } from '../errors.js';
import type { RulePack } from '../rules/rule-pack.js';
import { DiagnosisSchema } from '../schemas/diagnosis.js';
import { DiagnoseInputSchema, type DiagnoseInput } from '../schemas/input.js';
import { emptyBody } from './refusals.js';
import { FORMATS, formatFromAccept, render, type Format } from './formats.js';

/** A published schema inside another document: its own $id and $schema belong to the file, not to the route. */
function embedded(schema: object): object {
  const { $id: _id, $schema: _schema, ...rest } = schema as { $id?: string; $schema?: string };
  return rest;
}

const ErrorSchema = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string', description: 'What is wrong, naming the field or limit.' } },
  required: ['statusCode', 'error', 'message'],
} as const;

const errorResponses = {
  400: { description: 'The body is not valid JSON or breaks the input schema; the message names the field.', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Live probes were asked for but are off, or the target is outside server.probes.allow. Nothing was sent to it.', content: { 'application/json': { schema: ErrorSchema } } },
  413: { description: 'The body is larger than the server allows (256 KiB unless configured).', content: { 'application/json': { schema: ErrorSchema } } },
  415: {
    description: 'The body is neither application/json nor text/plain, is compressed, or names a charset other than utf-8, utf-16 (le/be, or with a byte order mark) and iso-8859-1.',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  429: { description: 'Too many requests from this client; retry after the Retry-After header\'s seconds.', content: { 'application/json': { schema: ErrorSchema } } },
  503: { description: 'The server is overloaded and sheds requests; retry after the Retry-After header\'s seconds.', content: { 'application/json': { schema: ErrorSchema } } },
};

export function diagnoseRoute(app: FastifyInstance, doctor: Doctor, settings: { bodyLimit: number; probesEnabled: boolean }): void {
  app.post<{ Body: DiagnoseInput; Querystring: { format?: Format } }>(
    '/v1/diagnose',
    {
      bodyLimit: settings.bodyLimit,
      // A POST without a body and without Content-Type reaches validation with no body at all.
      preValidation: async (request) => {
        if (request.body === undefined) throw emptyBody();
      },
      schema: {
        tags: ['api'],
        summary: 'Diagnose a pasted connection error',
        description:
          'The body is the library input. The answer is the Diagnosis as JSON, or Markdown (Accept: text/markdown or ?format=markdown), a Slack Block Kit message (?format=slack) or a Teams message with an Adaptive Card (?format=teams). A text/plain body is taken as the pasted text.',
        querystring: { type: 'object', properties: { format: { type: 'string', enum: [...FORMATS] } }, additionalProperties: false },
        body: embedded(DiagnoseInputSchema),
        response: {
          200: {
            description: 'The diagnosis, in the format asked for.',
            content: {
              'application/json': { schema: { ...embedded(DiagnosisSchema), description: 'A Diagnosis; with ?format=slack or ?format=teams, the chat message instead.' } },
              'text/markdown': { schema: { type: 'string' } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      if (request.body.probe && !settings.probesEnabled) {
        throw new DoctorError('MSSQLDOCTOR_ERR_PROBE_FORBIDDEN', 'live probes are off on this server: its operator enables them for listed hosts and networks with server.probes.allow in the config file');
      }
      const diagnosis = await doctor.diagnose(request.body);
      const { contentType, body } = render(diagnosis, request.query.format ?? formatFromAccept(request.headers.accept));
      return reply.type(contentType).send(body);
    },
  );
}

export function rulesRoute(app: FastifyInstance, pack: RulePack): void {
  app.get(
    '/v1/rules',
    {
      schema: {
        tags: ['api'],
        summary: 'The loaded rule pack',
        description: 'Its version, causes, checks and rules (built-in and user rules, disabled ones marked), each rule with the file and line it comes from.',
        response: { 200: { type: 'object', properties: { version: { type: 'string' }, causes: { type: 'array' }, checks: { type: 'array' }, rules: { type: 'array' } } } },
      },
    },
    async () => ({
      version: pack.version,
      causes: [...pack.causes.values()],
      checks: [...pack.checks.values()],
      rules: [...pack.rules.map((rule) => ({ rule, disabled: false })), ...pack.disabled.map((rule) => ({ rule, disabled: true }))].map(({ rule, disabled }) => ({
        ...rule,
        disabled,
        origin: pack.origins.get(rule.id),
      })),
    }),
  );
}
