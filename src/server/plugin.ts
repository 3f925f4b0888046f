// The doctor as a Fastify plugin: POST /v1/diagnose, GET /v1/rules, GET /openapi.json, GET /healthz and the
// paste page. Encapsulated, so a team can mount it under a prefix in its own service; createServer() (app.ts)
// wraps it in a server of its own. Request bodies are validated by the same schemas the library publishes.
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { createDoctor, type ProbeGuard } from '../doctor.js';
import { DoctorError } from '../errors.js';
import { systemLookup } from '../probes/dns-probe.js';
import { PACKAGE_VERSION } from '../package-root.js';
import { bodyParsers } from './body-parsers.js';
import { describeSchemaErrors, errorBody, replyWithError } from './error-reply.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT, type DoctorServerOptions } from './options.js';
import { ANSWER_UNDER_PRESSURE } from './overload.js';
import { pageRoutes } from './page-routes.js';
import { clearProbeTarget, parseAllowlist, type ProbeAllowEntry } from './probe-allowlist.js';
import { diagnoseRoute, rulesRoute } from './routes.js';
import { schemaValidatorCompiler } from './validator.js';

function probeGuardFrom(entries: readonly ProbeAllowEntry[]): ProbeGuard | undefined {
  const { allowlist, problems } = parseAllowlist(entries);
  if (problems.length > 0) throw new DoctorError('MSSQLDOCTOR_ERR_CONFIG_INVALID', `server.probes.allow: ${problems.join('; ')}`);
  if (entries.length === 0) return undefined;
  return (target, { browserPort }) => clearProbeTarget(allowlist, { host: target.host, port: target.port, browserPort }, systemLookup);
}

export const mssqlDoctor: FastifyPluginAsync<DoctorServerOptions> = async (app: FastifyInstance, options) => {
  const probeGuard = probeGuardFrom(options.probeAllow ?? []);
  const doctor = createDoctor({ rules: options.rules ?? [], ...(probeGuard ? { probeGuard } : {}) });

  app.setValidatorCompiler(schemaValidatorCompiler());
  app.setSchemaErrorFormatter(describeSchemaErrors);
  // Responses are documented by schema (OpenAPI) but written as they are: the formats differ by ?format=.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(replyWithError);
  bodyParsers(app);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return reply.status(404).send(errorBody(404, `no route ${request.method} ${path.length > 200 ? `${path.slice(0, 200)}…` : path}`));
  });

  await app.register(swagger, {
    // The page and its assets are not API: only routes tagged "api" are documented.
    hideUntagged: true,
    openapi: {
      openapi: '3.1.0',
      info: { title: 'mssql-doctor', version: PACKAGE_VERSION, description: 'Diagnoses SQL Server connection failures from pasted client errors and evidence.' },
    },
  });
  const limit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  if (limit) {
    await app.register(rateLimit, {
      max: limit.max,
      timeWindow: limit.windowMs,
      errorResponseBuilder: (_request, context) => ({ ...errorBody(429, `rate limit: at most ${context.max} requests per ${Math.round(limit.windowMs / 1000)} s from one client; retry in ${Math.ceil(context.ttl / 1000)} s`) }),
    });
  }

  diagnoseRoute(app, doctor, { bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, probesEnabled: probeGuard !== undefined });
  rulesRoute(app, doctor.pack);
  // Liveness: answered under load too, and never 503 for it. A health check that fails when the server is busy makes
  // an orchestrator restart or drain a healthy instance, which moves its load onto the others; the API's own 503s
  // shed the excess instead. `overloaded` tells a dashboard that the server is shedding now.
  app.get('/healthz', { config: { rateLimit: false, ...ANSWER_UNDER_PRESSURE }, schema: { hide: true } }, async () => ({
    status: 'ok',
    version: PACKAGE_VERSION,
    rulePack: doctor.pack.version,
    overloaded: app.hasDecorator('isUnderPressure') ? app.isUnderPressure() : false,
  }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(pageRoutes);
};
