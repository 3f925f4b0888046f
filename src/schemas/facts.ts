// The fact vocabulary: every name a rule may test, with its type and meaning. One source for
// schemas/facts.schema.json, the rule schema's fact enum and docs/facts.md.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { BROWSER_STATES, DNS_STATES, ENCRYPTION_NAMES, PORT_SOURCES, PRELOGIN_ANSWERS, TCP_STATES } from './probe-report.js';
import { INTEGER_RANGES, type IntegerField } from './integer-ranges.js';
import { FAMILIES, PROVIDERS, PROTOCOLS, SOCKET_OUTCOMES, StringEnum } from './vocabulary.js';

const Str = (description: string) => Type.String({ description });
/** A whole number within what its kind of field can hold (src/schemas/integer-ranges.ts). */
const Num = (field: IntegerField, description: string) => Type.Integer({ ...INTEGER_RANGES[field], description });
const Int = (field: IntegerField) => Type.Integer({ ...INTEGER_RANGES[field] });
const Bool = (description: string) => Type.Boolean({ description });
const Port = (description: string) => Num('port', description);
const Ports = (description: string) =>
  Type.Array(Int('port'), { description });
const Strs = (description: string) => Type.Array(Type.String(), { description });
const OneOf = StringEnum;

/** Fact name → schema. Names are dotted: `<source>.<what>`. */
export const FACT_SCHEMAS = {
  // From the pasted error text (src/normalize/).
  'error.family': OneOf(FAMILIES, 'Failure family the pasted error belongs to.'),
  'error.provider': OneOf(PROVIDERS, 'Client family of the first recognised error record.'),
  'error.providers': Type.Array(OneOf(PROVIDERS, 'provider'), {
    description: 'Every client family recognised in the paste.',
  }),
  'error.driver': Str('Driver or library named in the text, e.g. "ODBC Driver 18 for SQL Server".'),
  'error.socket': OneOf(
    SOCKET_OUTCOMES,
    'What happened to the connection attempt, read from an OS error number or phrase.',
  ),
  'error.socketInferred': Bool(
    'True when error.socket was inferred from a generic message (DBNETLIB "ConnectionOpen (Connect())") rather than an OS error.',
  ),
  'error.osError': Num('osError', 'First OS/socket error number in the text (10061, 111, 53, …).'),
  'error.osErrors': Type.Array(Int('osError'), { description: 'Every OS/socket error number in the text.' }),
  'error.sniProvider': Str('SNI provider tag: "TCP Provider", "Named Pipes Provider", "SQL Network Interfaces", …'),
  'error.sniError': Num('sniError', 'SNI error number from "(provider: X, error: N - …)" or "[xFFFFFFFF]" (-1).'),
  'error.numbers': Type.Array(Int('errorNumber'), {
    description: 'SQL Server / client library error numbers (2, 53, 18456, 20009, …).',
  }),
  'error.sqlStates': Strs('ODBC SQLSTATEs in the text (08001, HYT00, …).'),
  'error.netlibCall': Str('The DBNETLIB/Net-Library call that failed: "Connect()", "ParseConnectParams()", …'),
  'error.loginTimeout': Bool('The text says "Login timeout expired".'),
  'error.message': Str('The most specific error message in the paste (redacted).'),
  'error.phase': OneOf(
    ['connect', 'instance-lookup', 'prelogin', 'tls', 'login', 'post-login', 'command', 'pool'],
    'Where the attempt failed, when the text says so ("[Pre-Login] handshake=…", "prior to obtaining a connection from the pool", an execution timeout).',
  ),
  'error.tlsReason': OneOf(
    ['protocol-version', 'untrusted-certificate', 'name-mismatch', 'peer-closed', 'encryption-refused', 'encryption-unsupported', 'certificate-expired'],
    'What a TLS failure text names: no common protocol version, a certificate the client does not trust (or not the one it pinned), a certificate for another name, the server closing the connection mid-handshake (EOF) without saying why, the server requiring encryption that the client turned off (tedious\'s "Server requires encryption, set \'encrypt\' config option to true.", EENCRYPT: no TLS handshake was attempted), the client requiring encryption that the server cannot give (PRELOGIN ENCRYPT_NOT_SUP: no certificate), or a certificate outside its validity period.',
  ),
  'error.instanceLookup': OneOf(
    ['unanswered', 'refused', 'instance-missing', 'tcp-disabled'],
    'What the client\'s SQL Browser lookup (UDP 1434) got: no answer before the deadline, a refusal (the host answered the query with ICMP port unreachable: nothing listens on UDP 1434 there; Go prints "read udp …:1434: read: connection refused"), an answer that lists no such instance ("Port for X not found", "no instance matching"), or one that lists the instance without a TCP port (TCP/IP disabled for it).',
  ),
  'error.loginState': Num(
    'state',
    'The server-side state of a login failure, which names the reason: from the ERRORLOG header ("Error: 18456, Severity: 14, State: 8.") or the reason the server wrote ("Reason: Password did not match that for the login provided." is 8).',
  ),
  'error.loginUser': Str('The login name a login failure names ("Login failed for user \'sa\'." gives sa).'),
  'error.loginKind': OneOf(
    ['sql', 'windows', 'machine-account', 'anonymous', 'entra-token'],
    'What kind of identity error.loginUser is: a SQL login, a Windows account (DOMAIN\\user), a machine account (DOMAIN\\HOST$: a service running as Network Service or an app pool identity), NT AUTHORITY\\ANONYMOUS LOGON (Kerberos delegation failed: the double hop), or an Entra token (<token-identified principal>). Only a SQL login has a password the server checked.',
  ),
  'error.configError': OneOf(
    [
      'connection-string-format',
      'keyword-not-supported',
      'invalid-attribute',
      'localdb-unsupported',
      'invalid-value',
      'option-conflict',
      'missing-server',
      'no-connection-string',
      'driver-missing',
      'auth-library-missing',
      'localdb-missing',
      'unsupported-on-platform',
      'client-charset',
    ],
    'The client rejected its own settings or set-up before connecting: a malformed connection string ("Format of the initialization string does not conform to specification"), an unknown keyword ("Keyword not supported"), an ODBC attribute it does not know ("Invalid connection string attribute", 01S00), a LocalDB name on a client without LocalDB ("LocalDB is not supported on this platform"), a value out of range or unknown (invalid-value), settings that contradict each other or lack a companion (option-conflict), no server named (missing-server), an empty connection string (no-connection-string), the driver or ODBC driver not installed (driver-missing), the integrated-authentication library not loadable (auth-library-missing), no LocalDB installation (localdb-missing), a setting this build cannot honour where it runs (unsupported-on-platform), or a client character set it cannot convert (client-charset).',
  ),
  'error.messages': Strs(
    'Ids of the message catalogue entries recognised in the paste (`<source>:<key>`, e.g. "mds:SNI_ERROR_26"; docs/catalogue.md), in order of position. A rule may name a message with `contains`.',
  ),
  'error.kerberos': OneOf(
    ['no-ticket', 'credentials-expired', 'gssapi-failed', 'spn-compose-failed', 'bad-name', 'not-built', 'clock-skew', 'kdc-unreachable'],
    'What a client\'s Kerberos/GSSAPI failure names: no usable ticket in the credential cache (kinit not run, or no SPN for the server), expired credentials, a GSSAPI error with its status, the server\'s SPN could not be built, a principal name that does not resolve, a client built without Kerberos support, clocks further apart than Kerberos allows (clock-skew), or no KDC of the realm found or reached (kdc-unreachable).',
  ),
  'error.entraAuth': OneOf(
    ['token-failed', 'managed-identity-unreachable', 'provider-missing', 'user-timeout'],
    'What a Microsoft Entra ID (Azure AD) authentication failure of the client names: no access token could be acquired, the managed-identity (IMDS) endpoint did not answer, no authentication provider for the method (a package not installed), or an interactive / device-code sign-in not completed in time.',
  ),
  'error.serverState': OneOf(
    ['starting', 'paused', 'shutting-down', 'single-user', 'admin-only', 'connection-limit', 'busy', 'unavailable', 'resource-limit', 'auto-paused'],
    'What a server message says of the server\'s own state: still starting or recovering, paused, shutting down, in single-user or administrators-only mode, at its user-connection limit; on Azure SQL, too busy, not available now (a failover or reconfiguration: retry), at a resource-governance limit, or an auto-paused serverless database resuming.',
  ),
  'error.tcpConnected': Bool('The text says the TCP connection was made and the failure came after it (so nothing refused or dropped the connection).'),
  'error.notTds': Bool('What answered on the port does not speak TDS: the driver read bytes that are no TDS packet (another program listens there).'),
  'error.redirected': Bool('The server routed the client to another host and port during login (Azure SQL redirect, read-only routing); the failure is the redirect target\'s.'),
  'error.symbolicCode': Str('A symbolic code the driver printed: ECONNREFUSED, ETIMEOUT, ESOCKET, ELOGIN, EINSTLOOKUP, P1001, …'),
  'error.clientLibrary': OneOf(
    ['mssql-jdbc', 'jtds', 'Microsoft.Data.SqlClient', 'System.Data.SqlClient', 'tedious', 'go-mssqldb', 'pymssql', 'tiny_tds', 'freetds', 'msodbcsql'],
    'The client library the paste names together with its version (a jar name, a gem, npm, NuGet, pip or Go module path, an ODBC driver\'s file or name, a FreeTDS banner); with several, the TDS driver, and a FreeTDS wrapper (pymssql, TinyTDS) before FreeTDS.',
  ),
  'error.clientVersion': Str('That library\'s version as the paste wrote it: "12.2.0" (mssql-jdbc-12.2.0.jre11.jar), "16.6.1" (tedious@16.6.1), "18" (ODBC Driver 18 for SQL Server).'),
  'error.clientVersionMajor': Num('version', 'The major number of error.clientVersion (12 for 12.2.0).'),
  'error.clientVersionMinor': Num('version', 'The minor number of error.clientVersion (2 for 12.2.0); absent where the paste names only a major version.'),
  'error.serverMajorVersion': Num(
    'version',
    'The SQL Server major version the paste names: 8 SQL Server 2000, 9 2005, 10 2008 and 2008 R2, 11 2012, 12 2014, 13 2016, 14 2017, 15 2019, 16 2022; from a driver refusing it ("SQL Server version 8 is not supported by this driver"), a version banner, an old-style build number (8.00.2039) or a mention in the text.',
  ),
  'error.tdsVersion': Str('The TDS protocol version a FreeTDS-based client was set to ("tds version = 7.4", TDSVER=7.0, tds_version=\'7.1\', TDS_Version=8.0), else the default tsql -C reports ("TDS version: 5.0"); "auto" lets FreeTDS choose.'),
  'error.linkedServer': Str('A linked server relayed the failure: its name (\'for linked server "DB02"\'), or the OLE DB provider\'s name a relayed error carries as its server name (SQLNCLI11, MSOLEDBSQL). The client\'s own connection worked.'),

  // Where the client tried to go (error text, connection string, caller).
  'target.host': Str('Host name or address the client tried to reach.'),
  'target.instance': Str('Named instance, if any (the part after the backslash).'),
  'target.port': Port('Port named explicitly in the connection string or text.'),
  'target.portTried': Port(
    'Port the client actually dialled, as best known: an alias port, else the explicit port, else 1433 for a default instance.',
  ),
  'target.protocol': OneOf(PROTOCOLS, 'Protocol prefix forced by the client (tcp:, np:, lpc:, admin:).'),
  'target.isLocal': Bool('The target names this machine (localhost, ".", "(local)", 127.0.0.1, ::1).'),
  'target.isAzure': Bool('Derived: the host is an Azure SQL endpoint (*.database.windows.net and the sovereign-cloud equivalents).'),

  // ERRORLOG evidence (src/evidence/errorlog.ts; may be given as facts).
  'errorlog.listeningPorts': Ports('TCP ports from "Server is listening on [ … <ipv4> PORT]" lines.'),
  'errorlog.listeningAddresses': Strs('Addresses from those lines ("any", "127.0.0.1", "::1", …).'),
  'errorlog.tcpListening': Bool('The startup sequence shows at least one TCP listener.'),
  'errorlog.startupSeen': Bool('The text holds a startup sequence (so a missing "listening" line means something).'),
  'errorlog.namedPipe': Str('Pipe from "Server named pipe provider is ready to accept connection on [ \\.\pipe\… ]".'),
  'errorlog.dacPort': Port('Port from "Dedicated admin connection support was established for listening … on port N".'),
  'errorlog.ready': Bool('"SQL Server is now ready for client connections." was logged.'),
  'errorlog.shutdown': Bool('The log ends in a shutdown ("SQL Server is terminating…", "Server shut down…").'),
  'errorlog.processId': Num('pid', '"Server process ID is N." (compare with the PID netstat shows on the port).'),
  'errorlog.serverName': Str('Server (and instance) name the ERRORLOG reports, e.g. "DB01\\SQLEXPRESS".'),
  'errorlog.version': Str('The "Microsoft SQL Server 20xx … - 16.0.x" version line.'),
  'errorlog.authMode': OneOf(['mixed', 'windows'], '"Authentication mode is MIXED." or "WINDOWS-ONLY".'),
  'errorlog.certificate': OneOf(['self-generated', 'loaded'], 'Which certificate was loaded for encryption.'),
  'errorlog.loginFailures': Type.Array(
    Type.Object(
      { state: Int('state'), reason: Type.Optional(Type.String()), login: Type.Optional(Type.String()), client: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    { description: '"Error: 18456, Severity: 14, State: N." entries with their "Login failed for user …" reason line.' },
  ),
  'errorlog.portListed': Bool('Derived: errorlog.listeningPorts contains target.portTried.'),
  'errorlog.loopbackOnly': Bool('Derived: every listening address is a loopback address.'),

  // netstat / ss / lsof / Get-NetTCPConnection and process lists (src/evidence/sockets.ts, processes.ts).
  'netstat.listeners': Type.Array(
    Type.Object(
      {
        address: Type.String(),
        port: Int('port'),
        pid: Type.Optional(Int('pid')),
        process: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
    { description: 'Listening TCP sockets: address ("0.0.0.0", "::", "127.0.0.1"), port, owning PID and process name where shown.' },
  ),
  'netstat.listeningPorts': Ports('Derived or given: ports in LISTENING state on the server.'),
  'netstat.portListening': Bool('Derived or given: something listens on target.portTried on the server.'),
  'netstat.portOwner': Str('Derived or given: process name (or "PID n") that owns the listener on target.portTried.'),
  'netstat.portOwnerIsSqlServer': Bool('Derived: netstat.portOwner is sqlservr(.exe), or its PID is the ERRORLOG\'s process ID.'),
  'processes': Type.Array(
    Type.Object({ pid: Int('pid'), name: Type.String() }, { additionalProperties: false }),
    { description: 'Process list (tasklist, Get-Process, ps): PID → image name.' },
  ),

  // Client alias evidence (HKLM\SOFTWARE\Microsoft\MSSQLServer\Client\ConnectTo; src/evidence/aliases.ts).
  'alias.entries': Type.Array(
    Type.Object(
      {
        name: Type.String(),
        protocol: StringEnum(['tcp', 'np', 'lpc', 'other']),
        host: Type.Optional(Type.String()),
        port: Type.Optional(Int('port')),
        pipe: Type.Optional(Type.String()),
        view: Type.Optional(StringEnum(['64-bit', '32-bit'])),
      },
      { additionalProperties: false },
    ),
    { description: 'Client aliases: name → protocol, host, port or pipe, and which registry view (WOW6432Node is 32-bit).' },
  ),
  'alias.matchesServer': Bool('Derived or given: a client alias has the same name as the server the client connects to.'),
  'alias.host': Str('Derived or given: host the matching alias redirects to.'),
  'alias.port': Port('Derived or given: port the matching alias forces.'),
  'alias.protocol': OneOf(PROTOCOLS, 'Derived or given: protocol the matching alias forces.'),

  // Connection string settings (src/evidence/connection-string.ts); passwords are never facts.
  'connection.driver': Str('ODBC driver or provider named in the connection string.'),
  'connection.database': Str('Initial catalog / database.'),
  'connection.encrypt': Str('Encrypt setting as written (true, false, yes, no, mandatory, optional, strict).'),
  'connection.encryptMode': OneOf(
    ['mandatory', 'optional', 'strict'],
    'Derived: what connection.encrypt means, whatever the spelling: mandatory (true, yes, 1), optional (false, no, 0), strict (TDS 8).',
  ),
  'connection.trustServerCertificate': Bool('TrustServerCertificate setting.'),
  'connection.integratedSecurity': Bool('Windows integrated authentication (Integrated Security=SSPI, Trusted_Connection=yes).'),
  'connection.authentication': Str('Authentication keyword (ActiveDirectoryPassword, SqlPassword, …).'),
  'connection.connectTimeout': Num('timeout', 'Connect/login timeout in seconds.'),

  // Service state (a person's answer, sc query, Get-Service, systemctl).
  'service.running': Bool('The SQL Server service for the instance is running.'),
  'server.linkedServerReachable': Bool(
    'Given: `EXEC sp_testlinkedserver N\'NAME\'` succeeds on the server that runs the failing procedure, so that server can reach the linked server it names.',
  ),
  // The client machine (a person's answer).
  'client.selinuxMode': OneOf(['enforcing', 'permissive', 'disabled'], 'Given: what `getenforce` prints on the client machine (Linux): only enforcing SELinux denies a connection.'),
  'client.localdbState': OneOf(
    ['running', 'stopped', 'missing', 'not-installed'],
    'Given: what `SqlLocalDB info NAME` says of the LocalDB instance the client names: running, stopped (it starts on the first connection), missing (not created for this Windows user), or not-installed (no SqlLocalDB at all).',
  ),
  'server.sessionsAtLimit': Bool(
    'Given: the instance holds as many user sessions as its "user connections" setting allows (or the Azure SQL database is at its sessions or workers limit).',
  ),

  // A group of one error in a log (src/scan/scan.ts): what the group's repetitions say that one entry cannot.
  'scan.occurrences': Num('count', 'How many entries of the scanned logs carried this error (its signature).'),
  'scan.distinctLogins': Num(
    'count',
    'How many different login names this error named across those entries (a handful of names tried from one client in seconds is someone guessing, not one missing login).',
  ),

  // Packet captures (src/evidence/capture.ts): text exports and pcap/pcapng files.
  'capture.conversations': Type.Array(
    Type.Object(
      {
        client: Type.String(),
        server: Type.String(),
        serverPort: Int('port'),
        answer: StringEnum(['syn-ack', 'rst', 'none']),
        tds: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
    { description: 'TCP connection attempts seen: who dialled which port, and how the SYN was answered.' },
  ),
  'capture.ssrp': StringEnum(['answered', 'unanswered'], 'A SQL Browser request on UDP 1434 was seen, answered or not.'),
  'capture.synAnsweredByRst': Bool('Derived or given: the SYN to the port tried was answered by RST/ACK.'),
  'capture.synAnsweredBySynAck': Bool('Derived or given: the SYN to the port tried was answered by SYN/ACK.'),
  'capture.synUnanswered': Bool('Derived or given: SYNs to the port tried got no answer (retransmitted).'),
  'capture.portTriedSeen': Bool('Derived: the capture shows a SYN to the port tried (false: the client went elsewhere).'),

  // Live probes (src/probes/, `mssql-doctor probe`, `diagnose --probe`).
  'probe.dns.state': OneOf(
    DNS_STATES,
    'What resolving the target host from this machine gave: resolved, literal (the host is an IP address), not-found (the name does not exist: ENOTFOUND), failed (the resolver failed: EAI_AGAIN, SERVFAIL), timeout.',
  ),
  'probe.dns.addresses': Strs('The addresses the host resolved to, in the order the operating system returns them (the order clients try).'),
  'probe.dns.ipv6First': Bool('The first address the host resolved to is IPv6 ("localhost" giving ::1 first).'),
  'probe.tcp.state': OneOf(
    TCP_STATES,
    'Outcome of a live TCP connect to the target port: open when any resolved address accepted (clients try each in turn), otherwise the first address\'s outcome: refused (RST), timeout (no answer before the deadline), unreachable (no route).',
  ),
  'probe.tcp.port': Port('The TCP port the probe dialled.'),
  'probe.tcp.portSource': OneOf(PORT_SOURCES, 'Where the probed port came from: the connection (an explicit port or alias), the SQL Browser (a named instance), or the default 1433.'),
  'probe.tcp.ipv4State': OneOf(TCP_STATES, 'Outcome of the TCP connect to the first IPv4 address.'),
  'probe.tcp.ipv6State': OneOf(TCP_STATES, 'Outcome of the TCP connect to the first IPv6 address.'),
  'probe.ssrp.state': OneOf(
    BROWSER_STATES,
    'The SQL Browser (UDP 1434) probe: answered; refused (ICMP port unreachable: the machine answered, no Browser listens); unanswered (nothing before the deadline: Browser stopped behind a firewall, UDP 1434 blocked, or the machine unreachable); invalid (an answer that is not a Browser response).',
  ),
  'probe.ssrp.instances': Strs('The instance names the SQL Browser listed.'),
  'probe.ssrp.instanceListed': Bool('The SQL Browser answered and lists the named instance of the target.'),
  'probe.ssrp.instanceTcp': Bool('The SQL Browser lists the target instance (MSSQLSERVER for a default instance) with a TCP port; false: TCP/IP is disabled for it.'),
  'probe.ssrp.instancePort': Port('The TCP port the SQL Browser gives for the target instance (MSSQLSERVER for a default instance).'),
  'probe.ssrp.portDiffers': Bool('Derived: the SQL Browser gives the target instance a TCP port other than the one the client dials (target.portTried).'),
  'probe.prelogin.answer': OneOf(
    PRELOGIN_ANSWERS,
    'What answered a TDS PRELOGIN on the open port: prelogin (SQL Server), tds-other (TDS, not a PRELOGIN answer), not-tds (another protocol, e.g. HTTP), closed (closed or reset without a word), silent (nothing before the deadline).',
  ),
  'probe.prelogin.isTds': Bool('A TDS PRELOGIN sent to the target port got a TDS answer (it is SQL Server).'),
  'probe.prelogin.encryption': OneOf(
    ENCRYPTION_NAMES,
    'The server\'s PRELOGIN ENCRYPTION answer to a client offering none: off (only the login packet is encrypted), required (Force Encryption is on), not-supported (no certificate: no TLS at all), on.',
  ),
  'probe.prelogin.version': Str('The SQL Server version from the PRELOGIN answer (major.minor.build, e.g. 16.0.1000).'),
  'probe.login.state': OneOf(['succeeded', 'failed'], 'An opt-in login with the tedious driver succeeded or failed (its error is diagnosed with the paste).'),
} satisfies Record<string, TSchema>;

export type FactName = keyof typeof FACT_SCHEMAS;
export const FACT_NAMES = Object.keys(FACT_SCHEMAS) as FactName[];

/** The facts object a diagnosis carries: every fact optional, no others. */
export const FactsSchema = Type.Partial(Type.Object(FACT_SCHEMAS, { additionalProperties: false }), {
  $id: 'https://mssql-doctor.dev/schemas/facts.schema.json',
  title: 'mssql-doctor facts',
  description: 'The fact vocabulary rules are written against.',
  additionalProperties: false,
});

export type Facts = Static<typeof FactsSchema>;

export function isFactName(name: string): name is FactName {
  return Object.hasOwn(FACT_SCHEMAS, name);
}
