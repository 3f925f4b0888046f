// Fuzz properties of the command line (the packaged bin, `node dist/cli.mjs`, one process per case): diagnose with
// the paste as arguments, on stdin or as "-", with evidence, rule and config files and a connection string; scan of
// log files and stdin; rules validate/test/list/explain; and argument lists of any kind. Every run exits 0, 1 or 2 in
// bounded time; 2 comes with one line on stderr, never a stack trace or an "internal error"; JSON output is
// schema-valid; no planted secret reaches stdout or stderr. Never --probe, --login, `probe` or `serve`: nothing
// leaves the machine, and every run ends.
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EVIDENCE_KINDS } from '../../../src/schemas/vocabulary.js';
import { anyPaste, captureBytes, combinedPaste, errorPaste, evidencePaste, randomText, realOrMutated } from '../arbitraries.js';
import { expectNoLeak, expectValidDiagnosis, expectValidScanReport, fail } from '../oracles.js';
import { outputWords } from '../outputs.js';
import { asyncProperty, type FuzzProperty } from '../property.js';
import { plantedSecret } from '../secrets.js';
import { scratchFile } from '../scratch.js';
import { seeds } from '../seeds.js';

/** The command users run (package.json `bin`), written by `npm run build`. */
const BIN = fileURLToPath(new URL('../../../dist/cli.mjs', import.meta.url));
const RUN_LIMIT_MS = 30_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin with only PATH in its environment (no rule directories or password from the caller's), killed after 30 s. */
function runBin(argv: readonly string[], stdin: string | Buffer): Promise<Run> {
  if (!existsSync(BIN)) fail(`${BIN} is missing: run npm run build first`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env: { PATH: process.env.PATH ?? '' }, stdio: ['pipe', 'pipe', 'pipe'], timeout: RUN_LIMIT_MS });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    // A CLI that exits before reading all of stdin closes the pipe: not this case's failure.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

/** What spawn() cannot pass (NUL), and what would reach the network or never end (probes, logins, the server). */
const runnable = (argv: readonly string[]) => !argv.some((arg) => arg.includes('\0')) && !/^(?:probe|serve)$/i.test(argv[0] ?? '') && !argv.some((arg) => /^--?(?:probe|login)/i.test(arg)) && !(argv[0] === 'rules' && argv[1] === 'new');
const withoutNul = (text: string) => text.replace(/\0/g, '');

const FORMAT_FLAGS = fc.constantFrom<string[]>([], ['--json'], ['--format', 'json'], ['--format', 'markdown'], ['--format', 'text'], ['--format', 'xml'], ['--json', '--format', 'markdown']);
const wantsJson = (argv: readonly string[]) => {
  const at = argv.lastIndexOf('--format');
  return at >= 0 ? argv[at + 1] === 'json' : argv.includes('--json');
};

/** An evidence file of any kind, labelled with its kind, a wrong kind, or not at all. */
const evidenceFile = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...EVIDENCE_KINDS).chain((kind) => (kind === 'capture' ? captureBytes() : evidencePaste(kind)).map((content) => ({ kind, content }))),
      anyPaste().map((content) => ({ kind: 'netstat' as const, content })),
    ),
    fc.constantFrom('own', 'none', 'wrong', 'unknown'),
  )
  .map(([{ kind, content }, label]) => ({ content, label: label === 'own' ? `${kind}=` : label === 'none' ? '' : label === 'wrong' ? 'errorlog=' : 'bogus=' }));

/** Extra options of diagnose: files it reads (written per case), a connection string, options it refuses. */
const diagnoseOption = fc.oneof(
  evidenceFile.map((e) => ({ kind: 'evidence' as const, ...e })),
  evidencePaste('connection_string').map((text) => ({ kind: 'args' as const, args: ['--connection-string', withoutNul(text)] })),
  fc.constantFrom(['--evidence', 'no-such-file.txt'], ['--rules', 'no-such-dir'], ['--config', 'no-such.yaml'], ['--timeout', '5'], ['--user', 'sa'], ['--nope'], ['--evidence']).map((args) => ({ kind: 'args' as const, args })),
  fc.oneof(fc.constant('rules: [no-such-rules.yaml]\n'), fc.constant('{"rules": 3}'), randomText(60)).map((text) => ({ kind: 'config' as const, text })),
);

/** A diagnose run: the paste as arguments, on stdin, or as "-" with stdin; options; a secret planted in it or not. */
const diagnoseRun = fc
  .record({
    paste: fc.oneof(errorPaste(), combinedPaste()),
    secret: fc.option(plantedSecret(), { freq: 2 }),
    textMode: fc.constantFrom('arg', 'stdin', 'dash', 'utf16-stdin'),
    format: FORMAT_FLAGS,
    options: fc.array(diagnoseOption, { maxLength: 3 }),
    secretIn: fc.constantFrom('paste', 'connection-string', 'evidence'),
  })
  .map(({ paste, secret, textMode, format, options, secretIn }) => {
    const text = secret && secretIn === 'paste' ? secret.paste : paste;
    const argv = ['diagnose', ...format];
    options.forEach((option, i) => {
      if (option.kind === 'args') argv.push(...option.args);
      else if (option.kind === 'config') argv.push('--config', scratchFile('fuzz-config.yaml', option.text));
      else argv.push('--evidence', `${option.label}${scratchFile(`evidence-${i}`, option.content)}`);
    });
    if (secret && secretIn === 'connection-string') argv.push('--connection-string', withoutNul(secret.shape));
    if (secret && secretIn === 'evidence') argv.push('--evidence', scratchFile('evidence-secret.txt', secret.paste));
    const stdin = textMode === 'utf16-stdin' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : text;
    if (textMode === 'arg') argv.push(...withoutNul(text).split(' ').filter((word) => !word.startsWith('-')));
    if (textMode === 'dash') argv.push('-');
    return { argv, stdin: textMode === 'arg' ? '' : stdin, secret, background: `${secret?.background ?? ''}\n${paste}` };
  });

