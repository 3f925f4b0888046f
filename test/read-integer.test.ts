// Numbers read out of pasted text (src/read-integer.ts): a run of digits a field cannot hold is not that field's
// number. Through diagnose(), no paste makes a number field null, Infinity, NaN or an unsafe integer.
import { describe, expect, it } from '@jest/globals';
import { diagnose } from '../src/index.js';
import { integerFrom, readCode, readInteger } from '../src/read-integer.js';
import type { Diagnosis } from '../src/schemas/diagnosis.js';
import type { DiagnoseInput } from '../src/schemas/input.js';
import { diagnosisSchemaErrors } from './helpers.js';

const NINES = '9'.repeat(300);
const HEX = 'f'.repeat(300);

describe('readInteger, readCode and integerFrom', () => {
  it('read what the field can hold, decimal or (for codes) hexadecimal', () => {
    expect(readInteger('1433', 'port')).toBe(1433);
    expect(readInteger(' 65535 ', 'port')).toBe(65535);
    expect(readInteger('-1', 'sniError')).toBe(-1);
    expect(readInteger('00014', 'severity')).toBe(14);
    expect(readCode('0x274D', 'osError')).toBe(10061);
    expect(readCode('0xFFFFFFFF', 'hresult')).toBe(0xffffffff);
    expect(readCode('10061', 'osError')).toBe(10061);
    expect(integerFrom(30, 'timeout')).toBe(30);
    expect(integerFrom('30', 'timeout')).toBe(30);
  });

  it.each([
    ['65536', 'port'],
    ['-1', 'port'],
    ['26', 'severity'],
    ['256', 'state'],
    ['2147483648', 'errorNumber'],
    ['4294967296', 'pid'],
    [NINES, 'errorNumber'],
    ['9007199254740993', 'osError'],
    ['1e3', 'timeout'],
    ['12.0', 'timeout'],
    ['0x10', 'port'],
    ['', 'port'],
    ['+5', 'state'],
    [undefined, 'port'],
  ] as const)('leave out %j as a %s', (text, field) => {
    expect(readInteger(text, field)).toBeUndefined();
  });

  it('leave out codes and values past the range, however written', () => {
    expect(readCode(`0x${HEX}`, 'osError')).toBeUndefined();
    expect(readCode('0x100000000', 'hresult')).toBeUndefined();
    for (const value of [Infinity, Number.NaN, 1e300, 1.5, -1, true, null, {}]) expect(integerFrom(value, 'timeout')).toBeUndefined();
  });
});

/** Every path in a value where JSON holds null: what Infinity, NaN and undefined-in-arrays become. */
function nullPaths(value: unknown, path = ''): string[] {
  if (value === null) return [path || '/'];
  if (typeof value !== 'object') return [];
  return Object.entries(value as object).flatMap(([key, child]) => nullPaths(child, `${path}/${key}`));
}

/** Every number in a diagnosis that is not a safe integer, other than a cause's confidence (0..1). */
function unsafeNumbers(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return Number.isSafeInteger(value) || /\/confidence$/.test(path) ? [] : [`${path}=${value}`];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => unsafeNumbers(child, `${path}/${key}`));
}

