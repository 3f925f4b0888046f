// Harvests the MIT Kerberos texts a SQL Server client on Linux or macOS embeds in its integrated-authentication errors
// (SqlClient's "GSSAPI operation failed … Minor code may provide more information (Server not found in Kerberos
// database)", ODBC's "SSPI Provider: No Kerberos credentials available (default cache: FILE:/tmp/krb5cc_1000)", kinit
// and klist) into messages/sources/krb5.json: the error-table texts (com_err .et files) and the credential-cache
// message of cccursor.c, in English and in the German of src/po/de.po.
//
//   npx tsx scripts/messages/harvest/krb5.ts --git-dir <krb5/krb5 snapshot> [--out messages/sources/krb5.json]
import type { GitSnapshot, RefInfo } from './git-snapshot.js';
import { poLocale, poReadings, type PoEntry } from './glibc.js';
import { byDate, runHarvester, unescapeBackslashes } from './mds.js';
import { mergeReadings, type Reading, type SourceFile } from './source-file.js';

export const KRB5_TABLE = 'src/lib/krb5/error_tables/krb5_err.et';
export const GSSAPI_TABLE = 'src/lib/gssapi/krb5/gssapi_err_krb5.et';
export const CCACHE_CURSOR = 'src/lib/krb5/ccache/cccursor.c';
const PO_FILES = ['src/po/de.po'] as const;

/**
 * Error codes a client meets while getting or using a ticket for SQL Server, chosen from the tables' few hundred:
 * principals the KDC does not know (a missing SPN, a mistyped user or realm), expired or revoked credentials, clock
 * skew, encryption types, KDCs that cannot be found or reached, and an empty or missing credential cache. Left out:
 * ASN.1, replay-cache, keytab-format, kadmin and internal codes.
 */
export const SELECTED_CODES = [
  'KRB5KDC_ERR_NAME_EXP', 'KRB5KDC_ERR_SERVICE_EXP', 'KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN', 'KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN',
  'KRB5KDC_ERR_PRINCIPAL_NOT_UNIQUE', 'KRB5KDC_ERR_ETYPE_NOSUPP', 'KRB5KDC_ERR_CLIENT_REVOKED', 'KRB5KDC_ERR_SERVICE_REVOKED',
  'KRB5KDC_ERR_KEY_EXP', 'KRB5KDC_ERR_PREAUTH_FAILED', 'KRB5KDC_ERR_POLICY', 'KRB5KDC_ERR_BADOPTION',
  'KRB5KRB_AP_ERR_TKT_EXPIRED', 'KRB5KRB_AP_ERR_TKT_NYV', 'KRB5KRB_AP_ERR_SKEW', 'KRB5KRB_AP_ERR_MODIFIED',
  'KRB5KRB_AP_ERR_BAD_INTEGRITY', 'KRB5KRB_AP_ERR_NOKEY', 'KRB5KRB_AP_ERR_BADKEYVER', 'KRB5_CONFIG_CANTOPEN',
  'KRB5_CC_NOTFOUND', 'KRB5_KDCREP_MODIFIED', 'KRB5_KDCREP_SKEW', 'KRB5_PROG_ETYPE_NOSUPP', 'KRB5_REALM_UNKNOWN',
  'KRB5_KDC_UNREACH', 'KRB5_FCC_NOFILE', 'KRB5_ERR_HOST_REALM_UNKNOWN', 'KRB5_REALM_CANT_RESOLVE',
  'KRB5_CONFIG_ETYPE_NOSUPP', 'KRB5_KT_NOTFOUND', 'KRB5_CC_NOSUPP',
  'KG_CCACHE_NOMATCH', 'KG_KEYTAB_NOMATCH', 'KG_TGT_MISSING', 'KG_EMPTY_CCACHE',
] as const;
const SELECTED = new Set<string>(SELECTED_CODES);

