// The redactor's faster ways of finding a shape's matches (src/redact/match-finder.ts, the setting shape's separator
// scan) must find what `exec` finds: compared on the secrets corpus and on random texts built from the characters and
// words the shapes look for.
import fc from 'fast-check';
import { leadingLookbehindEnd, plainFinder, type FindMatch } from '../../src/redact/match-finder.js';
import { SHAPES, type Shape } from '../../src/redact/shapes/index.js';
import { TextIndex } from '../../src/redact/text-index.js';
import { secretShapes } from './secrets-corpus.js';

/** Every match a shape reads a value from, walked as redactText walks them (resuming where the reader says). */
function valuesFound(shape: Shape, find: FindMatch, text: string): Array<[number, string, string[]]> {
  const index = new TextIndex(text);
  const found: Array<[number, string, string[]]> = [];
  for (let m = find(text, 0), steps = 0; m && steps < 10_000; steps++) {
    const { values, resume } = shape.read(text, m, index);
    if (values.length > 0) found.push([m.index, m[0], values.map((v) => v.value)]);
    m = find(text, Math.max(resume ?? 0, m.index + m[0].length, m.index + 1));
  }
  return found;
}

const FAST = SHAPES.filter((shape) => shape.find !== undefined);

describe('leadingLookbehindEnd', () => {
  it.each([
    ['(?<![\\p{L}\\p{N}_])x', 18],
    ['(?<=^|\\s)x', 9],
    ['(?<![)(])x', 9],
    ['(?<!\\))x', 7],
    ['(?<!(?:a|b))x', 12],
  ])('%s: the lookbehind ends at %i', (source, end) => {
    expect(leadingLookbehindEnd(source)).toBe(end);
    expect(source.slice(end)).toBe('x');
  });

  it('is undefined for a pattern that does not open with a lookbehind', () => {
    expect(leadingLookbehindEnd('password(?<!x)')).toBeUndefined();
    expect(leadingLookbehindEnd('(?:a)')).toBeUndefined();
  });
});

describe('shape finders', () => {
  it('exist for the setting shape and the shapes that open with words', () => {
    expect(FAST.map((s) => s.name)).toEqual(expect.arrayContaining(['setting', 'prose', 'positional-call', 'bearer']));
    // The flag shape's pattern without its lookbehind would scan "-A-A-A…" from every dash: it keeps exec.
    expect(SHAPES.find((s) => s.name === 'flag')?.find).toBeUndefined();
  });

  it.each(FAST.map((s) => [s.name, s] as const))('%s: finds what exec finds in every paste of the secrets corpus', (_name, shape) => {
    // Beside the corpus, the layouts that put the most between a name and its separator.
    const layouts = [`$cfg["db"]["Password"] = 'x1y2z3';`, "[Password] => 'x1y2z3'", '"password" :  "x1y2z3"', 'Password\t\t:= x1y2z3', 'ПАРОЛЬ=x1y2z3'];
    for (const paste of [...secretShapes().map((s) => s.paste), ...layouts]) {
      expect(valuesFound(shape, shape.find as FindMatch, paste)).toEqual(valuesFound(shape, plainFinder(shape.pattern), paste));
    }
  });

  const pieces = [
    ' ', '  ', '\t', '\n', '=', ':', ':=', '=>', '"', "'", '`', '[', ']', '-', '_', '.', '/', '(', ';', '1', 'x', 'é', 'П', '𝒜',
    'Password', 'password', 'PWD', 'Pwd', 'DB_PASSWORD', 'SA_PASSWORD', 'Пароль', 'secret', 'clientSecret', 'token', 'Server',
    'is', 'for', 'sa', 'Bearer', 'Basic', 'abcdef0123456789', 'ENV', 'setx', 'net use', 'login', 'name', 'value', 'key',
    'ConvertTo-SecureString', 'PDO', 'sqlcmd', '-P', '-U', 'getConnection',
  ];
  const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

  it.each(FAST.map((s) => [s.name, s] as const))('%s: finds what exec finds in random texts of the words it looks for', (_name, shape) => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(valuesFound(shape, shape.find as FindMatch, text)).toEqual(valuesFound(shape, plainFinder(shape.pattern), text));
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });
});
