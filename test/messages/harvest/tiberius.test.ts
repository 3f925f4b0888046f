// tiberius harvester: the Rust literal extractor reads real excerpts (test/fixtures/messages/tiberius/SOURCES.md):
// thiserror attributes keyed by their variant, format strings, io errors and panics.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { readFiles } from '../../../scripts/messages/harvest/literal-sites.js';
import { TIBERIUS, findRustErrorSites, rustSyntax } from '../../../scripts/messages/harvest/tiberius.js';

const fixture = (file: string) => readFileSync(new URL(`../../fixtures/messages/tiberius/${file}`, import.meta.url), 'utf8');

describe('findRustErrorSites', () => {
  it('reads #[error] attributes, multi-line ones too, with the variant they describe', () => {
    const sites = findRustErrorSites(fixture('error-head.rs.txt')).map((site) => [site.context, site.template]);
    expect(sites).toContainEqual(['Io', 'An error occured during the attempt of performing I/O: {}']);
    expect(sites).toContainEqual(['Tls', 'Error forming TLS connection: {}']);
    expect(sites).toContainEqual(['Routing', 'Server requested a connection to an alternative address: `{}:{}`']);
    expect(sites).toContainEqual(['Utf8', 'UTF-8 error']);
  });

  it('reads format! strings and io::Error::new texts', () => {
    expect(findRustErrorSites(fixture('sql_browser-tokio-head.rs.txt')).map((site) => [site.kind, site.template])).toEqual([
      ['format!', 'SQL browser timeout during resolving instance {}. Please check if browser is running in port {} and does the instance exist.'],
      ['io::Error::new', 'Could not resolve server host'],
    ]);
  });

  it("reads write!'s format after the formatter and a panic's text", () => {
    expect(findRustErrorSites(fixture('token_error-head.rs.txt')).map((site) => site.template)).toEqual([
      "'{}' on server {} executing {} on line {} (code: {}, state: {}, class: {})",
    ]);
    expect(findRustErrorSites(fixture('pre_login-head.rs.txt')).map((site) => [site.kind, site.template])).toEqual([
      ['panic!', 'Server does not allow the requested encryption level.'],
    ]);
  });
});

describe('tiberius picks', () => {
  it('keys the Error variants and leaves out the encoding and conversion-of-values ones', () => {
    const ids = readFiles(new Map([['src/error.rs', fixture('error-head.rs.txt')]]), TIBERIUS).map((entry) => entry.id);
    expect(ids).toEqual([
      'tiberius:error.io',
      'tiberius:error.protocol',
      'tiberius:error.conversion',
      'tiberius:error.server',
      'tiberius:error.tls',
      'tiberius:error.gssapi',
      'tiberius:error.routing',
    ]);
  });

  it('writes rust syntax only for templates with placeholders', () => {
    expect(rustSyntax('Token error: {}')).toBe('rust');
    expect(rustSyntax('Could not resolve server host')).toBe('none');
    expect(rustSyntax('a {{literal}} brace')).toBe('none');
  });
});
