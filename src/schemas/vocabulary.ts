// The closed word lists every other schema draws on: families, providers, evidence and check kinds.
import { Type } from '@sinclair/typebox';

/** Failure families, the first thing a diagnosis names (see ARCHITECTURE.md "family"). */
export const FAMILIES = [
  'refused',
  'not_found',
  'timeout',
  'dns',
  'named_pipes',
  'login_failed',
  'tls',
  'sspi',
  'prelogin',
  'azure_firewall',
  'database',
  'other',
  'unknown',
] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * Client families a normalizer recognises; one module each under src/normalize/. `server` is SQL
 * Server's own message text (ERRORLOG lines, "Msg 18456, Level 14, State 1") pasted as the error.
 */
export const PROVIDERS = ['sqlclient', 'sqlcmd', 'odbc', 'dblib', 'jdbc', 'tedious', 'go', 'prisma', 'tiberius', 'server'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Artefacts a person can paste as evidence; one parser each under src/evidence/. */
export const EVIDENCE_KINDS = [
  'netstat',
  'tasklist',
  'errorlog',
  'alias',
  'connection_string',
  'capture',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Live probes, one each under src/probes/. */
export const PROBE_KINDS = ['tcp', 'dns', 'ssrp', 'prelogin'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** What a next check asks for: an evidence artefact, a probe, or a question to the user. */
export const CHECK_KINDS = [...EVIDENCE_KINDS, ...PROBE_KINDS.map((k) => `probe.${k}` as const), 'question'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** What a socket-level error number or phrase says happened to the connection attempt. */
export const SOCKET_OUTCOMES = [
  'refused',
  'timeout',
  'dns',
  'unreachable',
  'reset',
  'aborted',
  'pipe_not_found',
  'pipe_busy',
  'pipe_closed',
  'access_denied',
  'not_connected',
  'closed',
] as const;
export type SocketOutcome = (typeof SOCKET_OUTCOMES)[number];

export const PROTOCOLS = ['tcp', 'np', 'lpc', 'admin'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Where a fix step or check command runs. */
export const PLACES = ['client', 'server', 'network'] as const;
export type Place = (typeof PLACES)[number];

export const PLATFORMS = ['any', 'windows', 'linux', 'macos'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A JSON Schema string enum whose static type is the union of its values. */
export const StringEnum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
