// scan's samples are whole log entries: every secret in them is masked, and a secret found in one entry is swept
// from every other part of the report, the diagnoses included.
import { describe, expect, it } from '@jest/globals';
import { scanLogs } from '../../src/scan/scan.js';
import { scanReportSchemaErrors } from '../helpers.js';

const REFUSED = 'Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';

describe('scan', () => {
  it('masks the .env lines, Kubernetes secret and compose environment logged below an error', async () => {
    const log = [
      `2024-05-01 10:00:00 fail: ${REFUSED}`,
      '  DB_PASSWORD=Zq7-env-secret',
      '  MSSQL_SA_PASSWORD: "Zq7-compose-secret"',
      '  data:',
      '    SA_PASSWORD: WnE3LWs4cy1zZWNyZXQ=',
      '  environment:',
      '    - SA_PASSWORD=Zq7-list-secret',
      '',
    ].join('\n');
    const report = await scanLogs([{ name: 'app.log', text: log }]);
    expect(scanReportSchemaErrors(report)).toBe('');
    expect(report.signatures[0]?.sample).toContain('DB_PASSWORD=***');
    expect(JSON.stringify(report)).not.toMatch(/Zq7-|WnE3/);
  });

  it('sweeps a secret found in one entry from the samples and diagnoses of the others', async () => {
    const log = [
      '2024-05-01 10:00:00 info: config Password=Zq7-shared-secret;',
      `2024-05-01 10:00:01 fail: retrying as Zq7-shared-secret ${REFUSED}`,
      "2024-05-01 10:00:02 fail: Login failed for user 'Zq7-shared-secret'.",
      '',
    ].join('\n');
    const report = await scanLogs([{ name: 'app.log', text: log }]);
    expect(report.signatures.length).toBe(2);
    expect(report.signatures.every((s) => s.diagnosis !== undefined)).toBe(true);
    expect(JSON.stringify(report)).not.toContain('Zq7-shared-secret');
    expect(report.signatures.map((s) => s.diagnosis?.family).sort()).toEqual(['login_failed', 'refused']);
  });
});
