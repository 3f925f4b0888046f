// The decoded layers of a text, each character mapped back to where the original writes it.
import { describe, expect, it } from '@jest/globals';
import { layersOf, originalSpan } from '../../src/redact/layers.js';

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
});
