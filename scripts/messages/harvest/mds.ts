// Harvests Microsoft.Data.SqlClient's connection-related messages (Strings*.resx in 14 languages at every release
// tag) and the hard-coded English layouts that compose them (TdsParser's "(provider: …, error: …)") into
// messages/sources/mds.json. The resx parsing and the selection rule are shared with sds.ts and netfx.ts.
import { decodeXML } from 'entities';
import { pathToFileURL } from 'node:url';
import { GitSnapshot, type GrepHit, type RefInfo } from './git-snapshot.js';
import {
  mergeReadings,
  writeSourceFile,
  type HarvestedEntry,
  type Layer,
  type PlaceholderSyntax,
  type Reading,
  type SourceFile,
} from './source-file.js';

type Entry = Reading['entries'][number];

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/**
 * The string resources of a .resx file, key → text, XML entities and CDATA decoded, CRLF read as LF (as XML does);
 * only the keys `keep` accepts, when given (decoding every text of hundreds of files is most of a harvest's time).
 */
export function parseResx(xml: string, keep: (key: string) => boolean = () => true): Map<string, string> {
  const out = new Map<string, string>();
  const body = xml.replace(/^\uFEFF/, '').replace(/<!--[\s\S]*?-->/g, '');
  for (const data of body.matchAll(/<data\b([^>]*?)(?:\/>|>([\s\S]*?)<\/data>)/g)) {
    const attributes = data[1] ?? '';
    const name = /\bname\s*=\s*"([^"]*)"/.exec(attributes)?.[1];
    // Typed entries (type= or mimetype=) are serialized objects, not texts.
    if (name === undefined || /\b(?:type|mimetype)\s*=/.test(attributes)) continue;
    const key = decodeXML(name);
    if (!keep(key)) continue;
    const value = /<value\s*\/>|<value>([\s\S]*?)<\/value>/.exec(data[2] ?? '');
    out.set(key, decodeXmlText(value?.[1] ?? ''));
  }
  return out;
}

function decodeXmlText(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeXML(part)))
    .join('')
    .replace(/\r\n?/g, '\n');
}

/** How a .NET format string writes its placeholders: `dotnet` when it has {0}-style holes, else a fixed text. */
export function dotnetSyntax(template: string): PlaceholderSyntax {
  return /\{\d+(?:,-?\d+)?(?::[^}]*)?\}/.test(template) ? 'dotnet' : 'none';
}

// ---------------------------------------------------------------------------------------------------------------
// Selection (shared by mds, sds and netfx: System.Data, System.Data.SqlClient and Microsoft.Data.SqlClient keep the
// same keys)

/** Whole key families: every key they hold is about reaching, securing or logging in to a server. */
const FAMILIES = /^(?:SNI_ERROR_\d+|SNI_PN\d+|Snix_\w+|SQL_Timeout\w*|SQL_Duration_\w+|SQLROR_\w+|SQLMSF_\w+|SQLCR_\w+|LocalDB\w*|AAD_\w+|Azure_\w+|SEC_\w+|SQL_ParsingError\w*)$/;
/** Prefixes whose keys are taken when the key names one of KEYWORDS. */
const KEYWORD_PREFIXES = /^(?:SQL_|ADP_|net_)/;
const KEYWORDS =
  /SSPI|Kerberos|Auth|Credential|Password|Login|Connect|Pool|Instance|Encrypt|Certificate|TDS8|TDSVersion|ServerVersion|Failover|Partner|Routing|Timeout|Keyword|NetworkLibrary|Token|MSAL|ADAL|Interactive|Integrated|DeviceFlow|ManagedIdentity|Browser|CTAIP|SSE|gssapi|nego|ntlm|securitypackage|PacketSize|InvalidKey|OptionValue|OptionLength|Doomed|UnsupportedFeature|Invariant|CultureId|SNIPacketAllocation|ExErrorNumber/i;