/** A scan of log files (and stdin as "-"), a secret in one of them now and then. */
const scanRun = fc
  .record({ logs: fc.array(fc.oneof(realOrMutated(seeds().logs), combinedPaste()), { minLength: 1, maxLength: 2 }), stdin: fc.boolean(), format: FORMAT_FLAGS, secret: fc.option(plantedSecret(), { freq: 2 }) })
  .map(({ logs, stdin, format, secret }) => {
    const files = logs.map((text, i) => scratchFile(`log-${i}.log`, i === 0 && secret ? `${text}\n${secret.paste}` : text));
    return { argv: ['scan', ...format, ...files, ...(stdin ? ['-'] : [])], stdin: stdin ? (logs[0] ?? '') : '', secret, background: `${secret?.background ?? ''}\n${logs.join('\n')}` };
  });

/** rules validate/test/list/explain over a rule file of any text (real ones mutated, random ones). */
const rulesRun = fc
  .record({
    file: fc.oneof(realOrMutated([scratchRuleExample()]), randomText(200)),
    sub: fc.constantFrom('validate', 'test', 'test --json', 'list', 'list --json', 'list --causes', 'explain refused-port-mismatch', 'explain nope', 'explain'),
    input: errorPaste(),
  })
  .map(({ file, sub, input }) => {
    const path = scratchFile('fuzz.yaml', file);
    const [command = '', ...rest] = sub.split(' ');
    const argv = command === 'explain' ? ['rules', 'explain', ...rest, '--input', '-', '--rules', path] : command === 'list' ? ['rules', command, ...rest, '--rules', path] : ['rules', command, ...rest, path];
    return { argv, stdin: input, secret: null, background: input };
  });

/** A user rule file as the docs teach it (docs/writing-rules.md's shape): the text the rules runs mutate. */
function scratchRuleExample(): string {
  return `rules:
  - id: fuzz-vpn-refused
    cause: firewall_blocking
    certainty: 0.3
    families: [refused]
    when:
      all:
        - { fact: error.family, operator: equal, value: refused }
        - { fact: error.message, operator: matches, value: '/actively refused/i' }
    evidence: ['Our VPN resets connections to closed ports ({{error.family}}).']
    tests:
      match: [{ facts: { error.family: refused, error.message: 'it actively refused it' } }]
      noMatch: [{ facts: { error.family: dns } }]
`;
}

/** Any argument list: the commands' words and options, and random strings. */
const anyArgs = fc
  .array(fc.oneof(fc.constantFrom('diagnose', 'scan', 'rules', 'validate', 'list', '--json', '--format', '--help', '--version', '-', '--', '-h', '-V', '--evidence', 'help'), randomText(20)), { maxLength: 6 })
  .map((argv) => ({ argv, stdin: '', secret: null, background: '' }));

/** The CLI's documented exits: 0, 1 (rule problems, test failures) or 2 (one line on stderr); never a trace. */
function expectDocumentedExit(argv: readonly string[], run: Run): void {
  if (run.code === null) fail(`no exit within ${RUN_LIMIT_MS / 1000} s`, argv);
  if (![0, 1, 2].includes(run.code)) fail(`exit code ${run.code}`, { argv, stderr: run.stderr });
  if (/internal error/.test(run.stderr)) fail('an internal error (an exception that is no DoctorError)', { argv, stderr: run.stderr });
  if (/^\s+at .+[(:]\d/m.test(run.stderr)) fail('a stack trace on stderr', { argv, stderr: run.stderr });
  const lines = run.stderr.split('\n').filter(Boolean);
  if (run.code === 2 && (lines.length !== 1 || !lines[0]?.startsWith('mssql-doctor: '))) fail('exit 2 without exactly one line on stderr', { argv, stderr: run.stderr });
  if (run.code === 0 && argv[0] !== 'rules' && lines.length > 0) fail('exit 0 with something on stderr', { argv, stderr: run.stderr });
}

function expectJsonOutput(argv: readonly string[], run: Run): void {
  if (run.code !== 0 || !wantsJson(argv)) return;
  if (argv[0] === 'diagnose') expectValidDiagnosis(JSON.parse(run.stdout));
  if (argv[0] === 'scan') expectValidScanReport(JSON.parse(run.stdout));
}

export const CLI_PROPERTIES: FuzzProperty[] = [
  asyncProperty('cli/runs', 3, () => fc.oneof({ weight: 4, arbitrary: diagnoseRun }, { weight: 2, arbitrary: scanRun }, { weight: 2, arbitrary: rulesRun }, { weight: 1, arbitrary: anyArgs }).filter(({ argv }) => runnable(argv)), async ({ argv, stdin, secret, background }) => {
    const run = await runBin(argv, stdin);
    expectDocumentedExit(argv, run);
    expectJsonOutput(argv, run);
    if (secret) expectNoLeak(secret.secrets, [run.stdout, run.stderr], background, await outputWords());
  }),
];
