// OS and socket error numbers as clients print them, and what each says happened to the connection.
// Windows: Winsock (WSAE*, 10000+) and Win32 (ERROR_*) codes; Linux/macOS: errno values.
import type { SocketOutcome } from '../schemas/vocabulary.js';
import { composeRegex } from '../compose-regex.js';

export type OsPlatform = 'windows' | 'linux' | 'macos';

interface OsError {
  readonly name: string;
  readonly outcome: SocketOutcome;
}

const WINDOWS: Record<number, OsError> = {
  2: { name: 'ERROR_FILE_NOT_FOUND', outcome: 'pipe_not_found' },
  5: { name: 'ERROR_ACCESS_DENIED', outcome: 'access_denied' },
  53: { name: 'ERROR_BAD_NETPATH', outcome: 'pipe_not_found' },
  64: { name: 'ERROR_NETNAME_DELETED', outcome: 'reset' },
  121: { name: 'ERROR_SEM_TIMEOUT', outcome: 'timeout' },
  231: { name: 'ERROR_PIPE_BUSY', outcome: 'pipe_busy' },
  232: { name: 'ERROR_NO_DATA', outcome: 'pipe_closed' },
  233: { name: 'ERROR_PIPE_NOT_CONNECTED', outcome: 'pipe_closed' },
  1225: { name: 'ERROR_CONNECTION_REFUSED', outcome: 'refused' },
  1231: { name: 'ERROR_NETWORK_UNREACHABLE', outcome: 'unreachable' },
  1232: { name: 'ERROR_HOST_UNREACHABLE', outcome: 'unreachable' },
  258: { name: 'WAIT_TIMEOUT', outcome: 'timeout' },
  10053: { name: 'WSAECONNABORTED', outcome: 'aborted' },
  10054: { name: 'WSAECONNRESET', outcome: 'reset' },
  10057: { name: 'WSAENOTCONN', outcome: 'not_connected' },
  10060: { name: 'WSAETIMEDOUT', outcome: 'timeout' },
  10061: { name: 'WSAECONNREFUSED', outcome: 'refused' },
  10064: { name: 'WSAEHOSTDOWN', outcome: 'unreachable' },
  10065: { name: 'WSAEHOSTUNREACH', outcome: 'unreachable' },
  10051: { name: 'WSAENETUNREACH', outcome: 'unreachable' },
  11001: { name: 'WSAHOST_NOT_FOUND', outcome: 'dns' },
  11002: { name: 'WSATRY_AGAIN', outcome: 'dns' },
  11004: { name: 'WSANO_DATA', outcome: 'dns' },
};

const LINUX: Record<number, OsError> = {
  // connect() refused by the local security policy (SELinux, AppArmor, a sandbox), not by the network.
  13: { name: 'EACCES', outcome: 'access_denied' },
  101: { name: 'ENETUNREACH', outcome: 'unreachable' },
  104: { name: 'ECONNRESET', outcome: 'reset' },
  110: { name: 'ETIMEDOUT', outcome: 'timeout' },
  111: { name: 'ECONNREFUSED', outcome: 'refused' },
  113: { name: 'EHOSTUNREACH', outcome: 'unreachable' },
  // FreeTDS reports EINPROGRESS when its non-blocking connect() never completed: a timeout.
  115: { name: 'EINPROGRESS', outcome: 'timeout' },
};

const MACOS: Record<number, OsError> = {
  13: { name: 'EACCES', outcome: 'access_denied' },
  51: { name: 'ENETUNREACH', outcome: 'unreachable' },
  54: { name: 'ECONNRESET', outcome: 'reset' },
  60: { name: 'ETIMEDOUT', outcome: 'timeout' },
  61: { name: 'ECONNREFUSED', outcome: 'refused' },
  65: { name: 'EHOSTUNREACH', outcome: 'unreachable' },
  36: { name: 'EINPROGRESS', outcome: 'timeout' },
};

const BY_PLATFORM: Record<OsPlatform, Record<number, OsError>> = { windows: WINDOWS, linux: LINUX, macos: MACOS };

/** Symbolic codes as Node, Go, Python and FreeTDS print them. */
const SYMBOLIC: Record<string, SocketOutcome> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'aborted',
  EACCES: 'access_denied',
};

/**
 * What an OS error number means. The platform hint comes from the text ("Win32Exception",
 * FreeTDS "OS error"); without it Windows is tried first (most pastes), then Linux and macOS,
 * whose small errno values do not collide with the Winsock range.
 */
export function lookupOsError(code: number, hint?: OsPlatform): OsError | undefined {
  const order: OsPlatform[] = hint ? [hint] : ['windows', 'linux', 'macos'];
  for (const platform of order) {
    const found = BY_PLATFORM[platform][code];
    if (found) return found;
  }
  return undefined;
}

export function symbolicOutcome(code: string): SocketOutcome | undefined {
  return SYMBOLIC[code.toUpperCase()];
}

/** A symbolic errno as a word of its own: "connect ECONNREFUSED 127.0.0.1:1433", "getaddrinfo ENOTFOUND db01". */
const SYMBOLIC_ERRNO = composeRegex(String.raw`\b(${Object.keys(SYMBOLIC).join('|')})\b`);

/** The outcome of the first symbolic errno in a message, if it names one. */
export function symbolicOutcomeIn(message: string): SocketOutcome | undefined {
  const m = SYMBOLIC_ERRNO.exec(message);
  return m ? symbolicOutcome(m[1] as string) : undefined;
}

/**
 * Codes drivers print beside or instead of a number: the errnos above, tedious/node-mssql's own
 * (ESOCKET, ETIMEOUT, ELOGIN, EINSTLOOKUP, …) and Prisma's P1xxx. A closed list: "ERROR" is no code.
 */
const SYMBOLIC_CODE = composeRegex(
  String.raw`\b(${Object.keys(SYMBOLIC).join('|')}|ESOCKET|ETIMEOUT|ELOGIN|EINSTLOOKUP|ETLS|ECONNCLOSED|EREQUEST|ENOTOPEN|P1\d{3})\b`,
);

/** The first symbolic code in a text. */
export function symbolicCodeIn(text: string): string | undefined {
  return SYMBOLIC_CODE.exec(text)?.[1];
}
