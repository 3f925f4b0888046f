import { readFileSync } from 'node:fs';
import { extensionLiterals, readTinytds, rubyRaiseLiterals } from '../../../scripts/messages/harvest/tinytds.js';

const fixture = (name: string) => readFileSync(`test/fixtures/messages/tinytds/${name}`, 'utf8');

describe('TinyTDS literals', () => {
  it('reads rb_raise and rb_warn literals, marking which are raised', () => {
    expect(extensionLiterals(fixture('client-master.c'))).toEqual(
      expect.arrayContaining([
        { text: 'closed connection', raised: true },
        { text: 'connecting with a TDS version older than 7.3!', raised: true },
        { text: 'TinyTds: :azure option is not supported in this version of FreeTDS.\n', raised: false },
      ]),
    );
  });

  it("reads Ruby raise literals in either quote", () => {
    expect(rubyRaiseLiterals(fixture('client-v0.5.0.rb'))).toEqual(['missing :username option', 'missing :host option if no :dataserver given']);
  });

  it('keeps the connection texts only, keyed by their first words', () => {
    const entries = readTinytds(
      new Map([
        ['ext/tiny_tds/client.c', fixture('client-master.c')],
        ['lib/tiny_tds/client.rb', fixture('client-master.rb')],
      ]),
    );
    expect(entries.map((e) => e.id)).toEqual([
      'tinytds:closed-connection',
      'tinytds:failed-dbinit-function',
      'tinytds:connecting-with-a-tds-version-older-than-7',
      'tinytds:tinytds-azure-option-is-not-supported-in-this',
      'tinytds:tinytds-contained-option-is-not-supported-in-this',
      'tinytds:missing-host-option-if-no-dataserver-given',
    ]);
    expect(entries[0]).toMatchObject({ provider: 'dblib', layer: 'driver', syntax: 'none', path: 'ext/tiny_tds/client.c' });
  });
});
