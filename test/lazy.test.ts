// once() and rememberingLast(): what two steps of a diagnosis ask of one text is read once.
import { describe, expect, it } from '@jest/globals';
import { once, rememberingLast } from '../src/lazy.js';

describe('rememberingLast', () => {
  it('reads a text once while it is asked about in a row, and again after another text', () => {
    const read: string[] = [];
    const length = rememberingLast((text: string) => {
      read.push(text);
      return text.length;
    });
    expect([length('abc'), length('abc'), length('de'), length('abc')]).toEqual([3, 3, 2, 3]);
    expect(read).toEqual(['abc', 'de', 'abc']);
  });

  it('keys on any value: the same object in a row is read once', () => {
    let reads = 0;
    const size = rememberingLast((list: readonly number[]) => {
      reads++;
      return list.length;
    });
    const list = [1, 2];
    expect([size(list), size(list), size([1, 2])]).toEqual([2, 2, 2]);
    expect(reads).toBe(2);
  });

  it('remembers an undefined answer too', () => {
    let reads = 0;
    const nothing = rememberingLast(() => {
      reads++;
      return undefined;
    });
    nothing('x');
    nothing('x');
    expect(reads).toBe(1);
  });
});

describe('once', () => {
  it('makes its value on the first call only', () => {
    let made = 0;
    const value = once(() => ++made);
    expect([value(), value()]).toEqual([1, 1]);
  });
});
