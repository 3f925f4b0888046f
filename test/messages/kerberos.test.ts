// MIT Kerberos's texts (messages/sources/krb5.json) inside the frames clients on Linux and macOS print them in:
// SqlClient's "GSSAPI operation failed with error - {0} ({1})." (System.Net.Security's net_gssapi_operation_failed_
// detailed: {0} the GSS major status, {1} the minor status, the Kerberos library's text) and the ODBC driver's
// "SSPI Provider: {0}". Composed from the catalogue's own sources, as the clients compose them: each Kerberos text
// with a meaning must be read with it, though it sits in another message's placeholder, and the cause its meaning
// names must come first.
import { describe, expect, it } from '@jest/globals';
import { readCatalogueInputs } from '../../scripts/messages/catalogue-inputs.js';
import { diagnose } from '../../src/doctor.js';
import { meaningOf } from '../../src/messages/meaning.js';
import { normalize } from '../../src/normalize/index.js';
import { newestTemplate } from './helpers.js';

const { inputs } = readCatalogueInputs();
const template = (id: string) => {
  const found = newestTemplate(inputs, id, 'en');
  if (found === undefined) throw new Error(`no English ${id} in the catalogue's sources`);
  return found;
};
/** MIT Kerberos's GSS major status for a failure its minor status explains (gssapi_err_generic.et's wording). */
const MAJOR = 'Unspecified GSS failure.  Minor code may provide more information';
const sqlclient = (minor: string) =>
  `Microsoft.Data.SqlClient.SqlException (0x80131904): Cannot generate SSPI context. ---> System.ComponentModel.Win32Exception (0x80004005): ${template('netsec:net_gssapi_operation_failed_detailed').replace('{0}', MAJOR).replace('{1}', minor)}`;

const KERBEROS_CAUSES: Readonly<Record<string, string>> = {
  'no-ticket': 'kerberos_no_ticket',
  'credentials-expired': 'kerberos_no_ticket',
  'clock-skew': 'kerberos_clock_skew',
  'kdc-unreachable': 'kerberos_kdc_unreachable',
};

const named = inputs.flatMap((i) => {
  const kerberos = i.id.startsWith('krb5:') && i.locale === 'en' && !i.template.includes('%') ? meaningOf(i.id)?.['error.kerberos'] : undefined;
  return kerberos ? [{ id: i.id, text: i.template, kerberos }] : [];
});

describe("MIT Kerberos's texts in SqlClient's GSSAPI message", () => {
  it('has a Kerberos reason for every kind the rules tell apart', () => {
    expect(new Set(named.map((n) => n.kerberos))).toEqual(new Set(Object.keys(KERBEROS_CAUSES)));
  });

  it.each(named.map((n) => [`${n.id} ("${n.text}")`, n] as const))('%s: read with its reason, and the cause that reason names first', async (_id, { text, kerberos }) => {
    const paste = sqlclient(text);
    expect(normalize(paste).facts).toMatchObject({ 'error.family': 'sspi', 'error.kerberos': kerberos });
    expect((await diagnose(paste)).causes[0]?.id).toBe(KERBEROS_CAUSES[kerberos]);
  });

  it('puts a missing SPN ("Server not found in Kerberos database") first, not the domain trust', async () => {
    const causes = (await diagnose(sqlclient(template('krb5:KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN')))).causes.map((c) => c.id);
    expect(causes[0]).toBe('kerberos_spn_problem');
  });
});

describe("MIT Kerberos's text after the ODBC driver's SSPI Provider tag", () => {
  it('is a record of the ODBC driver, which printed it', () => {
    const paste = template('msodbcsql:sni-sspi').replace('{0}', template('krb5:KRB5KRB_AP_ERR_SKEW'));
    const normalized = normalize(paste);
    expect(normalized.providers).toEqual(['odbc']);
    expect(normalized.facts['error.kerberos']).toBe('clock-skew');
  });
});
