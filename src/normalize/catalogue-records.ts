// Recognised catalogue messages joined to the provider normalizers' records: a record carries the ids of the
// messages inside it, and a message no normalizer read (a message body without its provider's layout) becomes a
// record of its own, so that recognition does not depend on a provider prefix.
import type { Catalogue } from '../messages/catalogue.js';
import { agreedMeaning, matchesBySpan, spanOf } from '../messages/meaning.js';
import type { MessageMatch } from '../messages/recognize.js';
import type { ErrorRecord } from '../schemas/diagnosis.js';
import type { Provider } from '../schemas/vocabulary.js';
import type { Paste } from './paste.js';
import { compact, withSocketOutcome } from './provider.js';

const folded = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Wording of at least this weight makes a message a record of its own when no normalizer read it. Shorter ones
 * ("Login failed.") still count for facts, but say too little to name the client that printed them.
 */
export const RECORD_WEIGHT = 20;

/**
 * The provider whose record a message is: the entry's, or SQL Server's for its own messages. A wrapper frames other
 * messages ("There was a problem connecting to the server", "Msg 18456, Level 14") and is no record of its own.
 */
function providerOf(match: MessageMatch): Provider | undefined {
  if (match.entry.layer === 'wrapper') return undefined;
  return (match.entry.provider as Provider | undefined) ?? (match.entry.layer === 'server' ? 'server' : undefined);
}

/**
 * Whether a message no normalizer read is an error of its own. A client's message is (the harvest kept its
 * connection failures); SQL Server's only when its meaning says something: the ERRORLOG's start-up lines ("SQL
 * Server is now ready for client connections. This is an informational message") are no failure.
 */
function isError(match: MessageMatch, tied: readonly MessageMatch[], catalogue: Catalogue): boolean {
  return match.entry.layer !== 'server' || Object.keys(agreedMeaning(tied, catalogue)).length > 0;
}

/** What may stand between a client's frame and the message it frames: "SSPI Provider: No Kerberos credentials …". */
const FRAME_GAP = /^[ :,;-]{0,3}$/;

/**
 * The client's message that frames a provider-less one (an OS, TLS or Kerberos library's text, which every client
 * prints alike), telling which client printed it: one that ends right before it on its line ("SSPI Provider:" of the
 * ODBC driver before MIT Kerberos's "No Kerberos credentials available").
 */
function framingMatches(matches: readonly MessageMatch[], paste: Paste): (match: MessageMatch) => MessageMatch | undefined {
  const byEnd = new Map<number, MessageMatch>();
  for (const m of matches) if (providerOf(m) && !byEnd.has(m.end)) byEnd.set(m.end, m);
  /** On one line: a message on the line before is no frame of this one. */
  const sameLine = (from: number, to: number) => {
    for (let at = from; at < to; at++) if (paste.isLineBreak(at)) return false;
    return true;
  };
  return (match) => {
    for (let end = match.start; end >= Math.max(0, match.start - 3); end--) {
      const frame = byEnd.get(end);
      if (frame && FRAME_GAP.test(paste.flat.slice(end, match.start)) && sameLine(end, match.start)) return frame;
    }
    return undefined;
  };
}

/**
 * A record of its own for a message no normalizer read, with what its meaning says of numbers and the socket; where
 * several messages share its words, what they agree on.
 */
function recordOf(match: MessageMatch, tied: readonly MessageMatch[], provider: Provider, paste: Paste, catalogue: Catalogue): ErrorRecord {
  const meaning = agreedMeaning(tied, catalogue);
  // Where the meaning names the family or socket outcome, no phrase of the message is read for another.
  const read = meaning['error.family'] !== undefined || meaning['error.socket'] !== undefined ? (r: ErrorRecord) => r : withSocketOutcome;
  return read(
    compact<ErrorRecord>({
      provider,
      number: meaning['error.numbers']?.[0],
      sniError: meaning['error.sniError'],
      osError: meaning['error.osError'],
      socket: meaning['error.socket'],
      message: paste.flat.slice(match.start, match.end).trim(),
      line: paste.lineAt(match.start),
      messages: tied.map((m) => m.id),
    }),
  );
}

