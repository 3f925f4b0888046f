// SqlClient's messages composed in every language Microsoft.Data.SqlClient ships, the way its TdsParser composes them
// ("{context} (provider: {provider}, error: {n} - {text})", the layout English in every language), and Windows'
// refused text in each language the catalogue has under SqlClient and go-mssqldb: the family must be the English
// one. Built from the catalogue's own sources (messages/sources/mds.json, messages/curated/windows.yaml), so a
// language is tested as soon as its texts are harvested.
import { describe, expect, it } from '@jest/globals';
import { readCatalogueInputs } from '../../scripts/messages/catalogue-inputs.js';
import { meaningOf } from '../../src/messages/meaning.js';
import { normalize } from '../../src/normalize/index.js';
import { newestTemplate } from './helpers.js';
import type { Family } from '../../src/schemas/vocabulary.js';

const { inputs } = readCatalogueInputs();

const text = (id: string, locale: string) => newestTemplate(inputs, id, locale);

const MDS_LOCALES = [...new Set(inputs.filter((i) => i.id === 'mds:Snix_Connect').map((i) => i.locale))].sort();

/** SqlClient's own compositions, each naming its family by the SNI number, the provider or the sentence. */
const COMPOSED: ReadonlyArray<{ name: string; family: Family; compose: (t: (id: string) => string) => string }> = [
  {
    name: 'instance not located (SNI 26)',
    family: 'not_found',
    compose: (t) => `${t('mds:Snix_Connect')} (provider: ${t('mds:SNI_PN11')}, error: 26 - ${t('mds:SNI_ERROR_26')})`,
  },
  {
    name: 'named pipe not opened (Named Pipes Provider, 40)',
    family: 'named_pipes',
    compose: (t) => `${t('mds:Snix_Connect')} (provider: ${t('mds:SNI_PN1')}, error: 40 - ${t('mds:SNI_ERROR_40')})`,
  },
  {
    name: 'TLS handshake failed (SSL Provider, 31)',
    family: 'tls',
    compose: (t) => `${t('mds:Snix_PreLogin')} (provider: ${t('mds:SNI_PN6')}, error: 31 - ${t('mds:SNI_ERROR_31')})`,
  },
  { name: 'pre-login timeout', family: 'timeout', compose: (t) => t('mds:SQL_Timeout_PreLogin_Begin') },
  { name: 'SSPI context', family: 'sspi', compose: (t) => t('mds:SQL_SSPIGenerateError') },
];

function composed(locale: string) {
  return COMPOSED.map(({ name, family, compose }) => {
    const t = (id: string) => {
      const found = text(id, locale);
      if (found === undefined) throw new Error(`${id} has no ${locale} text in messages/sources/mds.json`);
      return found;
    };
    return { name, family, text: `Microsoft.Data.SqlClient.SqlException (0x80131904): ${compose(t)}` };
  });
}

describe("SqlClient's messages in every language it ships", () => {
  it('has the 13 shipped languages besides English', () => {
    expect(MDS_LOCALES.filter((l) => l !== 'en')).toHaveLength(13);
  });

  it('reads every English control right', () => {
    for (const c of composed('en')) expect({ case: c.name, family: normalize(c.text).family }).toEqual({ case: c.name, family: c.family });
  });

  it('reads at least 95% of the composed messages of the other languages with the English family', () => {
    const results = MDS_LOCALES.filter((l) => l !== 'en').flatMap((locale) =>
      composed(locale).map((c) => ({ locale, case: c.name, expected: c.family, got: normalize(c.text).family })),
    );
    const wrong = results.filter((r) => r.got !== r.expected);
    expect(results.length).toBe(13 * COMPOSED.length);
    // On failure, the list says which language and case read wrong.
    if (1 - wrong.length / results.length < 0.95) expect(wrong).toEqual([]);
  });
});

describe("Windows' refused text in every language the catalogue has", () => {
  const refused = inputs.filter((i) => i.id === 'windows:WSAECONNREFUSED');

  it('has English and at least six other languages', () => {
    expect(new Set(refused.map((i) => i.locale)).size).toBeGreaterThanOrEqual(7);
  });

  it.each(refused.map((i) => [i.locale, i.template] as const))('%s: under SqlClient and under go-mssqldb, refused', (_locale, words) => {
    const sqlclient = `Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - ${words}.)`;
    const go = `mssql: login error: unable to open tcp connection with host 'db01:1433': dial tcp 10.0.0.5:1433: connectex: ${words}.`;
    expect([normalize(sqlclient).family, normalize(go).family]).toEqual(['refused', 'refused']);
  });
});

describe("Windows' texts that name a family by themselves, in every language the catalogue has", () => {
  // Timeouts, names that do not resolve, untrusted certificates: each text's family is its meaning's
  // (messages/meanings.yaml), whatever language it is in; SChannel's texts come after SqlClient's SSL Provider.
  const named = inputs.flatMap((i) => {
    const family = i.id.startsWith('windows:') ? meaningOf(i.id)?.['error.family'] : undefined;
    return family ? [{ id: i.id, locale: i.locale, words: i.template, family }] : [];
  });

  it('covers timeouts, resolver failures and certificates in several languages each', () => {
    const localesOf = (id: string) => new Set(named.filter((n) => n.id === id).map((n) => n.locale)).size;
    expect(localesOf('windows:WSAETIMEDOUT')).toBeGreaterThanOrEqual(5);
    expect(localesOf('windows:WSAHOST_NOT_FOUND')).toBeGreaterThanOrEqual(5);
  });

  it.each(named.map((n) => [`${n.id} (${n.locale})`, n] as const))('%s: its family under SqlClient and go-mssqldb', (_label, { id, words, family }) => {
    if (id.startsWith('windows:SEC_E')) {
      const sqlclient = `Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - ${words}.)`;
      expect(normalize(sqlclient).family).toBe(family);
      return;
    }
    const sqlclient = `Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - ${words}.)`;
    const go = `mssql: login error: unable to open tcp connection with host 'db01:1433': dial tcp 10.0.0.5:1433: connectex: ${words}.`;
    expect([normalize(sqlclient).family, normalize(go).family]).toEqual([family, family]);
  });
});
