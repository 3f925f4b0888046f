// What detect() reads of a paste: its first 64 KiB, in lines of at most 4,096 characters, so that classifying a
// 256 KiB paste of one line (a log on one line, a hostile paste) does not split the whole of it into words.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { sockets } from '../../src/evidence/sockets.js';
import { DETECT_CHARS, DETECT_LINE_CHARS, detectionSample } from '../../src/evidence/types.js';

const netstat = readFileSync(new URL('../fixtures/evidence/sockets/windows-netstat-anb-fr-no-pid.txt', import.meta.url), 'utf8');

describe('detectionSample', () => {
  it('keeps a short text as it is', () => {
    expect(detectionSample(netstat)).toBe(netstat);
  });

  it('cuts every line to its first 4,096 characters and the text to its first 64 KiB', () => {
    const long = 'x'.repeat(10_000);
    expect(detectionSample(`${long}\nshort\n${long}`)).toBe(`${long.slice(0, DETECT_LINE_CHARS)}\nshort\n${long.slice(0, DETECT_LINE_CHARS)}`);
    const many = 'y'.repeat(100).concat('\n').repeat(2_000);
    expect(detectionSample(many)).toBe(many.slice(0, DETECT_CHARS));
    // A line over the limit is cut, and what follows it still counts.
    expect(detectionSample(`${'z'.repeat(300_000)}\nnext`)).toBe(`${'z'.repeat(DETECT_LINE_CHARS)}\nnext`);
  });

  it('is, for any text, its lines cut and joined again, up to the limit', () => {
    // The definition, written the plain way: every line cut, joined, and the whole cut.
    const byDefinition = (text: string) =>
      text.length <= DETECT_LINE_CHARS
        ? text
        : text
            .split('\n')
            .map((line) => line.slice(0, DETECT_LINE_CHARS))
            .join('\n')
            .slice(0, DETECT_CHARS);
    const line = fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 9_000 }).map((n) => 'l'.repeat(n)));
    const texts = fc.array(line, { maxLength: 60 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(texts, (text) => {
        expect(detectionSample(text)).toBe(byDefinition(text));
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });

  it('still finds a table under a 256 KiB line', () => {
    const alone = sockets.detect(netstat);
    expect(alone).toBeGreaterThanOrEqual(0.5);
    expect(sockets.detect(`${'TCP '.repeat(65_536)}\n${netstat}`)).toBeGreaterThanOrEqual(0.5);
  });
});