/** The codes of a com_err table, name → text: `error_code NAME, "text"` (the separator a comma and tabs or spaces). */
export function errorTable(source: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const [, name, text] of source.matchAll(/^[ \t]*error_code[ \t]+(\w+)[ \t]*,[ \t]*"((?:[^"\\\n]|\\.)*)"/gm)) {
    table.set(name!, unescapeBackslashes(text!));
  }
  return table;
}

/** Ids of the credential-cache texts of cccursor.c, by their English wording. */
const CURSOR_TEXTS: Readonly<Record<string, string>> = {
  'No Kerberos credentials available': 'cccursor.no-credentials',
  'No Kerberos credentials available (default cache: %s)': 'cccursor.no-credentials-default-cache',
};

/** The gettext literals of a C file, adjacent literals joined: `_("a " "b")` → a b. */
export function gettextLiterals(source: string): string[] {
  return [...source.matchAll(/\b_\(\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)\)/g)].map(([, literals]) =>
    [...literals!.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((m) => unescapeBackslashes(m[1]!)).join(''),
  );
}

/** The entries one ref gives: the selected codes and cursor texts in English, and in every PO file translating them. */
export function krb5Entries(files: ReadonlyMap<string, string>, poFiles: ReadonlyMap<string, (msgid: string) => PoEntry | undefined>): Reading['entries'] {
  const english: Array<{ id: string; text: string; path: string; syntax: 'none' | 'printf' }> = [];
  for (const path of [KRB5_TABLE, GSSAPI_TABLE]) {
    for (const [code, text] of errorTable(files.get(path) ?? '')) {
      if (SELECTED.has(code)) english.push({ id: `krb5:${code}`, text, path, syntax: 'none' });
    }
  }
  for (const text of new Set(gettextLiterals(files.get(CCACHE_CURSOR) ?? ''))) {
    const key = CURSOR_TEXTS[text];
    if (key) english.push({ id: `krb5:${key}`, text, path: CCACHE_CURSOR, syntax: text.includes('%') ? 'printf' : 'none' });
  }
  const entries: Reading['entries'] = english.map(({ id, text, path, syntax }) => ({ id, locale: 'en', template: text, path, syntax, layer: 'os' }));
  for (const [poPath, lookup] of poFiles) {
    for (const { id, text, syntax } of english) {
      const found = lookup(text);
      if (found && !found.fuzzy && found.msgstr !== '') entries.push({ id, locale: poLocale(poPath.replace(/^src\//, '')), template: found.msgstr, path: poPath, syntax, layer: 'os' });
    }
  }
  return entries;
}

const SELECTION = [
  `${SELECTED_CODES.length} error codes chosen by hand (SELECTED_CODES in the generator) from the com_err tables ${KRB5_TABLE}`,
  `and ${GSSAPI_TABLE} (ids are the C names), and the "No Kerberos credentials available" texts of ${CCACHE_CURSOR};`,
  'English from those files, German from src/po/de.po (fuzzy and empty msgstr skipped). Refs: the krb5-1.N[.M]-final',
  'release tags at which one of those files changed, and master.',
].join(' ');

/** Release tags: krb5-1.N-final and krb5-1.N.M-final (not the alpha, beta and postN tags). */
export const RELEASE_TAG = /^krb5-1\.\d+(?:\.\d+)?-final$/;

export function harvestKrb5(snapshot: GitSnapshot): SourceFile {
  const paths = [KRB5_TABLE, GSSAPI_TABLE, CCACHE_CURSOR, ...PO_FILES];
  const refs = snapshot.changedRefs([...snapshot.tags(RELEASE_TAG), 'master'], paths);
  const infos: RefInfo[] = snapshot.infos(refs).sort(byDate);
  const readings = poReadings(snapshot, infos, paths, krb5Entries);
  return {
    source: 'krb5',
    title: 'MIT Kerberos error-table and credential-cache messages',
    repository: 'https://github.com/krb5/krb5',
    licence: 'BSD-2-Clause',
    generator: 'scripts/messages/harvest/krb5.ts',
    selection: SELECTION,
    harvested: infos,
    entries: mergeReadings(readings),
  };
}

runHarvester(import.meta.url, 'messages/sources/krb5.json', harvestKrb5);
