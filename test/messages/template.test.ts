// Reading templates per placeholder syntax. Templates are real upstream texts (source id and locale beside each).
import { describe, expect, it } from '@jest/globals';
import { instantiate, parseTemplate, type TemplatePart } from '../../src/messages/template.js';

const literal = (text: string): TemplatePart => ({ literal: text });
const text: TemplatePart = { hole: 'text' };
const number: TemplatePart = { hole: 'number' };

describe('parseTemplate', () => {
  it('reads .NET composite format, {{ }} as braces', () => {
    // mds:TdsParser.ProcessSNIError (en)
    expect(parseTemplate('{0} (provider: {1}, error: {2} - {3})', 'dotnet')).toEqual([
      text, literal(' (provider: '), text, literal(', error: '), text, literal(' - '), text, literal(')'),
    ]);
    expect(parseTemplate('{{x}} {0:X} {1,-10}', 'dotnet')).toEqual([literal('{x} '), text, literal(' '), text]);
  });

  it("reads Java MessageFormat: '' is a quote, a lone quote starts literal text, {n,number} is a number", () => {
    // jdbc:R_tcpipConnectionFailed (de)
    expect(parseTemplate("Fehler beim Herstellen der TCP/IP-Verbindung mit dem Host ''{0}'', Port {1}.", 'java')).toEqual([
      literal("Fehler beim Herstellen der TCP/IP-Verbindung mit dem Host '"), text, literal("', Port "), text, literal('.'),
    ]);
    expect(parseTemplate("Use '{0}' here, {1,number,#} times", 'java')).toEqual([literal('Use {0} here, '), number, literal(' times')]);
  });

  it('reads printf with sys.messages and sqlcmd forms, %% as a percent sign', () => {
    // SQL Server 18456
    expect(parseTemplate("Login failed for user '%.*ls'.%.*ls", 'printf')).toEqual([literal("Login failed for user '"), text, literal("'."), text]);
    expect(parseTemplate('Msg %d, Level %d, %I64d%% %1!s!', 'printf')).toEqual([
      literal('Msg '), number, literal(', Level '), number, literal(', '), number, literal('% '), text,
    ]);
    // sqlserver:17182, whose %S_MSG SQL Server fills with another message's text
    expect(parseTemplate('TDSSNIClient initialization failed with error 0x%lx, status code 0x%lx. Reason: %S_MSG %.*ls', 'printf')).toEqual([
      literal('TDSSNIClient initialization failed with error 0x'), number, literal(', status code 0x'), number, literal('. Reason: '), text, literal(' '), text,
    ]);
  });

  it('reads gotext, Rust, JS template literals and Python forms', () => {
    expect(parseTemplate('Msg {Number}, Level {Class}', 'gotext')).toEqual([literal('Msg '), text, literal(', Level '), text]);
    expect(parseTemplate('Error forming TLS connection: {} {{x}} {name:?}', 'rust')).toEqual([
      literal('Error forming TLS connection: '), text, literal(' {x} '), text,
    ]);
    expect(parseTemplate('Failed to connect to ${server}${port} in ${timeout}ms', 'js')).toEqual([
      literal('Failed to connect to '), text, text, literal(' in '), text, literal('ms'),
    ]);
    expect(parseTemplate('error %d: %(name)s {x}', 'python')).toEqual([literal('error '), number, literal(': '), text, literal(' '), text]);
  });

  it('takes a fixed text as it is', () => {
    expect(parseTemplate('Login timeout expired', 'none')).toEqual([literal('Login timeout expired')]);
    expect(parseTemplate('', 'none')).toEqual([]);
  });
});

describe('instantiate', () => {
  it('fills text placeholders with a name and numeric ones with a number', () => {
    expect(instantiate(parseTemplate('Msg %d, Server %s', 'printf'))).toBe('Msg 10061, Server db01');
  });
});
