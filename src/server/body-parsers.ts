// How the plugin reads request bodies, in place of Fastify's own parsers: application/json (the library input) and
// text/plain (the pasted text, as { text }), decoded by their charset (body-charset.ts). Whatever cannot be read
// gets one line saying what to send instead, and never repeats the body: JSON.parse's own messages quote it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DoctorError } from '../errors.js';
import type { DiagnoseInput } from '../schemas/input.js';
import { decodeBody } from './body-charset.js';
import { emptyBody, invalidInput, keyForMessage, unsupportedMediaType } from './refusals.js';

function checkEncoding(request: FastifyRequest): void {
  const encoding = request.headers['content-encoding']?.trim().toLowerCase();
  if (encoding === undefined || encoding === '' || encoding === 'identity') return;
  const named = /^[\w.-]{1,32}$/.test(encoding) ? `Content-Encoding ${encoding}` : 'this Content-Encoding';
  throw new DoctorError('MSSQLDOCTOR_ERR_MEDIA_UNSUPPORTED', `${named} is not supported: send the body uncompressed`);
}

function readText(request: FastifyRequest, body: Buffer): string {
  checkEncoding(request);
  if (body.length === 0) throw emptyBody();
  return decodeBody(body, request.headers['content-type']);
}

/** Line and column (from 1) of a character offset, for a parse error that must not quote the text. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d{1,9})/.exec(message)?.[1];
    const where = position !== undefined ? ` (at ${lineAndColumn(text, Number(position))})` : /end of (JSON )?input/i.test(message) ? ' (it ends before the value is complete)' : '';
    throw invalidInput(`the body is not valid JSON${where}: send the input object, e.g. {"text": "…"}, or the paste as text/plain`);
  }
}

/**
 * The first key that could alter a prototype if the value were ever merged into another object: "__proto__", or
 * "constructor" holding "prototype" (what Fastify's own parser refuses). JSON.parse makes them plain own keys, so
 * nothing is polluted here; they are refused because no input field takes them and silently dropping them would hide
 * the client's mistake. The walk keeps its own stack: JSON may nest deeper than the call stack.
 */
function prototypeKey(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: 'body' }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const node = next.value as Record<string, unknown>;
    if (Object.hasOwn(node, '__proto__')) return `${next.path} has a key "__proto__"`;
    const constructor = Object.hasOwn(node, 'constructor') ? node.constructor : undefined;
    if (typeof constructor === 'object' && constructor !== null && Object.hasOwn(constructor, 'prototype')) return `${next.path}/constructor has a key "prototype"`;
    for (const [key, child] of Object.entries(node)) stack.push({ value: child, path: `${next.path}/${keyForMessage(key)}` });
  }
  return undefined;
}

export function bodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, async (request: FastifyRequest, body: Buffer) => {
    const text = readText(request, body);
    const value = parseJson(text);
    // Only a body that spells one of the keys is walked.
    const forbidden = text.includes('__proto__') || text.includes('constructor') ? prototypeKey(value) : undefined;
    if (forbidden) throw invalidInput(`${forbidden}, which this API refuses: such keys can alter object prototypes, and no input field takes them`);
    return value;
  });
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, async (request: FastifyRequest, body: Buffer) => ({ text: readText(request, body) }) satisfies DiagnoseInput);
  app.addContentTypeParser('*', async (request: FastifyRequest) => {
    throw unsupportedMediaType(request.headers['content-type']);
  });
}
