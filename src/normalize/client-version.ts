// Versions a paste names, read from the places they really show up: the client library's (a jar, a gem path, an npm,
// pnpm or yarn path, a NuGet package or assembly, a pip wheel, a Go module, an ODBC driver's file or name, a FreeTDS
// banner), the SQL Server's (its version banner, an old-style build number, a driver refusing it) and the TDS protocol
// version a FreeTDS-based client was configured with. Rules compare them with the releases in which drivers changed
// behaviour (rules/client-versions.yaml); each value comes with where the paste said it, for the evidence quote.
import type { Facts } from '../schemas/facts.js';

export type ClientLibrary = NonNullable<Facts['error.clientLibrary']>;

export interface ClientVersion {
  library: ClientLibrary;
  /** As the paste wrote it, without a suffix such as ".jre11": "12.2.0", "1.00.59", "18". */
  version: string;
  major: number;
  /** Absent where the paste names only a major version (an ODBC driver's name, an assembly identity). */
  minor?: number;
  index: number;
}

interface VersionSource {
  library: ClientLibrary;
  pattern: RegExp;
  /** The version the match names; by default its first group. */
  read?: (m: RegExpExecArray) => string;
  /** The match gives the major version only, whatever else it shows (Microsoft.Data.SqlClient's assembly version is N.0.0.0). */
  majorOnly?: boolean;
}

/**
 * Where each library's version shows, one line per layout. When a paste names several libraries, the one listed first
 * wins: the driver that speaks TDS before the ODBC driver under a wrapper, and a FreeTDS wrapper (pymssql, TinyTDS)
 * before FreeTDS itself, since the wrapper's release decides which FreeTDS it bundles.
 */
