// krb5 harvester: the com_err tables (error_code NAME, "text" with tabs or spaces), cccursor.c's gettext literals
// (one split into adjacent literals) and de.po's translations, on excerpts of krb5/krb5 in
// test/fixtures/messages/krb5 (SOURCES.md).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { poLookup } from '../../../scripts/messages/harvest/glibc.js';
import { CCACHE_CURSOR, errorTable, gettextLiterals, GSSAPI_TABLE, KRB5_TABLE, krb5Entries } from '../../../scripts/messages/harvest/krb5.js';

const dir = fileURLToPath(new URL('../../fixtures/messages/krb5/', import.meta.url));
const read = (name: string) => readFileSync(`${dir}${name}`, 'utf8');

describe('errorTable', () => {
  it('reads each error_code line, separated by a tab or by a space', () => {
    const table = errorTable(read('krb5_err.et.master.txt'));
    expect(table.get('KRB5KRB_AP_ERR_SKEW')).toBe('Clock skew too great');
    expect(table.get('KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN')).toBe('Server not found in Kerberos database');
    expect(table.get('KRB5_KDC_UNREACH')).toBe('Cannot contact any KDC for requested realm');
    expect(table.get('KRB5KRB_AP_ERR_BADMATCH')).toBe("Ticket/authenticator don't match");
    expect(errorTable(read('gssapi_err_krb5.et.master.txt')).get('KG_EMPTY_CCACHE')).toBe('Credential cache is empty');
  });
});

describe('gettextLiterals', () => {
  it('joins adjacent literals of one _() call', () => {
    expect(gettextLiterals(read('cccursor.c.master.txt'))).toEqual(['No Kerberos credentials available', 'No Kerberos credentials available (default cache: %s)']);
  });
});

describe('krb5Entries', () => {
  const files = new Map([
    [KRB5_TABLE, read('krb5_err.et.master.txt')],
    [GSSAPI_TABLE, read('gssapi_err_krb5.et.master.txt')],
    [CCACHE_CURSOR, read('cccursor.c.master.txt')],
  ]);
  const entries = krb5Entries(files, new Map([['src/po/de.po', poLookup(readFileSync(`${dir}de.po.master.txt`))]]));
  const find = (id: string, locale: string) => entries.find((e) => e.id === id && e.locale === locale);

  it('keeps the selected codes and the cursor texts, os-layer entries, the one with a cache name in printf syntax', () => {
    expect(find('krb5:KRB5KRB_AP_ERR_SKEW', 'en')).toMatchObject({ template: 'Clock skew too great', layer: 'os', syntax: 'none', path: KRB5_TABLE });
    expect(find('krb5:KG_EMPTY_CCACHE', 'en')?.path).toBe(GSSAPI_TABLE);
    expect(find('krb5:cccursor.no-credentials-default-cache', 'en')).toMatchObject({ syntax: 'printf', path: CCACHE_CURSOR });
    // Not selected: a replay, a bad address, "No error".
    for (const id of ['krb5:KRB5KRB_AP_ERR_REPEAT', 'krb5:KRB5KRB_AP_ERR_BADADDR', 'krb5:KRB5KDC_ERR_NONE']) expect(entries.some((e) => e.id === id)).toBe(false);
  });

  it('adds the German of de.po where it translates the English text', () => {
    expect(find('krb5:KRB5KRB_AP_ERR_SKEW', 'de')).toMatchObject({ template: 'Uhrzeitabweichung zu groß', path: 'src/po/de.po' });
    expect(find('krb5:cccursor.no-credentials', 'de')?.template).toBe('keine Kerberos-Anmeldedaten verfügbar');
    // The excerpt holds no translation of this one.
    expect(find('krb5:KRB5_KDC_UNREACH', 'de')).toBeUndefined();
  });
});
