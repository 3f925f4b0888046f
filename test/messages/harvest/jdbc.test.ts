// mssql-jdbc harvester: the Java lexer and ListResourceBundle reader on excerpts of the real resource classes
// (test/fixtures/messages/jdbc/SOURCES.md), and the entries one ref's reading gives.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  decodeJavaString,
  jdbcEntries,
  jdbcLocale,
  jdbcReading,
  lexJava,
  parseListResourceBundle,
  readConcatenation,
  SELECTED_KEYS,
} from '../../../scripts/messages/harvest/jdbc.js';

const fixture = (file: string) => readFileSync(new URL(`../../fixtures/messages/jdbc/${file}`, import.meta.url), 'utf8');
const ref = { ref: 'refs/pull/441/head', commit: '2b801fc30d1249e537c27a49958f24c98ea34571', date: '2017-08-14' };

describe('lexJava', () => {
  it('drops comments, keeps string and char literals with their escapes, and counts lines', () => {
    const tokens = lexJava('a = "x\\"y"; // "not me"\n/* "nor me" */ c = \'"\' + "z";');
    expect(tokens.filter((t) => t.kind === 'string').map((t) => t.text)).toEqual(['x\\"y', 'z']);
    expect(tokens.find((t) => t.kind === 'char')).toEqual({ kind: 'char', text: '"', line: 2 });
  });

  it('keeps dotted names as one word, so a call like SQLServerException.getErrString can be matched', () => {
    expect(lexJava('SQLServerException.getErrString("R_x")').map((t) => t.text)).toEqual([
      'SQLServerException.getErrString',
      '(',
      'R_x',
      ')',
    ]);
  });
});

describe('decodeJavaString', () => {
  it('decodes \\uXXXX (any number of u), octal and one-letter escapes, and leaves MessageFormat quoting alone', () => {
    expect(decodeJavaString(String.raw`\u00dcber \uuu0041 \"{0}\" \101\n\\ ''{1}''`)).toBe(`Über A "{0}" A\n\\ ''{1}''`);
  });
});

describe('readConcatenation', () => {
  it('joins literals across +', () => {
    const tokens = lexJava('"a" + "b"\n + "c" }');
    expect(readConcatenation(tokens, 0)).toEqual({ text: 'abc', end: 5 });
    expect(readConcatenation(tokens, 1)).toBeUndefined();
  });
});

describe('parseListResourceBundle', () => {
  it('reads main: a text joined across lines, comments after entries, escaped quotes, the last of a doubled key', () => {
    const pairs = parseListResourceBundle(fixture('SQLServerResource.main.java.txt'));
    expect(pairs.get('R_unsafeJaasLoginConfigProperty')).toBe(
      'The system property "java.security.auth.login.config" must be a local file path or file: URI for Kerberos ' +
        'authentication. Non-local URLs (e.g. http, https, ldap, jar, rmi) are not permitted. Set useDefaultJaasConfig=true ' +
        'to bypass the JVM-wide JAAS configuration.',
    );
    expect(pairs.get('R_tcpipConnectionFailed')).toBe('The TCP/IP connection to the host {0}, port {1} has failed. Error: "{2}".');
    expect(pairs.get('R_connectRetryCountPropertyDescription')).toBe('The maximum number of attempts to reestablish a broken connection.');
    expect(pairs.size).toBe(9);
  });

  it('reads the v6.1.0 layout and its old wordings', () => {
    const pairs = parseListResourceBundle(fixture('SQLServerResource.v6.1.0.java.txt'));
    expect(pairs.get('R_connectionTimedOut')).toBe('Connection timed out: no further information');
    expect(pairs.get('R_AccessTokenCannotBeEmpty')).toBe('AccesToken cannot be empty.');
    expect(pairs.size).toBe(10);
  });

  it('reads a localized class in raw UTF-8', () => {
    const pairs = parseListResourceBundle(fixture('SQLServerResource_zh_CN.pr441.java.txt'));
    expect(pairs.get('R_tcpipConnectionFailed')).toBe('通过端口 {1} 连接到主机 {0} 的 TCP/IP 连接失败。错误:“{2}”。');
  });
});

describe('jdbcLocale', () => {
  it('maps class suffixes to BCP 47', () => {
    expect([undefined, 'de', 'pt_BR', 'zh_CN', 'zh_TW'].map(jdbcLocale)).toEqual(['en', 'de', 'pt-BR', 'zh-CN', 'zh-TW']);
  });
});

describe('jdbcEntries', () => {
  it('keeps only selected keys, as driver-layer java templates of provider jdbc', () => {
    const entries = jdbcEntries(fixture('SQLServerResource.main.java.txt'), 'p/SQLServerResource.java', 'en');
    expect(entries.map((e) => e.id)).toEqual([
      'jdbc:R_tcpOpenFailed',
      'jdbc:R_tcpipConnectionFailed',
      'jdbc:R_sqlBrowserFailed',
      'jdbc:R_sslFailed',
      'jdbc:R_certNameFailed',
      'jdbc:R_integratedAuthenticationFailed',
      'jdbc:R_unsafeJaasLoginConfigProperty',
    ]);
    expect(entries[1]).toEqual({
      id: 'jdbc:R_tcpipConnectionFailed',
      locale: 'en',
      template: 'The TCP/IP connection to the host {0}, port {1} has failed. Error: "{2}".',
      syntax: 'java',
      layer: 'driver',
      provider: 'jdbc',
      path: 'p/SQLServerResource.java',
    });
  });

  it('selects no key twice across topics', () => {
    const keys = Object.values(SELECTED_KEYS).flat();
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('jdbcReading', () => {
  const dir = 'src/main/java/com/microsoft/sqlserver/jdbc';
  const files = [
    { path: `${dir}/SQLServerResource.java`, text: fixture('SQLServerResource.pr441.java.txt') },
    { path: `${dir}/SQLServerResource_de.java`, text: fixture('SQLServerResource_de.pr441.java.txt') },
  ];

  it('reads the localized classes at the PR ref, flagging a text left in English', () => {
    const { entries } = jdbcReading(ref, files, true);
    expect(entries.every((e) => e.locale === 'de')).toBe(true);
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get('jdbc:R_tcpipConnectionFailed')?.template).toBe(
      "Fehler beim Herstellen der TCP/IP-Verbindung mit dem Host ''{0}'', Port {1}. Fehler: ''{2}''.",
    );
    expect(byId.get('jdbc:R_FedAuthFeatureAckContainsExtraData')?.note).toMatch(/left in English$/);
    expect(byId.get('jdbc:R_tcpipConnectionFailed')?.note).not.toMatch(/English/);
  });

  it('reads only the English class at a release ref', () => {
    const { entries } = jdbcReading(ref, files, false);
    expect(new Set(entries.map((e) => e.locale))).toEqual(new Set(['en']));
    expect(entries.map((e) => e.id)).toContain('jdbc:R_connectionTimedOut');
  });
});
