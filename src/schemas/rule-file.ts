// The rule file format (rules/*.yaml): causes, checks and the rules that infer causes from facts.
// Source of schemas/rule.schema.json; the TypeScript types are derived from it, never kept by hand.
import { Type, type Static } from '@sinclair/typebox';
import { FACT_NAMES, FACT_SCHEMAS } from './facts.js';
import { CHECK_KINDS, EVIDENCE_KINDS, FAMILIES, PLACES, PLATFORMS, StringEnum } from './vocabulary.js';

export const ID_PATTERN = '^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$';
const Id = (description: string) => Type.String({ pattern: ID_PATTERN, description });
const Text = (description: string) => Type.String({ minLength: 1, description });

// markdownEnumDescriptions: VS Code's YAML extension shows each fact's meaning on completion and hover.
const FactNameSchema = Type.Unsafe<string>({
  type: 'string',
  enum: [...FACT_NAMES],
  description: 'A fact from the vocabulary (docs/facts.md).',
  markdownEnumDescriptions: FACT_NAMES.map((name) => String((FACT_SCHEMAS[name] as { description?: string }).description ?? '')),
});

/** How deep `all`/`any`/`not` may nest, counting the rule's top-level `when` list as level 1. */
export const MAX_CONDITION_DEPTH = 32;
/** The longest `matches` value, in characters (with its slashes and flags). */
export const MAX_PATTERN_LENGTH = 1_000;
/** The flags a `matches` pattern may carry: g and y would make each test resume where the last one stopped. */
export const PATTERN_FLAGS = ['i', 'm', 's', 'u'] as const;

/** Operators a condition may use, with their meaning (the null-safe semantics are in src/rules/operators.ts). */
export const OPERATOR_DOCS = {
  equal: 'The fact equals the value (or the other fact, with `value: { fact: name }`).',
  notEqual: 'The fact is present and differs from the value. False when the fact is missing.',
  in: 'The fact is one of the listed values.',
  notIn: 'The fact is present and is none of the listed values. False when the fact is missing.',
  contains: 'The fact (a list) contains the value.',
  doesNotContain: 'The fact (a list) is present and does not contain the value. False when the fact is missing.',
  lessThan: 'The fact (a number) is less than the value.',
  lessThanInclusive: 'The fact (a number) is less than or equal to the value.',
  greaterThan: 'The fact (a number) is greater than the value.',
  greaterThanInclusive: 'The fact (a number) is greater than or equal to the value.',
  exists: '`value: true`: the fact is present; `value: false`: it is missing.',
  matches:
    `The fact (a string, or any string of a list) matches the pattern: \`"text"\` or \`"/text/flags"\` (flags ${PATTERN_FLAGS.join(', ')}; at most ${MAX_PATTERN_LENGTH.toLocaleString('en-US')} characters). Patterns are checked for catastrophic backtracking when rules load.`,
} as const;

export const OPERATORS = Object.keys(OPERATOR_DOCS) as Array<keyof typeof OPERATOR_DOCS>;

/** Operators that hold when something is absent; on a fact that may be missing they need a presence guard. */
export const NEGATIVE_OPERATORS: ReadonlySet<string> = new Set(['notEqual', 'notIn', 'doesNotContain']);