const VERSION_SOURCES: readonly VersionSource[] = [
  // mssql-jdbc-12.2.0.jre11.jar, com.microsoft.sqlserver:mssql-jdbc:12.2.0.jre11, …/mssql-jdbc/12.2.0.jre11/…, DBeaver's "mssql-jdbc RELEASE 7.2.1.jre8"
  { library: 'mssql-jdbc', pattern: /\bmssql-jdbc(?:[-:/]| RELEASE )(\d{1,2}\.\d{1,2}\.\d{1,3})/i },
  // DatabaseMetaData.getDriverName() and the driver's own log lines
  { library: 'mssql-jdbc', pattern: /\bMicrosoft JDBC Driver (\d{1,2}\.\d{1,2}) for SQL Server/ },
  // jtds-1.3.1.jar, net.sourceforge.jtds:jtds:1.3.1
  { library: 'jtds', pattern: /\bjtds[-:/](\d\.\d\.\d{1,2})/i },
  // NuGet: microsoft.data.sqlclient/5.2.0/lib/…, "Microsoft.Data.SqlClient 5.2.0", packages\Microsoft.Data.SqlClient.5.2.0,
  // <PackageReference Include="Microsoft.Data.SqlClient" Version="5.2.0" />, the issue template's "Microsoft.Data.SqlClient version: 4.0"
  {
    library: 'Microsoft.Data.SqlClient',
    pattern: /\bMicrosoft\.Data\.SqlClient(?:\/|\.|"\s{0,3}Version="|\s{0,3}version:?\s{0,3}|\s{1,3})(\d{1,2}\.\d{1,2}(?:\.\d{1,6})?)/i,
  },
  // The assembly identity in a stack trace or binding log: its assembly version is N.0.0.0 for every N.x release.
  { library: 'Microsoft.Data.SqlClient', pattern: /\bMicrosoft\.Data\.SqlClient, Version=(\d{1,2})\.\d{1,2}\.\d{1,5}\.\d{1,5}/, majorOnly: true },
  { library: 'System.Data.SqlClient', pattern: /\bSystem\.Data\.SqlClient(?:\/|\.|"\s{0,3}Version="|\s{0,3}version:?\s{0,3}|\s{1,3})(4\.\d{1,2}\.\d{1,3})/i },
  // pnpm (node_modules/.pnpm/tedious@16.6.1/…), npm ls (tedious@15.1.0), yarn berry (tedious-npm-16.6.1-…), package.json
  // ("tedious": "^15.1.0": the range's floor) and prose ("tedious 14.3.0", "Tedious version: 14.3.0")
  {
    library: 'tedious',
    pattern: /\btedious(?:@|-npm-|"\s{0,3}:\s{0,3}"[~^]?|\s{0,3}version:?\s{1,3}v?|\s{1,3}v?)(\d{1,2}\.\d{1,3}\.\d{1,3})/i,
  },
  // go.mod and module paths: github.com/microsoft/go-mssqldb v1.6.0, …/go-mssqldb@v1.6.0/tds.go
  { library: 'go-mssqldb', pattern: /\bgo-mssqldb(?:@|\s{1,3})v(\d{1,2}\.\d{1,3}\.\d{1,3})/ },
  // pip and wheels: pymssql==2.1.4, pymssql-2.2.7-cp311-…, site-packages/pymssql-2.2.7.dist-info, prose "pymssql 2.1.3"
  { library: 'pymssql', pattern: /\bpymssql(?:==|-|\s{0,3}version:?\s{1,3}v?|\s{1,3}v?)(\d\.\d{1,2}\.\d{1,3})/i },
  // gem paths (gems/tiny_tds-2.1.2/lib/…, tiny_tds-2.1.2-x64-mingw32), Gemfile.lock "tiny_tds (2.1.2)"
  { library: 'tiny_tds', pattern: /\btiny_tds(?:-|\s{1,3}\(|\s{1,3}v?)(\d\.\d{1,2}\.\d{1,3})/i },
  // TinyTDS's own tsql banner: "[TinyTds][v1.0.5][tsql]"
  { library: 'tiny_tds', pattern: /\[TinyTds\]\[v(\d\.\d{1,2}\.\d{1,3})\]/ },
  // tsql -C "Version: freetds v1.3.17", a TDSDUMP "Starting log file for FreeTDS 1.00.59", a source tree freetds-1.3.16/
  { library: 'freetds', pattern: /\bfreetds[- ]v?([01]\.\d{1,2}(?:\.\d{1,4})?)\b/i },
  // The driver's file (libmsodbcsql-17.3.so.1.1 is 17.3.1.1) and its Linux package (msodbcsql18_18.3.2.1-1_amd64.deb)
  { library: 'msodbcsql', pattern: /\blibmsodbcsql-(1\d\.\d{1,2})\.so\.(\d{1,2})\.(\d{1,2})/, read: (m) => `${m[1]}.${m[2]}.${m[3]}` },
  { library: 'msodbcsql', pattern: /\bmsodbcsql1\d(?:[-_]|\s{1,20})(1\d\.\d{1,2}\.\d{1,2}\.\d{1,2})/ },
  { library: 'msodbcsql', pattern: /\bODBC Driver (1[1-8]) for SQL Server\b/, majorOnly: true },
];

const LIBRARY_ORDER: readonly ClientLibrary[] = [...new Set(VERSION_SOURCES.map((s) => s.library))];

function asVersion(library: ClientLibrary, version: string, index: number, majorOnly: boolean): ClientVersion {
  const [major, minor] = version.split('.').map((part) => Number.parseInt(part, 10));
  const found: ClientVersion = { library, version, major: major as number, index };
  if (!majorOnly && minor !== undefined) found.minor = minor;
  return found;
}

/** The client library the paste names with a version, and that version; the TDS driver when it names several. */
export function clientVersionIn(text: string): ClientVersion | undefined {
  const found: ClientVersion[] = [];
  for (const source of VERSION_SOURCES) {
    const m = source.pattern.exec(text);
    if (!m) continue;
    const version = source.read ? source.read(m) : (m[1] as string);
    found.push(asVersion(source.library, source.majorOnly ? (version.split('.')[0] as string) : version, m.index, source.majorOnly === true));
  }
  for (const library of LIBRARY_ORDER) {
    // Within one library the most precise reading wins (a package version over a major-only driver name).
    const mine = found.filter((f) => f.library === library);
    const best = mine.find((f) => f.minor !== undefined) ?? mine[0];
    if (best) return best;
  }
  return undefined;
}

/** SQL Server's product names and the major version each has (8 is SQL Server 2000, 9 is 2005, …). */
const MAJOR_OF_PRODUCT: Readonly<Record<string, number>> = {
  '2000': 8,
  '2005': 9,
  '2008': 10,
  '2008 R2': 10,
  '2012': 11,
  '2014': 12,
  '2016': 13,
  '2017': 14,
  '2019': 15,
  '2022': 16,
  '2025': 17,
};

/** How many characters around a prose mention are read for a template that names a version it is not talking to. */
const CONTEXT = 48;

/**
 * Client messages that name an old SQL Server without it being the server at hand: SNI's Shared Memory errors 36–39
 * ("… used to connect to SQL Server 2000 was not found"), old SqlClient's "When connecting to SQL Server 2005, this
 * failure may be caused …", mssql-jdbc's "For SQL Server 2005 or later, verify that the SQL Server Browser Service …",
 * and driver products named after a release ("SQL Server 2005 JDBC Driver").
 */
const NOT_THE_SERVER_BEFORE = /shared memory|when connecting to\s{1,3}$|connectivity to\s{1,3}$/i;
/** mssql-jdbc's SQL Browser advice names SQL Server 2005 in every language it ships, beside port 1434 and the Browser. */
const NOT_THE_SERVER_NEAR = /SQL Server[ -]?Browser|\b1434\b/i;
const NOT_THE_SERVER_AFTER = /^(?:\s{0,3}(?:or|and) (?:later|earlier|above|newer|higher)|\s{1,3}(?:shared memory|JDBC|Native Client|ODBC|Management Studio|Express LocalDB|Compact|was not found))/i;

interface ServerVersionSource {
  pattern: RegExp;
  major: (m: RegExpMatchArray) => number | undefined;
  /** A mention in prose or a template that may be about another server: check its surroundings (the pattern is global). */
  prose?: boolean;
}

const productMajor = (m: RegExpMatchArray) => MAJOR_OF_PRODUCT[(m[1] as string).replace(/\s{1,3}/, ' ')];

/** Strongest first: a driver refusing the server names it outright; a version banner; a build number; prose. */
const SERVER_VERSION_SOURCES: readonly ServerVersionSource[] = [
  // mssql-jdbc's R_unsupportedServerVersion: the PRELOGIN answer's major version, below 9.
  { pattern: /\bSQL Server version (\d{1,2}) is not supported by this driver/, major: (m) => Number(m[1]) },
  // ODBC Driver 11 to 17 refusing SQL Server 2000 ("ODBC Driver 13 for SQL Server does not support connections to SQL Server 2000 or earlier versions.").
  { pattern: /\bdoes not support connections to SQL Server (2000|2005) or earlier versions/, major: productMajor },
  // FreeTDS falls back to TDS 7.1 when the server speaks nothing newer: SQL Server 2000.
  { pattern: /\bTDS version downgraded to 7\.1\b/, major: () => 8 },
  // @@VERSION: "Microsoft SQL Server 2000 - 8.00.2039 (Intel X86)", "Microsoft SQL Server 2017 (RTM) - 14.0.1000.169 (X64)"
  { pattern: /\bMicrosoft SQL Server\s{1,3}(2000|2005|2008\s{1,3}R2|2008|2012|2014|2016|2017|2019|2022|2025)\b/g, major: productMajor, prose: true },
  // Build numbers written the way SQL Server 7.0 to 2008 R2 wrote them: 8.00.2039, 9.00.5000, 10.50.1600.
  { pattern: /(?<![\d.])([789]|10)\.(?:00|50)\.\d{3,4}(?![\d])/, major: (m) => Number(m[1]) },
  // Prose: "SQL Server 2000", "MSSQL 2005", "sql 2008 R2"
  { pattern: /\b(?:MS ?SQL|SQL)(?: Server)?\s{1,3}(2000|2005|2008\s{1,3}R2|2008)\b/gi, major: productMajor, prose: true },
];

function aboutAnotherServer(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT), start);
  const after = text.slice(end, end + CONTEXT);
  return NOT_THE_SERVER_BEFORE.test(before) || NOT_THE_SERVER_AFTER.test(after) || NOT_THE_SERVER_NEAR.test(before + after);
}

