// Harvests mssql-jdbc's connection-, login-, TLS- and network-related messages (the R_* keys of its
// ListResourceBundle classes SQLServerResource*.java) at every release tag and the default branch, plus the 2017
// localized classes that survive on refs/pull/441/head, into messages/sources/jdbc.json.
// The Java lexer here is also used by the jtds and openjdk harvesters.
//
//   npx tsx scripts/messages/harvest/jdbc.ts --git-dir <mssql-jdbc snapshot> [--out messages/sources/jdbc.json]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { GitSnapshot, type RefInfo } from './git-snapshot.js';
import { mergeReadings, writeSourceFile, type Reading, type SourceFile } from './source-file.js';

// ---------------------------------------------------------------------------------------------------------------
// Java source text

export interface JavaToken {
  kind: 'string' | 'char' | 'word' | 'punct';
  /** For strings and chars, the literal's body with its escapes still written out; otherwise the token's text. */
  text: string;
  /** 1-based line of the token's first character. */
  line: number;
}

/**
 * Splits Java source into string and char literals, words (identifiers, keywords, numbers) and single punctuation
 * characters, dropping comments and white space. Text blocks ("""…""") are read as one string. Java's \uXXXX
 * pre-processing is not applied outside literals: resource files and drivers write their quotes plainly.
 */
export function lexJava(source: string): JavaToken[] {
  const tokens: JavaToken[] = [];
  let i = 0;
  let line = 1;
  const n = source.length;
  const advanceTo = (end: number) => {
    for (let k = i; k < end; k++) if (source[k] === '\n') line++;
    i = end;
  };
  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      advanceTo(end < 0 ? n : end);
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      advanceTo(end < 0 ? n : end + 2);
    } else if (c === '"' && source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3);
      const stop = end < 0 ? n : end;
      tokens.push({ kind: 'string', text: source.slice(source.indexOf('\n', i) + 1, stop), line });
      advanceTo(end < 0 ? n : end + 3);
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      tokens.push({ kind: c === '"' ? 'string' : 'char', text: source.slice(i + 1, j), line });
      advanceTo(Math.min(j + 1, n));
    } else if (/\s/.test(c)) {
      advanceTo(i + 1);
    } else if (/[\p{L}\p{N}_$]/u.test(c)) {
      let j = i + 1;
      while (j < n && /[\p{L}\p{N}_$.]/u.test(source[j]!)) j++;
      tokens.push({ kind: 'word', text: source.slice(i, j), line });
      i = j;
    } else {
      tokens.push({ kind: 'punct', text: c, line });
      i++;
    }
  }
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', s: ' ', '"': '"', "'": "'", '\\': '\\' };

