// Reading the config file, and the order in which rule directories load: built-in rules, then the config
// file's `rules`, then MSSQL_DOCTOR_RULES, then each --rules option (docs/writing-rules.md, "Load order").
import { readFileSync } from 'node:fs';
import { delimiter, dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { DoctorError } from './errors.js';
import { once, yaml } from './lazy.js';
import { MAX_ALIAS_COUNT } from './rules/yaml-source.js';
import { ConfigSchema, type DoctorConfig } from './schemas/config.js';

/** Rule directories from the environment, separated like PATH (":" on Unix, ";" on Windows). */
export const RULES_ENV = 'MSSQL_DOCTOR_RULES';

// Made when a config file is first read: most runs have none.
const configValidator = once(() => new Ajv({ allErrors: true, strict: true }).compile<DoctorConfig>(ConfigSchema));

export function readConfig(file: string): DoctorConfig & { dir: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DoctorError('MSSQLDOCTOR_ERR_CONFIG_INVALID', `cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let data: unknown;
  try {
    // YAML is a superset of JSON: one parser reads both. Aliases are capped as in rule files.
    data = yaml().parse(text, { maxAliasCount: MAX_ALIAS_COUNT, logLevel: 'error' }) ?? {};
  } catch (error) {
    throw new DoctorError('MSSQLDOCTOR_ERR_CONFIG_INVALID', `config file ${file} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const validateConfig = configValidator();
  if (!validateConfig(data)) throw new DoctorError('MSSQLDOCTOR_ERR_CONFIG_INVALID', `config file ${file}: ${describeConfigError(validateConfig.errors ?? [])}`);
  return { ...data, dir: dirname(resolve(file)) };
}

/**
 * One line for the most specific error. A value that may take several shapes (an allowlist entry: a string or
 * { host, ports }) fails each of them; the deepest error names the real problem (ports/0 must be <= 65535), and
 * at one depth a missing or unknown key says more than "must be string".
 */
function describeConfigError(errors: readonly ErrorObject[]): string {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const vague = (e: ErrorObject) => e.keyword === 'type' || e.keyword === 'anyOf';
  const deepest = errors.filter((e) => e.keyword !== 'anyOf').sort((a, b) => depth(b) - depth(a) || Number(vague(a)) - Number(vague(b)));
  const first = deepest[0];
  if (!first) return `${errors[0]?.instancePath || '/'} is invalid`;
  const where = first.instancePath || '/';
  if (first.keyword === 'type') {
    const types = deepest.filter((e) => e.keyword === 'type' && e.instancePath === first.instancePath).map((e) => String((e.params as { type: string }).type));
    return `${where} must be ${types.join(' or ')}`;
  }
  const extra = first.keyword === 'additionalProperties' ? ` "${String((first.params as { additionalProperty?: string }).additionalProperty)}"` : '';
  return `${where} ${first.message ?? 'is invalid'}${extra}`;
}

export interface RuleSourceOptions {
  config?: string;
  rules?: readonly string[];
}

/** Every user rule path, in load order (after the built-in rules). */
export function userRulePaths(options: RuleSourceOptions, env: NodeJS.ProcessEnv = process.env): string[] {
  const fromConfig = options.config ? (({ rules = [], dir }) => rules.map((path) => resolve(dir, path)))(readConfig(options.config)) : [];
  const fromEnv = (env[RULES_ENV] ?? '').split(delimiter).filter((path) => path.trim() !== '');
  return [...fromConfig, ...fromEnv, ...(options.rules ?? [])];
}
