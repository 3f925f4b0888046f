// Recognition over a small catalogue built from real templates (their ids say where each is from).
import { describe, expect, it } from '@jest/globals';
import { buildCatalogue } from '../../scripts/messages/catalogue-build.js';
import { inputEntry } from './helpers.js';
import { fixture } from '../helpers.js';
import { builtinCatalogue, indexCatalogue } from '../../src/messages/catalogue.js';
import { PATTERN_FLAGS } from '../../src/messages/pattern.js';
import { MAX_CANDIDATES, MAX_REGEX_RUNS, recognizeMessages } from '../../src/messages/recognize.js';

const entry = inputEntry;

const INPUTS = [
  entry('mds:Snix_Connect', 'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections.'),
  entry('mds:SNI_ERROR_40', 'Could not open a connection to SQL Server', { layer: 'sni' }),
  entry('mds:SNI_ERROR_40', '无法打开与 SQL Server 的连接', { layer: 'sni', locale: 'zh-Hans' }),
  entry('sds:SNI_ERROR_40', 'Could not open a connection to SQL Server', { layer: 'sni' }),
  entry('mds:TdsParser.ProcessSNIError', '{0} (provider: {1}, error: {2} - {3})', { syntax: 'dotnet', layer: 'wrapper' }),
  entry('sqlserver:18456', "Login failed for user '%.*ls'.%.*ls%.*ls", { syntax: 'printf', layer: 'server' }),
  entry('sqlserver:18470', "Login failed for user '%.*ls'. Reason: The account is disabled.%.*ls", { syntax: 'printf', layer: 'server' }),
  entry('sqlserver:4060', 'Cannot open database "%.*ls" requested by the login. The login failed.', { syntax: 'printf', layer: 'server' }),
  entry('tedious:login.failed', 'Login failed.'),
  // Two keys sharing a long opening (jdbc:R_sslFailed and jdbc:R_sslRequiredNoServerSupport, shortened).
  entry('jdbc:R_sslFailed', 'The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. Error: "{0}".', { syntax: 'java' }),
  entry('jdbc:R_sslRequiredNoServerSupport', 'The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. The application requested encryption but the server is not configured to support SSL.', { syntax: 'java' }),
];
// The two SSL messages that open alike mean different things: a failed handshake, and a server that cannot encrypt.
const MEANINGS = {
  'jdbc:R_sslFailed': { facts: { 'error.family': 'tls' } },
  'jdbc:R_sslRequiredNoServerSupport': { facts: { 'error.family': 'tls', 'error.tlsReason': 'encryption-unsupported' } },
};
const catalogue = indexCatalogue(buildCatalogue(INPUTS, MEANINGS, {}).file);
const ids = (text: string) => recognizeMessages(text, { catalogue }).map((m) => `${m.id}${m.complete ? '' : '~'}`);

describe('recognizeMessages', () => {
  it('finds each layer of a SqlClient message, whatever the case', () => {
    expect(ids('a network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: Named Pipes Provider, error: 40 - Could not open a connection to SQL Server)')).toEqual([
      'mds:Snix_Connect',
      'mds:TdsParser.ProcessSNIError',
      'mds:SNI_ERROR_40',
      'sds:SNI_ERROR_40',
    ]);
  });

  it('finds a message body alone, without the layout around it', () => {
    expect(ids('错误: 无法打开与 SQL Server 的连接')).toEqual(['mds:SNI_ERROR_40']);
  });

  it('takes a cut message where the text stops, and not where it goes on with other words', () => {
    const cut = 'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was';
    expect(ids(cut)).toEqual(['mds:Snix_Connect~']);
    expect(ids(`${cut} ...`)).toEqual(['mds:Snix_Connect~']);
    expect(ids(`${cut} unreachable, said nobody`)).toEqual([]);
  });

  it('reads a line break after a cut message as where the text stops', () => {
    const cut = 'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was';
    const breakAt = cut.length;
    expect(recognizeMessages(`${cut} next line`, { catalogue, isLineBreak: (i) => i === breakAt }).map((m) => m.id)).toEqual(['mds:Snix_Connect']);
  });

  it('prefers the longer of two server templates that start alike', () => {
    expect(ids("Login failed for user 'sa'. Reason: The account is disabled. [CLIENT: 10.0.0.5]")).toEqual(['sqlserver:18470']);
  });

  it("drops a short message found inside another's wording, not inside its placeholder", () => {
    expect(ids('Cannot open database "Sales" requested by the login. The login failed.')).toEqual(['sqlserver:4060']);
    expect(ids('Login failed.')).toEqual(['tedious:login.failed']);
  });

  it('reads nothing from a cut opening two keys of different meanings share', () => {
    expect(ids('The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption.')).toEqual([]);
    expect(ids('The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. Error: "PKIX path building failed".')).toEqual([
      'jdbc:R_sslFailed',
    ]);
  });

  it('gives the placeholder values from the text as written, not case-folded', () => {
    const [match] = recognizeMessages("Login failed for user 'CORP\\Web01$'.", { catalogue });
    expect(match?.values[0]).toBe('CORP\\Web01$');
  });

  it(`tries at most ${MAX_CANDIDATES} candidate entries, so a paste of every message stays bounded`, () => {
    const many = Array.from({ length: MAX_CANDIDATES + 50 }, (_, i) => entry(`x:${i}`, `Distinctive${i}word message text number ${i}`));
    const big = indexCatalogue(buildCatalogue(many, {}, {}).file);
    const text = many.map((e) => e.template).join('\n');
    expect(recognizeMessages(text, { catalogue: big })).toHaveLength(MAX_CANDIDATES);
  });

  // With the built-in catalogue: the real anchors and the real number of entries common words raise.
  it('tries an entry where its least frequent anchor occurs, not only at the first places of a common one', () => {
    const refused = 'No connection could be made because the target machine actively refused it.';
    const text = `${'It could not. '.repeat(12)}${refused}`;
    expect(recognizeMessages(text).map((m) => m.id)).toContain('windows:WSAECONNREFUSED');
  });

  it("reaches the messages after a long one whose common words anchor hundreds of entries (the seed's socket text)", () => {
    const text = fixture('seed/sqlclient.txt').replace(/\s+/g, ' ');
    const found = recognizeMessages(text).map((m) => m.id);
    expect(found).toEqual(expect.arrayContaining(['mds:Snix_Connect', 'mds:TdsParser.ProcessSNIError', 'windows:WSAECONNREFUSED']));
  });

  it(`runs at most ${MAX_REGEX_RUNS} patterns however many entries a paste raises (every anchor of the catalogue)`, () => {
    const everyAnchor = builtinCatalogue().file.entries.map((e) => e.anchors.join(' ')).join(' . ');
    const exec = RegExp.prototype.exec;
    let runs = 0;
    // The catalogue's patterns are the only ones compiled with the 'd' flag (src/messages/pattern.ts PATTERN_FLAGS).
    RegExp.prototype.exec = function (this: RegExp, s: string) {
      if (this.flags.includes(PATTERN_FLAGS)) runs++;
      return exec.call(this, s);
    };
    try {
      recognizeMessages(everyAnchor);
    } finally {
      RegExp.prototype.exec = exec;
    }
    expect(runs).toBeGreaterThan(MAX_REGEX_RUNS / 2);
    expect(runs).toBeLessThanOrEqual(MAX_REGEX_RUNS);
  });
});
