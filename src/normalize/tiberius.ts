// Rust tiberius errors in their Debug form: `Io { kind: ConnectionRefused, message: "… (os error 111)" }`,
// `Tls("…")`, `Server(TokenError { code: 18456, … })`, and the Display form "An error occured during the attempt of performing I/O: …".
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { readInteger } from '../read-integer.js';
import type { SocketOutcome } from '../schemas/vocabulary.js';
import { compact, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';
import { composeRegex } from '../compose-regex.js';

/** tiberius's Display text keeps its spelling ("occured"), which makes it a signature. */
const PERFORMING_IO = /An error occured during the attempt of performing I\/O: ([^\n"]{1,300})/g;
const IO = /\bIo \{ kind: (\w{1,40}), message: "([^"]{0,400})" \}/g;
/** Rust's std::io::Error Debug form, as tiberius 0.1 and a bare unwrap() print it. */
const OS = /\bOs \{ code: (-?\d{1,11}),(?: kind: (\w{1,40}),)? message: \\?"([^"\\]{0,400})\\?" \}/g;
const TLS = /\bTls\("([^"]{0,400})"\)/g;
const TOKEN_ERROR = /\bServer\((?:TokenError|TokenInfo) \{ code: (\d{1,6}), state: (\d{1,3}), class: (\d{1,2}), message: "([^"]{0,400})"/g;
const SERVER = /\bServer \{ message: "([^"]{0,400})", code: (\d{1,6})/g;
/**
 * The Display forms of the same errors (tiberius's error.rs): "Error forming TLS connection: {}", "Token error: '{message}'
 * on server {server} executing {procedure} on line {line} (code: {code}, state: {state}, class: {class})", and the Azure
 * gateway's redirect the client did not follow ("Server requested a connection to an alternative address: `h:p`").
 */
const TLS_DISPLAY = /Error forming TLS connection: ([^\n]{1,300})/g;
// Its gaps stop at the next "Token error: ", so a text of many starts costs each one only up to the next.
const TOKEN_DISPLAY =
  /Token error: '((?:(?!Token error: ).){0,400}?)' on server [^\s]{0,128} executing (?:(?!Token error: )[^\n]){0,200}?\(code: (\d{1,6}), state: (\d{1,3}), class: (\d{1,2})\)/g;
const REDIRECT = /Server (?:requested a connection to an alternative address|commanded a redirect to an alternate address)[^\n]{0,300}/g;
const SIGNATURE = composeRegex([PERFORMING_IO, IO, OS, TLS, TOKEN_ERROR, SERVER, TLS_DISPLAY, TOKEN_DISPLAY, REDIRECT].map((r) => r.source).join('|'));

/** std::io::ErrorKind names, for messages that carry no OS error number. */
const KIND_OUTCOMES: Partial<Record<string, SocketOutcome>> = {
  ConnectionRefused: 'refused',
  ConnectionReset: 'reset',
  ConnectionAborted: 'aborted',
  BrokenPipe: 'reset',
  TimedOut: 'timeout',
  HostUnreachable: 'unreachable',
  NetworkUnreachable: 'unreachable',
};

const OS_ERROR = /\(os error (\d{1,6})\)/;

export const tiberius: ProviderNormalizer = {
  provider: 'tiberius',
  detect: (paste) => SIGNATURE.test(paste.flat),
  parse(paste) {
    const records: ErrorRecord[] = [];
    const push = (fields: Omit<ErrorRecord, 'provider' | 'line' | 'driver'>, index: number, kind?: string) => {
      const record = withSocketOutcome(compact<ErrorRecord>({ provider: 'tiberius', driver: 'tiberius', ...fields, line: paste.lineAt(index) }));
      const fallback = kind ? KIND_OUTCOMES[kind] : undefined;
      records.push(record.socket || !fallback ? record : { ...record, socket: fallback });
    };
    const osErrorIn = (message: string) => {
      const m = OS_ERROR.exec(message);
      return readInteger(m?.[1], 'osError');
    };

    for (const m of matchAll(paste, IO)) push({ osError: osErrorIn(m[2] as string), message: m[2] as string }, m.index, m[1]);
    for (const m of matchAll(paste, OS)) push({ osError: readInteger(m[1], 'osError'), message: m[3] as string }, m.index, m[2]);
    for (const m of matchAll(paste, TLS)) push({ message: `TLS: ${m[1]}` }, m.index);
    for (const m of matchAll(paste, TOKEN_ERROR)) {
      push({ number: readInteger(m[1], 'errorNumber'), state: readInteger(m[2], 'state'), severity: readInteger(m[3], 'severity'), message: m[4] as string }, m.index);
    }
    for (const m of matchAll(paste, SERVER)) push({ number: readInteger(m[2], 'errorNumber'), message: m[1] as string }, m.index);
    for (const m of matchAll(paste, TOKEN_DISPLAY)) {
      const message = (m[1] as string).replace(/^\s*'/, '').trim();
      push({ number: readInteger(m[2], 'errorNumber'), state: readInteger(m[3], 'state'), severity: readInteger(m[4], 'severity'), message }, m.index);
    }
    for (const m of matchAll(paste, TLS_DISPLAY)) {
      if (!records.some((r) => r.message.startsWith('TLS: '))) push({ message: `TLS: ${(m[1] as string).trim()}` }, m.index);
    }
    for (const m of matchAll(paste, REDIRECT)) push({ message: m[0].trim() }, m.index);
    // The Display form, when no Debug form above already carried the same text.
    for (const m of matchAll(paste, PERFORMING_IO)) {
      const message = m[0].trim();
      if (!records.some((r) => message.includes(r.message) || r.message.includes(message))) push({ osError: osErrorIn(message), message }, m.index);
    }
    return records;
  },
};