/** Keys the families or keywords take that are not about connecting (reviewed by hand against every harvested text). */
const EXCLUDED = new Set([
  'ADP_ComputerNameEx',
  'ADP_InvalidCommandTimeout',
  'ADP_MissingSourceCommandConnection',
  'ADP_OpenConnectionPropertySet',
  'ADP_OpenConnectionRequired_Clone',
  'ADP_OpenConnectionRequired_Delete',
  'ADP_OpenConnectionRequired_Insert',
  'ADP_OpenConnectionRequired_Update',
  'ADP_TransactionConnectionMismatch',
  'SQLCR_InvalidParameterNoDefault',
  'SQLCR_InvalidRetryParameters',
  'SQLCR_InvalidReturnType',
  'SQLCR_ResolveMethodFailed',
  'SQLCR_RetryMethodException',
  'SQLCR_RetryMethodNullOrEmpty',
  'SQLCR_SequenceMoreThanOneMatch',
  'SQLCR_SequenceNoMatch',
  'SQL_AsyncConnectionRequired',
  'SQL_BatchedUpdatesNotAvailableOnContextConnection',
  'SQL_BulkLoadInvalidTimeout',
  'SQL_ChangePasswordArgumentMissing',
  'SQL_ChangePasswordRequiresYukon',
  'SQL_ChangePasswordUseOfUnallowedKey',
  'SQL_ConnectionLockedForBcpEvent',
  'SQL_ContextAllowsLimitedKeywords',
  'SQL_ContextConnectionIsInUse',
  'SQL_InvalidInternalPacketSize',
  'SQL_MarsUnsupportedOnConnection',
  'SQL_NotAvailableOnContextConnection',
  'SQL_NotificationsNotAvailableOnContextConnection',
  'SQL_ObjectPoolNoCreateDelegate',
  'SQL_PipeErrorRequiresSendEnd',
  'SQL_SqlResultSetCommandNotInSameConnection',
  'SQL_UserInstanceNotAvailableInProc',
  'net_MethodNotImplementedException',
]);
/** Keys taken although neither a family nor a keyword names them. */
const INCLUDED = new Set(['SQL_SNIPacketAllocationFailure', 'SQL_UseWamBrokerRequiresAzureExtensionUpgrade']);

/** Whether a resource key is a connection-, login-, TLS- or network-related message (see SELECTION). */
export function isConnectionKey(key: string): boolean {
  if (key.startsWith('ADP_ConnectionRequired')) return false; // data-adapter "Update requires a connection" family
  if (EXCLUDED.has(key)) return false;
  return INCLUDED.has(key) || FAMILIES.test(key) || (KEYWORD_PREFIXES.test(key) && KEYWORDS.test(key));
}

export const SELECTION =
  `Resource keys of the string tables (resx, or System.Data's KEY=value text) chosen by name: every key of the ` +
  `families ${FAMILIES.source}; keys starting SQL_, ADP_ or net_ whose name matches ${KEYWORDS.source}; plus ` +
  `${[...INCLUDED].join(', ')}; minus ADP_ConnectionRequired* (data-adapter wiring) and keys reviewed by hand as not ` +
  `about connecting (command, bulk-copy, SqlPipe, context-connection, retry-logic configuration): ${[...EXCLUDED].join(', ')}. ` +
  `Property descriptions (DbConnectionString_*, SqlConnection_*) are not messages and are left out.`;

/** sni for the SNI provider names and error texts, wrapper for SqlException's framing lines, driver for the rest. */
export function layerOf(key: string): Layer {
  if (/^SNI_(?:PN|ERROR_)\d+$/.test(key)) return 'sni';
  if (/^SQL_Ex(?:ClientConnectionId|OriginalClientConnectionId|RoutingDestination|ErrorNumberStateClass)$/.test(key)) {
    return 'wrapper';
  }
  return 'driver';
}

// ---------------------------------------------------------------------------------------------------------------
// Files and refs

const LOCALES = ['cs', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'pl', 'pt-BR', 'ru', 'tr', 'zh-Hans', 'zh-Hant'] as const;
const PROJECT = 'src/Microsoft.Data.SqlClient';
/** Where the string tables lived: netfx (.NET Framework build) and netcore (.NET Core build) until 5.2, then src. */
const RESOURCE_DIRS = [`${PROJECT}/src/Resources`, `${PROJECT}/netfx/src/Resources`, `${PROJECT}/netcore/src/Resources`];

/** The locale of a string table: Strings.de.resx → de; the neutral Strings.resx and the early netcore SR.resx → en. */
export function resxLocale(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'Strings.resx' || name === 'SR.resx') return 'en';
  return /^Strings\.([A-Za-z-]+)\.resx$/.exec(name)?.[1];
}

export type Build = 'netfx' | 'netcore' | 'shared';

/** Which build of the driver a file belongs to, from its path. */
export function buildOf(path: string): Build {
  if (path.includes('/netfx/')) return 'netfx';
  if (path.includes('/netcore/')) return 'netcore';
  return 'shared';
}

/** Release tags: v1.0.19239.1 … v7.x, the first preview (1.0.19221.1-Preview) and the mis-cased V5.2.0 release. */
export function isReleaseTag(tag: string): boolean {
  return /^[vV]?\d+\.\d+\.\d+/.test(tag);
}

