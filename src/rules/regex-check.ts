// `matches` patterns are checked when rules load: a pattern that is too long, carries a flag matches does not
// support, does not compile, or can backtrack catastrophically on hostile pasted text (ReDoS), never reaches the
// engine. The analysis is recheck's (https://makenowjust-labs.github.io/recheck/), a maintained checker, not a
// home-made heuristic.
import { once, requireOnDemand } from '../lazy.js';
import { MAX_PATTERN_LENGTH, PATTERN_FLAGS } from '../schemas/rule-file.js';
import { patternParts } from './patterns.js';
import type { ProblemCode } from './problem-codes.js';

export type PatternVerdict = { ok: true } | { ok: false; code: Extract<ProblemCode, `REGEX_${string}`>; message: string };

/** How long recheck may think about one pattern; patterns it cannot settle in time are refused. */
const CHECK_TIMEOUT_MS = 5_000;

const verdicts = new Map<string, PatternVerdict>();

// recheck is large (a Scala.js build): it loads the first time a pattern is checked.
const recheck = once(() => requireOnDemand('recheck') as typeof import('recheck'));

export function checkPattern(value: string): PatternVerdict {
  const known = verdicts.get(value);
  if (known) return known;
  const verdict = judge(value);
  verdicts.set(value, verdict);
  return verdict;
}

/** The pattern as messages quote it: a long one cut short, so a problem line stays one line. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

function judge(value: string): PatternVerdict {
  if (value.length > MAX_PATTERN_LENGTH) {
    return { ok: false, code: 'REGEX_TOO_LONG', message: `pattern ${quoted(value)} is ${value.length} characters long; a pattern may have at most ${MAX_PATTERN_LENGTH}` };
  }
  const { source, flags } = patternParts(value);
  const unsupported = [...new Set(flags)].filter((flag) => !(PATTERN_FLAGS as readonly string[]).includes(flag));
  if (unsupported.length > 0) {
    return {
      ok: false,
      code: 'REGEX_FLAGS',
      message: `pattern ${quoted(value)} has the flag${unsupported.length > 1 ? 's' : ''} ${unsupported.join(', ')}, which matches does not support (supported: ${PATTERN_FLAGS.join(', ')}); to match text that starts with "/", escape its slashes (\\/)`,
    };
  }
  try {
    // V8 compiles a pattern when it first runs, and only then finds one too large for it: run it once here.
    new RegExp(source, flags).test('');
  } catch (error) {
    return { ok: false, code: 'REGEX_INVALID', message: `pattern ${quoted(value)} does not compile: ${errorReason(error as Error, source)}` };
  }
  const diagnostics = recheck().checkSync(source, flags, { timeout: CHECK_TIMEOUT_MS });
  if (diagnostics.status === 'safe') return { ok: true };
  if (diagnostics.status === 'vulnerable') {
    const hotspot = diagnostics.hotspot.map((h) => source.slice(h.start, h.end)).join('", "');
    return {
      ok: false,
      code: 'REGEX_REDOS',
      message: `pattern ${quoted(value)} can backtrack catastrophically (${diagnostics.complexity.type} time on input like ${JSON.stringify(diagnostics.attack.pattern)}); rewrite "${hotspot}" so that no two ways of matching overlap`,
    };
  }
  return { ok: false, code: 'REGEX_UNCHECKED', message: `pattern ${quoted(value)} could not be proven safe from catastrophic backtracking (${diagnostics.error.kind}); simplify it` };
}

/** V8's message without the pattern it repeats ("Invalid regular expression: /…/: Unterminated group"). */
function errorReason(error: Error, source: string): string {
  const repeated = `/${source}/`;
  const at = error.message.indexOf(repeated);
  return at < 0 ? error.message : `${error.message.slice(0, at)}${error.message.slice(at + repeated.length).replace(/^[a-z]*: /, '')}`.replace(/: $/, '');
}