/** The SQL Server major version the paste names (8 for SQL Server 2000), from its strongest source. */
export function serverMajorVersionIn(text: string): { major: number; index: number } | undefined {
  for (const source of SERVER_VERSION_SOURCES) {
    if (!source.prose) {
      const m = source.pattern.exec(text);
      const major = m ? source.major(m) : undefined;
      if (m && major !== undefined) return { major, index: m.index };
      continue;
    }
    // A mention in prose is read past the ones that are about another server (matchAll leaves the pattern's state alone).
    for (const m of text.matchAll(source.pattern)) {
      const major = source.major(m);
      if (major !== undefined && !aboutAnotherServer(text, m.index, m.index + m[0].length)) return { major, index: m.index };
    }
  }
  return undefined;
}

/**
 * The TDS version a client was told to use: a setting (freetds.conf "tds version = 7.4", TDSVER=7.0, pymssql's
 * tds_version='7.0', TinyTDS's tds_version: '7.3', ODBC's TDS_Version=8.0) before what pymssql refused ("unrecognized tds
 * version: 8.0"), before the default FreeTDS was compiled with (tsql -C "TDS version: 5.0"), which a setting overrides.
 */
const TDS_VERSION_SOURCES: readonly RegExp[] = [
  /\b(?:tds[ _]version\s{0,3}=>?|tds_version\s{0,3}:|TDSVER\s{0,3}=)\s{0,3}['"]?(auto|\d\.\d)\b/i,
  /\bunrecognized tds version: '?(\d{1,2}\.\d{1,2})/i,
  /\bTDS version:\s{1,40}(auto|\d\.\d)\b/,
];

export function tdsVersionIn(text: string): { version: string; index: number } | undefined {
  for (const pattern of TDS_VERSION_SOURCES) {
    const m = pattern.exec(text);
    if (m) return { version: (m[1] as string).toLowerCase(), index: m.index };
  }
  return undefined;
}

type VersionFactName =
  | 'error.clientLibrary'
  | 'error.clientVersion'
  | 'error.clientVersionMajor'
  | 'error.clientVersionMinor'
  | 'error.serverMajorVersion'
  | 'error.tdsVersion';

/** A fact this module reads, with where in the text it was read. */
export type VersionFact = { [K in VersionFactName]: { name: K; value: NonNullable<Facts[K]>; index: number } }[VersionFactName];

/** Every version fact the text gives, for normalize() to set. */
export function versionFactsIn(text: string): VersionFact[] {
  const facts: VersionFact[] = [];
  const client = clientVersionIn(text);
  if (client) {
    facts.push({ name: 'error.clientLibrary', value: client.library, index: client.index });
    facts.push({ name: 'error.clientVersion', value: client.version, index: client.index });
    facts.push({ name: 'error.clientVersionMajor', value: client.major, index: client.index });
    if (client.minor !== undefined) facts.push({ name: 'error.clientVersionMinor', value: client.minor, index: client.index });
  }
  const server = serverMajorVersionIn(text);
  if (server) facts.push({ name: 'error.serverMajorVersion', value: server.major, index: server.index });
  const tds = tdsVersionIn(text);
  if (tds) facts.push({ name: 'error.tdsVersion', value: tds.version, index: tds.index });
  return facts;
}
