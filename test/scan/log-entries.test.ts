// How a log is cut into entries (events): by timestamps and other event starts, by blank lines, within bounds.
import { describe, expect, it } from '@jest/globals';
import { MAX_ENTRY_CHARS, MAX_ENTRY_LINES, splitEntries, withoutEventStamp } from '../../src/scan/log-entries.js';
import { fixture } from '../helpers.js';

const starts = (text: string) => splitEntries('x.log', text).entries.map((e) => e.line);

describe('splitEntries', () => {
  it('keeps an ERRORLOG "Error: 18456" line with its "Login failed" line (one timestamp), and the next pair apart', () => {
    // test/fixtures/evidence/errorlog/windows-express-2016-cat-bom-bruteforce.txt, lines 11-15 (see its SOURCES.yaml).
    const lines = fixture('evidence/errorlog/windows-express-2016-cat-bom-bruteforce.txt').split('\n').slice(10, 15);
    const { entries } = splitEntries('ERRORLOG', lines.join('\n'));
    expect(entries.map((e) => e.line)).toEqual([1, 2, 4]);
    expect(entries[1]?.text).toBe(`${lines[1]}\n${lines[2]}`);
  });

  it('reads the U+FFFD remains of a byte-order mark before the first timestamp as part of it', () => {
    const head = fixture('evidence/errorlog/windows-express-2016-cat-bom-bruteforce.txt').split('\n').slice(0, 6).join('\n');
    // Banner line + its three indented continuation lines, a blank line, then the UTC adjustment line.
    expect(starts(head)).toEqual([1, 6]);
  });

  it('keeps stack frames and untimed lines with the event line before them', () => {
    // test/fixtures/logs/node-tedious-exporter-metrics.log: the error lines have no timestamp.
    const { entries } = splitEntries('exporter.log', fixture('logs/node-tedious-exporter-metrics.log'));
    expect(entries.map((e) => e.line)).toEqual([1, 3, 4, 6]);
    expect(entries[0]?.text.split('\n')[1]).toMatch(/^Failed to connect to database/);
  });

  it('begins an event at a Go logger prefix with its date, and at each docker compose line with a level word', () => {
    expect(starts(fixture('logs/go-mssqldb-sqlagent-backoff.log'))).toEqual([1, 3]);
    // The ERRORLOG lines 1-3 share one timestamp; "dockersqlserver_1  | fail: …" begins the app's event.
    expect(starts(fixture('logs/dotnet-compose-login-failed.log'))).toEqual([1, 4]);
  });

  it('makes every JSON line an event of its own', () => {
    expect(starts('{"level":50,"msg":"a"}\n{"level":50,"msg":"b"}\n    at x')).toEqual([1, 2]);
  });

  it('cuts text without event lines at blank lines', () => {
    expect(starts('Sqlcmd: Error: one\nSqlcmd: Error: two\n\n\nSqlcmd: Error: three\n')).toEqual([1, 5]);
  });

  it('counts lines as an editor does: CRLF and a final line break make no extra line', () => {
    expect(splitEntries('x', 'a\r\nb\r\n').lines).toBe(2);
    expect(splitEntries('x', '').lines).toBe(0);
  });

  it('bounds an entry in lines and characters, and cuts a line longer than an entry may be', () => {
    const many = Array.from({ length: MAX_ENTRY_LINES * 2 + 1 }, (_, i) => `    frame ${i}`).join('\n');
    expect(starts(many)).toEqual([1, MAX_ENTRY_LINES + 1, 2 * MAX_ENTRY_LINES + 1]);
    const { entries } = splitEntries('x', `${'x'.repeat(MAX_ENTRY_CHARS * 3)}\nnext`);
    expect(entries.map((e) => e.text.length)).toEqual([MAX_ENTRY_CHARS, 4]);
  });
});

describe('withoutEventStamp', () => {
  it('drops the leading timestamp (and what precedes it), and leaves other lines alone', () => {
    expect(withoutEventStamp('2025-07-10T11:21:27.896+02:00  WARN 85442 --- x')).toBe('WARN 85442 --- x');
    expect(withoutEventStamp('2023-07-06 15:15:42.927 +00:00 [Error] Database unavailable')).toBe('[Error] Database unavailable');
    expect(withoutEventStamp('[teste] 2017/05/31 10:28:37 503 Service Unavailable')).toBe('503 Service Unavailable');
    expect(withoutEventStamp('{"msg":"x"}')).toBe('{"msg":"x"}');
    expect(withoutEventStamp('Login failed for user')).toBe('Login failed for user');
  });
});
