// End to end: real clients fail against loopback targets, and the doctor reads their live output.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createDoctor } from '../../src/doctor.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import type { Family } from '../../src/schemas/vocabulary.js';
import { startLocalTargets, type LocalTargets, type Target } from './local-targets.js';
import { REAL_CLIENTS, removeClientConfig, type RealClient } from './real-clients.js';

const IN_CI = Boolean(process.env.CI);
// RECORD_FIXTURES=1 rewrites test/fixtures/real-clients/ from this run's live output (the tests never read them);
// RECORD_FIXTURES=jtds,go-mssqldb rewrites only those clients' files, keeping the others (which other tests and the
// rules cite) and their SOURCES.yaml entries.
const RECORD = process.env.RECORD_FIXTURES === '1' ? 'all' : new Set((process.env.RECORD_FIXTURES ?? '').split(',').filter(Boolean));
const recording = (clientId: string) => RECORD === 'all' || RECORD.has(clientId);
const FIXTURE_DIR = new URL('../fixtures/real-clients/', import.meta.url);

type CaseId = 'refused' | 'not-sql' | 'dns' | 'silent' | 'no-browser';

interface FailureCase {
  id: CaseId;
  target: (t: LocalTargets) => Target;
  family: Family;
  /** The true cause: one of these must rank in the top 3. */
  causes: readonly string[];
}

const CASES: readonly FailureCase[] = [
  { id: 'refused', target: (t) => ({ host: '127.0.0.1', port: t.refusedPort }), family: 'refused', causes: ['port_mismatch', 'service_not_running', 'tcp_protocol_disabled'] },
  { id: 'not-sql', target: (t) => ({ host: '127.0.0.1', port: t.httpPort }), family: 'prelogin', causes: ['other_process_on_port', 'not_sql_server'] },
  { id: 'dns', target: () => ({ host: 'doesnotexist.invalid', port: 1433 }), family: 'dns', causes: ['dns_resolution_failure'] },
  { id: 'silent', target: (t) => ({ host: '127.0.0.1', port: t.silentPort }), family: 'timeout', causes: ['login_timeout_slow_server', 'firewall_blocking', 'not_sql_server'] },
  { id: 'no-browser', target: () => ({ host: '127.0.0.1', instance: 'SQLEXPRESS' }), family: 'not_found', causes: ['browser_unreachable', 'wrong_instance_name'] },
];

/**
 * Texts a client prints alike for different causes: the doctor must rank every cause the text allows in its top 5
 * and name a next check that tells them apart, instead of one guess.
 */
const AMBIGUOUS: Partial<Record<string, readonly string[]>> = {
  // "Could not connect (sequence)": tedious hides which per-address failure happened behind it.
  'tedious/refused': ['port_mismatch', 'service_not_running', 'firewall_blocking'],
  // tedious times out an unanswered Browser lookup ("host\\INSTANCE in Nms"). It asks for every instance (CLNT_BCAST_EX), so
  // a running Browser would have answered even for a wrong name or a stopped instance: the Browser is stopped or blocked.
  'tedious/no-browser': ['browser_unreachable', 'firewall_blocking'],
  // FreeTDS 20009 with no OS error: the Browser went unanswered, or the instance or its port is wrong.
  'tsql/no-browser': ['browser_unreachable', 'wrong_instance_name', 'service_not_running'],
  'bsqldb/no-browser': ['browser_unreachable', 'wrong_instance_name', 'service_not_running'],
  'pymssql/no-browser': ['browser_unreachable', 'wrong_instance_name', 'service_not_running'],
  'isql/no-browser': ['browser_unreachable', 'wrong_instance_name', 'service_not_running'],
  // The FreeTDS ODBC driver drops the OS error from 20009: refused reads like any other "unavailable". Under pyodbc a
  // named instance whose Browser does not answer prints the very same (see SAME_TEXT): the Browser is one of its causes.
  'isql/refused': ['port_mismatch', 'service_not_running', 'firewall_blocking'],
  'pyodbc/refused': ['port_mismatch', 'service_not_running', 'firewall_blocking', 'browser_unreachable'],
  // pyodbc shows only the FreeTDS driver's headline "Unable to connect to data source (0)", the same for a name that
  // does not resolve and a listener that is not SQL Server.
  'pyodbc/dns': ['dns_resolution_failure', 'not_sql_server', 'service_not_running'],
  'pyodbc/not-sql': ['dns_resolution_failure', 'not_sql_server', 'service_not_running'],
  // PDO_DBLIB's exception holds the last DB-Library message's text alone: no number, no OS error, and of the target only
  // the host ("… does not exist (127.0.0.1)"). A closed port and an unanswered Browser print the same (see SAME_TEXT);
  // with a host name, so may a name that does not resolve (20013 is not the last message).
  'pdo-dblib/refused': ['port_mismatch', 'service_not_running', 'browser_unreachable', 'wrong_instance_name'],
  'pdo-dblib/dns': ['dns_resolution_failure', 'port_mismatch', 'service_not_running', 'browser_unreachable'],
  // DBD::Sybase prints FreeTDS's messages without the OS error, but with the server as given: host:port (no Browser
  // lookup, so the TCP connect failed) or host\INSTANCE (as tsql's 20009 with no OS error).
  'dbd-sybase/refused': ['port_mismatch', 'service_not_running', 'firewall_blocking'],
  'dbd-sybase/no-browser': ['browser_unreachable', 'wrong_instance_name', 'service_not_running'],
};

