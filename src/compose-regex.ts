// The one place src builds a regex from pieces (`new RegExp`). Each is built when its module loads and is
// listed here, so the ReDoS test (test/regex/redos.test.ts) checks it with recheck like the regex literals
// it reads from the source; that test refuses `new RegExp` anywhere else, and a composeRegex() call inside a
// function (it would be built on demand, after the test has looked).

export interface ComposedRegex {
  readonly source: string;
  readonly flags: string;
  /** Where it was composed: the stack of the call, read by the test to name the file. */
  readonly site: Error;
}

const composed: ComposedRegex[] = [];

export function composeRegex(source: string, flags = ''): RegExp {
  const regex = new RegExp(source, flags);
  composed.push({ source: regex.source, flags: regex.flags, site: new Error('composed here') });
  return regex;
}

/** Every regex composed so far: after importing every module, all of src's. */
export function composedRegexes(): readonly ComposedRegex[] {
  return composed;
}
