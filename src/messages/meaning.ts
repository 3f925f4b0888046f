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
 * What messages read over the same words say together: SQL Server's 18456 and Azure's 40697 share one text, and so
 * do FreeTDS's db-lib and libtds twins. A fact they all state alike stands; where they disagree (two numbers for one
 * text) the text does not tell which, and the fact is left out.
 */
export function agreedMeaning(tied: readonly MessageMatch[], catalogue: Catalogue = builtinCatalogue()): Partial<Facts> {
  const stated = new Map<string, string[]>();
  for (const match of tied) {
    for (const [name, value] of Object.entries(meaningOf(match.id, catalogue) ?? {})) {
      const values = stated.get(name) ?? [];
      values.push(JSON.stringify(value));
      stated.set(name, values);
    }
  }
  const agreed: Record<string, unknown> = {};
  for (const [name, values] of stated) if (new Set(values).size === 1) agreed[name] = JSON.parse(values[0] as string);
  return agreed as Partial<Facts>;
}

/** The words a match covers, as a key: matches of one span are the same words read from several sources. */
export const spanOf = (match: MessageMatch) => `${match.start}:${match.end}`;

/** Matches grouped by their span (spanOf), in order of first appearance: grouped once, not looked up per match. */
export function matchesBySpan(matches: readonly MessageMatch[]): Map<string, MessageMatch[]> {
  const bySpan = new Map<string, MessageMatch[]>();
  for (const match of matches) bySpan.set(spanOf(match), [...(bySpan.get(spanOf(match)) ?? []), match]);
  return bySpan;
}

/**
 * The facts the matches' meanings set. A scalar fact comes from the most specific layer that sets it (the first
 * such match in the text on a tie); a list (error.numbers) gathers every match's values in text order. Matches over
 * the same words count once, with what they agree on.
 */
export function messageFacts(matches: readonly MessageMatch[], catalogue: Catalogue = builtinCatalogue()): MessageFacts {
  const facts: Record<string, unknown> = {};
  const from: Record<string, MessageMatch> = {};
  const readings = [...matchesBySpan(matches).values()].map((tied) => ({ match: tied[0] as MessageMatch, meaning: agreedMeaning(tied, catalogue) }));
  readings.sort((a, b) => LAYER_ORDER[a.match.entry.layer] - LAYER_ORDER[b.match.entry.layer] || a.match.start - b.match.start);
  for (const { match, meaning } of readings) {
    for (const [name, value] of Object.entries(meaning)) {
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
