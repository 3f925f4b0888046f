// tedious harvester: the literal extractor reads real excerpts of tedious (test/fixtures/messages/tedious/SOURCES.md)
// in TypeScript and CoffeeScript, and the allow-list gives each connection message its key.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { pickFor, readFiles } from '../../../scripts/messages/harvest/literal-sites.js';
import { concatenationParts, placeholderName, scanString } from '../../../scripts/messages/harvest/literal-lexer.js';
import { PICKS, TEDIOUS, findErrorSites } from '../../../scripts/messages/harvest/tedious.js';

const fixture = (file: string) => readFileSync(new URL(`../../fixtures/messages/tedious/${file}`, import.meta.url), 'utf8');

describe('scanString', () => {
  it('decodes escapes and splits template interpolations', () => {
    expect(scanString("'Server requires encryption, set \\'encrypt\\' config option to true.'", 0, 'js').parts).toEqual([
      { literal: "Server requires encryption, set 'encrypt' config option to true." },
    ]);
    expect(scanString('`\\\\${this.config.options.instanceName}`', 0, 'js').parts).toEqual([
      { literal: '\\' },
      { expr: 'this.config.options.instanceName' },
    ]);
  });

  it('interpolates #{…} only in CoffeeScript double quotes', () => {
    expect(scanString('"in #{@config.options.connectTimeout}ms"', 0, 'coffee').parts).toEqual([
      { literal: 'in ' },
      { expr: '@config.options.connectTimeout' },
      { literal: 'ms' },
    ]);
    expect(scanString('"in #{x}"', 0, 'js').parts).toEqual([{ literal: 'in #{x}' }]);
  });
});

describe('concatenationParts and placeholderName', () => {
  it('splits a concatenation and names values after their last identifier', () => {
    expect(concatenationParts("'Port for ' + instanceName + ' not found in ' + options.server", 'js')).toEqual([
      { literal: 'Port for ' },
      { expr: 'instanceName' },
      { literal: ' not found in ' },
      { expr: 'options.server' },
    ]);
    expect(placeholderName('this.config.options.connectTimeout')).toBe('connectTimeout');
    expect(placeholderName('@config.server')).toBe('server');
    expect(placeholderName('response!.port')).toBe('port');
    expect(placeholderName("a ? ':' + b : c")).toBe('expr');
  });

  it('keeps a ternary whole', () => {
    expect(concatenationParts("this.routingData ? ' (x)' : ''", 'js')).toEqual([{ expr: "this.routingData ? ' (x)' : ''" }]);
  });
});

describe('findErrorSites', () => {
  it('resolves a message variable and reads the code beside it (TypeScript, HEAD)', () => {
    const sites = findErrorSites(fixture('connection-head-initialise.ts.txt'), 'js', ['routingMessage']);
    expect(sites).toContainEqual(
      expect.objectContaining({
        kind: 'ConnectionError',
        template: 'Failed to connect to ${server}${port}${routingMessage} in ${connectTimeout}ms',
        code: 'ETIMEOUT',
      }),
    );
    expect(sites).toContainEqual(expect.objectContaining({ kind: 'fragment', template: ' (redirected from ${server}${hostPostfix})' }));
    // `new ConnectionError(err.message, 'EINSTLOOKUP')` holds no literal: the text is instance-lookup's.
    expect(sites.filter((site) => site.code === 'EINSTLOOKUP')).toEqual([]);
  });

  it('reads both arms of wrapSocketError', () => {
    const templates = findErrorSites(fixture('connection-head-wrap-socket-error.ts.txt'), 'js').map((site) => site.template);
    expect(templates).toEqual([
      'Failed to connect to ${server}${port}${routingMessage} - ${message}',
      'Connection lost - ${message}',
    ]);
  });

  it('reads CoffeeScript interpolation and calls without new', () => {
    const sites = findErrorSites(fixture('connection-v1.0.0.coffee.txt'), 'coffee');
    expect(sites).toEqual([
      expect.objectContaining({ kind: 'ConnectionError', template: 'Failed to connect to ${server}:${port} in ${connectTimeout}ms', code: 'ETIMEOUT' }),
    ]);
  });

  it('does not take an earlier assignment for a parameter of the same name', () => {
    const sites = findErrorSites(fixture('connection-v8.3.0-instance-lookup.ts.txt'), 'js');
    expect(sites.map((site) => site.template)).toEqual(['`.connect` can not be called on a Connection in `${name}` state.']);
  });

  it('reads message strings handed to callbacks (instance lookup ≤ 11)', () => {
    const templates = findErrorSites(fixture('instance-lookup-v11.0.1.ts.txt'), 'js').map((site) => site.template);
    expect(templates).toEqual([
      'Failed to lookup instance on ${server} - ${message}',
      'Port for ${instanceName} not found in ${server}',
      'Failed to get response from SQL Server Browser on ${server}',
    ]);
  });

  it('takes the message of an AggregateError from its second argument', () => {
    expect(findErrorSites(fixture('connector-head.ts.txt'), 'js')).toEqual([
      expect.objectContaining({ kind: 'AggregateError', template: 'Could not connect (sequence)' }),
    ]);
  });
});

describe('PICKS', () => {
  it('gives the connect timeout of every version one key', () => {
    for (const template of [
      'Failed to connect to ${server}:${port} in ${connectTimeout}ms',
      'Failed to connect to ${server}${expr} in ${connectTimeout}ms',
      'Failed to connect to ${server}${port}${routingMessage} in ${connectTimeout}ms',
    ]) {
      expect(pickFor({ kind: 'ConnectionError', template, line: 1 }, 'src/connection.ts', PICKS)?.key).toBe('connection.connect-timeout');
    }
  });

  it('leaves out request messages', () => {
    expect(pickFor({ kind: 'RequestError', template: 'Timeout: Request failed to complete in ${timeout}ms', line: 1 }, 'src/connection.ts', PICKS)).toBeUndefined();
  });

  it('builds entries with the code in the note', () => {
    const entries = readFiles(new Map([['src/instance-lookup.ts', fixture('instance-lookup-v11.0.1.ts.txt')]]), TEDIOUS);
    expect(entries.map((entry) => [entry.id, entry.note?.split(';')[0]])).toEqual([
      ['tedious:instance-lookup.failed', 'code EINSTLOOKUP'],
      ['tedious:instance-lookup.port-not-found', 'code EINSTLOOKUP'],
      ['tedious:instance-lookup.no-response', 'code EINSTLOOKUP'],
    ]);
  });
});
