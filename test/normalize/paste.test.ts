// Transport damage undone: JSON escapes, HTML entities, CI prefixes, doubled backslashes, wrapping.
import { describe, expect, it } from '@jest/globals';
import { makePaste, unescapePaste } from '../../src/normalize/paste.js';

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

describe('makePaste', () => {
  it('folds whitespace so wrapped messages match, and quotes the original line of a match', () => {
    const paste = makePaste('first line\n  (provider: TCP\n   Provider, error: 0 - x)\nlast');
    const at = paste.flat.indexOf('error: 0');
    expect(paste.flat).toContain('(provider: TCP Provider, error: 0 - x)');
    expect(paste.lineAt(at)).toBe('Provider, error: 0 - x)');
  });

  it('quotes a window, not a whole 1 MB line', () => {
    const paste = makePaste(`${'a'.repeat(500_000)}NEEDLE${'b'.repeat(500_000)}`);
    const quote = paste.lineAt(paste.flat.indexOf('NEEDLE'));
    expect(quote).toContain('NEEDLE');
    expect(quote.length).toBeLessThan(600);
    expect(quote.startsWith('…') && quote.endsWith('…')).toBe(true);
  });
});
