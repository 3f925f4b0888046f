// `rules new ID`: a rule file to fill in. Every placeholder fails validation (an unknown cause, tests without
// facts), so the stub cannot pass `rules test` — or load — until its author has written the rule.
import type { Family } from '../schemas/vocabulary.js';

export const PLACEHOLDER_CAUSE = 'todo_name_the_cause';

export interface ScaffoldOptions {
  id: string;
  cause?: string;
  family?: Family;
  /** Path from the new file's directory to schemas/rule.schema.json, for the editor modeline. */
  schemaPath: string;
}

export function scaffoldRuleFile({ id, cause = PLACEHOLDER_CAUSE, family = 'refused', schemaPath }: ScaffoldOptions): string {
  return `# yaml-language-server: $schema=${schemaPath}
#
# ${id}: what your team sees, and why it points at ${cause}.
# Fill in every TODO. \`mssql-doctor rules test <this file>\` fails until the tests name facts and the cause
# exists (\`mssql-doctor rules list --causes\` lists them; add your own under \`causes:\`).
# Tutorial: docs/writing-rules.md. Reference: docs/rule-format.md.

rules:
  - id: ${id}
    cause: ${cause}
    certainty: 0.5
    status: experimental
    families: [${family}]
    description: TODO why this rule holds, for the next person who reads it.
    when:
      all:
        - { fact: error.family, operator: equal, value: ${family} }
    evidence:
      - 'TODO the evidence line users see, e.g. the error that gave it away: {{error.family|quote}}'
    tests:
      match:
        - facts: {} # TODO facts on which the rule must fire, e.g. { error.family: ${family}, target.host: db01 }
      noMatch:
        - facts: {} # TODO facts on which it must not fire

examples:
  - name: TODO a real error your team saw
    text: TODO paste the error text here
    expect:
      causes: [${cause}]
      top: 3
`;
}
