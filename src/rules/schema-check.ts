// Rule files against schemas/rule.schema.json (ajv), with ajv's errors turned into plain positioned messages.
import { Ajv, type ErrorObject } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { closest as closestMatch, distance } from 'fastest-levenshtein';
import type { Problem } from '../errors.js';
import { RuleFileSchema, type RuleFile } from '../schemas/rule-file.js';
import type { YamlSource } from './yaml-source.js';

// ajv-formats is CommonJS; under NodeNext its function arrives as the namespace's `default`.
const addFormats = ajvFormats.default as unknown as typeof ajvFormats.default.default;

// verbose: errors carry the offending value, so messages can name it.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTuples: false });
addFormats(ajv);
const validateRuleFile = ajv.compile<RuleFile>(RuleFileSchema);

/** The allowed value nearest to a misspelling, when it is near enough to be the likely intent. */
function closest(value: string, allowed: readonly string[]): string | undefined {
  const best = closestMatch(value, [...allowed]);
  return best && distance(value, best) <= Math.max(2, Math.floor(value.length / 4)) ? best : undefined;
}

function pathOf(instancePath: string): Array<string | number> {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown property "${String(params.additionalProperty)}"`;
    case 'required':
      return `missing required property "${String(params.missingProperty)}"`;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? closest(error.data, allowed) : undefined;
      if (suggestion) return `${JSON.stringify(error.data)} is not allowed here; did you mean "${suggestion}"?`;
      const shown = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}, … (${allowed.length} in all)` : allowed.join(', ');
      return `${JSON.stringify(error.data)} is not allowed here; use one of: ${shown}`;
    }
    default:
      return error.message ?? error.keyword;
  }
}

/**
 * ajv reports every branch of a union. Keep the errors at the deepest places: they name what to fix,
 * where "must match a schema in anyOf" at the parent does not.
 */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject[] {
  const concrete = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  const kept = concrete.filter(
    (e) => !concrete.some((other) => other !== e && other.instancePath.startsWith(`${e.instancePath}/`)),
  );
  const seen = new Set<string>();
  return (kept.length > 0 ? kept : [...errors]).filter((e) => {
    const key = `${e.instancePath}|${describe(e)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function checkRuleFileSchema(source: YamlSource): { file?: RuleFile; problems: Problem[] } {
  if (source.data === null || source.data === undefined) return { file: {}, problems: [] };
  if (validateRuleFile(source.data)) return { file: source.data, problems: [] };
  const problems = mostSpecific(validateRuleFile.errors ?? []).map((error) => {
    const path = pathOf(error.instancePath);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'additionalProperties') path.push(String(params.additionalProperty));
    const at = source.locate(path);
    return { file: source.file, ...at, code: 'SCHEMA', message: `${error.instancePath || '/'}: ${describe(error)}` };
  });
  return { problems };
}
