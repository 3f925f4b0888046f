// The string-literal lexer on the Go and Rust forms the harvesters meet (JavaScript and CoffeeScript are covered by
// tedious.test.ts).
import { describe, expect, it } from '@jest/globals';
import { concatenationParts, readArguments, rustItemAfter, stringLiteral } from '../../../scripts/messages/harvest/literal-lexer.js';

describe('Go literals', () => {
  it('reads backquoted strings raw and concatenations', () => {
    expect(stringLiteral('`a\\nb`', 'go')).toEqual([{ literal: 'a\\nb' }]);
    expect(concatenationParts('"mssql: " + e.Message', 'go')).toEqual([{ literal: 'mssql: ' }, { expr: 'e.Message' }]);
  });
});

describe('Rust literals', () => {
  it('reads raw strings and line continuations', () => {
    expect(stringLiteral('r#"say "hi""#', 'rust')).toEqual([{ literal: 'say "hi"' }]);
    expect(stringLiteral('"a \\\n    b"', 'rust')).toEqual([{ literal: 'a b' }]);
  });

  it("does not take a lifetime for a char literal", () => {
    const src = "(x: &'static str, \"P1003\")";
    expect(readArguments(src, 0, 'rust').args).toEqual(["x: &'static str", '"P1003"']);
  });

  it('names the item an attribute stands on', () => {
    const src = '#[error("x")]\n    /// doc\n    Io {';
    expect(rustItemAfter(src, src.indexOf(')]') + 1)).toBe('Io');
    expect(rustItemAfter('#[error("x")]\npub struct MssqlError {', 12)).toBe('MssqlError');
  });
});
