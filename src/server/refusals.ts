// What the HTTP API says when it cannot read a request: one line naming what to send instead, which names back only
// what cannot be pasted text (a media type token, a key that reads as a name).
import { DoctorError } from '../errors.js';

const ACCEPTED_TYPES = 'application/json (the input object, e.g. {"text": "…"}) or text/plain (the pasted error itself)';

export function invalidInput(message: string): DoctorError {
  return new DoctorError('MSSQLDOCTOR_ERR_INPUT_INVALID', message);
}

export function emptyBody(): DoctorError {
  return invalidInput(`the request body is empty: send ${ACCEPTED_TYPES}`);
}

/** A key of the input, named back only when it reads as a name: a long or odd key may be pasted text. */
export function keyForMessage(key: string): string {
  return /^[\w.$-]{1,64}$/.test(key) ? key : '…';
}

/** The media type of a Content-Type header when it is a plain type/subtype token, for naming it back. */
function mediaType(contentType: string | undefined): string | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[\w.+-]{1,64}\/[\w.+-]{1,64}$/.test(type) ? type : undefined;
}

export function unsupportedMediaType(contentType: string | undefined): DoctorError {
  const type = mediaType(contentType);
  const given = contentType === undefined || contentType.trim() === '' ? 'a body without Content-Type' : type ? `Content-Type ${type}` : 'this Content-Type';
  // curl -d sends form data: the commonest way to land here.
  const hint = type === 'application/x-www-form-urlencoded' ? "; with curl, use --data-binary @FILE -H 'Content-Type: text/plain' rather than -d" : '';
  return new DoctorError('MSSQLDOCTOR_ERR_MEDIA_UNSUPPORTED', `${given} is not accepted: send ${ACCEPTED_TYPES}${hint}`);
}