const CASES: Array<{ name: string; input: DiagnoseInput; absent: (d: Diagnosis) => unknown[]; quoted?: string }> = [
  {
    name: 'sqlcmd: "Error code 0x" and 300 hex digits',
    input: { text: `Sqlcmd: Error: Microsoft ODBC Driver 17 for SQL Server : TCP Provider: Error code 0x${HEX}.` },
    absent: (d) => [...d.errors.map((e) => e.osError), d.facts['error.osError']],
    quoted: `Error code 0x${HEX.slice(0, 40)}`,
  },
  {
    name: 'DB-Library: "Net-Library error" and 300 digits',
    input: { text: `DB-Library: Unable to connect: Adaptive Server is unavailable or does not exist Net-Library error ${NINES}: Connection refused` },
    absent: (d) => [...d.errors.map((e) => e.osError), d.facts['error.osError']],
    quoted: `Net-Library error ${NINES.slice(0, 40)}`,
  },
  {
    name: 'tds_fdw: "Level: 9000…"',
    input: { text: `DB-Library error: DB #: 20009, DB Msg: Unable to connect: Adaptive Server is unavailable or does not exist, OS #: ${NINES}, OS Msg: Connection refused, Level: 9${'0'.repeat(300)}` },
    absent: (d) => d.errors.flatMap((e) => [e.severity, e.osError]),
  },
  {
    name: 'SqlClient: "(provider: TCP Provider, error: 999…)" and an inner Win32Exception (999…)',
    input: {
      text: `A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: ${NINES} - No connection could be made because the target machine actively refused it.) ---> System.ComponentModel.Win32Exception (${NINES}): No connection could be made because the target machine actively refused it.`,
    },
    // The refused text names 10061 by itself (the message catalogue's windows:WSAECONNREFUSED): only the 999… is gone.
    absent: (d) => d.errors.flatMap((e) => [e.sniError, e.osError === 10061 ? undefined : e.osError]),
  },
  {
    name: 'SqlClient: "Error Number:…,State:…,Class:…" past their ranges',
    input: { text: `System.Data.SqlClient.SqlException (0x80131904): Login failed for user 'sa'.\nError Number:${NINES},State:256,Class:26` },
    absent: (d) => d.errors.flatMap((e) => [e.number, e.state, e.severity]),
  },
  {
    name: 'sqlcmd: "HResult 0xFFFF…, Level 999…, State 999…"',
    input: { text: `HResult 0x${HEX}, Level ${NINES}, State ${NINES}\nNamed Pipes Provider: Could not open a connection to SQL Server [${NINES}].` },
    absent: (d) => d.errors.flatMap((e) => [e.osError, e.sniError, e.severity, e.state]),
  },
  {
    name: 'ODBC: a native error of 300 digits',
    input: { text: `[Microsoft][ODBC Driver 17 for SQL Server][SQL Server]Login failed for user 'sa'. (${NINES}) (SQLDriverConnect)` },
    absent: (d) => [...d.errors.map((e) => e.number), ...(d.facts['error.numbers'] ?? [])],
  },
  {
    name: 'SSMS: "Msg 18456, Level 14, State 1000" (no state 100 read from it)',
    input: { text: "Msg 18456, Level 14, State 1000, Server db01, Line 1\nLogin failed for user 'sa'." },
    absent: (d) => d.errors.map((e) => e.state),
  },
  {
    name: 'tiberius and Prisma: "os error" past 32 bits',
    input: { text: 'Error { kind: Io, Os { code: 99999999999, kind: ConnectionRefused, message: "Connection refused" } }\nCan\'t reach database server at `db01`:`1433` (os error 99999999999)' },
    absent: (d) => [...d.errors.map((e) => e.osError), d.facts['error.osError']],
  },
  {
    name: 'tedious and SqlClient: a socket address whose port runs on ("10.0.0.1:143399")',
    input: { text: 'ConnectionError: Failed to connect to undefined:undefined - connect ECONNREFUSED 10.0.0.1:143399' },
    absent: (d) => [...d.errors.map((e) => e.port), d.facts['target.port']],
  },
  {
    name: 'ERRORLOG: a process ID of 300 digits and a login failure in state 999',
    input: {
      evidence: [
        {
          kind: 'errorlog',
          text: `2024-01-01 10:00:00.00 Server      Server process ID is ${NINES}.\n2024-01-01 10:00:01.00 Logon       Error: 18456, Severity: 14, State: 999.\n2024-01-01 10:00:01.00 Logon       Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: 10.0.0.5]`,
        },
      ],
    },
    absent: (d) => [d.facts['errorlog.processId'], ...(d.facts['errorlog.loginFailures'] ?? []).map((f) => f.state)],
  },
  {
    name: 'netstat: a PID of 11 digits',
    input: { evidence: [{ kind: 'netstat', text: '  Proto  Local Address          Foreign Address        State           PID\n  TCP    0.0.0.0:1433           0.0.0.0:0              LISTENING       99999999999' }] },
    absent: (d) => (d.facts['netstat.listeners'] ?? []).map((l) => l.pid),
  },
  {
    name: 'connection strings and config objects: timeouts and ports past what an int holds',
    input: { connectionString: `Server=db01,99999;Connect Timeout=${NINES}` },
    absent: (d) => [d.facts['target.port'], d.facts['connection.connectTimeout']],
  },
  {
    name: 'a tedious config with numbers JSON5 reads as Infinity and 1e300',
    input: { connectionString: `{ server: 'db01', port: ${NINES}, options: { connectTimeout: 1e300 } }` },
    absent: (d) => [d.facts['target.port'], d.facts['connection.connectTimeout']],
  },
  {
    name: 'caller facts past what their field can hold',
    input: { facts: { 'connection.connectTimeout': 1e300, 'error.numbers': [Infinity], 'errorlog.processId': 2 ** 60 } },
    absent: (d) => [d.facts['connection.connectTimeout'], d.facts['error.numbers'], d.facts['errorlog.processId']],
  },
];

describe('numbers in pastes, through diagnose()', () => {
  it.each(CASES)('$name: left out, never null or unsafe, the answer schema-valid', async ({ input, absent, quoted }) => {
    const diagnosis = await diagnose(input);
    const json = JSON.parse(JSON.stringify(diagnosis)) as Diagnosis;
    expect(nullPaths(json)).toEqual([]);
    expect(unsafeNumbers(json)).toEqual([]);
    expect(diagnosisSchemaErrors(json)).toBe('');
    expect(absent(diagnosis).filter((value) => value !== undefined)).toEqual([]);
    // The text of the number is not lost: the record still quotes it (its line, clipped when long).
    if (quoted) expect(diagnosis.errors.some((e) => e.message.includes(quoted) || e.line.includes(quoted))).toBe(true);
  });

  it('still reads every number a field can hold in the same layouts', async () => {
    const { errors } = await diagnose("Msg 18456, Level 14, State 1, Server db01, Line 1\nLogin failed for user 'sa'.");
    // SSMS's header is SQL Server's message, not a DB-Library one whose level is the "1" of "14" (#13).
    expect(errors.map(({ provider, number, severity, state }) => ({ provider, number, severity, state }))).toEqual([{ provider: 'server', number: 18456, severity: 14, state: 1 }]);
    const sqlcmd = await diagnose('Sqlcmd: Error: Microsoft ODBC Driver 17 for SQL Server : TCP Provider: Error code 0x2749.');
    expect(sqlcmd.errors[0]?.osError).toBe(0x2749);
  });
});