/**
 * Texts identical for several families: the family they are held to is what the text itself says, or `other` where
 * it says nothing of the step.
 */
const FAMILY_UNREADABLE: Partial<Record<string, Family>> = {
  'pyodbc/dns': 'other',
  'pyodbc/not-sql': 'other',
  // "Unable to connect: Adaptive Server is unavailable or does not exist (HOST)": a server not located, as it says.
  'pdo-dblib/refused': 'not_found',
  'pdo-dblib/dns': 'not_found',
  // database/sql's "driver: bad connection": go-mssqldb (2017) turns any network error or EOF while it reads the
  // pre-login answer into driver.ErrBadConn (buf.go checkBadConn), its own login timeout's i/o timeout included.
  'go-mssqldb/silent': 'other',
};

/**
 * Failures a client prints exactly as it prints another (digits masked; the test checks it): nothing in the text
 * can tell them apart, so both are held to the other's expectations.
 */
const SAME_TEXT: Partial<Record<string, CaseId>> = {
  // jTDS swallows a failed Browser lookup when it has a port, 1433 by default (JtdsConnection: "may already have a
  // valid portNumber but Microsoft SQL Server Browser disabled"), and connects there: a refused connect it is.
  'jtds/no-browser': 'refused',
  'pdo-dblib/no-browser': 'refused',
  'pyodbc/no-browser': 'refused',
};

/**
 * Cases left out: no error text within CLIENT_WAIT_MS, so nothing to diagnose. FreeTDS's tsql prints a seconds
 * counter forever (its timeout handler always continues); bsqldb and pymssql retry the login as TDS 5.0 and then
 * wait with no deadline, ignoring freetds.conf's timeouts and login_timeout; isql has no login-timeout option.
 */
const NO_ERROR_TEXT: ReadonlySet<string> = new Set([
  'tsql/silent',
  'bsqldb/silent',
  'pymssql/silent',
  'isql/silent',
  // FreeTDS underneath as for bsqldb: nothing printed in 150 s, whatever PDO::ATTR_TIMEOUT or loginTimeout says.
  'pdo-dblib/silent',
  'dbd-sybase/silent',
]);

/**
 * Assertions that fail today because recognition or ranking is missing. Each is a test that the assertions still fail
 * on the client's live output: it fails when the gap closes (move the pair out of here) and when no output was
 * captured (a missing client must not pass as a gap).
 */
