// Evidence and command templates: {{fact.name}}, {{fact.name|quote}} (the line it came from),
// {{fact.name|or:fallback}}. Values are rendered, never evaluated.

// The spaces before "}}" belong to the name or to "quote"; an or: fallback keeps its own (it always did), and stops at
// a brace, so no part of a tag can be matched two ways.
export const TEMPLATE_TAG = /\{\{\s*([a-zA-Z][\w.]*)\s*(?:\|\s*(quote\s*|or:[^{}]*))?\}\}/g;

export interface TemplateContext {
  facts: Readonly<Record<string, unknown>>;
  sources?: Readonly<Record<string, string | undefined>>;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function renderTemplate(template: string, { facts, sources = {} }: TemplateContext): string {
  return template.replace(TEMPLATE_TAG, (_, name: string, filter: string | undefined) => {
    const value = Object.hasOwn(facts, name) ? facts[name] : undefined;
    // A fact the caller stated has no pasted line to quote.
    const source = Object.hasOwn(sources, name) ? sources[name] : undefined;
    if (filter?.trimEnd() === 'quote') return source ? `"${source}"` : value === undefined ? `(${name} unknown)` : '(given)';
    if (value === undefined || value === null) return filter?.startsWith('or:') ? filter.slice(3) : `<${name}>`;
    return show(value);
  });
}

/** Fact names a template needs: those without an `or:` fallback. */
export function requiredTemplateFacts(template: string): string[] {
  return [...template.matchAll(TEMPLATE_TAG)].filter((m) => !m[2]?.startsWith('or:')).map((m) => m[1] as string);
}
