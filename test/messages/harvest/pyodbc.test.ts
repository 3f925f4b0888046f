import { readFileSync } from 'node:fs';
import { readPyodbc } from '../../../scripts/messages/harvest/pyodbc.js';

const fixture = (name: string) => readFileSync(`test/fixtures/messages/pyodbc/${name}`, 'utf8');

describe('readPyodbc', () => {
  it('keeps both generations of the diagnostic layout and the no-diagnostic text', () => {
    const now = readPyodbc(new Map([['src/errors.cpp', fixture('errors-master.cpp')]]));
    const then = readPyodbc(new Map([['src/errors.cpp', fixture('errors-4.0.0.cpp')]]));
    expect(now.map((e) => [e.id, e.template])).toEqual([
      ['pyodbc:diag.first', '[%s] %V (%ld) (%s)'],
      ['pyodbc:diag.more', '; [%s] %V (%ld)'],
      ['pyodbc:no-error', 'The driver did not supply an error!'],
    ]);
    expect(then.map((e) => e.template)).toEqual(['[%s] %s (%ld) (%s)', '; [%s] %s (%ld)', 'The driver did not supply an error!']);
    expect(now[0]).toMatchObject({ syntax: 'printf', layer: 'wrapper', provider: 'odbc' });
  });

  it('keeps the closed-connection sentence and leaves attribute-usage errors out', () => {
    const entries = readPyodbc(new Map([['src/connection.cpp', fixture('connection-master.cpp')]]));
    expect(entries.map((e) => e.template)).toEqual(['Attempt to use a closed connection.']);
  });
});
