// The rule file format (rules/*.yaml): causes, checks and the rules that infer causes from facts.
// Source of schemas/rule.schema.json; the TypeScript types are derived from it, never kept by hand.
import { Type, type Static } from '@sinclair/typebox';
import { FACT_NAMES } from './facts.js';
import { CHECK_KINDS, FAMILIES, PLACES, PLATFORMS, StringEnum } from './vocabulary.js';

const ID_PATTERN = '^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$';
const Id = (description: string) => Type.String({ pattern: ID_PATTERN, description });
const Text = (description: string) => Type.String({ minLength: 1, description });

const FactNameSchema = StringEnum(FACT_NAMES, 'A fact from the vocabulary (docs/facts.md).');

/** Operators a condition may use; the null-safe semantics are in src/rules/operators.ts. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'exists',
] as const;

const FactCondition = Type.Object(
  {
    fact: FactNameSchema,
    operator: StringEnum(OPERATORS),
    value: Type.Union([
      Type.Object({ fact: FactNameSchema }, { additionalProperties: false, description: 'Compare with another fact.' }),
      Type.Unknown(),
    ]),
  },
  { additionalProperties: false, description: 'Test one fact: { fact, operator, value }.' },
);

export type Condition =
  | Static<typeof FactCondition>
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const ConditionSchema = Type.Recursive(
  (Self) =>
    Type.Union([
      FactCondition,
      Type.Object({ all: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ not: Self }, { additionalProperties: false }),
    ]),
  { $id: 'Condition' },
);

const TopCondition = Type.Union(
  [
    Type.Object({ all: Type.Array(Type.Ref(ConditionSchema), { minItems: 1 }) }, { additionalProperties: false }),
    Type.Object({ any: Type.Array(Type.Ref(ConditionSchema), { minItems: 1 }) }, { additionalProperties: false }),
  ],
  { description: 'The rule fires when this holds: a top-level `all` or `any` list of conditions.' },
);

const FactsExample = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Facts, by name from the vocabulary, for a test case.',
});

const RuleTests = Type.Object(
  {
    match: Type.Array(Type.Object({ facts: FactsExample, note: Type.Optional(Type.String()) }, { additionalProperties: false }), {
      minItems: 1,
      description: 'Fact sets on which the rule must fire.',
    }),
    noMatch: Type.Array(Type.Object({ facts: FactsExample, note: Type.Optional(Type.String()) }, { additionalProperties: false }), {
      minItems: 1,
      description: 'Fact sets on which the rule must not fire.',
    }),
  },
  { additionalProperties: false },
);

export const RuleSchema = Type.Object(
  {
    id: Id('Stable rule id, e.g. refused-errorlog-port-differs.'),
    cause: Id('The cause this rule supports (or, with a negative certainty, weakens).'),
    certainty: Type.Number({
      minimum: -1,
      maximum: 1,
      description: 'MYCIN certainty factor: how much firing raises (>0) or lowers (<0) belief in the cause.',
    }),
    families: Type.Optional(
      Type.Array(StringEnum(FAMILIES), {
        minItems: 1,
        description: 'Only evaluate for these families (speeds evaluation, documents intent).',
      }),
    ),
    description: Type.Optional(Type.String({ description: 'Why this rule holds, for rule authors.' })),
    when: TopCondition,
    evidence: Type.Array(Text('Template: {{fact.name}} is the value, {{fact.name|quote}} the line it came from.'), {
      minItems: 1,
      description: 'Evidence lines shown with the cause when the rule fires.',
    }),
    tests: RuleTests,
  },
  { additionalProperties: false },
);

const FixSchema = Type.Object(
  {
    title: Text('What to do, in one line.'),
    where: Type.Optional(StringEnum(PLACES)),
    steps: Type.Array(Text('One concrete step; commands in backticks.'), { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const CauseSchema = Type.Object(
  {
    id: Id('Stable cause id (ARCHITECTURE.md catalogue); never rename without an alias.'),
    title: Text('The cause, in one line.'),
    summary: Text('Why this produces the error, in two or three sentences.'),
    fixes: Type.Array(FixSchema, { minItems: 1 }),
    references: Type.Array(Type.String({ format: 'uri' }), { description: 'Public documentation.' }),
  },
  { additionalProperties: false },
);

const CommandSchema = Type.Object(
  {
    platform: StringEnum(PLATFORMS),
    run: Text('The exact command; {{fact.name}} and {{fact.name|or:fallback}} are filled in.'),
  },
  { additionalProperties: false },
);

export const CheckSchema = Type.Object(
  {
    id: Id('Stable check id.'),
    title: Text('What to look at, in one line (templates allowed).'),
    kind: StringEnum(CHECK_KINDS),
    where: StringEnum(PLACES),
    why: Text('What the result tells apart.'),
    commands: Type.Array(CommandSchema, { minItems: 1 }),
    tells: Type.Array(Id('cause id'), { minItems: 1, description: 'Causes this check confirms or rules out.' }),
    suppliedBy: Type.Array(FactNameSchema, {
      minItems: 1,
      description: 'Facts that, when present, mean this check has been done.',
    }),
    effort: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3,
        description: 'How much work the check is: 1 one command (default), 2 a capture or a tool to install, 3 a change window.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const RuleFileSchema = Type.Object(
  {
    causes: Type.Optional(Type.Array(CauseSchema)),
    checks: Type.Optional(Type.Array(CheckSchema)),
    rules: Type.Optional(Type.Array(RuleSchema)),
  },
  {
    $id: 'https://mssql-doctor.dev/schemas/rule.schema.json',
    title: 'mssql-doctor rule file',
    description: 'Causes, checks and rules in one YAML file (rules/*.yaml).',
    additionalProperties: false,
    // The recursive condition grammar is defined once here and referenced as "Condition".
    $defs: { Condition: ConditionSchema },
  },
);

export type RuleFile = Static<typeof RuleFileSchema>;
export type RuleDef = Omit<Static<typeof RuleSchema>, 'when'> & { when: { all: Condition[] } | { any: Condition[] } };
export type CauseDef = Static<typeof CauseSchema>;
export type CheckDef = Static<typeof CheckSchema>;
export type FixDef = Static<typeof FixSchema>;
