// The `matches` operator's patterns: "text" or "/text/flags", compiled once. Rule loading has already
// refused any pattern that does not compile or that can backtrack catastrophically (src/rules/regex-check.ts).

const SLASHED = /^\/(.*)\/([imsu]*)$/s;

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
  return texts.some((text) => typeof text === 'string' && regex.test(text));
}