const GAPS: Partial<Record<string, string>> = {
  // isql prints the same two records for a refused port and a failed Browser lookup, and no target: once its 20009
  // reads as refused (the commoner case), this one stays wrong on the family whatever the rules rank.
  'isql/no-browser': 'isql prints the same text as isql/refused (no target, no OS error): its family cannot be told from it',
  // pymssql drops messages below its min_error_severity (6): 20013 "Unknown host machine name" has severity 2.
  'pymssql/dns': 'pymssql hides 20013 (severity 2): its bare 20009 naming a host reads the same as a failed instance lookup',
  // PDO_DBLIB's 20009 in words alone, with the host alone, reads as a server not located (as it says), and the
  // not_found rules rank the instance-lookup causes above a wrong port, which the text cannot rule out.
  'pdo-dblib/refused': "PDO_DBLIB's words-only 20009 with the host alone: port_mismatch, which the text allows, ranks below the instance-lookup causes",
  'pdo-dblib/no-browser': 'the same text as pdo-dblib/refused: port_mismatch, which the text allows, ranks below the instance-lookup causes',
  'pdo-dblib/dns': "PDO_DBLIB's words-only 20009 naming an unresolvable host: dns_resolution_failure, which the text allows, is not ranked",
  // JtdsConnection turns an SQLException with "socket closed" into "Login timed out" (HYT01) when loginTimeout > 0, but
  // the test is case-sensitive and JDK 13+ says "Socket closed": the login timer's own close escapes as an I/O error.
  'jtds/silent': 'jTDS\'s login timer closes its socket; on JDK 13+ "I/O Error: Socket closed" escapes its HYT01 translation and is not read as a timeout',
  'go-mssqldb/silent': '"driver: bad connection" (database/sql\'s ErrBadConn) is Go\'s, not harvested in the catalogue, and says nothing of what broke',
};

interface Observation {
  output: string;
  diagnosis: Diagnosis;
}

const top = (d: Diagnosis, n: number) => d.causes.slice(0, n).map((c) => c.id);
/** Ports, timestamps and line numbers differ from run to run; the words do not. */
const maskDigits = (text: string) => text.replace(/\d+/g, '#');

const doctor = createDoctor();
let targets: LocalTargets | undefined;
const observations = new Map<string, Observation>();
const problems = new Map<string, string | undefined>();
const versions = new Map<string, string>();

for (const client of REAL_CLIENTS) problems.set(client.id, await client.problem());

beforeAll(async () => {
  targets = await startLocalTargets();
  const started = targets;
  // Every attempt runs at once: the FreeTDS Browser lookups alone take ~16 s each.
  const outputs = new Map<string, string>();
  const runs = REAL_CLIENTS.filter((client) => !problems.get(client.id)).flatMap((client) =>
    CASES.filter((c) => !NO_ERROR_TEXT.has(`${client.id}/${c.id}`)).map(async (c) => outputs.set(`${client.id}/${c.id}`, await client.run(c.target(started)))),
  );
  await Promise.all([...runs, ...REAL_CLIENTS.map(async (client) => versions.set(client.id, problems.get(client.id) ? '' : await client.version()))]);
  // Diagnosed once every attempt is over: diagnosing is CPU work on this process's event loop, where tedious runs,
  // and the fast clients' outputs diagnosed mid-run held off tedious's read of the HTTP reply past its 3 s timeout.
  for (const [key, output] of outputs) observations.set(key, { output, diagnosis: await doctor.diagnose({ text: output }) });
  if (RECORD === 'all' || RECORD.size > 0) recordFixtures();
}, 90_000);

afterAll(async () => {
  await targets?.close();
  removeClientConfig();
});

interface FixtureSource {
  file: string;
  source: string;
  case: string;
}

const SOURCES_FILE = new URL('SOURCES.yaml', FIXTURE_DIR);

