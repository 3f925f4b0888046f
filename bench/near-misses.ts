// Texts that almost match a regex, built from the regex itself: its top-level alternatives read as sequences of
// literal runs and gaps (whatever a quantifier repeats), then, for each gap, the literals before it followed by a
// long run of what the gap accepts, and the same prefix and a little of the run repeated; and the whole typical
// match less its last part, repeated. These are the shapes that make a backtracking engine rescan: a start with no
// end, and many starts.

/** One part of a typical match: literal text, or a gap with a sample of what it repeats. */
type Part = { literal: string } | { gap: string };

const CLASS_SAMPLES: Record<string, string> = { d: '0', D: 'a', w: 'a', W: ' ', s: ' ', S: 'a' };

/** A character a class `[...]` accepts: the first listed, or for a negated class one of a few it may not exclude. */
function classSample(body: string): string {
  if (body.startsWith('^')) {
    const excluded = body.slice(1);
    return ['a', ' ', '0', ':', '.', '-', 'x'].find((c) => !excluded.includes(c) && !(c === ' ' && excluded.includes('\\s'))) ?? '~';
  }
  if (body.startsWith('\\')) return CLASS_SAMPLES[body[1] as string] ?? body[1] ?? 'a';
  return body[0] ?? 'a';
}

/** The end of a group or class that starts at `from` (the index of its opening bracket). */
function closing(source: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[' && open === '(') i = closing(source, i, '[', ']');
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return source.length - 1;
}

/** Top-level alternatives of a (group's) source. */
function alternatives(source: string): string[] {
  const found: string[] = [];
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = closing(source, i, '[', ']');
    else if (c === '(') i = closing(source, i, '(', ')');
    else if (c === '|') {
      found.push(source.slice(start, i));
      start = i + 1;
    }
  }
  return [...found, source.slice(start)];
}

/** A sequence's parts (its first alternative wherever a group has several). */
function parts(source: string, depth = 0): Part[] {
  const out: Part[] = [];
  const push = (text: string, quantified: boolean) => {
    if (quantified) out.push({ gap: text || 'a' });
    else {
      const last = out.at(-1);
      if (last && 'literal' in last) last.literal += text;
      else out.push({ literal: text });
    }
  };
  for (let i = 0; i < source.length; ) {
    const c = source[i] as string;
    let text = '';
    let next = i + 1;
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      next = i + 2;
      if (e === 'b' || e === 'B') {
        i = next;
        continue;
      }
      if (e === 'u' && source[i + 2] === '{') next = source.indexOf('}', i) + 1;
      else if (e === 'u') next = i + 6;
      else if (e === 'x') next = i + 4;
      text = e in CLASS_SAMPLES ? (CLASS_SAMPLES[e] as string) : e === 'n' ? '\n' : e === 't' ? '\t' : e === 'u' || e === 'x' ? String.fromCharCode(parseInt(source.slice(i + 2, next).replace(/[{}]/g, ''), 16)) : e;
    } else if (c === '[') {
      next = closing(source, i, '[', ']') + 1;
      text = classSample(source.slice(i + 1, next - 1));
    } else if (c === '(') {
      const end = closing(source, i, '(', ')');
      next = end + 1;
      const inner = source.slice(i + 1, end);
      if (/^\?(?:[=!]|<[=!])/.test(inner)) {
        i = next;
        // A lookaround reads nothing; a quantifier after one is not expected.
        continue;
      }
      const body = inner.replace(/^\?(?::|<[A-Za-z_]\w*>)/, '');
      const innerParts = depth > 8 ? [] : parts(alternatives(body)[0] ?? '', depth + 1);
      if (!/^(?:[*+?]|\{\d)/.test(source.slice(next))) {
        // An unquantified group is its parts, in place.
        for (const part of innerParts) push('literal' in part ? part.literal : part.gap, 'gap' in part);
        i = next;
        continue;
      }
      text = innerParts.map((part) => ('literal' in part ? part.literal : part.gap)).join('');
    } else if (c === '.') text = 'a';
    else if (c === '^' || c === '$') {
      i = next;
      continue;
    } else text = c;
    // A quantifier makes this item a gap.
    const q = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(source.slice(next));
    push(text, Boolean(q));
    i = next + (q ? q[0].length : 0);
  }
  return out;
}

/** A regex's near-miss texts of about `size` characters, each with a short description. */
export function nearMisses(source: string, size: number, perPattern = 24): Array<{ text: string; what: string }> {
  const fill = (unit: string) => (unit ? unit.repeat(Math.ceil(size / unit.length)).slice(0, size) : '');
  const found = new Map<string, string>();
  for (const alternative of alternatives(source)) {
    const seq = parts(alternative);
    const typical = seq.map((p) => ('literal' in p ? p.literal : p.gap)).join('');
    seq.forEach((part, j) => {
      if (!('gap' in part)) return;
      const before = seq.slice(0, j).map((p) => ('literal' in p ? p.literal : p.gap)).join('');
      for (const unit of new Set([part.gap, ' '])) {
        found.set(`${before}${fill(unit)}`.slice(0, size), `${JSON.stringify(before)} + ${JSON.stringify(unit)} run`);
        found.set(fill(`${before}${unit}`), `(${JSON.stringify(before + unit)}) repeated`);
      }
      // The same start on every line: line-anchored patterns and "." stop at line breaks.
      found.set(fill(`${before}${part.gap}\n`), `(${JSON.stringify(`${before}${part.gap}\n`)}) repeated`);
    });
    if (typical.length > 1) found.set(fill(typical.slice(0, -1)), `(${JSON.stringify(typical.slice(0, -1))}) repeated`);
    if (typical) found.set(fill(typical), `(${JSON.stringify(typical)}) repeated`);
  }
  return [...found].filter(([text]) => text.length > 0).slice(0, perPattern).map(([text, what]) => ({ text, what }));
}
