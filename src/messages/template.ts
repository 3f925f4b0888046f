// A published message template read into literal text and placeholders, whatever its upstream's syntax.
// The catalogue build derives each entry's pattern and example from these parts (docs/catalogue.md).

/** How placeholders are written in a template. */
export type PlaceholderSyntax =
  | 'dotnet' // {0}, {1:N0}, {0,-10}; {{ and }} are braces
  | 'java' // MessageFormat {0}, {0,number,#}; '' is a quote, '…' quotes literal text
  | 'printf' // %s %d %ld %.*ls %-20s %I64d, sqlcmd-style %1!s!, SQL Server's %S_MSG, Go's %v %w %q %T; %% is a percent sign
  | 'gotext' // {Name}
  | 'rust' // {} {0} {name} {:?} {name:?}; {{ and }} are braces
  | 'js' // ${expression} from a template literal
  | 'python' // %s %d %(name)s, and str.format's {} {name}
  | 'none'; // a fixed text

export const PLACEHOLDER_SYNTAXES: readonly PlaceholderSyntax[] = ['dotnet', 'java', 'printf', 'gotext', 'rust', 'js', 'python', 'none'];

/** What a placeholder holds: a number (printf %d, MessageFormat {0,number}) or any text. */
export type HoleKind = 'number' | 'text';

export type TemplatePart = { literal: string } | { hole: HoleKind };

/** Joins adjacent literals and drops empty ones, so parts alternate cleanly. */
function pushLiteral(parts: TemplatePart[], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && 'literal' in last) last.literal += text;
  else parts.push({ literal: text });
}

const PRINTF_NUMBER = /[diouxX]$/;

/**
 * One token per placeholder or escape, per syntax. Each regex is a plain alternation of bounded tokens, so
 * reading a template is linear. Group 1 of a match is the literal an escape stands for, when it is one.
 */
const TOKENS: Record<Exclude<PlaceholderSyntax, 'none' | 'java'>, RegExp> = {
  dotnet: /(\{)\{|(\})\}|\{\d{1,3}(?:,-?\d{1,4})?(?::[^{}]{0,40})?\}/g,
  printf: /(%)%|%S_[A-Z]{1,16}|%\d{1,2}![a-zA-Z]{1,4}!|%[-+ #0]{0,4}(?:\d{1,4}|\*)?(?:\.(?:\d{1,4}|\*))?(?:hh|h|ll|l|L|z|j|t|I64|I32|I|q)?[diouxXeEfgGcCsSpaAn@vwqTtb]/g,
  gotext: /\{[A-Za-z_][\w.]{0,60}\}/g,
  rust: /(\{)\{|(\})\}|\{[\w.]{0,40}(?::[^{}]{0,20})?\}/g,
  js: /\$\{[^{}]{0,200}\}/g,
  python: /(%)%|%(?:\([\w.]{1,40}\))?[-+ #0]{0,4}\d{0,4}(?:\.\d{1,4})?[diouxXeEfgGcrsa]|\{[\w.]{0,40}(?:![rsa])?(?::[^{}]{0,20})?\}/g,
};

function holeKind(token: string, syntax: PlaceholderSyntax): HoleKind {
  if (syntax === 'printf' || syntax === 'python') return PRINTF_NUMBER.test(token) ? 'number' : 'text';
  return /,\s*number/.test(token) ? 'number' : 'text';
}

/**
 * Java MessageFormat: a quote starts literal text up to the next quote, '' is one quote, and {n[,type[,style]]}
 * is an argument. Read by hand because the quoting is stateful.
 */
function parseMessageFormat(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let quoted = false;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (ch === "'") {
      if (template[i + 1] === "'") {
        literal += "'";
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (ch === '{' && !quoted) {
      const close = template.indexOf('}', i);
      if (close < 0) {
        literal += template.slice(i);
        break;
      }
      pushLiteral(parts, literal);
      literal = '';
      parts.push({ hole: holeKind(template.slice(i, close + 1), 'java') });
      i = close;
    } else {
      literal += ch;
    }
  }
  pushLiteral(parts, literal);
  return parts;
}

/** The literal text and placeholders of a template written in `syntax`. */
export function parseTemplate(template: string, syntax: PlaceholderSyntax): TemplatePart[] {
  if (syntax === 'java') return parseMessageFormat(template);
  if (syntax === 'none') return template === '' ? [] : [{ literal: template }];
  const parts: TemplatePart[] = [];
  let at = 0;
  for (const m of template.matchAll(TOKENS[syntax])) {
    pushLiteral(parts, template.slice(at, m.index));
    const escaped = m[1] ?? m[2];
    if (escaped !== undefined) pushLiteral(parts, escaped);
    else parts.push({ hole: holeKind(m[0], syntax) });
    at = m.index + m[0].length;
  }
  pushLiteral(parts, template.slice(at));
  return parts;
}

/** Sample values for an example: a name for text, an OS error number for numbers. */
const SAMPLE: Record<HoleKind, string> = { text: 'db01', number: '10061' };

/** The template with every placeholder filled by a sample value: the entry's example. */
export function instantiate(parts: readonly TemplatePart[], sample: Record<HoleKind, string> = SAMPLE): string {
  return parts.map((part) => ('literal' in part ? part.literal : sample[part.hole])).join('');
}

/** The literal text alone, for measuring how much of a template is fixed wording. */
export function literalText(parts: readonly TemplatePart[]): string {
  return parts.map((part) => ('literal' in part ? part.literal : ' ')).join('');
}
