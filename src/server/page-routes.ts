// The paste page's routes: web/index.html at the plugin's root and its script and stylesheet under assets/.
// The three files are small and shipped as-is, so they are read once at registration and served from memory.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PACKAGE_ROOT } from '../package-root.js';

export const WEB_DIR = join(PACKAGE_ROOT, 'web');

/** The page loads only its own script and stylesheet and talks only to its own origin. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

interface PageFile {
  body: Buffer;
  contentType: string;
  etag: string;
  headers?: Record<string, string>;
}

async function pageFile(name: string, contentType: string, headers?: Record<string, string>): Promise<PageFile> {
  const body = await readFile(join(WEB_DIR, name));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, contentType, etag, headers };
}

/** no-cache still lets the browser keep a copy: it revalidates with the ETag and gets a 304 when nothing changed. */
function send(file: PageFile, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply
    .header('Content-Type', file.contentType)
    .header('Cache-Control', 'no-cache')
    .header('X-Content-Type-Options', 'nosniff')
    .header('ETag', file.etag)
    .headers(file.headers ?? {});
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.send(file.body);
}

export async function pageRoutes(app: FastifyInstance): Promise<void> {
  const [html, script, style] = await Promise.all([
    pageFile('index.html', 'text/html; charset=utf-8', { 'Content-Security-Policy': PAGE_CSP }),
    pageFile('page.js', 'text/javascript; charset=utf-8'),
    pageFile('page.css', 'text/css; charset=utf-8'),
  ]);

  // The page and its two files are static and cheap: they do not count towards the rate limit, which guards the
  // API. Counted, opening the page cost three requests of a client's allowance, and a limited client got raw JSON
  // instead of the page, which shows the API's 429 in words when a diagnosis is refused.
  const uncounted = { config: { rateLimit: false } };
  app.get('/', uncounted, (request, reply) => {
    // Mounted under a prefix, "/doctor" must become "/doctor/" so the page's relative URLs (assets/…, v1/…) resolve inside it.
    const [path = '/', query] = request.url.split('?', 2);
    if (!path.endsWith('/')) return reply.redirect(`${path}/${query === undefined ? '' : `?${query}`}`, 308);
    return send(html, request, reply);
  });
  app.get('/assets/page.js', uncounted, (request, reply) => send(script, request, reply));
  app.get('/assets/page.css', uncounted, (request, reply) => send(style, request, reply));
}
