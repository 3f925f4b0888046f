// Pastes built to be slow: 256 KiB of one signature repeated (the start of a record, its end missing), read by
// diagnose.bench.ts and regex.bench.ts.
export const HOSTILE_SEEDS = [
  '(provider: TCP Provider, error: 0 - (', 'Win32Exception (', 'HResult 0x1, Level 1, State 1 ', 'Sqlcmd: Error: Microsoft x : ',
  '[Microsoft][ODBC Driver 18 for SQL Server]', 'SQLSTATE[', 'DB-Library: ', 'Net-Library error 1: ', 'DB-Lib error message 20009, severity 9: ',
  "unable to open tcp connection with host 'a': ", 'Server=', 'sqlcmd -S ', 'Password=', ' -P ', '\\n', '\\\\', ' ',
  'Failed to connect to a', 'Error: P1001: x ', "host 'h", "Login failed for user 'x'", "unable to open tcp connection with host 'y",
  'Failed to connect to a \\ b', "Token error: ' on server x executing ", 'unable to get instances from Sql Server Browser on host h: ',
  'read tcp 1.2.3.4:5->', 'Connection lost - read ECONNRESET ', 'bsqldb: Msg 20009, Level 9', '[S1000][FreeTDS][SQL Server]',
  "Reason: Password did not match that for the login provided. ",
];

/** `seed` repeated to exactly `size` characters. */
export function repeated(seed: string, size: number): string {
  return seed.repeat(Math.ceil(size / seed.length)).slice(0, size);
}

/** Every catalogue message's wording one after another, to `size`: the most candidates a paste can raise. */
export function everyAnchorPaste(entries: ReadonlyArray<{ anchors: readonly string[] }>, size: number): string {
  return repeated(entries.map((e) => e.anchors.join(' ')).join(' . '), size);
}
