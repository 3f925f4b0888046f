// The seed write-up, end to end: four providers' "actively refused" texts, the not-found counter-example,
// and evidence (as facts) re-ranking the causes the way the write-up reasons.
import { describe, expect, it } from '@jest/globals';
import { createDoctor } from '../../src/doctor.js';
import { causeIds, diagnosisSchemaErrors, fixture } from '../helpers.js';

const doctor = createDoctor();
const REFUSED_CAUSES = ['port_mismatch', 'client_alias_override', 'service_not_running', 'tcp_protocol_disabled', 'other_process_on_port'];
const SQLCLIENT = fixture('seed/sqlclient.txt');

describe.each([
  ['sqlclient', 'seed/sqlclient.txt'],
  ['sqlcmd', 'seed/sqlcmd.txt'],
  ['odbc', 'seed/odbc.txt'],
  ['dblib', 'seed/dblib.txt'],
])('seed %s text', (provider, file) => {
  it('is recognised as its provider, family refused, with the refused causes and the three checks', async () => {
    const d = await doctor.diagnose({ text: fixture(file) });
    expect(diagnosisSchemaErrors(d)).toBe('');
    expect(d.providers).toEqual([provider]);
    expect(d.family).toBe('refused');
    expect(causeIds(d)).toEqual(expect.arrayContaining(REFUSED_CAUSES));
    expect(REFUSED_CAUSES).toContain(d.causes[0]?.id);
    expect(d.nextChecks.map((c) => c.kind)).toEqual(expect.arrayContaining(['netstat', 'errorlog', 'alias']));
  });
});

describe('seed not-found text ([xFFFFFFFF])', () => {
  it('is family not_found, not refused', async () => {
    const d = await doctor.diagnose({ text: fixture('seed/sqlcmd-not-found.txt') });
    expect(d.providers).toEqual(['sqlcmd']);
    expect(d.family).toBe('not_found');
    expect(d.facts['error.sniError']).toBe(-1);
    expect(causeIds(d)).not.toContain('port_mismatch');
    // "If we would try to connect to a non existing machine…": the machine or the instance was not located.
    const locating = ['browser_unreachable', 'wrong_host', 'host_unreachable', 'wrong_instance_name', 'dns_resolution_failure'];
    expect(causeIds(d).slice(0, 4).every((id) => locating.includes(id))).toBe(true);
    expect(causeIds(d).slice(0, 3)).toEqual(expect.arrayContaining(['wrong_host', 'host_unreachable']));
  });
});

describe('evidence given as facts re-ranks the refused causes as the seed reasons', () => {
  const withFacts = (facts: Record<string, unknown>, connectionString = 'Data Source=tcp:server\\instance,1234;Integrated Security=SSPI') =>
    doctor.diagnose({ text: SQLCLIENT, connectionString, facts });

  it('an ERRORLOG port other than the one tried puts port_mismatch first', async () => {
    const d = await withFacts({ 'errorlog.listeningPorts': [1866], 'errorlog.listeningAddresses': ['any'] });
    expect(d.causes[0]?.id).toBe('port_mismatch');
    expect(d.causes[0]?.evidence.join('\n')).toContain('listening on port 1866, but the client dials 1234');
    expect(d.nextChecks.map((c) => c.kind)).not.toContain('errorlog');
  });

  it('an alias named like the server with another port puts client_alias_override first', async () => {
    const d = await withFacts({ 'alias.matchesServer': true, 'alias.port': 1234 }, 'Data Source=server\\instance');
    expect(d.causes[0]?.id).toBe('client_alias_override');
    expect(d.facts['target.portTried']).toBe(1234);
  });

  it('the alias still wins when the ERRORLOG also shows another port', async () => {
    const d = await withFacts({ 'alias.matchesServer': true, 'alias.port': 1234, 'errorlog.listeningPorts': [1866] }, 'Data Source=server\\instance');
    expect(causeIds(d).slice(0, 2)).toEqual(['client_alias_override', 'port_mismatch']);
  });

  it('a netstat owner of the port that is not sqlservr puts other_process_on_port first', async () => {
    const d = await withFacts({ 'netstat.portOwner': 'httpd.exe' });
    expect(d.causes[0]?.id).toBe('other_process_on_port');
    expect(d.causes[0]?.evidence.join('\n')).toContain('httpd.exe');
  });

  it('no listener on the port puts service_not_running and tcp_protocol_disabled first', async () => {
    const d = await withFacts({ 'netstat.portListening': false });
    expect(causeIds(d).slice(0, 2).sort()).toEqual(['service_not_running', 'tcp_protocol_disabled']);
    expect(causeIds(d)).not.toContain('other_process_on_port');
  });

  it('sqlservr owning the port weakens the closed-port causes', async () => {
    const d = await withFacts({ 'netstat.portOwner': 'sqlservr.exe' });
    expect(causeIds(d)).not.toContain('other_process_on_port');
    expect(causeIds(d)).not.toContain('service_not_running');
    expect(causeIds(d).slice(0, 2)).toContain('listening_on_other_address');
  });
});