// ---------------------------------------------------------------------------------------------------------------
// Code that composes messages: the English layouts no resource file holds

export interface CompositionSite {
  /** The derived key (`mds:<key>`): the class and method that compose, as in the source. */
  key: string;
  /** A fixed string on the line that composes; the template is the string literal holding it, unless `template`. */
  marker: string;
  /** The composed shape, where it is built by concatenation rather than written as one literal. */
  template?: string;
  /** Which files to search, as git pathspec globs below the project. */
  files: string;
  note: string;
}

export const COMPOSITION_SITES: readonly CompositionSite[] = [
  {
    key: 'TdsParser.ProcessSNIError',
    marker: '(provider: {1}, error: {2} - {3})',
    files: '**/TdsParser.cs',
    note:
      'Every network error: {0} the Snix_* context sentence, {1} the SNI_PNn provider name, {2} the SNI error number, ' +
      '{3} the SNI_ERROR_n text, or with error 0 the OS/provider message after its "Provider: " prefix. The words ' +
      '"provider:" and "error:" stay English in every language.',
  },
  {
    key: 'TdsParser.ProcessSNIError.managed',
    marker: 'sniLookupMessage + ": " + errorMessage',
    template: '{0}: {1}',
    files: '**/TdsParser.cs',
    note:
      'Managed SNI (.NET on Linux/macOS, or UseManagedNetworking): {0} the SNI_ERROR_n text, {1} the error text the ' +
      'managed SNI reported when it is not empty and does not already hold {0}; the result is {3} of the provider layout.',
  },
  {
    key: 'LocalDB.CreateLocalDBException',
    marker: ' (error: {',
    files: '**/LocalD[Bb]*.cs',
    note: 'LocalDB start-up errors: {0} a LocalDB_* text, {1} the SNI error number, {2} the SNI_ERROR_n text.',
  },
  {
    key: 'LocalDB.GetLocalDBMessage.hresult',
    marker: '{0} (0x{1:X}).',
    files: '**/LocalD[Bb]*.cs',
    note: 'When LocalDB cannot format its own error: {0} LocalDB_UnobtainableMessage, {1} the HRESULT in hex.',
  },
  {
    key: 'LocalDB.GetLocalDBMessage.exception',
    marker: '{0} ({1}).',
    files: '**/LocalD[Bb]*.cs',
    note: 'When formatting the LocalDB error failed: {0} LocalDB_UnobtainableMessage, {1} the exception message.',
  },
  {
    key: 'SqlConnectionTimeoutErrorInternal.GetErrorMessage',
    marker: 'errorBuilder.Append("  ");',
    template: '{0}  {1}',
    files: '**/SqlConnectionTimeoutErrorInternal.cs',
    note:
      'A connection timeout: the SQL_Timeout_* sentence, then two spaces and SQL_Timeout_FailoverInfo or ' +
      'SQL_Timeout_RoutingDestinationInfo when they apply, then two spaces and the SQL_Duration_* line.',
  },
];

/**
 * The C# string literal on `line` that contains `marker`, as the text it produces: escapes decoded, and an
 * interpolated string's holes numbered {0}, {1}, … in order (so it reads as the .NET format it is equivalent to).
 */
export function literalContaining(line: string, marker: string): string | undefined {
  for (const match of line.matchAll(/(\$@|@\$|\$|@)?"((?:[^"\\]|\\.|"")*)"/g)) {
    const [, prefix = '', body = ''] = match;
    const verbatim = prefix.includes('@');
    let text = verbatim ? body.replace(/""/g, '"') : unescapeBackslashes(body);
    if (prefix.includes('$')) {
      let hole = 0;
      text = text.replace(/\{\{|\}\}|\{[^{}]*\}/g, (part) => (part === '{{' ? '{' : part === '}}' ? '}' : `{${hole++}}`));
    }
    if (text.includes(marker) || body.includes(marker)) return text;
  }
  return undefined;
}

/** Decodes backslash escapes as C# and ResGen write them: \uXXXX, \n \r \t \0, and \x for any other x (\\ \" \'). */
export function unescapeBackslashes(text: string): string {
  const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0' };
  return text.replace(/\\(u[0-9a-fA-F]{4}|[^])/g, (_, c: string) =>
    c.length === 5 ? String.fromCharCode(Number.parseInt(c.slice(1), 16)) : (named[c] ?? c),
  );
}

