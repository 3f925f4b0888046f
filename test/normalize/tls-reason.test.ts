// What a TLS failure names, read from real texts of the public corpus (test/fixtures/corpus/, sources there).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { normalize } from '../../src/normalize/index.js';

interface Entry {
  id: string;
  text: string;
}
const corpus = (provider: string) =>
  parse(readFileSync(new URL(`../fixtures/corpus/${provider}.yaml`, import.meta.url), 'utf8')) as Entry[];
const text = (provider: string, id: string) => {
  const entry = corpus(provider).find((e) => e.id === id);
  if (!entry) throw new Error(`corpus entry ${id} is missing`);
  return entry.text;
};

describe('error.tlsReason', () => {
  it.each([
    ['odbc', 'pyodbc-1321-odbc18-unsupported-protocol', 'protocol-version'],
    ['odbc', 'msphpsql-1112-ssl-choose-client-version', 'protocol-version'],
    // SqlClient's SSL Provider "The target principal name is incorrect": the certificate's subject is not the name dialled
    // (the thread's own explanation of #1753; dbatools #7649 fails only when the instance is given as localhost).
    ['sqlclient', 'sqlclient-1753-sharepoint-sqlerror-target-principal', 'name-mismatch'],
    ['sqlclient', 'dbatools-7649-localhost-target-principal-wrapped', 'name-mismatch'],
  ])('%s %s → %s', (provider, id, reason) => {
    const { facts } = normalize(text(provider, id));
    expect(facts['error.family']).toBe('tls');
    expect(facts['error.tlsReason']).toBe(reason);
  });

  it('names an untrusted certificate chain (SqlClient, SSL Provider error 0)', () => {
    const entry = ['sqlclient'].flatMap(corpus).find((e) => /authority that is not trusted/.test(e.text) && /SSL Provider/.test(e.text));
    expect(entry).toBeDefined();
    expect(normalize(entry!.text).facts['error.tlsReason']).toBe('untrusted-certificate');
  });

  it.each(['providers/go/go-tls-eof-go125.txt', 'providers/tiberius/tiberius-tls-handshake-eof.txt'])(
    'names a server that hung up mid-handshake (%s)',
    (path) => {
      const { facts } = normalize(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
      expect(facts['error.family']).toBe('tls');
      expect(facts['error.tlsReason']).toBe('peer-closed');
    },
  );

  it('names a server that requires encryption the client turned off (tedious EENCRYPT)', () => {
    const path = 'providers/tedious/tedious-eencrypt-server-requires-encryption.txt';
    const { facts } = normalize(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
    expect(facts['error.family']).toBe('tls');
    expect(facts['error.tlsReason']).toBe('encryption-refused');
    expect(facts['error.phase']).toBe('prelogin');
    expect(normalize("Error JSON: {\n  \"code\": \"EENCRYPT\"\n}").facts['error.tlsReason']).toBe('encryption-refused');
  });

  it('is not set outside TLS failures (SSPI names the principal, not a certificate)', () => {
    expect(normalize('The target principal name is incorrect. Cannot generate SSPI context.').facts['error.tlsReason']).toBeUndefined();
  });
});
