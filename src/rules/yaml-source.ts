// A YAML rule file parsed with positions, so every problem can name file:line:col.
import type { Document, LineCounter } from 'yaml';
import type { Problem } from '../errors.js';
import { yaml } from '../lazy.js';
import { MAX_YAML_DEPTH, yamlTooDeepAt } from './yaml-depth.js';

export type Path = ReadonlyArray<string | number>;

export interface YamlSource {
  file: string;
  data: unknown;
  /** Line and column (1-based) of the node at `path`, or of its nearest existing ancestor. */
  locate(path: Path): { line: number; col: number };
}

export function parseYamlSource(file: string, text: string): { source?: YamlSource; problems: Problem[] } {
  const { LineCounter, parseDocument, isNode } = yaml();
  const deep = yamlTooDeepAt(text);
  if (deep !== undefined) return { problems: [{ file, ...positionOf(text, deep), code: 'NESTING_TOO_DEEP', message: TOO_DEEP }] };
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  } catch (error) {
    // A nesting the depth estimate missed still ends here, as a problem rather than a crash.
    if (!(error instanceof RangeError)) throw error;
    return { problems: [{ file, line: 1, col: 1, code: 'NESTING_TOO_DEEP', message: `${TOO_DEEP} (${error.message})` }] };
  }
  const problems: Problem[] = doc.errors.map((error) => {
    const at = lineCounter.linePos(error.pos[0]);
    // yaml's message may quote the text after the error up to the end: the problem keeps it to its first line (a
    // lone CR, which a terminal shows as one, ends it too).
    return { file, line: at.line, col: at.col, code: `YAML_${error.code}`, message: error.message.split(LINE_BREAK)[0] as string };
  });
  if (problems.length > 0) return { problems };

  const locate = (path: Path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
    }
    return { line: 1, col: 1 };
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml refuses to expand an alias that would copy too much ("billion laughs"); nothing of the file is used.
    const at = firstAliasPosition(doc, lineCounter);
    return { problems: [{ file, ...at, code: 'YAML_ALIAS_BOMB', message: `${(error as Error).message}: anchors and aliases may expand to at most ${MAX_ALIAS_COUNT} copies` }] };
  }
  return { source: { file, data, locate }, problems: [] };
}

const LINE_BREAK = /\r\n?|[\n\x85\u2028\u2029]/;

const TOO_DEEP = `the file nests more than ${MAX_YAML_DEPTH} levels deep here; nothing of it is used`;

/** Line and column (1-based) of a text offset. */
function positionOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: offset - lineStart + 1 };
}

/** Aliases a rule file may expand: plenty for sharing a fix between causes, far too few for an exponential bomb. */
export const MAX_ALIAS_COUNT = 100;

function firstAliasPosition(doc: Document, lineCounter: LineCounter): { line: number; col: number } {
  const { isAlias, visit } = yaml();
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.range) offset = node.range[0];
      return offset === undefined ? undefined : visit.BREAK;
    },
  });
  return offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
}
