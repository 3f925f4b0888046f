// Patterns derived from templates: what they match, how far a cut text still matches, and word edges.
import { describe, expect, it } from '@jest/globals';
import { derivePattern, foldCase, PATTERN_FLAGS, textWeight } from '../../src/messages/pattern.js';
import { parseTemplate, type PlaceholderSyntax } from '../../src/messages/template.js';

function matcher(template: string, syntax: PlaceholderSyntax) {
  const pattern = derivePattern(parseTemplate(template, syntax));
  if (!pattern) throw new Error('no pattern');
  const re = new RegExp(pattern.source, PATTERN_FLAGS);
  return (text: string) => {
    const m = re.exec(foldCase(text));
    return m ? { text: m[0], complete: m[pattern.holes + 1] !== undefined, values: m.slice(1, pattern.holes + 1) } : undefined;
  };
}

describe('derivePattern', () => {
  // jdbc:R_tcpipConnectionFailed (en)
  const tcpip = matcher('The TCP/IP connection to the host {0}, port {1} has failed. Error: "{2}".', 'java');

  it('matches a whole message, placeholders as their values, case and quotes aside', () => {
    const m = tcpip('the TCP/IP connection to the host db01, port 1433 has failed. Error: “Connection refused: connect”.');
    expect(m).toMatchObject({ complete: true, values: ['db01', '1433', 'connection refused: connect'] });
  });

  it('matches as far as a cut message goes, word by word', () => {
    expect(tcpip('The TCP/IP connection to the host db01, port 1433 has failed. Err')).toMatchObject({
      complete: false,
      text: 'the tcp/ip connection to the host db01, port 1433 has failed.',
    });
  });

  it('takes a placeholder only with enough of the wording after it, not at the first "." of a host name', () => {
    // msodbcsql's network-related text names the server (a curated entry, from microsoft/homebrew-mssql-release#99)
    const odbc = matcher('A network-related error has occurred while establishing a connection to {0}. Server is not found', 'dotnet');
    expect(odbc('A network-related error has occurred while establishing a connection to db01.corp.local. Server is not found')).toMatchObject({
      complete: true,
      values: ['db01.corp.local'],
    });
    // Cut among those words, it reads as far as the text goes, the cut word aside.
    expect(tcpip('The TCP/IP connection to the host db01, po')).toMatchObject({ complete: false, text: 'the tcp/ip connection to the host db01,' });
    expect(tcpip('The TCP/IP connection to the host db01, po and more')).toMatchObject({ complete: false, text: 'the tcp/ip connection to the host' });
  });

  it('does not match a word inside a longer word where the template has a space around it', () => {
    // tedious:connection.connect-timeout, as tedious 19 words it
    const timeout = matcher('Failed to connect to ${server}${port} in ${timeout}ms', 'js');
    expect(timeout('Failed to connect to tcp:s08.winhost.com:1433 - getaddrinfo ENOTFOUND')).toMatchObject({ complete: false });
    expect(timeout('Failed to connect to localhost:undefined in 15000ms')).toMatchObject({ complete: true });
  });

  it('lets a placeholder touch the words beside it where the template does ("0x{0}", "{0}ms")', () => {
    const packet = matcher('Unknown packet type 0x{0}', 'java');
    expect(packet('Unknown packet type 0xdb')).toMatchObject({ text: 'unknown packet type 0x' });
  });

  it('reads unspaced scripts in short runs, so a cut Chinese message still matches its opening', () => {
    // mds:SNI_ERROR_40 (zh-Hans)
    const zh = matcher('无法打开与 SQL Server 的连接', 'dotnet');
    expect(zh('(provider: Named Pipes Provider, error: 40 - 无法打开与 SQL Server 的连接)')).toMatchObject({ complete: true });
    expect(zh('无法打开与 SQL')).toMatchObject({ complete: false, text: '无法打开与 sql' });
  });

  it('gives no pattern for a template of placeholders only', () => {
    expect(derivePattern(parseTemplate('{0}: {1}', 'dotnet'))?.source).toBe(':()');
    expect(derivePattern(parseTemplate('{0}{1}', 'dotnet'))).toBeUndefined();
  });
});

describe('foldCase', () => {
  it('keeps every position, the Turkish İ included', () => {
    const text = 'İşaret Sağlayıcı ÉCHEC';
    expect(foldCase(text)).toHaveLength(text.length);
    expect(foldCase(text)).toBe('işaret sağlayıcı échec');
  });
});

describe('textWeight', () => {
  it('counts a Han or Kana character three, a Hangul syllable two, other characters one, spaces none', () => {
    expect(textWeight('ab c')).toBe(3);
    expect(textWeight('连接')).toBe(6);
    expect(textWeight('연결')).toBe(4);
  });
});
