// `mssql-doctor rules validate|test|list|explain|new`: authoring and checking YAML rules.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Option, type Command } from 'commander';
import { userRulePaths, type RuleSourceOptions } from '../config.js';
import { doctorWithPack } from '../doctor.js';
import { DoctorError } from '../errors.js';
import { formatCauseList, formatRuleList, formatTestReport, ruleListing } from '../format/rules.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { explainRule, formatTrace } from '../rules/explain.js';
import { explainMatches, formatMatches } from '../messages/explain-matches.js';
import { didYouMean } from '../rules/nearest.js';
import { displayName, findRule, listRuleFiles, loadRulePack, type RulePack } from '../rules/rule-pack.js';
import { runRuleTests } from '../rules/rule-tests.js';
import { scaffoldRuleFile } from '../rules/scaffold.js';
import { ID_PATTERN } from '../schemas/rule-file.js';
import { FAMILIES, type Family } from '../schemas/vocabulary.js';
import { readDiagnoseInputFile } from './read-input.js';
import { composeRegex } from '../compose-regex.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];


function loadPack(options: RuleSourceOptions): RulePack {
  return loadRulePack(userRulePaths(options));
}

/** Sets the exit code without exiting, so stdout is flushed before the process ends. */
function exitWith(code: number): void {
  process.exitCode = code;
}

function validate(paths: string[], options: RuleSourceOptions): void {
  const pack = loadPack({ ...options, rules: [...(options.rules ?? []), ...paths] });
  process.stdout.write(`ok: ${pack.files.length} files, ${pack.rules.length + pack.disabled.length} rules, ${pack.causes.size} causes, ${pack.checks.size} checks, ${pack.examples.length} examples (built-in pack ${pack.version})\n`);
}

async function test(paths: string[], options: RuleSourceOptions & { json?: boolean }): Promise<void> {
  const pack = loadPack({ ...options, rules: [...(options.rules ?? []), ...paths] });
  // With paths, only what they define is tested (the built-in pack has its own CI); without, everything.
  const files = new Set(paths.flatMap(listRuleFiles).map((path) => displayName(resolve(path))));
  const report = await runRuleTests(pack, paths.length > 0 ? { include: (origin) => files.has(origin.file) } : {});
  const assertsNothing = report.results.length === 0;
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatTestReport(report));
  if (assertsNothing) process.stderr.write('mssql-doctor: no rules or examples to test in the given paths\n');
  exitWith(report.failures.length > 0 || assertsNothing ? 1 : 0);
}

function list(options: RuleSourceOptions & { json?: boolean; causes?: boolean }): void {
  const pack = loadPack(options);
  if (options.json) {
    const causes = [...pack.causes.values()].map(({ id, title }) => ({ id, title }));
    const checks = [...pack.checks.values()].map(({ id, title, tells }) => ({ id, title, tells }));
    process.stdout.write(`${JSON.stringify({ version: pack.version, files: pack.files, rules: ruleListing(pack), causes, checks, overrides: pack.overrides }, null, 2)}\n`);
  } else process.stdout.write(options.causes ? formatCauseList(pack) : formatRuleList(pack));
}

