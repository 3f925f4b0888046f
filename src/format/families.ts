// One line per failure family: what it means, as a person reads it in the first line of a diagnosis.
import type { Family } from '../schemas/vocabulary.js';

export const FAMILY_MEANING: Record<Family, string> = {
  refused: 'the server machine was reached, but nothing (or not SQL Server) accepted the connection on the port tried',
  not_found: 'the server or instance could not be located (SQL Browser, instance name or host)',
  timeout: 'the connection attempt got no answer in time (firewall, host down, or a slow server)',
  dns: 'the server name could not be resolved to an address',
  named_pipes: 'the Named Pipes connection could not be opened',
  login_failed: 'SQL Server was reached and rejected the login',
  tls: 'the encrypted (TLS) part of the handshake failed',
  sspi: 'Windows integrated authentication (SSPI/Kerberos) failed',
  prelogin: 'the connection was closed or reset during the handshake',
  azure_firewall: 'the Azure SQL firewall rejected the client address',
  database: 'the login worked but the database could not be opened',
  other: 'a SQL Server client error that names no specific failure family',
  unknown: 'no SQL Server client error was recognised in the text',
};
