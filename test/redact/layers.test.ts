// The decoded layers of a text, each character mapped back to where the original writes it.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeLayer, layersOf, originalSpan } from '../../src/redact/layers.js';

/**
 * The map as first written, kept as the reference: every character of every layer carries the original span it came
 * from, an escape's characters the whole escape's. src/redact/layers.ts keeps one record per escape instead.
 */
function referenceSpans(text: string): Array<Array<[number, number]>> {
  const spans: Array<Array<[number, number]>> = [Array.from(text, (_, i) => [i, i + 1] as [number, number])];
  const layers = layersOf(text);
  for (let depth = 1; depth < layers.length; depth++) {
    const above = layers[depth - 1]?.text ?? '';
    const aboveSpans = spans[depth - 1] ?? [];
    const below: Array<[number, number]> = [];
    // An escape is where the layer above and this one stop agreeing: decode it as escapeAt would, by the layer's text.
    const escape = /%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}|\\[bfnrt\\/"'`]|&(?:#[xX][0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z0-9]{2,32});?/y;
    const decodedText = layers[depth]?.text ?? '';
    for (let at = 0, out = 0; at < above.length; ) {
      escape.lastIndex = at;
      const m = escape.exec(above);
      const decoded = m ? layersOf(m[0])[1]?.text : undefined;
      if (m && decoded !== undefined && decodedText.startsWith(decoded, out)) {
        const from = (aboveSpans[at] as [number, number])[0];
        const to = (aboveSpans[at + m[0].length - 1] as [number, number])[1];
        for (let unit = 0; unit < decoded.length; unit++) below.push([from, to]);
        at += m[0].length;
        out += decoded.length;
      } else {
        below.push(aboveSpans[at] as [number, number]);
        at++;
        out++;
      }
    }
    spans.push(below);
  }
  return spans;
}

/** The original text behind a span of a layer. */
const behind = (text: string, depth: number, from: number, to: number) => {
  const layer = layersOf(text)[depth];
  if (!layer) throw new Error(`no layer ${depth}`);
  const [start, end] = originalSpan(layer, from, to);
  return text.slice(start, end);
};

describe('layersOf', () => {
  it('is the text alone when nothing in it is escaped', () => {
    expect(layersOf('Server=db01;Password=x 100% sure').map((l) => l.text)).toEqual(['Server=db01;Password=x 100% sure']);
  });

  it('decodes JSON, HTML and percent escapes, nested ones level by level', () => {
    expect(layersOf('{\\"p\\":\\"a\\u0041\\"} &quot;b&amp;c&quot; %3D').map((l) => l.text)).toEqual(['{\\"p\\":\\"a\\u0041\\"} &quot;b&amp;c&quot; %3D', '{"p":"aA"} "b&c" =']);
    expect(layersOf('\\u0026quot;x\\u0026quot;').map((l) => l.text)).toEqual(['\\u0026quot;x\\u0026quot;', '&quot;x&quot;', '"x"']);
  });

  it('leaves an ampersand that starts no character reference as it is ("horse&battery")', () => {
    expect(layersOf('horse&battery &amp;').map((l) => l.text)).toEqual(['horse&battery &amp;', 'horse&battery &']);
  });

  it('maps every decoded character back to the escape it came from, through every level', () => {
    const text = 'pw=\\u0026quot;Zq7\\u0026quot; %41';
    const deepest = layersOf(text).at(-1)?.text ?? '';
    expect(deepest).toBe('pw="Zq7" A');
    expect(behind(text, 2, 3, 8)).toBe('\\u0026quot;Zq7\\u0026quot;');
    expect(behind(text, 2, 4, 7)).toBe('Zq7');
    expect(behind(text, 2, 9, 10)).toBe('%41');
  });

  it('keeps the UTF-16 units of an astral character apart, both mapped to its escape', () => {
    const text = 'a&#x1F600;b';
    expect(layersOf(text)[1]?.text).toBe('a😀b');
    expect(behind(text, 1, 1, 3)).toBe('&#x1F600;');
    expect(behind(text, 1, 3, 4)).toBe('b');
  });

  it('keeps a lone surrogate that an escape decodes to, which a UTF-16 decoder would replace', () => {
    // \ud800 alone is no character; the layer is built by TextDecoder only when no surrogate is in it.
    const text = 'x\\ud800y \\ud83d\\ude00';
    expect(layersOf(text)[1]?.text).toBe('x\ud800y 😀');
    expect(behind(text, 1, 1, 2)).toBe('\\ud800');
  });

  it('maps a long run between escapes character by character, in the original and in a decoded layer', () => {
    const run = 'xyz '.repeat(5000);
    const text = `%25${run}&amp;${run}%2541`;
    const [, first, second] = layersOf(text);
    expect(first?.text).toBe(`%${run}&${run}%41`);
    expect(second?.text).toBe(`%${run}&${run}A`);
    expect(behind(text, 1, 1 + 7, 1 + 10)).toBe(run.slice(7, 10));
    expect(behind(text, 2, 2 + 2 * run.length, 3 + 2 * run.length)).toBe('%2541');
    // A run of the second layer maps through the first layer's map to the original.
    const secondRun = 2 + run.length;
    expect(behind(text, 2, secondRun + 7, secondRun + 10)).toBe(run.slice(7, 10));
    expect(behind(text, 2, secondRun - 1, secondRun)).toBe('&amp;');
  });

  it('maps every character of every layer as the per-character reference does (random texts of escapes and near misses)', () => {
    const piece = fc.constantFrom('a', ' ', '%41', '%4', '%%', '&amp;', '&amp', '&ampx;', '&#65;', '&#x41;', '&#;', '&zz;', '\\n', '\\u0041', '\\u00', '\\x41', '\\q', '\\\\', '\\u0026amp;', '%2541', '\\ud83d\\ude00', '&#x1F600;');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join('')), (text) => {
        const layers = layersOf(text);
        const reference = referenceSpans(text);
        layers.forEach((layer, depth) => {
          for (let i = 0; i < layer.text.length; i++) expect(originalSpan(layer, i, i + 1)).toEqual(reference[depth]?.[i]);
        });
      }),
      { seed: 20261204, numRuns: 2000 },
    );
  });

  it('keeps, given reaches, only the stretches around escapes, each character mapped as in the whole layer', () => {
    // Lines of plain text and of escapes; a reach (a reading of the layer above) from one line to a later one.
    const line = fc.constantFrom('plain words', 'x', '', 'a\\nb', '&quot;q&quot;', '%41%42', 'tail \\u0041');
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (lines, a, b) => {
        const text = lines.join('\n');
        const whole = decodeLayer({ text });
        const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [number, number];
        const kept = decodeLayer({ text }, to > from ? [from, to] : []);
        if (!whole || !kept) return expect(kept).toBe(whole);
        if (kept.text === whole.text) return undefined;
        // A kept character maps to the original as that character of the whole layer does, and every escape's line
        // is there with the lines on either side of it.
        const wholeAt = new Map<string, string>();
        for (let i = 0; i < whole.text.length; i++) wholeAt.set(String(originalSpan(whole, i, i + 1)), whole.text[i] as string);
        for (let i = 0; i < kept.text.length; i++) expect(wholeAt.get(String(originalSpan(kept, i, i + 1)))).toBe(kept.text[i]);
        lines.forEach((l, n) => {
          if (!decodeLayer({ text: l })) return;
          const near = lines.slice(Math.max(0, n - 1), n + 2).join('\n');
          expect(kept.text).toContain(decodeLayer({ text: near })?.text);
        });
        return undefined;
      }),
      { seed: 20261204, numRuns: 1500 },
    );
  });
});
