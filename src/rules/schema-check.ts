// Rule files against schemas/rule.schema.json (ajv), with ajv's errors turned into plain positioned messages.
import type { Ajv as AjvType, ErrorObject, ValidateFunction } from 'ajv';
import type { FormatsPlugin } from 'ajv-formats';
import type { Problem } from '../errors.js';
import { RuleFileSchema, type RuleFile } from '../schemas/rule-file.js';
import { nearestName } from './nearest.js';
import { once, requireOnDemand } from '../lazy.js';
import type { ProblemCode } from './problem-codes.js';
import type { YamlSource } from './yaml-source.js';

/** The schema compiler and the rule file validator, made when the first rule file is checked. */
const compiled = once(() => {
  const { Ajv } = requireOnDemand('ajv') as typeof import('ajv');
  const addFormats = (requireOnDemand('ajv-formats') as { default: FormatsPlugin }).default;
  // verbose: errors carry the offending value and its schema, so messages can name both.
  const ajv: AjvType = new Ajv({ allErrors: true, verbose: true, strict: true, strictTuples: false });
  addFormats(ajv);
  // Editor hints (VS Code's YAML extension), not validation.
  ajv.addKeyword('markdownEnumDescriptions');
  return { ajv, validateRuleFile: ajv.compile<RuleFile>(RuleFileSchema) };
});

function pathOf(instancePath: string): Array<string | number> {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describe(error: ErrorObject, siblings: ReadonlyMap<string, string>): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      // Quoted as JSON: a YAML complex key (`? {…} : …`) reads as a name with line breaks, and a problem is one line.
      const quoted = JSON.stringify(name);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const elsewhere = siblings.get(name);
      if (elsewhere) return `unknown property ${quoted} here (allowed: ${allowed.join(', ')}); ${quoted} belongs to another form: ${elsewhere}`;
      // A suggestion the object already has is no help ("any" next to an "all" is not a typo of it).
      const present = new Set(Object.keys((error.data as object | null) ?? {}));
      const suggestion = nearestName(name, allowed.filter((p) => !present.has(p)));
      return `unknown property ${quoted}${suggestion ? `; did you mean "${suggestion}"?` : ` (allowed: ${allowed.join(', ')})`}`;
    }
    case 'required':
      return `missing required property "${String(params.missingProperty)}"`;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? nearestName(error.data, allowed) : undefined;
      if (suggestion) return `${JSON.stringify(error.data)} is not allowed here; did you mean "${suggestion}"?`;
      const shown = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}, … (${allowed.length} in all)` : allowed.join(', ');
      return `${JSON.stringify(error.data)} is not allowed here; use one of: ${shown}`;
    }
    default:
      return error.message ?? error.keyword;
  }
}

/** Problem codes that say more than SCHEMA, by what the failing place is. */
function codeOf(error: ErrorObject, path: ReadonlyArray<string | number>): ProblemCode {
  const last = path.at(-1);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum' && (last === 'fact' || path.includes('suppliedBy'))) return 'UNKNOWN_FACT';
  if (error.keyword === 'enum' && last === 'operator') return 'UNKNOWN_OPERATOR';
  if (error.keyword === 'required' && ['tests', 'match', 'noMatch'].includes(String(params.missingProperty)) && path[0] === 'rules') return 'NO_TESTS';
  return 'SCHEMA';
}

/** For an unknown property in a chosen branch: the description of another branch that has it. */
type Siblings = Map<ErrorObject, Map<string, string>>;

const branchValidators = new WeakMap<object, ValidateFunction>();
let branchCount = 0;
/** A branch compiled on its own, under the rule schema's base URI so its "Condition" references resolve. */
function validatorFor(branch: object): ValidateFunction {
  let validate = branchValidators.get(branch);
  if (!validate) {
    validate = compiled().ajv.compile({ ...branch, $id: new URL(`branch-${++branchCount}.json`, RuleFileSchema.$id).href });
    branchValidators.set(branch, validate);
  }
  return validate;
}

const isUnion = (e: ErrorObject) => e.keyword === 'anyOf' || e.keyword === 'oneOf';

/**
 * ajv reports every branch of a union (anyOf), which reads as a dump. Each union, outermost first, is
 * replaced by the errors of the branch with the fewest (its own unions resolved the same way): the form
 * the author most likely meant.
 */
function chooseBranches(errors: readonly ErrorObject[], siblings: Siblings): ErrorObject[] {
  const union = errors.filter(isUnion).sort((a, b) => a.instancePath.length - b.instancePath.length)[0];
  if (!union) return [...errors];
  const inside = (e: ErrorObject) => e.instancePath === union.instancePath || e.instancePath.startsWith(`${union.instancePath}/`);
  const branches = (union.schema as Array<{ properties?: object; description?: string }>).map((branch, index) => {
    const validate = validatorFor(branch);
    validate(union.data);
    const own = (validate.errors ?? []).map((e) => ({ ...e, instancePath: `${union.instancePath}${e.instancePath}` }));
    return { index, branch, errors: chooseBranches(own, siblings) };
  });
  const best = [...branches].sort((a, b) => a.errors.length - b.errors.length || a.index - b.index)[0];
  if (!best) return errors.filter((e) => e !== union);
  const elsewhere = new Map<string, string>();
  for (const { index, branch } of branches) {
    if (index === best.index || !branch.description) continue;
    for (const name of Object.keys(branch.properties ?? {})) elsewhere.set(name, branch.description);
  }
  for (const e of best.errors) if (e.keyword === 'additionalProperties' && e.instancePath === union.instancePath) siblings.set(e, elsewhere);
  return chooseBranches([...errors.filter((e) => !inside(e)), ...best.errors], siblings);
}

/** A misspelt key shows as an unknown property plus a missing one: the first, with its suggestion, says both. */
function isTypoTwin(e: ErrorObject, errors: readonly ErrorObject[]): boolean {
  if (e.keyword !== 'required') return false;
  const missing = String((e.params as { missingProperty?: unknown }).missingProperty);
  return errors.some(
    (other) =>
      other.keyword === 'additionalProperties' &&
      other.instancePath === e.instancePath &&
      nearestName(String((other.params as { additionalProperty?: unknown }).additionalProperty), [missing]) === missing,
  );
}

/** Of errors at a place and its ancestors, the deepest say what to fix; duplicates go. */
function mostSpecific(errors: readonly ErrorObject[], siblings: Siblings): ErrorObject[] {
  const kept = errors.filter(
    (e) => !isTypoTwin(e, errors) && !errors.some((other) => other !== e && other.instancePath.startsWith(`${e.instancePath}/`) && e.keyword !== 'required'),
  );
  const seen = new Set<string>();
  return kept.filter((e) => {
    const key = `${e.instancePath}|${describe(e, siblings.get(e) ?? new Map())}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function checkRuleFileSchema(source: YamlSource): { file?: RuleFile; problems: Problem[] } {
  if (source.data === null || source.data === undefined) return { file: {}, problems: [] };
  const { validateRuleFile } = compiled();
  if (validateRuleFile(source.data)) return { file: source.data, problems: [] };
  const siblings: Siblings = new Map();
  const problems = mostSpecific(chooseBranches(validateRuleFile.errors ?? [], siblings), siblings).map((error) => {
    const path = pathOf(error.instancePath);
    const params = error.params as Record<string, unknown>;
    const code = codeOf(error, path);
    if (error.keyword === 'additionalProperties') path.push(String(params.additionalProperty));
    const at = source.locate(path);
    return { file: source.file, ...at, code, message: `${error.instancePath || '/'}: ${describe(error, siblings.get(error) ?? new Map())}` };
  });
  return { problems };
}