async function explain(ruleId: string, options: RuleSourceOptions & { input: string }): Promise<void> {
  const pack = loadPack(options);
  const found = findRule(pack, ruleId);
  if (!found) {
    const ids = [...pack.rules, ...pack.disabled].map((r) => r.id);
    throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', `no rule "${ruleId}"${didYouMean(ruleId, ids)} (mssql-doctor rules list shows them)`);
  }
  const input = await readDiagnoseInputFile(options.input);
  const diagnosis = await doctorWithPack(pack).diagnose(input);
  const pasted = typeof input === 'string' ? input : (input.text ?? '');
  const recordIds = new Set(diagnosis.errors.flatMap((record) => record.messages ?? []));
  const { rule } = found;
  const result = explainRule(rule, diagnosis.facts as Record<string, unknown>);
  const origin = pack.origins.get(rule.id);
  const lines = [
    `rule ${rule.id}${found.via ? ` (replaces ${found.via})` : ''}${origin ? `  ${origin.file}:${origin.line}` : ''}`,
    `  supports ${rule.cause} with certainty ${rule.certainty}; families: ${rule.families?.join(', ') ?? 'any'}${found.disabled ? '; DISABLED by an override' : ''}`,
    `input family: ${diagnosis.family}${result.familyApplies ? '' : ` — not one of the rule's families, so the rule is not evaluated`}`,
    ...formatMatches(explainMatches(pasted, recordIds)),
    '',
    ...formatTrace(result.trace),
    '',
    found.disabled
      ? 'result: the conditions ' + (result.fires ? 'hold, but the rule is disabled' : 'do not hold (and the rule is disabled)')
      : `result: the rule ${result.fires ? 'FIRES' : 'does not fire'}`,
  ];
  const rank = diagnosis.causes.findIndex((c) => c.id === rule.cause);
  if (rank >= 0) lines.push(`${rule.cause} ranks #${rank + 1} of ${diagnosis.causes.length} in the full diagnosis (confidence ${diagnosis.causes[rank]?.confidence})`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const RULE_ID = composeRegex(ID_PATTERN);

function scaffold(id: string, options: { dir: string; cause?: string; family?: Family }): void {
  if (!RULE_ID.test(id)) {
    throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', `"${id}" is not a valid rule id: use lower case letters and digits joined by - _ or . (e.g. team-vpn-refused)`);
  }
  const file = resolve(options.dir, `${id}.yaml`);
  if (existsSync(file)) throw new DoctorError('MSSQLDOCTOR_ERR_USAGE', `${file} already exists; not overwriting it`);
  mkdirSync(dirname(file), { recursive: true });
  const schemaPath = relative(dirname(file), join(PACKAGE_ROOT, 'schemas', 'rule.schema.json')).split(sep).join('/');
  writeFileSync(file, scaffoldRuleFile({ id, schemaPath, ...(options.cause ? { cause: options.cause } : {}), ...(options.family ? { family: options.family } : {}) }));
  process.stdout.write(`wrote ${file}\nFill in the TODOs, then: mssql-doctor rules test ${relative(process.cwd(), file) || file}\n`);
}

/** Adds `rules` to the program; created with .command() so it inherits the program's error handling. */
export function addRulesCommand(program: Command): void {
  const rules = program.command('rules').description('write, check and inspect YAML rules');
  const sources = (command: Command) =>
    command
      .option('--rules <dir>', 'extra rule directory or file, loaded after the built-in rules; repeatable', collect)
      .option('--config <file>', 'config file (JSON or YAML) whose `rules` list is loaded first');

  sources(rules.command('validate').description('check rule files (schema and meaning); every problem as file:line:col CODE message').argument('[paths...]', 'rule directories or files to check with the built-in rules')).action(validate);
  sources(rules.command('test').description("validate, then run the rules' embedded tests and the files' examples").argument('[paths...]', 'rule directories or files whose rules to test (default: every loaded rule)').option('--json', 'print the report as JSON')).action(test);
  sources(rules.command('list').description('the loaded rules: id, cause, certainty, families, status, file').option('--json', 'everything as JSON').option('--causes', 'list causes instead')).action(list);
  sources(
    rules
      .command('explain')
      .description('show why a rule fires or not on an input: each condition, the value it saw, whether it held')
      .argument('<rule-id>', 'the rule (or an id it replaces)')
      .requiredOption('--input <file>', 'the pasted error text, or a JSON diagnose input ({ text, evidence, connectionString }); "-" for stdin'),
  ).action(explain);
  rules
    .command('new')
    .description('write a rule file to fill in, with the schema modeline and tests that fail until written')
    .argument('<id>', 'the new rule id, e.g. team-vpn-refused')
    .option('--dir <dir>', 'where to write <id>.yaml', '.')
    .option('--cause <cause>', 'the cause the rule supports')
    .addOption(new Option('--family <family>', 'the failure family it is about').choices(FAMILIES))
    .action(scaffold);
}
