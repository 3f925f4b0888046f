// Real diagnoses for the chat renderings: every seed and error fixture, the seed with its artefacts, a hostile
// paste, and diagnoses blown up past every platform limit.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { createDoctor } from '../../src/doctor.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';

const doctor = createDoctor();
const dir = (path: string) => new URL(`../fixtures/${path}`, import.meta.url);
const read = (path: string) => readFileSync(dir(path), 'utf8');
const texts = (folder: string) =>
  readdirSync(dir(folder))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => `${folder}/${name}`);

/** Every real paste in the seed and errors folders, by fixture path. */
export const PASTE_FIXTURES = [...texts('seed'), ...texts('errors')];

export const diagnoseFixture = (path: string) => doctor.diagnose(read(path));

/** The README's example: the seed paste with the write-up's four artefacts as evidence. */
export const diagnoseSeedWithEvidence = () =>
  doctor.diagnose({
    text: read('seed/sqlclient.txt'),
    connectionString: 'Data Source=server\\instance;Integrated Security=SSPI',
    evidence: ['capture', 'netstat', 'errorlog', 'alias'].map((kind) => ({ text: read(`seed/artefacts/${kind}.txt`) })),
  });

export const HOSTILE_PASSWORD = 'Hunter2`Secret*Pw';

/**
 * A real SqlClient refusal line wrapped in chat injection attempts: a channel ping, a Slack link, Markdown
 * bold, link and code fences, backticks, and a connection string with a password.
 */
export const HOSTILE_TEXT = [
  'Login to db `01` failed <!channel> *bold* [x](https://evil) <https://evil.example|click>: A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.) <!here> _it_ ~s~ ```fence``` **strong**',
  `Server=tcp:db01,1433;User ID=sa;Password=${HOSTILE_PASSWORD};`,
].join('\n');

export const HOSTILE_TOKENS = ['<!channel>', '<!here>', '<https://evil.example|click>', '*bold*', '**strong**', '[x](https://evil)', '```fence```'];

export const diagnoseHostile = () => doctor.diagnose({ text: HOSTILE_TEXT, connectionString: `Server=tcp:db01,1433;User ID=sa;Password=${HOSTILE_PASSWORD};` });

/**
 * A real diagnosis blown up: every list repeated up to `times` times and every text repeated up to `times`
 * times, with backticks, entities and quotes sprinkled in, as a large rule pack and a long paste could make it.
 */
export function inflated(base: Diagnosis): fc.Arbitrary<Diagnosis> {
  const grow = (text: string, by: number, noise: string) => `${`${text} ${noise}`.repeat(by)}`;
  return fc.record({ lists: fc.integer({ min: 1, max: 30 }), texts: fc.integer({ min: 1, max: 30 }), noise: fc.constantFrom('`', '```', '&<>', '"', '😀', '\n', '*_~') }).map(
    ({ lists, texts, noise }) => {
      const many = <T>(items: T[]) => Array.from({ length: lists }, () => items).flat();
      return {
        ...base,
        causes: many(base.causes).map((c) => ({
          ...c,
          title: grow(c.title, texts, noise),
          evidence: many(c.evidence.map((e) => grow(`"${e}"`, texts, noise))),
          fixes: many(c.fixes).map((f) => ({ ...f, title: grow(f.title, texts, noise), steps: many(f.steps.map((s) => grow(s, texts, noise))) })),
        })),
        nextChecks: many(base.nextChecks).map((c) => ({
          ...c,
          title: grow(c.title, texts, noise),
          why: grow(c.why, texts, noise),
          commands: many(c.commands.map((cmd) => ({ ...cmd, run: grow(cmd.run, texts, noise) }))),
        })),
        warnings: many([...base.warnings, grow('"a pasted line"', texts, noise)]),
      };
    },
  );
}

/** The seed paste diagnosed with live probes of a closed loopback port (port 9, discard, is not served here). */
export const diagnoseProbed = () =>
  doctor.diagnose({ text: read('seed/sqlclient.txt'), connectionString: 'Server=tcp:127.0.0.1,9;Integrated Security=SSPI', probe: { timeoutMs: 1000 } });