/**
 * A record a normalizer read without a number, SNI error or OS error gets what its recognised message means: TinyTDS
 * prints FreeTDS's "Unable to connect: Adaptive Server is unavailable…" without the 20009 that DB-Library gives it.
 * What the normalizer read itself always stands.
 */
function fillFromMeaning(record: ErrorRecord, tied: readonly MessageMatch[], catalogue: Catalogue): void {
  const meaning = agreedMeaning(tied, catalogue);
  const numbers = meaning['error.numbers'];
  if (record.number === undefined && numbers?.length === 1) record.number = numbers[0];
  if (record.sniError === undefined && meaning['error.sniError'] !== undefined) record.sniError = meaning['error.sniError'];
  if (record.osError === undefined && meaning['error.osError'] !== undefined) record.osError = meaning['error.osError'];
  if (record.socket === undefined && meaning['error.socket'] !== undefined) record.socket = meaning['error.socket'];
  // A socket outcome read from a phrase of the message ("timed out") yields to what the message means as a whole:
  // jTDS's "Connection timed out to named pipe" is a named-pipe failure. A number the normalizer read stands.
  else if (record.osError === undefined && (meaning['error.family'] !== undefined || meaning['error.socket'] !== undefined)) {
    if (meaning['error.socket'] === undefined) delete record.socket;
    else record.socket = meaning['error.socket'];
  }
}

/** Records joined to the messages, at most `limit` of them, and whether the text held more. */
export interface JoinedRecords {
  records: ErrorRecord[];
  more: boolean;
}

/**
 * The normalizers' records with the recognised messages joined to them, at most `limit` records: a record past the
 * limit is dropped (normalize's MAX_RECORDS: a text with more is a log), so no message is looked for in it, and none
 * becomes one. Looking in every record for every message was quadratic in the paste (60 ms at 256 KiB).
 */
export function withMessages(records: readonly ErrorRecord[], matches: readonly MessageMatch[], paste: Paste, catalogue: Catalogue, limit: number): JoinedRecords {
  const out = records.slice(0, limit).map((r) => ({ ...r }));
  let more = records.length > limit;
  const texts = out.map((r) => ({ message: folded(r.message), line: folded(r.line) }));
  const bySpan = matchesBySpan(matches);
  const framing = framingMatches(matches, paste);
  for (const match of matches) {
    const tied = bySpan.get(spanOf(match)) ?? [match];
    const text = folded(paste.flat.slice(match.start, match.end));
    const holder = out.findIndex((_, i) => {
      const { message, line } = texts[i] as { message: string; line: string };
      return message.includes(text) || (message.length > 0 && text.includes(message)) || line.includes(text);
    });
    if (holder >= 0) {
      const record = out[holder] as ErrorRecord;
      record.messages = [...new Set([...(record.messages ?? []), match.id])];
      fillFromMeaning(record, tied, catalogue);
      continue;
    }
    // A provider-less message framed by a client's ("SSPI Provider: " + a Kerberos text) is that client's record,
    // its wording and the frame's together weighed against RECORD_WEIGHT.
    const frame = providerOf(match) || (match.entry.layer !== 'os' && match.entry.layer !== 'tls') ? undefined : framing(match);
    const provider = providerOf(match) ?? (frame && providerOf(frame));
    if (!provider || match.literal + (frame?.literal ?? 0) < RECORD_WEIGHT || !isError(match, tied, catalogue)) continue;
    if (out.length === limit) {
      more = true;
      continue;
    }
    out.push(recordOf(match, tied, provider, paste, catalogue));
    texts.push({ message: text, line: folded(paste.lineAt(match.start)) });
  }
  return { records: out, more };
}
