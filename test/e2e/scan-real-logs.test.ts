// scan over a log that real clients' failures were written into: tedious three times and FreeTDS tsql twice
// against a closed loopback port, between an application's own lines, each attempt stamped as a log would be.
import { afterAll, describe, expect, it } from '@jest/globals';
import { createDoctor } from '../../src/doctor.js';
import { scanLogs } from '../../src/scan/scan.js';
import { closedTcpPort } from '../probes/loopback-targets.js';
import { removeClientConfig, tedious, tsql, type RealClient } from './real-clients.js';

const IN_CI = Boolean(process.env.CI);
const CLIENTS: readonly RealClient[] = [tedious, tsql];
const problems = (await Promise.all(CLIENTS.map((client) => client.problem()))).filter((p): p is string => p !== undefined);
if (problems.length > 0 && !IN_CI) console.warn(`skipping the scan of real clients' failures: ${problems.join('; ')}`);
const describeWithClients = problems.length > 0 && !IN_CI ? describe.skip : describe;

afterAll(removeClientConfig);

/** How each client's error begins (tedious's message, FreeTDS's message 20009). */
const ERROR_TEXT = /Failed to connect to|Error 20009/;

/** Attempt i of the log: an INFO line, then the client's output on an ERROR line (1 s apart, so every attempt has its own stamp). */
const stamp = (i: number) => new Date(Date.UTC(2026, 10, 24, 10, 0, i)).toISOString();

describeWithClients("scan over real clients' failures", () => {
  it('finds every attempt, groups them by client, and counts them', async () => {
    expect(problems).toEqual([]);
    const port = await closedTcpPort();
    const attempts = [tedious, tsql, tedious, tsql, tedious];
    const lines: string[] = [];
    const errorLines = new Map<string, number[]>();
    for (const [i, client] of attempts.entries()) {
      const output = (await client.run({ host: '127.0.0.1', port })).trim();
      lines.push(`${stamp(2 * i)} INFO  worker: connecting to 127.0.0.1,${port} (${client.id})`);
      // The output's own lines follow its first, unstamped: the continuation lines of the ERROR entry.
      const entry = `${stamp(2 * i + 1)} ERROR worker: ${output}`.split('\n');
      // A group points at the error text, not at the entry's first line: tsql's stdout ("locale is …") and
      // stderr (its error) interleave in either order.
      const errorAt = entry.findIndex((line) => ERROR_TEXT.test(line));
      errorLines.set(client.id, [...(errorLines.get(client.id) ?? []), lines.length + 1 + errorAt]);
      lines.push(...entry);
    }

    const report = await scanLogs([{ name: 'worker.log', text: lines.join('\n') }], { doctor: createDoctor() });
    expect(report.errorEntries).toBe(5);
    const byProvider = Object.fromEntries(report.signatures.map((s) => [s.diagnosis?.providers.join(','), s]));
    expect(Object.keys(byProvider).sort()).toEqual(['dblib', 'tedious']);
    expect(byProvider.tedious).toMatchObject({ count: 3, occurrences: (errorLines.get('tedious') ?? []).map((line) => ({ file: 'worker.log', line })) });
    expect(byProvider.dblib).toMatchObject({ count: 2, occurrences: (errorLines.get('tsql') ?? []).map((line) => ({ file: 'worker.log', line })) });
    // FreeTDS states the OS error ("Connection refused"); tedious hides it (see real-clients.test.ts).
    expect(byProvider.dblib?.diagnosis?.family).toBe('refused');
  });
});
