// Reading the config file, and the order in which rule directories load: built-in rules, then the config
// file's `rules`, then MSSQL_DOCTOR_RULES, then each --rules option (docs/writing-rules.md, "Load order").
import { readFileSync } from 'node:fs';
import { delimiter, dirname, resolve } from 'node:path';
import { Ajv } from 'ajv';
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
  if (!validateConfig(data)) {
    const first = validateConfig.errors?.[0];
    const where = first?.instancePath || '/';
    const extra = first?.keyword === 'additionalProperties' ? ` "${String((first.params as { additionalProperty?: string }).additionalProperty)}"` : '';
    throw new DoctorError('MSSQLDOCTOR_ERR_CONFIG_INVALID', `config file ${file}: ${where} ${first?.message ?? 'is invalid'}${extra}`);
  }
  return { ...data, dir: dirname(resolve(file)) };
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