export const RULE_STATUSES = ['experimental', 'stable', 'deprecated'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

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
      Type.Object({ all: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false, description: '{ all: [...] }: every condition in the list holds (a condition has one of all, any, not).' }),
      Type.Object({ any: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false, description: '{ any: [...] }: at least one condition in the list holds (a condition has one of all, any, not).' }),
      Type.Object({ not: Self }, { additionalProperties: false, description: '{ not: condition }: the condition does not hold (a condition has one of all, any, not).' }),
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

const MatchCase = Type.Object(
  {
    facts: FactsExample,
    note: Type.Optional(Type.String({ description: 'Why this case matters (for readers).' })),
    ranksFirst: Type.Optional(
      Type.Boolean({ description: 'With the whole rule pack evaluated on these facts, the rule\'s cause must rank first.' }),
    ),
    evidenceContains: Type.Optional(Text('The rule\'s rendered evidence must contain this text.')),
  },
  { additionalProperties: false },
);

const RuleTests = Type.Object(
  {
    match: Type.Array(MatchCase, {
      minItems: 1,
      description: 'Fact sets on which the rule must fire.',
    }),
    noMatch: Type.Array(Type.Object({ facts: FactsExample, note: Type.Optional(Type.String({ description: 'Why this case matters (for readers).' })) }, { additionalProperties: false }), {
      minItems: 1,
      description: 'Fact sets on which the rule must not fire.',
    }),
  },
  { additionalProperties: false, description: 'Cases run by `rules test`: facts on which the rule must fire, and facts on which it must not.' },
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
    status: Type.Optional(
      StringEnum(RULE_STATUSES, 'experimental: new, may change or go; stable (the default): relied on; deprecated: kept for old ids, will go.'),
    ),
    replaces: Type.Optional(
      Type.Array(Id('an older rule id'), {
        minItems: 1,
        description: 'Ids this rule replaces: overrides and `rules explain` naming an old id reach this rule.',
      }),
    ),
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
    where: Type.Optional(StringEnum(PLACES, 'Where the fix is made.')),
    steps: Type.Array(Text('One concrete step; commands in backticks.'), { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const CauseSchema = Type.Object(
  {
    id: Id('Stable cause id (ARCHITECTURE.md catalogue); never rename without an alias.'),
    title: Text('The cause, in one line.'),
    summary: Text('Why this produces the error, in two or three sentences.'),
    fixes: Type.Array(FixSchema, { minItems: 1, description: 'What to do about it, most likely fix first.' }),
    references: Type.Array(Type.String({ format: 'uri' }), { description: 'Public documentation.' }),
  },
  { additionalProperties: false },
);

const CommandSchema = Type.Object(
  {
    platform: StringEnum(PLATFORMS, 'Where the command runs.'),
    run: Text('The exact command; {{fact.name}} and {{fact.name|or:fallback}} are filled in.'),
  },
  { additionalProperties: false },
);

export const CheckSchema = Type.Object(
  {
    id: Id('Stable check id.'),
    title: Text('What to look at, in one line (templates allowed).'),
    kind: StringEnum(CHECK_KINDS, 'The evidence kind or probe the check produces, or a question to ask.'),
    where: StringEnum(PLACES, 'Where the check is run.'),
    why: Text('What the result tells apart.'),
    commands: Type.Array(CommandSchema, { minItems: 1, description: 'The commands that do the check, per platform.' }),
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

const RuleOverrideSchema = Type.Object(
  {
    rule: Id('The id of the rule to change (built-in or from an earlier file), or an id it replaces.'),
    disabled: Type.Optional(Type.Boolean({ description: 'true: the rule no longer fires.' })),
    certainty: Type.Optional(Type.Number({ minimum: -1, maximum: 1, description: 'A new certainty factor for the rule.' })),
    status: Type.Optional(StringEnum(RULE_STATUSES, 'A new status for the rule.')),
    reason: Type.Optional(Text('Why your team changes it (kept with the override in `rules list --json`).')),
  },
  { additionalProperties: false, description: 'Changes a rule: disabled, certainty, status.' },
);

const CauseOverrideSchema = Type.Object(
  {
    cause: Id('The id of the cause to extend.'),
    addFixes: Type.Optional(Type.Array(FixSchema, { minItems: 1, description: 'Fixes shown after the cause\'s own.' })),
    addReferences: Type.Optional(Type.Array(Type.String({ format: 'uri' }), { minItems: 1, description: 'Links shown after the cause\'s own.' })),
    reason: Type.Optional(Text('Why your team changes it (kept with the override in `rules list --json`).')),
  },
  { additionalProperties: false, description: 'Extends a cause: addFixes, addReferences.' },
);

/** What an override may change, by target kind: the allowed fields, in the order the docs list them. */
export const OVERRIDE_FIELDS = {
  rule: ['disabled', 'certainty', 'status'],
  cause: ['addFixes', 'addReferences'],
} as const;

const ExampleSchema = Type.Object(
  {
    name: Type.Optional(Text('What the example shows.')),
    text: Text('An error text as a user would paste it.'),
    evidence: Type.Optional(
      Type.Array(
        Type.Object({ kind: Type.Optional(StringEnum(EVIDENCE_KINDS)), text: Text('The evidence text.') }, { additionalProperties: false }),
        { description: 'Evidence pasted with the error (netstat, ERRORLOG, …).' },
      ),
    ),
    connectionString: Type.Optional(Type.String({ description: 'The connection string the client used.' })),
    expect: Type.Object(
      {
        causes: Type.Array(Id('cause id'), { minItems: 1, description: 'Causes that must each rank in the top N.' }),
        top: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'N (default 3).' })),
        family: Type.Optional(StringEnum(FAMILIES, 'The family the text must be read as.')),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'An end-to-end example: the whole doctor diagnoses the text.' },
);

export const RuleFileSchema = Type.Object(
  {
    causes: Type.Optional(Type.Array(CauseSchema, { description: 'Root causes, with their fixes; rules support or weaken them.' })),
    checks: Type.Optional(Type.Array(CheckSchema, { description: 'Next checks: what to run to tell causes apart, and the facts that show it was done.' })),
    rules: Type.Optional(Type.Array(RuleSchema, { description: 'Rules: when facts hold, support (or weaken) one cause with a certainty.' })),
    overrides: Type.Optional(
      Type.Array(Type.Union([RuleOverrideSchema, CauseOverrideSchema]), {
        description: 'Changes to rules and causes defined in other files (applied after every file is loaded, in load order).',
      }),
    ),
    examples: Type.Optional(Type.Array(ExampleSchema, { description: 'End-to-end examples run by `rules test`.' })),
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
export type RuleOverride = Static<typeof RuleOverrideSchema>;
export type CauseOverride = Static<typeof CauseOverrideSchema>;
export type Override = RuleOverride | CauseOverride;
export type RuleExample = Static<typeof ExampleSchema>;
export type MatchCaseDef = Static<typeof MatchCase>;
