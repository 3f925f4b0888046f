// mssql-doctor/server: the HTTP API and paste page, as a server of its own or as a plugin in a team's Fastify
// service. A separate entry point, so that library users who never serve do not load Fastify.
export { createServer, type CreateServerOptions } from './app.js';
export { DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT, DEFAULT_REQUEST_TIMEOUT_MS, type DoctorServerOptions } from './options.js';
export { mssqlDoctor } from './plugin.js';
export { clearProbeTarget, parseAllowlist, type ProbeAllowEntry, type ProbeAllowlist, type ProbeClearance, type ProbeRequest } from './probe-allowlist.js';
