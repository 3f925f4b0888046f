// How deeply a YAML text nests, read from yaml's lexer (a flat state machine) before its parser runs: the parser
// recurses once per level and overflows the stack a few hundred levels down, with no position. A rule file that
// nests deeper than MAX_YAML_DEPTH is refused at the place where it gets too deep instead.
import { yaml } from '../lazy.js';

/** Block and flow levels a rule file may nest: a rule with conditions nested to their limit needs about 70. */
export const MAX_YAML_DEPTH = 100;

/** Lexer tokens that mark state and take no room in the text (document start, plain-scalar start, flow error end). */
const MARKERS = new Set(['\u0002', '\u001f', '\u0018']);

/**
 * The offset of the first node nested deeper than `limit`, or undefined. Block nesting follows columns: a sequence
 * item ("- ") or a line's first key at column c closes what was open at columns right of c (and a sibling of its own
 * kind at c: a map may hold a sequence at its own column); flow nesting counts brackets.
 */
export function yamlTooDeepAt(text: string, limit = MAX_YAML_DEPTH): number | undefined {
  const { Lexer, CST } = yaml();
  const block: Array<{ col: number; kind: 'seq' | 'map' }> = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  let lineHasKey = false;
  const open = (kind: 'seq' | 'map') => {
    const col = offset - lineStart;
    for (let top = block.at(-1); top && (top.col > col || (top.col === col && top.kind === kind)); top = block.at(-1)) block.pop();
    block.push({ col, kind });
  };
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'newline') {
      lineStart = offset + token.length;
      lineHasKey = false;
    } else if (type === 'flow-map-start' || type === 'flow-seq-start') {
      flow++;
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') {
      flow = Math.max(0, flow - 1);
    } else if (flow === 0 && type === 'seq-item-ind') {
      open('seq');
    } else if (flow === 0 && !lineHasKey && type !== 'space' && type !== 'comment' && !MARKERS.has(token)) {
      open('map');
      lineHasKey = true;
    }
    if (block.length + flow > limit) return offset;
    if (!MARKERS.has(token)) offset += token.length;
  }
  return undefined;
}
