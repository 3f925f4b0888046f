// node-mssql harvester: its allow-list keeps the pool and connection-state messages of real excerpts
// (test/fixtures/messages/node-mssql/SOURCES.md) and leaves the wrapped driver errors to the driver's source.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { readFiles } from '../../../scripts/messages/harvest/literal-sites.js';
import { NODE_MSSQL } from '../../../scripts/messages/harvest/node-mssql.js';

const fixture = (file: string) => readFileSync(new URL(`../../fixtures/messages/node-mssql/${file}`, import.meta.url), 'utf8');

describe('node-mssql picks', () => {
  it('keeps the pool states with their codes', () => {
    const entries = readFiles(new Map([['lib/base/connection-pool.js', fixture('base-connection-pool-head.js.txt')]]), NODE_MSSQL);
    expect(entries.map((entry) => [entry.id, entry.template, entry.note?.split(';')[0]])).toEqual([
      ['node-mssql:pool.not-yet-open', 'Connection not yet open.', 'code ENOTOPEN'],
      ['node-mssql:pool.closing', 'Connection is closing', 'code ENOTOPEN'],
    ]);
  });

  it('keeps the ended-before-connected error and not the wrapped tedious error', () => {
    const entries = readFiles(new Map([['lib/tedious/connection-pool.js', fixture('tedious-connection-pool-head.js.txt')]]), NODE_MSSQL);
    expect(entries.map((entry) => entry.template)).toEqual(['The connection ended without ever completing the connection']);
    expect(entries[0]).toMatchObject({ provider: 'tedious', syntax: 'none', layer: 'driver' });
  });

  it('reads the CoffeeScript tds driver of 3.x', () => {
    const entries = readFiles(new Map([['src/tds.coffee', fixture('tds-v3.2.0.coffee.txt')]]), NODE_MSSQL);
    expect(entries.map((entry) => [entry.id, entry.note?.split(';')[0]])).toEqual([['node-mssql:tds.connection-timeout', 'code ETIMEOUT']]);
  });
});
