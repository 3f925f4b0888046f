// The parser registry tells the truth: each parser sets only the facts docs/evidence.md lists for it,
// recognises its own fixtures, and the splitter sends each part of a combined paste to its parser.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { EVIDENCE_PARSERS, PARSERS } from '../../src/evidence/index.js';
import { splitPaste } from '../../src/evidence/split.js';
import { fixture } from '../helpers.js';

const FIXTURE_DIRS = { netstat: 'sockets', tasklist: 'processes', errorlog: 'errorlog', alias: 'aliases', capture: 'capture' } as const;

describe.each(Object.entries(FIXTURE_DIRS))('%s parser', (kind, dir) => {
  const entry = EVIDENCE_PARSERS[kind as keyof typeof FIXTURE_DIRS];
  const folder = new URL(`../fixtures/evidence/${dir}/`, import.meta.url);
  const files = readdirSync(folder).filter((f) => /\.(txt|reg|csv|log)$/.test(f));

  it.each(files)('sets only the facts it declares on %s', (file) => {
    const { facts } = entry.parser.parse(readFileSync(new URL(file, folder), 'utf8'));
    for (const name of Object.keys(facts)) expect(entry.produces).toContain(name);
  });
});

describe('splitPaste', () => {
  it('splits an error followed by a netstat listing and an ERRORLOG line', () => {
    const text = [fixture('seed/sqlclient.txt'), fixture('seed/artefacts/netstat.txt'), fixture('seed/artefacts/errorlog.txt')].join('\n\n');
    expect(splitPaste(text, PARSERS).map((p) => p.kind)).toEqual(['error', 'netstat', 'errorlog']);
  });

  it('keeps a pure error text in one part', () => {
    expect(splitPaste(fixture('seed/sqlcmd.txt'), PARSERS).map((p) => p.kind)).toEqual(['error']);
  });

  it('splits off the error that follows a connection string on the next line, with no blank line between', () => {
    const connection = 'Server=tcp:db01,1433;Database=app;User Id=app;Password=***;';
    const error = "Login failed for user 'app'.";
    expect(splitPaste(`${connection}\n${error}`, PARSERS)).toEqual([
      { kind: 'connection_string', text: connection },
      { kind: 'error', text: error },
    ]);
    // The ERRORLOG's own error lines ("Logon  Login failed for user 'sa'. Reason: …") are ERRORLOG lines: they stay.
    const errorlog = fixture('evidence/errorlog/linux-2017-loopback-only-script-comment.txt').trim();
    expect(errorlog).toContain("Login failed for user 'sa'.");
    expect(splitPaste(errorlog, PARSERS).map((p) => p.kind)).toEqual(['errorlog']);
  });

  it('leaves text nobody recognises unlabelled', () => {
    expect(splitPaste('lorem ipsum\n\ndolor sit amet', PARSERS)).toEqual([{ kind: undefined, text: 'lorem ipsum\n\ndolor sit amet' }]);
  });
});
