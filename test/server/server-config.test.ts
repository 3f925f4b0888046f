// The config file's server section as createServer() options, and the one-line messages for what it gets wrong.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config.js';
import { serverOptionsFrom } from '../../src/server/options.js';

const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-config-'));
let count = 0;
function configFile(text: string): string {
  const file = join(dir, `config-${count++}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('server.probes.allow', () => {
  it('takes plain entries and entries with their own ports', () => {
    const file = configFile(['server:', '  probes:', '    allow:', '      - 10.20.0.0/16', '      - host: db01.corp.example', '        ports: [14330, "50000-50010", 1435/udp]', ''].join('\n'));
    expect(serverOptionsFrom(readConfig(file).server ?? {})).toEqual({
      probeAllow: ['10.20.0.0/16', { host: 'db01.corp.example', ports: [14330, '50000-50010', '1435/udp'] }],
    });
  });

  it.each([
    ['a port out of range', [{ host: '10.0.0.0/8', ports: [70000] }], '/server/probes/allow/0/ports/0 must be <= 65535'],
    ['a misspelt key', [{ host: '10.0.0.0/8', prots: [14330] }], '/server/probes/allow/0 must NOT have additional properties "prots"'],
    ['an entry without its host', [{ ports: [14330] }], "/server/probes/allow/0 must have required property 'host'"],
    ['an entry that is neither shape', [5], '/server/probes/allow/0 must be string or object'],
  ])('names the most specific problem: %s', (_what, allow, message) => {
    const file = configFile(JSON.stringify({ server: { probes: { allow } } }));
    expect(() => readConfig(file)).toThrow(`config file ${file}: ${message}`);
  });
});

describe('server.overload', () => {
  it('passes its thresholds to createServer()', () => {
    const file = configFile('server:\n  overload: { maxEventLoopDelayMs: 150, maxHeapUsedBytes: 1000000000, retryAfterSeconds: 5, sampleIntervalMs: 250 }\n');
    expect(serverOptionsFrom(readConfig(file).server ?? {})).toEqual({
      overload: { maxEventLoopDelayMs: 150, maxHeapUsedBytes: 1_000_000_000, retryAfterSeconds: 5, sampleIntervalMs: 250 },
    });
  });

  it.each([
    [{ sampleIntervalMs: 10 }, '/server/overload/sampleIntervalMs must be >= 50'],
    [{ retryAfterSeconds: 0 }, '/server/overload/retryAfterSeconds must be >= 1'],
    [{ maxEventLoopDelay: 100 }, '/server/overload must NOT have additional properties "maxEventLoopDelay"'],
  ])('refuses %j', (overload, message) => {
    const file = configFile(JSON.stringify({ server: { overload } }));
    expect(() => readConfig(file)).toThrow(`config file ${file}: ${message}`);
  });
});
