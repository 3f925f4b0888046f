// Every error mssql-doctor raises, by code. Messages are one plain line; no stack traces reach users.

export const ERROR_CODES = {
  MSSQLDOCTOR_ERR_RULES_INVALID: 'rule files failed validation',
  MSSQLDOCTOR_ERR_RULES_UNREADABLE: 'a rule file or directory could not be read',
  MSSQLDOCTOR_ERR_INPUT_INVALID: 'the diagnose input is not valid',
  MSSQLDOCTOR_ERR_OPTIONS_INVALID: 'the options given to createDoctor() are not valid',
  MSSQLDOCTOR_ERR_INPUT_UNREADABLE: 'an input file could not be read',
  MSSQLDOCTOR_ERR_CONFIG_INVALID: 'the config file could not be read or is not valid',
  MSSQLDOCTOR_ERR_USAGE: 'bad command-line usage',
  MSSQLDOCTOR_ERR_PROBE_FORBIDDEN: 'live probes of this target are not allowed here',
  MSSQLDOCTOR_ERR_MEDIA_UNSUPPORTED: 'the request body comes in a media type, charset or encoding the HTTP API does not take',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A problem at a place in a file, reported as `file:line:col CODE message`. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  code: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col} ${p.code} ${p.message}`;
}

export class DoctorError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message: string, problems: readonly Problem[] = []) {
    super(message);
    this.name = 'DoctorError';
    this.code = code;
    this.problems = problems;
  }
}
