// mssql-doctor's public API. Everything a caller may rely on is exported here by name.
export { createDoctor, diagnose, MAX_TEXT_LENGTH, type Doctor, type DoctorOptions } from './doctor.js';
export { DoctorError, ERROR_CODES, formatProblem, type ErrorCode, type Problem } from './errors.js';
export { formatMarkdown } from './format/markdown.js';
export { formatText } from './format/text.js';
export { normalize, type Normalized } from './normalize/index.js';
export { redactText } from './redact.js';
export { RULES_ENV, userRulePaths } from './config.js';
export { explainRule, type RuleExplanation } from './rules/explain.js';
export { PROBLEM_CODES, type ProblemCode } from './rules/problem-codes.js';
export { findRule, loadRulePack, readRuleFiles, type RulePack } from './rules/rule-pack.js';
export { runRuleTests, type RuleTestReport, type RuleTestResult } from './rules/rule-tests.js';
export type { CauseResult, Diagnosis, ErrorRecord, NextCheck } from './schemas/diagnosis.js';
export { FACT_NAMES, type FactName, type Facts } from './schemas/facts.js';
export type { DiagnoseInput } from './schemas/input.js';
export type { CauseDef, CheckDef, RuleDef, RuleFile } from './schemas/rule-file.js';
export { EVIDENCE_KINDS, FAMILIES, PROVIDERS, type EvidenceKind, type Family, type Provider } from './schemas/vocabulary.js';
