// Transport damage undone: JSON escapes, HTML entities, CI prefixes, doubled backslashes, wrapping.
import { describe, expect, it } from '@jest/globals';
import { decodeHTML } from 'entities';
import fc from 'fast-check';
import { makePaste, unescapePaste } from '../../src/normalize/paste.js';

/**
 * unescapePaste as first written, one rewrite after another over the whole text (line breaks, HTML, JSON escapes or
 * lone \n and doubled backslashes, CI prefixes, control bytes), kept as the reference for the version that makes a
 * rewrite only where it has work and unifies line breaks within the JSON pass.
 */
function referenceUnescape(raw: string): string {
  let text = raw.replace(/\r\n?/g, '\n');
  if (/&(?:quot|amp|lt|gt|#x?[0-9a-fA-F]+|apos);/.test(text)) text = decodeHTML(text);
  if (/\\r\\n|\\"|\\u[0-9a-fA-F]{4}|\\n(?:\\t| +)at |\\n\\n/.test(text)) {
    text = text.replace(/\\(?:u([0-9a-fA-F]{4})|r\\n|([nrt"\\/]))/g, (escape, hex: string | undefined, simple: string | undefined) =>
      hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : simple === undefined ? '\n' : ({ n: '\n', r: '\n', t: '\t' } as Record<string, string>)[simple] ?? simple,
    );
  } else {
    text = text.replace(/\\n(?=[\s[(A-Z]|$)/g, '\n');
    text = text.replace(/(?<=\w)\\\\(?=\w)/g, '\\');
  }
  return text
    .replace(/^[ \t]*(?:##\[(?:error|warning)\]|::(?:error|warning)[^:]*::|[\w.-]+[_-]\d+ +\| ?)/gm, '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ');
}

describe('unescapePaste', () => {
  it('undoes JSON escaping when the text shows signs of it', () => {
    expect(unescapePaste('a\\r\\n---\\u003e b \\"q\\" db\\\\inst')).toBe('a\n---> b "q" db\\inst');
  });

  it('keeps a path like SERVER\\newinst intact but breaks lines at a lone \\n before a capital', () => {
    expect(unescapePaste('Data Source=SERVER\\newinst')).toBe('Data Source=SERVER\\newinst');
    expect(unescapePaste("severity 9:\\nUnable to connect")).toBe('severity 9:\nUnable to connect');
  });

  it('collapses a doubled backslash between names but keeps UNC pipe paths', () => {
    expect(unescapePaste('Server=db01\\\\SQLEXPRESS; pipe \\\\.\\pipe\\sql\\query')).toBe('Server=db01\\SQLEXPRESS; pipe \\\\.\\pipe\\sql\\query');
  });

  it('keeps Windows stack-trace paths whole: \\tedious and \\node_modules are no escapes', () => {
    const frame = '    at Connection.message (C:\\app\\node_modules\\mssql\\node_modules\\tedious\\lib\\connection.js:1722:14)';
    expect(unescapePaste(`ConnectionError: Server requires encryption\n${frame}`)).toBe(`ConnectionError: Server requires encryption\n${frame}`);
  });

  it('reads JSON escapes left to right, so an escaped path keeps its backslashes', () => {
    // What JSON.stringify makes of a stack trace with a Windows path in it.
    const original = 'ConnectionError: Failed to connect\n    at C:\\app\\node_modules\\tedious\\lib\\connection.js:1:1\n\tat next';
    expect(unescapePaste(JSON.stringify(original).slice(1, -1))).toBe(original);
  });

  it('reads the escapes one at a time: \\\\n is a backslash and n, \\r\\n one break, \\u with four hex digits a character, a lone backslash stays', () => {
    expect(unescapePaste('a\\\\nb\\r\\nc\\u0041\\uZZ\\t\\/\\"\\n\\n\\')).toBe('a\\nb\nc' + 'A\\uZZ\t/"\n\n\\');
  });

  it('decodes HTML entities and drops CI prefixes and control bytes', () => {
    expect(unescapePaste('##[error]Login failed for user &quot;sa&quot;\u0007')).toBe('Login failed for user "sa" ');
  });

  it("drops the container names of docker compose logs (Compose v1's api_1, v2's api-1), keeping each line's indentation", () => {
    // test/fixtures/logs/dotnet-compose-login-failed.log, lines 6 and 7 (microsoft/mssql-docker#506).
    const lines = [
      "dockersqlserver_1  | Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user 'sa'.",
      'dockersqlserver_1  |    at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)',
    ];
    expect(unescapePaste(lines.join('\n')).split('\n')).toEqual([lines[0]?.slice(21), lines[1]?.slice(21)]);
    expect(unescapePaste('api-1  | ConnectionError: Failed to connect')).toBe('ConnectionError: Failed to connect');
    expect(unescapePaste('| a | b |\nstate | value')).toBe('| a | b |\nstate | value');
  });
});

describe('unescapePaste against the rewrite-by-rewrite reference', () => {
  it('reads random texts of escapes, line breaks, entities, prefixes and control bytes as the reference does', () => {
    const piece = fc.constantFrom('\r\n', '\r', '\n', '\\r\\n', '\\n', '\\n  at ', '\\"', '\\u0041', '\\u00', '\\', '\\\\', '\\\r', '&amp;', '&#13;', '&#10;', 'api_1  | ', '##[error]', '\u0001', '\u007f', 'x', 'A', ' ', 'db01\\\\inst', 'at ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(unescapePaste(text)).toBe(referenceUnescape(text));
      }),
      { seed: 20261204, numRuns: 5000 },
    );
  });
});

describe('makePaste', () => {
  it('folds whitespace so wrapped messages match, and quotes the original line of a match', () => {
    const paste = makePaste('first line\n  (provider: TCP\n   Provider, error: 0 - x)\nlast');
    const at = paste.flat.indexOf('error: 0');
    expect(paste.flat).toContain('(provider: TCP Provider, error: 0 - x)');
    expect(paste.lineAt(at)).toBe('Provider, error: 0 - x)');
  });

  it('maps every position of the flat text back to its line across runs of whitespace of any length', () => {
    const lines = ['alpha  beta', '', '', '\t gamma\u00a0\u00a0delta', 'epsilon'];
    const paste = makePaste(lines.join('\n'));
    expect(paste.flat).toBe('alpha beta gamma delta epsilon');
    for (const [word, line] of [['alpha', 'alpha  beta'], ['beta', 'alpha  beta'], ['gamma', 'gamma\u00a0\u00a0delta'], ['delta', 'gamma\u00a0\u00a0delta'], ['epsilon', 'epsilon']]) {
      expect(paste.lineAt(paste.flat.indexOf(word as string))).toBe(line);
    }
    // Out-of-range positions quote the first and the last line.
    expect(paste.lineAt(-5)).toBe('alpha  beta');
    expect(paste.lineAt(10_000)).toBe('epsilon');
  });

  it('quotes a window, not a whole 1 MB line', () => {
    const paste = makePaste(`${'a'.repeat(500_000)}NEEDLE${'b'.repeat(500_000)}`);
    const quote = paste.lineAt(paste.flat.indexOf('NEEDLE'));
    expect(quote).toContain('NEEDLE');
    expect(quote.length).toBeLessThan(600);
    expect(quote.startsWith('…') && quote.endsWith('…')).toBe(true);
  });
});
