// Fuzz properties of the text readers: normalize() and each provider normalizer, the message recognizer, the redactor.
import fc from 'fast-check';
import { recognizeMessages } from '../../../src/messages/recognize.js';
import { normalize, NORMALIZERS } from '../../../src/normalize/index.js';
import { makePaste } from '../../../src/normalize/paste.js';
import { MIN_SWEPT_SECRET, redactText } from '../../../src/redact/index.js';
import { anyPaste, combinedPaste, errorPaste, junk, randomText, wordSoup } from '../arbitraries.js';
import { kindOf } from '../../../src/value-kind.js';
import { expectDoctorError, expectErrorRecords, expectNoLeak, expectNormalized, fail } from '../oracles.js';
import { syncProperty, type FuzzProperty } from '../property.js';
import { plantedSecret } from '../secrets.js';

/** Any text the normalizers may be handed: random, a soup of real words, real errors as they are or mutated, joined pastes. */
const pasteText = () => fc.oneof(randomText(), wordSoup(), errorPaste(), combinedPaste());

export const TEXT_PROPERTIES: FuzzProperty[] = [
  syncProperty('normalize/text', 80, pasteText, (text) => expectNormalized(normalize(text))),

  syncProperty(
    'normalize/wrong-type',
    30,
    () => junk.filter((value) => typeof value !== 'string'),
    (value) => {
      try {
        normalize(value as string);
      } catch (error) {
        expectDoctorError(error);
        return;
      }
      fail('normalize() read a value that is not a string', kindOf(value));
    },
  ),

  syncProperty('normalize/each-provider', 100, pasteText, (text) => {
    const paste = makePaste(text);
    for (const normalizer of NORMALIZERS) {
      const claims = normalizer.detect(paste);
      if (typeof claims !== 'boolean') fail(`${normalizer.provider} detect() is not a boolean`, claims);
      const alone = normalizer.detectAlone?.(paste);
      if (alone !== undefined && typeof alone !== 'boolean') fail(`${normalizer.provider} detectAlone() is not a boolean`, alone);
      const records = normalizer.parse(paste);
      expectErrorRecords(records);
    }
  }),

  syncProperty('messages/recognize', 150, () => fc.oneof(pasteText(), anyPaste()), (text) => {
    const paste = makePaste(text);
    const matches = recognizeMessages(paste.flat, { isLineBreak: paste.isLineBreak });
    let previous = 0;
    for (const m of matches) {
      if (!(m.start >= previous && m.start <= m.end && m.end <= paste.flat.length)) fail('a match lies outside the text or out of order', { id: m.id, start: m.start, end: m.end, length: paste.flat.length });
      if (m.values.length !== m.holes.length) fail('a match has a value per hole', m.id);
      m.holes.forEach(([a, b], i) => {
        if (!(m.start <= a && a <= b && b <= m.end) || m.values[i] !== paste.flat.slice(a, b)) fail('a placeholder value is not the text at its hole', { id: m.id, hole: [a, b] });
      });
      previous = m.start;
    }
  }),

  syncProperty('redact/text', 150, () => fc.oneof(anyPaste(), combinedPaste()), (text) => {
    const { text: masked, secrets } = redactText(text);
    if (typeof masked !== 'string') fail('redactText() text is not a string', masked);
    if (secrets.some((s) => typeof s !== 'string' || s.length < MIN_SWEPT_SECRET)) fail('redactText() returned a secret shorter than it sweeps', secrets);
  }),

  syncProperty('redact/planted', 150, () => plantedSecret({ corpus: false }), ({ paste, secrets, background }) => {
    expectNoLeak(secrets, [redactText(paste).text], background);
  }),
];