function recordFixtures(): void {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const recorded = [...observations].filter(([key]) => recording(key.split('/')[0] ?? ''));
  // A recorded client's earlier files go (a case it no longer prints anything for leaves no stale text behind).
  const ofRecordedClient = (e: FixtureSource) => REAL_CLIENTS.some((client) => recording(client.id) && e.file.startsWith(`${client.id}-`));
  const earlier = existsSync(SOURCES_FILE) ? ((parse(readFileSync(SOURCES_FILE, 'utf8')) as FixtureSource[] | null) ?? []) : [];
  for (const e of earlier.filter(ofRecordedClient)) rmSync(new URL(e.file, FIXTURE_DIR), { force: true });
  const kept = earlier.filter((e) => !ofRecordedClient(e));
  // Provenance only: what the doctor makes of a text is asserted by the tests, not stored beside it, where it would go stale.
  const fresh = recorded.map(([key, { output }]): FixtureSource => {
    const [clientId, caseId] = key.split('/') as [string, string];
    const file = `${clientId}-${caseId}.txt`;
    writeFileSync(new URL(file, FIXTURE_DIR), output);
    return {
      file,
      source: `captured on this machine with ${versions.get(clientId)} on ${date}`,
      case: caseId,
    };
  });
  const entries: string[] = ['# Real client output, captured on this machine by test/e2e/real-clients.test.ts (RECORD_FIXTURES=1).'];
  for (const e of [...kept, ...fresh].sort((a, b) => a.file.localeCompare(b.file))) {
    entries.push(
      `- file: ${e.file}`,
      `  source: ${e.source}`,
      `  case: ${e.case}`,
    );
  }
  writeFileSync(SOURCES_FILE, `${entries.join('\n')}\n`);
}

/** A live client's text differs from run to run: a failure shows the text it was about. */
function withOutput(output: string, assertions: () => void): void {
  try {
    assertions();
  } catch (error) {
    (error as Error).message += `\n--- the client printed ---\n${output}`;
    throw error;
  }
}

function observed(key: string): Observation {
  const observation = observations.get(key);
  if (!observation) throw new Error(`no output was captured for ${key}`);
  return observation;
}

describe.each(REAL_CLIENTS.map((client) => [client.id, client] as const))('%s', (_id, client: RealClient) => {
  const problem = problems.get(client.id);
  if (problem && !IN_CI) {
    console.warn(`skipping real-client tests for ${client.id}: ${problem}`);
    it.skip(`${client.id} is installed`, () => undefined);
    return;
  }

  it('is installed (CI installs every client in .ci/run)', () => {
    expect(problem).toBeUndefined();
  });

  for (const failure of CASES) {
    const key = `${client.id}/${failure.id}`;
    if (NO_ERROR_TEXT.has(key)) continue;
    const sameAs = SAME_TEXT[key];
    // A failure that prints another's text is held to that one's expectations.
    const expected = CASES.find((c) => c.id === sameAs) ?? failure;
    const expectedKey = `${client.id}/${expected.id}`;
    const family = FAMILY_UNREADABLE[expectedKey] ?? expected.family;
    const gap = GAPS[key];
    const ambiguous = AMBIGUOUS[expectedKey];
    if (sameAs) {
      it(`${failure.id}: prints the same text as ${sameAs} (digits masked)`, () => {
        const { output } = observed(key);
        withOutput(output, () => expect(maskDigits(output)).toBe(maskDigits(observed(expectedKey).output)));
      });
    }
    const expectations = ({ output, diagnosis }: Observation) => {
      expect(output.trim()).not.toBe('');
      expect(diagnosis.providers).toContain(client.provider);
      expect(diagnosis.family).toBe(family);
      if (ambiguous) {
        const top5 = top(diagnosis, 5);
        expect(ambiguous.filter((cause) => !top5.includes(cause))).toEqual([]);
        const separating = diagnosis.nextChecks.filter((check) => check.tells.filter((cause) => ambiguous.includes(cause)).length >= 2);
        expect(separating.length).toBeGreaterThan(0);
      } else {
        expect(top(diagnosis, 3).filter((cause) => expected.causes.includes(cause))).not.toEqual([]);
      }
    };
    const title = `${failure.id}: recognised as ${client.provider}, family ${family}, ${ambiguous ? 'every allowed cause in the top 5' : 'true cause in the top 3'}`;
    if (gap) {
      // Not it.failing: that passes on any error, "no output was captured" included, so a missing client would pass.
      it(`${title} (gap, still open: ${gap})`, () => {
        const observation = observed(key);
        withOutput(observation.output, () => expect(() => expectations(observation)).toThrow());
      });
    } else {
      it(title, () => {
        const observation = observed(key);
        withOutput(observation.output, () => expectations(observation));
      });
    }
  }
});