/** Decodes a Java string literal's body: \uXXXX (any number of u's), octal, and the one-letter escapes. */
export function decodeJavaString(body: string): string {
  return body.replace(/\\(u+[0-9a-fA-F]{4}|[0-3]?[0-7]{1,2}|[\s\S])/g, (whole, esc: string) => {
    if (esc.startsWith('u')) return String.fromCharCode(parseInt(esc.replace(/^u+/, ''), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return SIMPLE_ESCAPES[esc] ?? whole;
  });
}

/**
 * Reads a string expression starting at tokens[start]: one literal or several joined by `+`.
 * Returns the decoded text and the index after it, or undefined when tokens[start] is not a string.
 */
export function readConcatenation(tokens: readonly JavaToken[], start: number): { text: string; end: number } | undefined {
  if (tokens[start]?.kind !== 'string') return undefined;
  let text = '';
  let k = start;
  for (;;) {
    text += decodeJavaString(tokens[k]!.text);
    k++;
    if (tokens[k]?.text === '+' && tokens[k + 1]?.kind === 'string') k++;
    else return { text, end: k };
  }
}

/**
 * The {"key", "text"} pairs of a ListResourceBundle's contents, texts joined across `+` and decoded.
 * A key written twice keeps its last text, as ListResourceBundle's lookup does.
 */
export function parseListResourceBundle(source: string): Map<string, string> {
  const tokens = lexJava(source);
  const pairs = new Map<string, string>();
  for (let k = 0; k + 3 < tokens.length; k++) {
    if (tokens[k]!.text !== '{' || tokens[k + 1]!.kind !== 'string' || tokens[k + 2]!.text !== ',') continue;
    const value = readConcatenation(tokens, k + 3);
    if (value && tokens[value.end]?.text === '}') {
      const key = decodeJavaString(tokens[k + 1]!.text);
      pairs.delete(key);
      pairs.set(key, value.text);
    }
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------------------------
// mssql-jdbc

export const RESOURCE_DIR = 'src/main/java/com/microsoft/sqlserver/jdbc';
/** The branch of PR #441 (2017-08-14), the only place the localized classes were ever committed. */
export const LOCALIZED_REF = 'refs/pull/441/head';
const RESOURCE_FILE = /^SQLServerResource(?:_([a-z]{2}(?:_[A-Z]{2})?))?\.java$/;

/**
 * The keys harvested, by topic. Chosen by hand from the union of every release's keys (575 in all): each was read
 * where the driver raises it. Left out: Always Encrypted, enclaves and key-store providers (column encryption),
 * bulk copy, TVP, data types, statements and result sets, XA, property descriptions (*PropertyDescription, shown by
 * getPropertyInfo, never raised), query-time errors.
 */
export const SELECTED_KEYS = {
  connect: [
    'R_tcpipConnectionFailed', 'R_tcpOpenFailed', 'R_connectionTimedOut', 'R_notSQLServer', 'R_noServerResponse',
    'R_truncatedServerResponse', 'R_unsupportedServerVersion', 'R_invalidTDS', 'R_ipAddressLimitWithMultiSubnetFailover',
  ],
  instanceLookup: ['R_sqlBrowserFailed', 'R_notConfiguredToListentcpip'],
  routingAndFailover: [
    'R_timedOutBeforeRouting', 'R_invalidRoutingInfo', 'R_multipleRedirections', 'R_redirectedFrom',
    'R_invalidEnhancedRoutingInfo', 'R_enhancedRoutingFeatureAckContainsExtraData', 'R_dbMirroringWithMultiSubnetFailover',
    'R_dbMirroringWithReadOnlyIntent', 'R_failoverPartnerWithoutDB', 'R_invalidPartnerConfiguration',
  ],
  closedAndRecovery: [
    'R_connectionIsClosed', 'R_physicalConnectionIsClosed', 'R_crClientAllRecoveryAttemptsFailed',
    'R_crClientNoRecoveryAckFromLogin', 'R_crClientSSLStateNotRecoverable', 'R_crClientUnrecoverable',
    'R_crServerSessionStateNotRecoverable',
  ],
  tls: [
    'R_sslFailed', 'R_sslRequiredByServer', 'R_sslRequiredNoServerSupport', 'R_certNameFailed', 'R_serverCertError',
    'R_serverCertExpired', 'R_serverCertNotYetValid', 'R_publicKeyMismatch', 'R_illegalArgumentTrustManager',
    'R_invalidSSLProtocol', 'R_packetSizeTooBigForSSL', 'R_ALPNFailed', 'R_referencingFailedTSP', 'R_invalidFipsConfig',
    'R_invalidFipsEncryptConfig', 'R_invalidFipsProviderConfig', 'R_clientCertError', 'R_readCertError',
    'R_pvkParseError', 'R_pvkHeaderError',
  ],
  integratedAuth: [
    'R_integratedAuthenticationFailed', 'R_notConfiguredForIntegrated', 'R_invalidAuthenticationScheme',
    'R_kerberosLoginFailed', 'R_kerberosLoginFailedForUsername', 'R_moduleNotFound', 'R_ibmModuleNotFound',
    'R_unsafeJaasLoginConfigProperty', 'R_UnableLoadAuthDll', 'R_ntlmAuthenticateError', 'R_ntlmHmacMD5Error',
    'R_ntlmMessageTypeError', 'R_ntlmNoTargetInfo', 'R_ntlmSignatureError', 'R_ntlmUnknownValue',
    'R_NtlmNoUserPasswordDomain',
  ],
  entraAuth: [
    'R_AADIntegratedOnNonWindows', 'R_FedAuthOnNonWindows', 'R_ADALAuthenticationMiddleErrorMessage', 'R_ADALExecution',
    'R_MSALExecution', 'R_ADALMissing', 'R_MSALMissing', 'R_DLLandADALMissing', 'R_DLLandMSALMissing',
    'R_UnableLoadADALSqlDll', 'R_UnableLoadMSSQLAuthDll', 'R_MSITokenFailureEndpoint', 'R_MSITokenFailureImds',
    'R_MSITokenFailureImdsClientId', 'R_MSITokenFailureUnexpected', 'R_ManagedIdentityTokenAcquisitionFail',
    'R_invalidMsiTokenCacheTtl', 'R_AccessTokenCannotBeEmpty', 'R_AccessTokenWithUserPassword',
    'R_AccessTokenCallbackWithUserPassword', 'R_InvalidAccessTokenCallbackClass', 'R_SetAccesstokenWhenIntegratedSecurityTrue',
    'R_SetAuthenticationWhenIntegratedSecurityTrue', 'R_SetBothAuthenticationAndAccessToken',
    'R_IntegratedAuthenticationWithUserPassword', 'R_MSIAuthenticationWithUserPassword',
    'R_ManagedIdentityAuthenticationWithPassword', 'R_NoUserPasswordForActivePassword',
    'R_NoUserPasswordForActiveServicePrincipal', 'R_NoUserOrCertForActiveServicePrincipalCertificate',
    'R_NoUserPasswordForSqlPassword', 'R_BothUserPasswordandDeprecated', 'R_FedAuthFeatureAckContainsExtraData',
    'R_FedAuthFeatureAckUnknownLibraryType', 'R_FedAuthInfoDoesNotContainStsurlAndSpn', 'R_FedAuthInfoFailedToReadData',
    'R_FedAuthInfoInvalidOffset', 'R_FedAuthInfoLengthTooShortForCountOfInfoIds', 'R_FedAuthInfoLengthTooShortForData',
    'R_FedAuthRequiredPreLoginResponseInvalidValue',
  ],
  connectionProperties: [
    'R_errorConnectionString', 'R_errorServerName', 'R_invalidConnection', 'R_nullConnection', 'R_invalidPortNumber',
    'R_invalidPacketSize', 'R_invalidBooleanValue', 'R_InvalidConnectionSetting', 'R_invalidpropertyValue',
    'R_propertyNotSupported', 'R_propertyMaximumExceedsChars', 'R_invalidapplicationIntent', 'R_InvalidIPAddressPreference',
    'R_invalidTimeOut', 'R_invalidSocketTimeout', 'R_invalidQueryTimeout', 'R_invalidCancelQueryTimeout',
    'R_invalidLockTimeOut', 'R_invalidConnectRetryCount', 'R_invalidConnectRetryInterval', 'R_invalidDatetimeType',
    'R_invalidresponseBuffering', 'R_invalidselectMethod', 'R_statementPoolingCacheSize',
    'R_serverPreparedStatementDiscardThreshold', 'R_invalidClassNameForProperty', 'R_maxResultBufferInvalidSyntax',
    'R_invalidVectorTypeSupport', 'R_unsupportedJREVersion',
  ],
} as const;

const SELECTED = new Set<string>(Object.values(SELECTED_KEYS).flat());

/** BCP 47 tag of a SQLServerResource class suffix: "" → en, "de" → de, "pt_BR" → pt-BR, "zh_CN" → zh-CN. */
export function jdbcLocale(suffix: string | undefined): string {
  return suffix ? suffix.replace('_', '-') : 'en';
}

/** The entries of one resource class's text, selected keys only, in file order. */
export function jdbcEntries(source: string, path: string, locale: string, english?: ReadonlyMap<string, string>): Reading['entries'] {
  const entries: Reading['entries'] = [];
  for (const [key, template] of parseListResourceBundle(source.replace(/^\uFEFF/, ''))) {
    if (!SELECTED.has(key)) continue;
    const untranslated = locale !== 'en' && english?.get(key) === template;
    entries.push({
      id: `jdbc:${key}`,
      locale,
      template,
      syntax: 'java',
      layer: 'driver',
      provider: 'jdbc',
      path,
      ...(locale !== 'en'
        ? {
            note: `2017 localization of PR #441 (not a release; released jars carry newer translations)${untranslated ? '; left in English' : ''}`,
          }
        : {}),
    });
  }
  return entries;
}

/**
 * One ref's reading from its resource classes' texts: the English class, or at the PR #441 ref the localized ones
 * (each compared with that ref's English class to flag texts left untranslated).
 */
export function jdbcReading(ref: RefInfo, files: ReadonlyArray<{ path: string; text: string }>, localized: boolean): Reading {
  const englishText = files.find((file) => file.path.endsWith('/SQLServerResource.java'))?.text;
  const english = englishText === undefined ? undefined : parseListResourceBundle(englishText);
  const entries: Reading['entries'] = [];
  for (const { path, text } of files) {
    const match = RESOURCE_FILE.exec(path.slice(path.lastIndexOf('/') + 1));
    if (match && Boolean(match[1]) === localized) entries.push(...jdbcEntries(text, path, jdbcLocale(match[1]), english));
  }
  return { ref, entries };
}

const SELECTION = [
  `Keys of SQLServerResource.java (English) chosen by hand by topic (SELECTED_KEYS in scripts/messages/harvest/jdbc.ts):`,
  Object.entries(SELECTED_KEYS)
    .map(([topic, keys]) => `${topic} (${keys.length})`)
    .join(', '),
  '— each read where the driver raises it. Left out: Always Encrypted, enclaves and key stores, bulk copy, TVP, data',
  'types, statements, result sets, XA, *PropertyDescription texts (getPropertyInfo, never raised) and query-time errors.',
  'English from every release tag (archive/* excluded) and the default branch; localized texts only from the 2017',
  `classes SQLServerResource_{de,es,fr,it,ja,ko,pt_BR,ru,sv,zh_CN,zh_TW}.java on ${LOCALIZED_REF} (the translations of`,
  'later releases ship only in the jars). Texts keep MessageFormat quoting (\'\' for a quote); \\uXXXX and other Java',
  'escapes decoded; string concatenations joined. A key written twice keeps its last text, as the bundle does.',
].join(' ');

export function harvestJdbc(snapshot: GitSnapshot): SourceFile {
  const englishPath = `${RESOURCE_DIR}/SQLServerResource.java`;
  const tags = snapshot.tags(/^(?!archive\/)/);
  const [localizedRef, ...releaseRefs] = snapshot.infos([LOCALIZED_REF, ...tags, snapshot.defaultBranch()]);
  const head = releaseRefs.pop()!;
  // Oldest first: tags and the PR by their commit's date (a re-tagged old release keeps its place), the branch last.
  const ordered = [...releaseRefs.map((ref) => ({ ref, localized: false })), { ref: localizedRef!, localized: true }]
    .sort((a, b) => a.ref.date.localeCompare(b.ref.date))
    .concat({ ref: head, localized: false });
  const localizedPaths = snapshot.list(localizedRef!.commit, RESOURCE_DIR, /\/SQLServerResource(_[A-Za-z_]+)?\.java$/);
  const english = snapshot.readAt(releaseRefs.concat(head).map((ref) => ref.commit), [englishPath]);
  const localizedTexts = snapshot.readAt([localizedRef!.commit], localizedPaths).get(localizedRef!.commit)!;
  const readings = ordered.map(({ ref, localized }) => {
    const texts = localized ? localizedTexts : english.get(ref.commit)!;
    return jdbcReading(ref, [...texts].map(([path, text]) => ({ path, text })), localized);
  });
  return {
    source: 'jdbc',
    title: 'Microsoft JDBC Driver for SQL Server (mssql-jdbc)',
    repository: 'https://github.com/microsoft/mssql-jdbc',
    licence: 'MIT',
    generator: 'scripts/messages/harvest/jdbc.ts',
    selection: SELECTION,
    harvested: ordered.map(({ ref }) => ref),
    entries: mergeReadings(readings),
  };
}

function main(): void {
  const { values } = parseArgs({ options: { 'git-dir': { type: 'string' }, out: { type: 'string' } } });
  if (!values['git-dir']) throw new Error('usage: jdbc.ts --git-dir <mssql-jdbc snapshot> [--out file]');
  const out = values.out ?? 'messages/sources/jdbc.json';
  const file = harvestJdbc(new GitSnapshot(values['git-dir']));
  writeSourceFile(out, file);
  const byLocale = new Map<string, number>();
  for (const entry of file.entries) byLocale.set(entry.locale, (byLocale.get(entry.locale) ?? 0) + 1);
  console.log(`wrote ${out}: ${file.entries.length} entries from ${file.harvested.length} refs (${[...byLocale].map(([l, n]) => `${l} ${n}`).join(', ')})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
