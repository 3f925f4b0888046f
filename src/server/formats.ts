// The answer's format: ?format= wins, then the Accept header (text/markdown asks for Markdown), then JSON.
import type { Diagnosis } from '../schemas/diagnosis.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatSlack } from '../format/slack.js';
import { formatTeams } from '../format/teams.js';

export const FORMATS = ['json', 'markdown', 'slack', 'teams'] as const;
export type Format = (typeof FORMATS)[number];

/** The first media type in Accept (by q, then order) that we serve; JSON when none is named. */
export function formatFromAccept(accept: string | undefined): Format {
  const ranges = (accept ?? '')
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { type, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of ranges) {
    if (type === 'text/markdown') return 'markdown';
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
  }
  return 'json';
}

export function render(d: Diagnosis, format: Format): { contentType: string; body: unknown } {
  switch (format) {
    case 'markdown':
      return { contentType: 'text/markdown; charset=utf-8', body: formatMarkdown(d) };
    case 'slack':
      return { contentType: 'application/json; charset=utf-8', body: formatSlack(d) };
    case 'teams':
      return { contentType: 'application/json; charset=utf-8', body: formatTeams(d) };
    default:
      return { contentType: 'application/json; charset=utf-8', body: d };
  }
}
