// Evidence and command templates render values, quotes and fallbacks, and never evaluate anything.
import { describe, expect, it } from '@jest/globals';
import { renderTemplate, requiredTemplateFacts } from '../../src/rules/templates.js';

const context = {
  facts: { 'target.port': 1234, 'errorlog.listeningPorts': [1866, 1867], 'alias.port': 1500 },
  sources: { 'target.port': 'Data Source=tcp:db01,1234' },
};

describe('renderTemplate', () => {
  it.each([
    ['port {{target.port}}', 'port 1234'],
    ['ports {{ errorlog.listeningPorts }}', 'ports 1866, 1867'],
    ['from {{target.port|quote}}', 'from "Data Source=tcp:db01,1234"'],
    ['alias {{alias.port|quote}}', 'alias (given)'],
    [':{{target.portTried|or:PORT}}', ':PORT'],
    ['{{target.host}}', '<target.host>'],
    ['{{constructor}} {{toString}} {{__proto__}}', '<constructor> <toString> {{__proto__}}'],
  ])('%s → %s', (template, expected) => {
    expect(renderTemplate(template, context)).toBe(expected);
  });
});

describe('requiredTemplateFacts', () => {
  it('names the facts a template needs, not those with a fallback', () => {
    expect(requiredTemplateFacts('{{a.b}} {{c.d|quote}} {{e.f|or:x}}')).toEqual(['a.b', 'c.d']);
  });
});
