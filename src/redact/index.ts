// Secrets in pasted text, connection strings and evidence never reach any output: the redactor masks them where
// the catalogue's shapes find them (src/redact/shapes.ts), in the text and in every text it decodes to, and the
// sweep replaces every secret found wherever else it appears in free text of the answer.
export { MASK, MIN_SWEPT_SECRET, redactText, type Redacted } from './redact-text.js';
export { createSweeper, sweepBySchema, type Sweeper } from './sweep.js';
export { isSecretName } from './secret-name.js';