/** The wrapper entries that grep hits of the composition sites give, per ref. */
export function compositionEntries(hits: readonly GrepHit[], source = 'mds'): Map<string, Entry[]> {
  const byRef = new Map<string, Entry[]>();
  for (const hit of hits) {
    for (const site of COMPOSITION_SITES) {
      if (!hit.text.includes(site.marker) || !matchesGlob(hit.path, site.files)) continue;
      const template = site.template ?? literalContaining(hit.text, site.marker);
      if (template === undefined) continue;
      const entries = byRef.get(hit.ref) ?? [];
      entries.push({
        id: `${source}:${site.key}`,
        locale: 'en',
        template,
        syntax: dotnetSyntax(template),
        layer: 'wrapper',
        provider: 'sqlclient',
        path: hit.path,
        note: site.note,
      });
      byRef.set(hit.ref, entries);
    }
  }
  return byRef;
}

/** Greps every composition site below `dir` (tests left out) at every ref in one git process. */
export function harvestCompositions(
  snapshot: GitSnapshot,
  refs: readonly string[],
  dir: string,
  source: string,
): Map<string, Entry[]> {
  const globs = [...new Set(COMPOSITION_SITES.map((site) => site.files))];
  const hits = snapshot.grep(
    refs,
    [...new Set(COMPOSITION_SITES.map((site) => site.marker))],
    [...globs.map((glob) => `:(glob)${dir}/${glob}`), `:(exclude,glob)${dir}/tests/**`],
  );
  return compositionEntries(hits, source);
}

function matchesGlob(path: string, glob: string): boolean {
  const name = glob.replace(/^\*\*\//, '');
  const pattern = name.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`(?:^|/)${pattern}$`).test(path);
}

// ---------------------------------------------------------------------------------------------------------------
// Readings and notes

/** What a text carried, beyond its entry: which builds' files held it, and whether it is the English in a localized file. */
interface Carried {
  builds: Set<Build>;
  english: boolean;
}

const tripleKey = (e: { id: string; locale: string; template: string }) => `${e.id}\u0000${e.locale}\u0000${e.template}`;

/** One string table read at a ref: its path, its language and its key → text map. */
export interface Table {
  path: string;
  locale: string;
  table: ReadonlyMap<string, string>;
}

/**
 * The entries of one ref: its string tables' selected keys (a localized text equal to its directory's English one is
 * flagged in `carried`), then the code entries that no table entry already gives.
 */
export function refEntries(
  tables: readonly Table[],
  code: readonly Entry[],
  source: string,
  carried?: Map<string, Carried>,
): Entry[] {
  const english = new Map<string, ReadonlyMap<string, string>>();
  for (const { path, locale, table } of tables) {
    if (locale === 'en') english.set(path.slice(0, path.lastIndexOf('/')), table);
  }
  const entries = new Map<string, Entry>();
  const add = (entry: Entry, englishInLocalized: boolean) => {
    const triple = tripleKey(entry);
    if (!entries.has(triple)) entries.set(triple, entry);
    if (!carried) return;
    const seen = carried.get(triple) ?? { builds: new Set<Build>(), english: false };
    seen.builds.add(buildOf(entry.path));
    seen.english ||= englishInLocalized;
    carried.set(triple, seen);
  };
  for (const { path, locale, table } of tables) {
    const fallback = english.get(path.slice(0, path.lastIndexOf('/')));
    for (const [key, template] of table) {
      if (!isConnectionKey(key) || template.trim() === '') continue;
      const syntax = dotnetSyntax(template);
      const entry: Entry = { id: `${source}:${key}`, locale, template, syntax, layer: layerOf(key), provider: 'sqlclient', path };
      add(entry, locale !== 'en' && fallback?.get(key) === template);
    }
  }
  for (const entry of code) add(entry, false);
  return [...entries.values()];
}

/**
 * The note a merged entry gets from what carried it: an English wording only one of the split builds had (only the
 * .NET Framework build had translations then, so a localized text needs no such note), English left in a localized file.
 */
export function carriedNote(seen: Carried | undefined, locale: string): string | undefined {
  if (!seen) return undefined;
  const notes: string[] = [];
  if (locale === 'en' && seen.builds.size === 1 && !seen.builds.has('shared')) {
    const build = seen.builds.has('netfx') ? 'netfx (.NET Framework)' : 'netcore (.NET Core)';
    notes.push(`wording of the ${build} build only`);
  }
  if (seen.english) notes.push(`English text left in the ${locale} file (not translated there)`);
  return notes.length > 0 ? notes.join('; ') : undefined;
}

