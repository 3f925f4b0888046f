// A request body's bytes as text, by its declared charset: UTF-8 unless it says otherwise, UTF-16 (little- or
// big-endian, with or without a byte order mark, as Windows tools write it) and Windows-1252/Latin-1 (what some
// clients send without asking). A byte order mark wins over the label, as in the WHATWG Encoding Standard's decode.
// Bytes that do not decode become U+FFFD, as before: a paste with one stray byte is still worth diagnosing.
import { DoctorError } from '../errors.js';

/** The encodings bodies may come in (WHATWG names; each accepts its standard labels: utf8, ucs-2, latin1, …). */
const ACCEPTED_ENCODINGS = new Set(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']);
export const ACCEPTED_CHARSETS = 'utf-8, utf-16 (with a byte order mark or as utf-16le or utf-16be) or iso-8859-1';

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The charset parameter of a Content-Type header, lower case and unquoted, or undefined. */
export function charsetParameter(contentType: string | undefined): string | undefined {
  for (const parameter of (contentType ?? '').split(';').slice(1)) {
    const [name = '', ...value] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset') return value.join('=').trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return undefined;
}

function byteOrderMark(bytes: Buffer): Encoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * UTF-16 without a byte order mark, told by where its first character's zero byte is (RFC 4627 section 3): JSON and
 * pastes start with an ASCII character, which UTF-16 writes as "00 xx" (big-endian) or "xx 00" (little-endian).
 */
function utf16ByZeros(bytes: Buffer): Encoding | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0 && bytes[1] !== 0) return 'utf-16be';
  if (bytes[0] !== 0 && bytes[1] === 0) return 'utf-16le';
  return undefined;
}

/** The WHATWG encoding a label names, when it is one we take; "utf-16" alone leaves the byte order to the bytes. */
function encodingOf(label: string): Encoding | 'utf-16' | undefined {
  if (label === 'utf-16' || label === 'utf16') return 'utf-16';
  try {
    const { encoding } = new TextDecoder(label);
    return ACCEPTED_ENCODINGS.has(encoding) ? (encoding as Encoding) : undefined;
  } catch {
    return undefined;
  }
}

/** A charset we can name back in a message: a token of letters, digits and punctuation of charset names. */
const printable = (label: string) => (/^[\w.:+-]{1,40}$/.test(label) ? `charset=${label}` : 'this charset');

export function decodeBody(bytes: Buffer, contentType: string | undefined): string {
  const label = charsetParameter(contentType);
  const named = label === undefined ? undefined : encodingOf(label);
  if (label !== undefined && named === undefined) {
    throw new DoctorError('MSSQLDOCTOR_ERR_MEDIA_UNSUPPORTED', `${printable(label)} is not supported: send the body as ${ACCEPTED_CHARSETS}`);
  }
  // Without a label, a UTF-16 body is still recognised: its zero bytes are no text anyone pastes.
  const encoding = byteOrderMark(bytes) ?? (named === undefined || named === 'utf-16' ? utf16ByZeros(bytes) : undefined) ?? (named === 'utf-16' ? 'utf-16le' : named) ?? 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}
