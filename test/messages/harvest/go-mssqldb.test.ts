// go-mssqldb harvester: the Go literal extractor reads real excerpts (test/fixtures/messages/go-mssqldb/SOURCES.md)
// and the allow-list keys the connection messages of both repositories alike.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { GO_MSSQLDB, findGoErrorSites, goSyntax } from '../../../scripts/messages/harvest/go-mssqldb.js';
import { GO_MSSQLDB_DENISENKOM } from '../../../scripts/messages/harvest/go-mssqldb-denisenkom.js';
import { readFiles, templateSlug } from '../../../scripts/messages/harvest/literal-sites.js';

const fixture = (file: string) => readFileSync(new URL(`../../fixtures/messages/go-mssqldb/${file}`, import.meta.url), 'utf8');
const ids = (path: string, file: string, source = GO_MSSQLDB) =>
  readFiles(new Map([[path, fixture(file)]]), source).map((entry) => [entry.id, entry.template]);

describe('findGoErrorSites', () => {
  it('resolves a format held in a variable and names the function', () => {
    expect(findGoErrorSites(fixture('protocol-head.go.txt'))).toEqual([
      expect.objectContaining({ kind: 'fmt.Errorf', template: "no instance matching '%v' returned from host '%v'", context: 'ParseBrowserData' }),
      expect.objectContaining({ kind: 'fmt.Errorf', template: "invalid tcp port returned from Sql Server Browser '%v': %v" }),
    ]);
    expect(findGoErrorSites(fixture('protocol_go113-head.go.txt'))).toEqual([
      expect.objectContaining({ template: "unable to open tcp connection with host '%v:%v': %w", context: 'wrapConnErr' }),
    ]);
  });

  it('reads Fprintf formats, Error() concatenations and message prefixes', () => {
    expect(findGoErrorSites(fixture('error-head.go.txt')).map((site) => [site.kind, site.template])).toEqual([['fmt.Fprintf', 'mssql: %s (%d)']]);
    expect(findGoErrorSites(fixture('error-v0.9.0.go.txt')).map((site) => [site.kind, site.template])).toEqual([['Error()', 'mssql: %v']]);
    expect(findGoErrorSites(fixture('tds-head-login.go.txt')).map((site) => [site.kind, site.template])).toEqual([
      ['fragment', 'login error: %v'],
      ['fmt.Errorf', 'login error: %s'],
    ]);
  });
});

describe('go-mssqldb picks', () => {
  it('gives both wordings of the server-message wrapper one id', () => {
    expect(ids('error.go', 'error-head.go.txt')).toEqual([['go-mssqldb:error.server-message', 'mssql: %s (%d)']]);
    expect(ids('error.go', 'error-v0.9.0.go.txt', GO_MSSQLDB_DENISENKOM)).toEqual([['go-mssqldb-denisenkom:error.server-message', 'mssql: %v']]);
  });

  it('keys connection-string errors by the slug of their words', () => {
    expect(templateSlug("Invalid tcp port '%v': %v")).toBe('invalid-tcp-port');
    expect(ids('msdsn/conn_str.go', 'conn_str-head-port.go.txt')).toEqual([['go-mssqldb:config.invalid-tcp-port', "invalid tcp port '%v': %v"]]);
  });

  it('writes printf syntax only for templates with verbs', () => {
    expect(goSyntax('mssql: %s (%d)')).toBe('printf');
    expect(goSyntax('server does not support encryption')).toBe('none');
    expect(goSyntax('100%% done')).toBe('none');
  });
});
