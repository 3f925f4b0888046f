// A failure a linked server raised while the client's own connection was working: SQL Server relays what the OLE DB
// provider of a linked server reported ("OLE DB provider "SQLNCLI11" for linked server "DB02" returned message "Login
// timeout expired"."), and the client then shows the provider's connection error (Named Pipes 53, a login failure) as
// if it were its own. Read from the relay's own words, or from a relayed error whose server name is the provider's.

export interface LinkedServer {
  /** The linked server's name, or the OLE DB provider's where only that shows. */
  name: string;
  index: number;
}

/** Messages 7303, 7399, 7412 … all say 'OLE DB provider "X" for linked server "Y"' (sys.messages 7300–7499). */
const RELAYED = /\bfor linked server "([^"\n]{1,128})"/i;

/**
 * SQL Server stamps a relayed provider error with the provider's name as its server name: tedious and node-mssql show
 * serverName: 'SQLNCLI11', sqlcmd "Msg 53, Level 16, State 1, Server SQLNCLI11". No SQL Server instance has these names.
 */
const PROVIDER_AS_SERVER =
  /\b(?:serverName|Server)\s{0,3}[:=]?\s{0,3}['"]?(SQLNCLI(?:1[01])?|MSOLEDBSQL(?:19)?|SQLOLEDB|MSDASQL)['",]/;

export function linkedServerIn(text: string): LinkedServer | undefined {
  const relayed = RELAYED.exec(text);
  if (relayed) return { name: relayed[1] as string, index: relayed.index };
  const provider = PROVIDER_AS_SERVER.exec(text);
  if (provider) return { name: provider[1] as string, index: provider.index };
  return undefined;
}
