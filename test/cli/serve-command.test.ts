// `mssql-doctor serve` as a process: listens where told, takes its limits and allowlist from the config file,
// logs JSON lines, and stops cleanly on SIGTERM.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runCli, runCliAsync, startServeProcess } from '../helpers.js';

const serve = (args: string[]) => startServeProcess(['--import', 'tsx', `${REPO_ROOT}src/cli/main.ts`, 'serve', ...args]);

describe('mssql-doctor serve', () => {
  // A process started through tsx: on a loaded 2-core machine its start-up alone can pass jest's default 5 s.
  it('serves the API with the config file\'s limits and allowlist, logs JSON lines, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-serve-'));
    const config = join(dir, 'mssql-doctor.yaml');
    writeFileSync(config, 'server:\n  bodyLimit: 4096\n  rateLimit: { max: 1000, windowMs: 60000 }\n  probes:\n    allow: ["192.0.2.0/24"]\n');
    const served = await serve(['--port', '0', '--config', config]);
    const post = (body: unknown) => fetch(`${served.url}/v1/diagnose`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    try {
      expect(await (await fetch(`${served.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
      expect((await post({ text: 'x'.repeat(5000) })).status).toBe(413);
      const outside = await post({ connectionString: 'Server=127.0.0.1,1433', probe: true });
      expect(outside.status).toBe(403);
      expect(((await outside.json()) as { message: string }).message).toMatch(/127\.0\.0\.1 is a loopback address/);
    } finally {
      const { code, stdout } = await served.stop();
      expect(code).toBe(0);
      const lines = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { msg?: string; reqId?: string });
      expect(lines.filter((l) => l.msg === 'request completed').length).toBeGreaterThanOrEqual(3);
    }
  }, 60_000);

  it('says a port in use is in use, and which option to change, with exit code 2 (not an internal error)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      const { code, stderr } = await runCliAsync(['serve', '--host', '127.0.0.1', '--port', String(port)]);
      expect(stderr.trim()).toBe(`mssql-doctor: port ${port} on 127.0.0.1 is in use: choose another with --port (0 picks a free one)`);
      expect(code).toBe(2);
    } finally {
      taken.close();
    }
  }, 30_000);

  it('refuses a bad port and a bad allowlist with one line and exit code 2', () => {
    const badPort = runCli(['serve', '--port', '70000']);
    expect(badPort).toMatchObject({ code: 2, stderr: 'mssql-doctor: --port must be 0 to 65535 (0: any free port), not "70000"\n' });
    const dir = mkdtempSync(join(tmpdir(), 'mssql-doctor-serve-'));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ server: { probes: { allow: ['db01 corp'] } } }));
    const badList = runCli(['serve', '--port', '0', '--config', join(dir, 'c.json')]);
    expect(badList).toMatchObject({ code: 2, stderr: 'mssql-doctor: server.probes.allow: "db01 corp" is neither a host name, an IP address nor a CIDR network\n' });
    writeFileSync(join(dir, 'd.json'), JSON.stringify({ server: { bodyLimt: 1 } }));
    expect(runCli(['serve', '--config', join(dir, 'd.json')])).toMatchObject({ code: 2, stderr: expect.stringContaining('/server must NOT have additional properties "bodyLimt"') });
  });
});
