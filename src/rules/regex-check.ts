// `matches` patterns are checked when rules load: a pattern that does not compile, or that can backtrack
// catastrophically on hostile pasted text (ReDoS), never reaches the engine. The analysis is recheck's
// (https://makenowjust-labs.github.io/recheck/), a maintained checker, not a home-made heuristic.
import { once, requireOnDemand } from '../lazy.js';
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

function judge(value: string): PatternVerdict {
  const { source, flags } = patternParts(value);
  try {
    new RegExp(source, flags);
  } catch (error) {
    return { ok: false, code: 'REGEX_INVALID', message: `pattern ${JSON.stringify(value)} does not compile: ${(error as Error).message}` };
  }
  const diagnostics = recheck().checkSync(source, flags, { timeout: CHECK_TIMEOUT_MS });
  if (diagnostics.status === 'safe') return { ok: true };
  if (diagnostics.status === 'vulnerable') {
    const hotspot = diagnostics.hotspot.map((h) => source.slice(h.start, h.end)).join('", "');
    return {
      ok: false,
      code: 'REGEX_REDOS',
      message: `pattern ${JSON.stringify(value)} can backtrack catastrophically (${diagnostics.complexity.type} time on input like ${JSON.stringify(diagnostics.attack.pattern)}); rewrite "${hotspot}" so that no two ways of matching overlap`,
    };
  }
  return { ok: false, code: 'REGEX_UNCHECKED', message: `pattern ${JSON.stringify(value)} could not be proven safe from catastrophic backtracking (${diagnostics.error.kind}); simplify it` };
}
