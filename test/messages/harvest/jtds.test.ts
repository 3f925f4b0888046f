// jTDS harvester: Messages.properties and hard-coded exception texts, on excerpts of the real sources
// (test/fixtures/messages/jtds/SOURCES.md).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { lexJava } from '../../../scripts/messages/harvest/jdbc.js';
import { exceptionTemplates, jtdsEntries, parseProperties, templateOfArgument } from '../../../scripts/messages/harvest/jtds.js';

const fixture = (file: string) => readFileSync(new URL(`../../fixtures/messages/jtds/${file}`, import.meta.url), 'utf8');

describe('parseProperties', () => {
  it('reads key=value lines as published, MessageFormat quoting kept', () => {
    const pairs = parseProperties(fixture('Messages.1.2.2.properties.txt'));
    expect(pairs.get('error.connection.badhost')).toBe("Unknown server host name ''{0}''.");
    expect(pairs.get('error.conproxy.noconn')).toBe('"Connection has been returned to pool and this reference is no longer valid.');
    expect(pairs.size).toBe(18);
  });

  it('follows java.util.Properties: comments, continuations, separators and escapes', () => {
    const text = '# a comment\n! another\n  a.b = one \\\n    two\nc:3\nd 4\ne=\\u00e9\\tx\\\\\nf=back\\\\\ng=';
    expect([...parseProperties(text)]).toEqual([
      ['a.b', 'one two'],
      ['c', '3'],
      ['d', '4'],
      ['e', 'é\tx\\'],
      ['f', 'back\\'],
      ['g', ''],
    ]);
  });
});

describe('exceptionTemplates', () => {
  it('turns `new …Exception("text" + expr)` into a template with {n} for each other operand', () => {
    expect(exceptionTemplates(fixture('SharedSocket.master.java.txt'))).toEqual([
      { template: 'DB server closed connection.', line: 8 },
      { template: 'Unknown packet type 0x{0}', line: 17 },
      { template: 'Invalid network packet length {0}', line: 25 },
    ]);
    expect(exceptionTemplates(fixture('TdsCore.master.java.txt')).map((t) => t.template)).toEqual(['SSO Failed: {0}', 'GSS Failed: {0}']);
  });

  it('joins literals split across lines and skips arguments that do not start with a literal', () => {
    expect(exceptionTemplates(fixture('SSPIJNIClient.master.java.txt')).map((t) => t.template)).toEqual([
      'Native SSPI library not loaded. Check the java.library.path system property.',
    ]);
    expect(exceptionTemplates('throw new SQLException(Messages.get("error.x"), "08S01");')).toEqual([]);
  });

  it('doubles a quote in the literal parts, so the template reads as MessageFormat', () => {
    expect(templateOfArgument(lexJava('"can\'t reach " + host + ":" + port, cause)'), 0)).toBe("can''t reach {0}:{1}");
  });
});

describe('jtdsEntries', () => {
  it('keeps the selected properties and the known literal sites, as driver-layer entries of provider jdbc', () => {
    const entries = jtdsEntries(fixture('Messages.master.properties.txt'), [
      { path: 'src/main/net/sourceforge/jtds/jdbc/SharedSocket.java', text: fixture('SharedSocket.master.java.txt') },
    ]);
    expect(entries.map((e) => e.id)).toEqual([
      'jtds:error.connection.timeout',
      'jtds:error.conproxy.noconn',
      'jtds:error.msinfo.badinfo',
      'jtds:error.msinfo.badinst',
      'jtds:error.msinfo.badport',
      'jtds:error.ssl.encryptionoff',
      'jtds:literal.db-server-closed-connection',
      'jtds:literal.unknown-packet-type',
      'jtds:literal.invalid-packet-length',
    ]);
    expect(entries[6]).toEqual({
      id: 'jtds:literal.db-server-closed-connection',
      locale: 'en',
      template: 'DB server closed connection.',
      syntax: 'java',
      layer: 'driver',
      provider: 'jdbc',
      path: 'src/main/net/sourceforge/jtds/jdbc/SharedSocket.java',
      note: 'hard-coded in the Java source',
    });
  });
});
