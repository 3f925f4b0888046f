// Checks the schema cannot express: ids unique across files, causes that exist, templates naming facts
// the rule reads, test facts from the vocabulary.
import type { Problem } from '../errors.js';
import { isFactName } from '../schemas/facts.js';
import { conditionFacts } from './compile.js';
import { requiredTemplateFacts } from './templates.js';
import type { LoadedRuleFile } from './rule-pack.js';

export function checkSemantics(files: readonly LoadedRuleFile[]): Problem[] {
  const problems: Problem[] = [];
  const report = (file: LoadedRuleFile, path: Array<string | number>, code: string, message: string) =>
    problems.push({ file: file.source.file, ...file.source.locate(path), code, message });

  const causeIds = new Set<string>();
  const firstSeen = new Map<string, string>();
  for (const file of files) {
    for (const kind of ['causes', 'checks', 'rules'] as const) {
      (file.content[kind] ?? []).forEach((item, index) => {
        const key = `${kind}:${item.id}`;
        const earlier = firstSeen.get(key);
        if (earlier) report(file, [kind, index, 'id'], 'DUPLICATE_ID', `${kind.slice(0, -1)} id "${item.id}" is already defined at ${earlier}`);
        else {
          const at = file.source.locate([kind, index, 'id']);
          firstSeen.set(key, `${file.source.file}:${at.line}`);
        }
      });
    }
    for (const cause of file.content.causes ?? []) causeIds.add(cause.id);
  }

  for (const file of files) {
    (file.content.rules ?? []).forEach((rule, index) => {
      if (!causeIds.has(rule.cause)) report(file, ['rules', index, 'cause'], 'UNKNOWN_CAUSE', `rule "${rule.id}" supports unknown cause "${rule.cause}"`);
      const read = new Set(conditionFacts(rule.when));
      rule.evidence.forEach((template, e) => {
        for (const name of requiredTemplateFacts(template)) {
          if (!read.has(name)) {
            report(file, ['rules', index, 'evidence', e], 'TEMPLATE_FACT', `evidence names fact "${name}" that rule "${rule.id}" does not test (test it, or give a fallback: {{${name}|or:…}})`);
          }
        }
      });
      for (const kind of ['match', 'noMatch'] as const) {
        rule.tests[kind].forEach((test, t) => {
          for (const name of Object.keys(test.facts)) {
            if (!isFactName(name)) report(file, ['rules', index, 'tests', kind, t, 'facts', name], 'UNKNOWN_FACT', `test names unknown fact "${name}"`);
          }
        });
      }
    });
    (file.content.checks ?? []).forEach((check, index) => {
      check.tells.forEach((id, t) => {
        if (!causeIds.has(id)) report(file, ['checks', index, 'tells', t], 'UNKNOWN_CAUSE', `check "${check.id}" tells apart unknown cause "${id}"`);
      });
    });
  }
  return problems;
}
