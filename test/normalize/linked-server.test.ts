// A linked server's failure relayed through a working connection, as pastes show it (cnect/sails-sqlserver#39,
// microsoft/sql-server-samples#1079).
import { describe, expect, it } from '@jest/globals';
import { linkedServerIn } from '../../src/normalize/linked-server.js';
import { normalize } from '../../src/normalize/index.js';

describe('linkedServerIn', () => {
  it('reads the linked server the relay names', () => {
    const text = 'Named Pipes Provider: Could not open a connection to SQL Server [53]. OLE DB provider "SQLNCLI11" for linked server "DB01" returned message "Login timeout expired".';
    expect(linkedServerIn(text)).toEqual({ name: 'DB01', index: text.indexOf('for linked server') });
    expect(linkedServerIn('Msg 7303, Level 16, State 1, Line 45 Cannot initialize the data source object of OLE DB provider "MSOLAP" for linked server "AZUREAS".')?.name).toBe('AZUREAS');
  });

  it("reads the provider's name where a relayed error carries it as its server name", () => {
    expect(linkedServerIn("  code: 'EREQUEST', number: 2, lineNumber: 0, state: 1, class: 16, serverName: 'SQLNCLI11', procName: '',")?.name).toBe('SQLNCLI11');
    expect(linkedServerIn('Msg 53, Level 16, State 1, Server MSOLEDBSQL, Line 0')?.name).toBe('MSOLEDBSQL');
  });

  it('reads no linked server from a server named like a host, nor from a provider named in a connection string', () => {
    expect(linkedServerIn("serverName: 'DB01', procName: ''")).toBeUndefined();
    expect(linkedServerIn('Provider=MSOLEDBSQL;Data Source=db01;Initial Catalog=app')).toBeUndefined();
    expect(linkedServerIn('Named Pipes Provider: Could not open a connection to SQL Server [53].')).toBeUndefined();
  });

  it('becomes error.linkedServer, quoted from its line', () => {
    const { facts, sources } = normalize('OLE DB provider "SQLNCLI11" for linked server "DB01" returned message "Login timeout expired".');
    expect(facts['error.linkedServer']).toBe('DB01');
    expect(sources['error.linkedServer']).toContain('for linked server "DB01"');
  });
});
