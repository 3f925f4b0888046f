// Condition operators. json-rules-engine's notEqual/notIn pass when a fact is missing, which would make
// "the port owner is not sqlservr" fire when nobody looked at netstat: ours are false when either side
// of the comparison is missing (a value may be another fact).
import { Operator } from 'json-rules-engine';
import { factMatches } from './patterns.js';

const present = (value: unknown) => value !== undefined && value !== null;

export const NULL_SAFE_OPERATORS: Operator[] = [
  new Operator('notEqual', (fact: unknown, value: unknown) => present(value) && fact !== value, present),
  new Operator('notIn', (fact: unknown, value: unknown) => Array.isArray(value) && !value.includes(fact), present),
  new Operator('doesNotContain', (fact: unknown, value: unknown) => Array.isArray(fact) && present(value) && !fact.includes(value), present),
  new Operator('matches', factMatches, present),
  new Operator('exists', (fact: unknown, value: unknown) => present(fact) === (value !== false)),
];
