// The seed's scenario with its own artefacts — capture rows, netstat listing, ERRORLOG line and a client
// alias for the server with port 1234 — through `mssql-doctor diagnose --evidence …` as a process.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { diagnosisSchemaErrors, fixture } from '../helpers.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEED = 'test/fixtures/seed/artefacts';

function diagnose(args: string[]): Diagnosis {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'diagnose', '--json', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Diagnosis;
}

const SCENARIO = [fixture('seed/sqlclient.txt'), '--connection-string', 'Data Source=server\\instance;Integrated Security=SSPI'];

describe('the seed scenario with its artefacts', () => {
  it.each([
    ['labelled', [`capture=${SEED}/capture.txt`, `netstat=${SEED}/netstat.txt`, `errorlog=${SEED}/errorlog.txt`, `alias=${SEED}/alias.txt`]],
    ['detected', [`${SEED}/capture.txt`, `${SEED}/netstat.txt`, `${SEED}/errorlog.txt`, `${SEED}/alias.txt`]],
  ])('%s evidence puts the alias first, above every other cause', (_, files) => {
    const d = diagnose([...SCENARIO, ...files.flatMap((f) => ['--evidence', f])]);
    expect(diagnosisSchemaErrors(d)).toBe('');
    expect(d.warnings).toEqual([]);
    expect(d.facts).toMatchObject({
      'alias.matchesServer': true,
      'alias.port': 1234,
      'target.portTried': 1234,
      'errorlog.listeningPorts': [1866],
      'netstat.portListening': false,
      'capture.synAnsweredByRst': true,
    });
    const [first, second] = d.causes;
    expect(first?.id).toBe('client_alias_override');
    expect(first!.confidence).toBeGreaterThan(second!.confidence);
    expect(first?.evidence.join('\n')).toMatch(/forces port 1234: "server\\instance +REG_SZ +DBMSSOCN,server,1234"/);
    // The evidence answered the seed's three checks: none of them is asked for again.
    expect(d.nextChecks.map((c) => c.kind)).not.toEqual(expect.arrayContaining(['netstat']));
    expect(d.nextChecks.map((c) => c.kind)).not.toContain('errorlog');
    expect(d.nextChecks.map((c) => c.kind)).not.toContain('alias');
  });

  it('reads an error and a netstat listing pasted together', () => {
    const d = diagnose([`${fixture('seed/sqlclient.txt')}\n\n${fixture('seed/artefacts/netstat.txt')}`, '--connection-string', 'Data Source=tcp:server,1234']);
    expect(d.family).toBe('refused');
    expect(d.facts['netstat.portListening']).toBe(false);
    expect(d.causes.slice(0, 2).map((c) => c.id).sort()).toEqual(['service_not_running', 'tcp_protocol_disabled']);
  });
});

describe('a binary capture as evidence', () => {
  it.each([
    ['1234', { 'capture.synAnsweredByRst': true, 'capture.synAnsweredBySynAck': false }],
    ['1433', { 'capture.synAnsweredBySynAck': true, 'capture.synAnsweredByRst': false }],
  ])('reads loopback.pcap (checked by hand in SOURCES.yaml) for a client dialling port %s', (port, expected) => {
    const d = diagnose([fixture('seed/sqlclient.txt'), '--connection-string', `Server=tcp:127.0.0.1,${port}`, '--evidence', 'test/fixtures/evidence/capture/loopback.pcap']);
    expect(d.facts).toMatchObject({ 'capture.portTriedSeen': true, ...expected });
    expect(d.facts['capture.ssrp']).toBe('answered');
  });
});
