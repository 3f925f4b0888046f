// The `matches` operator's patterns: "text" or "/text/flags", compiled once. Rule loading has already
// refused any pattern that is too long, carries a flag it may not, does not compile or can backtrack
// catastrophically (src/rules/regex-check.ts).

/** Any letters after the closing slash are flags, so that a flag matches does not support is refused, not read as text. */
const SLASHED = /^\/(.*)\/([A-Za-z]*)$/s;

/** Pattern source and flags of a `matches` value. */
export function patternParts(value: string): { source: string; flags: string } {
  const slashed = SLASHED.exec(value);
  return slashed ? { source: slashed[1] as string, flags: slashed[2] as string } : { source: value, flags: '' };
}

const compiled = new Map<string, RegExp>();

/** The compiled pattern, or undefined when it does not compile (never thrown: a rule must not crash a diagnosis). */
export function compilePattern(value: string): RegExp | undefined {
  if (compiled.has(value)) return compiled.get(value);
  const { source, flags } = patternParts(value);
  let regex: RegExp | undefined;
  try {
    regex = new RegExp(source, flags);
  } catch {
    regex = undefined;
  }
  compiled.set(value, regex as RegExp);
  return regex;
}

/** A string fact, or any string in a list fact, matches the pattern. */
export function factMatches(fact: unknown, value: unknown): boolean {
  const regex = typeof value === 'string' ? compilePattern(value) : undefined;
  if (!regex) return false;
  const texts = Array.isArray(fact) ? fact : [fact];
  try {
    return texts.some((text) => typeof text === 'string' && regex.test(text));
  } catch {
    // The engine's own limits (a pattern too large to compile, which V8 finds only when it first runs it) were
    // tried when the rule loaded; should one still be reached, the condition does not hold.
    return false;
  }
}
