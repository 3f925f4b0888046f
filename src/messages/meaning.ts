// What the recognised messages of a paste say together, in facts: each message's meaning (messages/meanings.yaml),
// merged so that where two disagree the more specific layer's word stands.
import type { Facts } from '../schemas/facts.js';
import { builtinCatalogue, type Catalogue, type Layer } from './catalogue.js';
import type { MessageMatch } from './recognize.js';

/** Most specific first, as the family's precedence (src/normalize/family.ts LAYER_PRECEDENCE). */
const LAYER_ORDER: Readonly<Record<Layer, number>> = { tls: 0, os: 1, sni: 2, server: 3, driver: 4, wrapper: 5 };

export function meaningOf(id: string, catalogue: Catalogue = builtinCatalogue()): Partial<Facts> | undefined {
  return catalogue.file.meanings[id]?.facts;
}

export interface MessageFacts {
  facts: Partial<Facts>;
  /** Fact name → the match it was read from, for evidence quotes. */
  from: Partial<Record<keyof Facts, MessageMatch>>;
}

/**
 * The facts the matches' meanings set. A scalar fact comes from the most specific layer that sets it (the first
 * such match in the text on a tie); a list (error.numbers) gathers every match's values in text order.
 */
export function messageFacts(matches: readonly MessageMatch[], catalogue: Catalogue = builtinCatalogue()): MessageFacts {
  const facts: Record<string, unknown> = {};
  const from: Record<string, MessageMatch> = {};
  const ordered = [...matches].sort((a, b) => LAYER_ORDER[a.entry.layer] - LAYER_ORDER[b.entry.layer] || a.start - b.start);
  for (const match of ordered) {
    for (const [name, value] of Object.entries(meaningOf(match.id, catalogue) ?? {})) {
      if (Array.isArray(value)) {
        const list = (facts[name] as unknown[] | undefined) ?? [];
        facts[name] = [...list, ...value.filter((v) => !list.includes(v))];
        from[name] ??= match;
      } else if (!(name in facts)) {
        facts[name] = value;
        from[name] = match;
      }
    }
  }
  return { facts: facts as Partial<Facts>, from: from as MessageFacts['from'] };
}
