// The evidence parsers, by kind, with the facts each one produces (docs/evidence.md is rendered from this).
import type { FactName } from '../schemas/facts.js';
import type { EvidenceKind } from '../schemas/vocabulary.js';
import { aliases } from './aliases.js';
import { capture } from './capture.js';
import { connectionString } from './connection-string.js';
import { errorlog } from './errorlog.js';
import { processes } from './processes.js';
import { sockets } from './sockets.js';
import type { EvidenceParser } from './types.js';

export interface EvidenceParserEntry {
  parser: EvidenceParser;
  /** What a person pastes for this kind. */
  reads: string;
  /** Every fact the parser may set. */
  produces: readonly FactName[];
}

export const EVIDENCE_PARSERS: Readonly<Record<EvidenceKind, EvidenceParserEntry>> = {
  netstat: {
    parser: sockets,
    reads: 'Windows `netstat -aon` / `-abon`, `Get-NetTCPConnection`, Linux `ss -ltnp` / `ss -tanp` / `netstat -tlnp`, macOS `lsof -iTCP -sTCP:LISTEN`',
    produces: ['netstat.listeners'],
  },
  tasklist: {
    parser: processes,
    reads: '`tasklist` (table or `/FO CSV`), PowerShell `Get-Process`, `ps -eo pid,comm` / `ps aux`',
    produces: ['processes'],
  },
  errorlog: {
    parser: errorlog,
    reads: 'the SQL Server ERRORLOG (Windows or Linux, also UTF-16), `xp_readerrorlog` output',
    produces: [
      'errorlog.listeningPorts',
      'errorlog.listeningAddresses',
      'errorlog.tcpListening',
      'errorlog.startupSeen',
      'errorlog.namedPipe',
      'errorlog.dacPort',
      'errorlog.ready',
      'errorlog.shutdown',
      'errorlog.processId',
      'errorlog.serverName',
      'errorlog.version',
      'errorlog.authMode',
      'errorlog.certificate',
      'errorlog.loginFailures',
    ],
  },
  alias: {
    parser: aliases,
    reads: '`reg query HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\Client\\ConnectTo` (and the WOW6432Node view), `.reg` exports, `Get-ItemProperty`',
    produces: ['alias.entries'],
  },
  connection_string: {
    parser: connectionString,
    reads: 'ADO.NET / ODBC / OLE DB connection strings, JDBC and jTDS URLs, `mssql://` and `sqlserver://` URLs, tedious / node-mssql config objects, `sqlcmd -S …` command lines',
    produces: [
      'target.host',
      'target.instance',
      'target.port',
      'target.protocol',
      'target.isLocal',
      'connection.driver',
      'connection.database',
      'connection.encrypt',
      'connection.trustServerCertificate',
      'connection.integratedSecurity',
      'connection.authentication',
      'connection.connectTimeout',
    ],
  },
  capture: {
    parser: capture,
    reads: 'Network Monitor rows, `tcpdump -nn` and `tshark` text, pcap / pcapng files (base64 in JSON)',
    produces: ['capture.conversations', 'capture.ssrp'],
  },
};

export const PARSERS: readonly EvidenceParser[] = Object.values(EVIDENCE_PARSERS).map((e) => e.parser);