/** Joins the site note of a code entry and the carried note, and drops empty ones (so the JSON has no `note: undefined`). */
export function withNotes(entries: HarvestedEntry[], carried: ReadonlyMap<string, Carried>): HarvestedEntry[] {
  return entries.map((entry) => {
    const note = [entry.note, carriedNote(carried.get(tripleKey(entry)), entry.locale)].filter(Boolean).join('; ');
    const { note: _, ...rest } = entry;
    return note ? { ...rest, note } : rest;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Harvest

export function harvestMds(snapshot: GitSnapshot): SourceFile {
  const refs = [...snapshot.tags().filter(isReleaseTag), 'HEAD'];
  const infos: RefInfo[] = snapshot.infos(refs).sort(byDate);
  const names = ['Strings.resx', 'SR.resx', ...LOCALES.map((locale) => `Strings.${locale}.resx`)];
  const specs = refs.flatMap((ref) => RESOURCE_DIRS.flatMap((dir) => names.map((name) => ({ ref, path: `${dir}/${name}` }))));
  const blobs = snapshot.readMany(specs);
  const parsed = new Map<string, Map<string, string>>();
  const tablesByRef = new Map<string, Table[]>();
  specs.forEach(({ ref, path }, i) => {
    const blob = blobs[i];
    const locale = resxLocale(path);
    if (!blob || !locale) return;
    let table = parsed.get(blob.oid);
    if (!table) parsed.set(blob.oid, (table = parseResx(blob.text, isConnectionKey)));
    tablesByRef.set(ref, [...(tablesByRef.get(ref) ?? []), { path, locale, table }]);
  });

  const code = harvestCompositions(snapshot, refs, PROJECT, 'mds');

  const carried = new Map<string, Carried>();
  const readings: Reading[] = infos.map((info) => ({
    ref: info,
    entries: refEntries(tablesByRef.get(info.ref) ?? [], code.get(info.ref) ?? [], 'mds', carried),
  }));

  return {
    source: 'mds',
    title: 'Microsoft.Data.SqlClient',
    repository: 'https://github.com/dotnet/SqlClient',
    licence: 'MIT',
    generator: 'scripts/messages/harvest/mds.ts',
    selection:
      `${SELECTION} Files: ${PROJECT}/src/Resources/Strings[.<locale>].resx (from 5.2), before that ` +
      `${PROJECT}/netfx/src/Resources/Strings[.<locale>].resx (the .NET Framework build, localized) and ` +
      `${PROJECT}/netcore/src/Resources/Strings.resx (SR.resx before 2.1; the .NET Core build, English only: before ` +
      `5.2 only the .NET Framework build shipped translations); where the two builds word a key differently both ` +
      `texts are kept and noted, and English left in a localized file is kept under that locale and noted. Wrapper ` +
      `entries are the English layouts hard-coded in the driver (ids named after the composing method): ` +
      `${COMPOSITION_SITES.map((site) => site.key).join(', ')}. Refs: every release tag (v*, V5.2.0, ` +
      `1.0.19221.1-Preview; not the AKV_/MSS_ add-on tags) and HEAD (the default branch).`,
    harvested: infos,
    entries: withNotes(mergeReadings(readings), carried),
  };
}

/** Oldest first by commit date (a tag's creation date can be later than its commit's); ties keep their order. */
export const byDate = (a: RefInfo, b: RefInfo): number => a.date.localeCompare(b.date);

/** The `--git-dir`/`--out` arguments every harvester takes. */
function harvestArgs(argv: readonly string[], defaultOut: string): { gitDir: string; out: string } {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const gitDir = value('--git-dir');
  if (!gitDir) throw new Error(`usage: --git-dir <bare snapshot> [--out ${defaultOut}]`);
  return { gitDir, out: value('--out') ?? defaultOut };
}

/** True when the module is the script node was started with (not imported by another harvester or a test). */
function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** The thin main every harvester shares: read --git-dir/--out, harvest, write, print one line. Runs only as a script. */
export function runHarvester(moduleUrl: string, defaultOut: string, harvest: (snapshot: GitSnapshot) => SourceFile): void {
  if (!isMain(moduleUrl)) return;
  const { gitDir, out } = harvestArgs(process.argv.slice(2), defaultOut);
  const file = harvest(new GitSnapshot(gitDir));
  writeSourceFile(out, file);
  console.log(`${out}: ${file.entries.length} entries from ${file.harvested.length} refs`);
}

runHarvester(import.meta.url, 'messages/sources/mds.json', harvestMds);
