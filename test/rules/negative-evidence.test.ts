// What the built-in rules' negative certainties must do to a ranking: evidence that rules a cause out pushes it out
// of the leading causes. Each case pairs a real pasted error with real evidence (sources in the fixtures' SOURCES.yaml).
import { describe, expect, it } from '@jest/globals';
import { createDoctor } from '../../src/doctor.js';
import { causeIds, fixture } from '../helpers.js';

const doctor = createDoctor();

describe('negative evidence', () => {
  it('takes port_mismatch out of the leading causes when the ERRORLOG shows the instance listening on the port dialled', async () => {
    // The seed's refused SqlClient error, dialled on 1433; a Kubernetes SQL Server 2019 ERRORLOG listening on 1433.
    const text = fixture('seed/sqlclient.txt');
    const errorlog = fixture('evidence/errorlog/linux-2019-k8s-startup.txt');
    const without = await doctor.diagnose({ text, connectionString: 'Server=tcp:db01,1433' });
    const withLog = await doctor.diagnose({ text, connectionString: 'Server=tcp:db01,1433', evidence: [{ kind: 'errorlog', text: errorlog }] });
    // Without the ERRORLOG the port is an open question; with it, the port is not the problem.
    expect(causeIds(without)).toContain('port_mismatch');
    expect(causeIds(withLog).slice(0, 2)).not.toContain('port_mismatch');
  });
});
