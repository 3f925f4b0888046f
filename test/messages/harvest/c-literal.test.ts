import { decodeCString, literalArguments, readCStrings } from '../../../scripts/messages/harvest/c-literal.js';

describe('decodeCString', () => {
  it('decodes simple, hex and octal escapes, "\\0" included', () => {
    expect(decodeCString(String.raw`a\tb\n\"q\" \\ \x41\101`)).toBe('a\tb\n"q" \\ AA');
    expect(decodeCString(String.raw`text\0%s %d`)).toBe('text\u0000%s %d');
  });
});

describe('readCStrings', () => {
  it('joins adjacent literals across lines and comments, and says where they end', () => {
    const source = 'x = "one "\n\t\t"two" /* c */ "three";';
    const literal = readCStrings(source, 3);
    expect(literal).toEqual({ value: 'one twothree', start: 4, end: source.length - 1 });
  });

  it('is undefined when no literal comes next', () => {
    expect(readCStrings('f(x, "a")', 2)).toBeUndefined();
  });
});

describe('literalArguments', () => {
  it('finds the literal at an argument position, skipping nested calls and strings with commas', () => {
    const source = 'fprintf(stderr, "a %d, b\\n", n); fprintf(f(1, 2), "c"); fprintf(stderr, buf); tdsdump_log(L, "x, y");';
    expect(literalArguments(source, 'fprintf', 1).map((l) => l.value)).toEqual(['a %d, b\n', 'c']);
    expect(literalArguments(source, 'tdsdump_log', 1).map((l) => l.value)).toEqual(['x, y']);
  });
});
