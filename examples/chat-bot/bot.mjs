#!/usr/bin/env node
// A console "bot" in front of `mssql-doctor serve`, using only its public HTTP API and Node built-ins: it
// posts a pasted error, prints the Markdown answer, and shows how the next turn sends the evidence the
// answer's next checks ask for. The API keeps no state: each turn re-sends the whole input.
//
//   node bot.mjs [--url URL] [--connection-string CS] [--evidence KIND=FILE]... [PASTE_FILE | -]
//
// The paste comes from PASTE_FILE, or stdin when it is "-" or absent. URL defaults to $MSSQL_DOCTOR_URL,
// then http://127.0.0.1:3000.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = 'usage: node bot.mjs [--url URL] [--connection-string CS] [--evidence KIND=FILE]... [PASTE_FILE | -]';

/** Evidence kinds the API reads (`evidence[].kind`); without a kind it detects the kind itself. */
const EVIDENCE_KINDS = ['netstat', 'tasklist', 'errorlog', 'alias', 'connection_string', 'capture'];

function fail(message) {
  process.stderr.write(`bot: ${message}\n${USAGE}\n`);
  process.exit(2);
}

/** `--evidence netstat=out.txt` → { kind: 'netstat', text }; a capture file (pcap) goes as base64. */
function evidenceItem(spec) {
  const at = spec.indexOf('=');
  const [kind, file] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [undefined, spec];
  if (kind !== undefined && !EVIDENCE_KINDS.includes(kind)) fail(`unknown evidence kind "${kind}" (one of ${EVIDENCE_KINDS.join(', ')})`);
  const bytes = readFileSync(file);
  const binary = bytes.includes(0);
  return { ...(kind ? { kind } : {}), text: binary ? bytes.toString('base64') : bytes.toString('utf8') };
}

async function ask(url, input, format) {
  const response = await fetch(new URL(`/v1/diagnose${format ? `?format=${format}` : ''}`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: format ? 'application/json' : 'text/markdown' },
    body: JSON.stringify(input),
  });
  const body = await response.text();
  if (response.status === 429) fail(`the server is rate limiting this client; retry after ${response.headers.get('retry-after') ?? 'a while'} s`);
  if (!response.ok) fail(`the server answered ${response.status}: ${body}`);
  return body;
}

const { values, positionals } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.MSSQL_DOCTOR_URL ?? 'http://127.0.0.1:3000' },
    'connection-string': { type: 'string' },
    evidence: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length > 1) fail('one paste at a time');

const source = positionals[0] ?? '-';
const text = readFileSync(source === '-' ? 0 : source, 'utf8');
const input = {
  text,
  ...(values['connection-string'] ? { connectionString: values['connection-string'] } : {}),
  ...(values.evidence.length > 0 ? { evidence: values.evidence.map(evidenceItem) } : {}),
};

// What the user sees: the Markdown answer (a Slack or Teams bot would ask for ?format=slack or ?format=teams).
process.stdout.write(await ask(values.url, input, undefined));

// What the bot keeps for the next turn: the JSON answer's next checks, to ask the user for their output.
const diagnosis = JSON.parse(await ask(values.url, input, 'json'));
const wanted = diagnosis.nextChecks.filter((check) => EVIDENCE_KINDS.includes(check.kind));
if (wanted.length > 0) {
  const given = values.evidence.map((spec) => `--evidence ${spec}`);
  process.stdout.write('\n---\nTo go on, run a check and send its output back with the same paste:\n\n');
  for (const check of wanted) {
    const next = [...given, `--evidence ${check.kind}=FILE`].join(' ');
    process.stdout.write(`- ${check.title}\n    node bot.mjs ${next} ${source === '-' ? '-' : source}\n`);
  }
  if (values['connection-string']) process.stdout.write('    (with the same --connection-string)\n');
  process.stdout.write(`\nThe next request's body then carries "evidence": [{ "kind": "${wanted[0].kind}", "text": "<the output>" }] next to the same "text".\n`);
}
