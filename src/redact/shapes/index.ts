// Every shape of the catalogue, in the order they run over a text (src/redact/redact-text.ts).
import { NOT_SECRET_VALUES } from '../catalogue.js';
import { environmentCommand, namedPair, netrc, setting, xmlElement } from './settings.js';
import { flag, netUse, positionalCall, secureString, toolCommand } from './command-line.js';
import { prose } from './prose.js';
import type { Shape } from './shape.js';
import { wordFirst } from '../match-finder.js';
import { basic, bearer, jwt, knownToken, privateKey, urlCredentials } from './tokens.js';

export type { Shape };

/** Shapes that open with words are found by them first (wordFirst, src/redact/match-finder.ts). */
export const SHAPES: readonly Shape[] = [
  privateKey,
  urlCredentials,
  setting,
  flag,
  wordFirst(toolCommand),
  wordFirst(secureString),
  wordFirst(positionalCall),
  wordFirst(namedPair),
  xmlElement,
  wordFirst(environmentCommand),
  wordFirst(netUse),
  wordFirst(netrc),
  wordFirst(prose),
  wordFirst(bearer),
  wordFirst(basic),
  jwt,
  knownToken,
];

const NOT_SECRETS = new Set<string>(NOT_SECRET_VALUES);

/** Values that only say there is none (null, "", ***), or that the redactor itself wrote. */
export function isNoSecret(value: string, mask: string): boolean {
  const trimmed = value.trim();
  return trimmed === '' || trimmed === mask || /^\*+$/.test(trimmed) || NOT_SECRETS.has(trimmed.toLowerCase());
}
