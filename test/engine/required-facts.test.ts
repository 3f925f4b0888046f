// The rules handed to the engine are only those that can fire: skipping the rest must never change what fires.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createDoctor } from '../../src/doctor.js';
import { firedRules, newEngine, rulesForFamily } from '../../src/engine/evaluate.js';
import { requiredFacts } from '../../src/engine/required-facts.js';
import { compileRule, SUPPORT_EVENT } from '../../src/rules/compile.js';
import type { RuleDef } from '../../src/schemas/rule-file.js';
import type { Family } from '../../src/schemas/vocabulary.js';

const rule = (when: RuleDef['when']) => ({ id: 'r', cause: 'c', certainty: 0.5, when }) as unknown as RuleDef;

describe('requiredFacts', () => {
  it('names the facts a rule needs through all, and none it can do without', () => {
    expect(
      requiredFacts(
        rule({
          all: [
            { fact: 'error.family', operator: 'equal', value: 'refused' },
            { fact: 'target.port', operator: 'exists', value: true },
            { fact: 'errorlog.listeningPorts', operator: 'exists', value: false },
            { fact: 'netstat.portOwner', operator: 'notEqual', value: 'sqlservr' },
            { fact: 'target.portTried', operator: 'equal', value: { fact: 'errorlog.port' } },
            { all: [{ fact: 'alias.port', operator: 'greaterThan', value: 0 }] },
            { any: [{ fact: 'capture.synAnswered', operator: 'equal', value: true }] },
            { not: { fact: 'error.sniError', operator: 'equal', value: 26 } },
          ],
        }),
      ),
    ).toEqual(['error.family', 'target.port', 'netstat.portOwner', 'alias.port']);
    expect(requiredFacts(rule({ any: [{ fact: 'error.family', operator: 'equal', value: 'refused' }] }))).toEqual([]);
  });
});

/** Every rule of the family, handed to json-rules-engine without the screen. */
async function firedByEngineAlone(rules: readonly RuleDef[], facts: Record<string, unknown>): Promise<string[]> {
  const engine = newEngine();
  for (const r of rules) engine.addRule(compileRule(r));
  const defined = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
  const { events } = await engine.run(defined);
  return events.filter((e) => e.type === SUPPORT_EVENT).map((e) => String(e.params?.rule));
}

describe('firedRules', () => {
  it('fires exactly what the engine fires with every rule, on every text of the public corpus', async () => {
    const doctor = createDoctor();
    const dir = new URL('../fixtures/corpus/', import.meta.url);
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => (parse(readFileSync(new URL(f, dir), 'utf8')) as Array<{ text: string }>).map((e) => e.text));
    let fired = 0;
    for (const text of texts) {
      const { facts } = await doctor.diagnose(text);
      const rules = rulesForFamily(doctor.pack.rules, facts['error.family'] as Family | undefined);
      const screened = await firedRules(rules, facts);
      expect(screened.sort()).toEqual((await firedByEngineAlone(rules, facts)).sort());
      fired += screened.length;
    }
    expect(texts.length).toBeGreaterThan(400);
    expect(fired).toBeGreaterThan(texts.length);
  }, 120_000);
});
