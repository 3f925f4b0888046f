// Prints figures, asserts nothing: the redactor and the sweep on adversarial 256 KiB inputs, built for each shape's
// pattern (long runs of what its quantifiers accept, near misses that almost complete a match), and the cases of
// issue 13 end to end (diagnose of 'a+' × 131072, scan of a 640 KiB log of such lines).
import { createDoctor } from '../src/doctor.js';
import { createSweeper, redactText } from '../src/redact/index.js';
import { scanLogs } from '../src/scan/scan.js';

const SIZE = 256 * 1024;
const fill = (seed: string) => seed.repeat(Math.ceil(SIZE / seed.length)).slice(0, SIZE);
const ms = (start: number) => performance.now() - start;
/** The fastest of three runs: what the code costs, less what a busy machine adds. */
function best(run: () => unknown): number {
  let fastest = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, ms(start));
  }
  return fastest;
}

/** Seeds by the shape whose pattern they attack; each is repeated to 256 KiB. */
const ADVERSARIAL: Record<string, string[]> = {
  url: ['a+', 'a://', 'a:a@', 'mssql://a:', '@a', 'mssql://sa:p@', 'a://b?@'],
  setting: ['Password=', 'Password={', 'Password="', "Password='", 'password: ', 'a_password=x ', 'Password=a ', 'a=', 'a1b2c3=', '"password":"', 'password: |\n', '[password] => '],
  flag: ['-P ', '--password ', '-Password:', '/TargetPassword:', '-p ', '- -P -'],
  tool: ['sqlcmd -P', 'sqlcmd ', 'az -p ', 'mysql -p', 'curl -u a:', 'isql a b '],
  'secure-string': ['ConvertTo-SecureString ', 'ConvertTo-SecureString -Key '],
  'positional-call': ['PDO(', 'getConnection("a",', 'sql_server(('],
  'named-pair': ['name: password\n', '<add key="password" ', 'name=password value='],
  'xml-element': ['<password>', '<a '],
  prose: ['the password is ', 'password for a is '],
  netrc: ['login a password '],
  'net-use': ['net use /user:a '],
  'environment-command': ['ENV A_PASSWORD ', 'setx PASSWORD '],
  bearer: ['Bearer ', 'Bearer a1', 'Bearer aaaaaaaa'],
  basic: ['Basic ', 'Basic YTpi'],
  jwt: ['eyJ', 'eyJaaaaaaaaaaa.', 'eyJaaaaaaaaaaa.aaaaaaaaaa'],
  token: ['ghp_', 'xoxb-', 'AKIA'],
  'private-key': ['-----BEGIN PRIVATE KEY-----'],
  layers: ['&amp;', '\\u0070', '%41', '\\\\', '&#x41;', '&quot;password&quot;:&quot;'],
};

// Warm-up: the first call compiles every pattern.
redactText('Password=x; mssql://a:b@c -P d');

console.log(`redactText on adversarial ${SIZE / 1024} KiB inputs, slowest seed per shape (fastest of 3 runs):`);
const worst: Array<{ shape: string; seed: string; ms: number }> = [];
for (const [shape, seeds] of Object.entries(ADVERSARIAL)) {
  let slowest = { shape, seed: '', ms: 0 };
  for (const seed of seeds) {
    const text = fill(seed);
    const took = best(() => redactText(text));
    if (took > slowest.ms) slowest = { shape, seed, ms: took };
  }
  worst.push(slowest);
}
worst.sort((a, b) => b.ms - a.ms);
for (const w of worst) console.log(`  ${w.ms.toFixed(1).padStart(7)} ms  ${w.shape.padEnd(20)} ${JSON.stringify(w.seed)}`);

const secrets = Array.from({ length: 1000 }, (_, i) => `Zq7secret${i}x`);
const sweeper = createSweeper(secrets);
const escaped = fill('Zq7secret1 &amp; text ');
console.log(`sweep of 1,000 secrets over ${SIZE / 1024} KiB (escaped text, every word a near miss): ${best(() => sweeper.sweep(escaped)).toFixed(1)} ms`);

const doctor = createDoctor();
await doctor.diagnose('warm-up');
let start = performance.now();
await doctor.diagnose('a+'.repeat(131072));
console.log(`diagnose 'a+' × 131072 (issue 13: 25 s before): ${ms(start).toFixed(0)} ms`);
const line = `${'a+'.repeat(300)}\n`;
const log = line.repeat(Math.ceil((640 * 1024) / line.length));
start = performance.now();
await scanLogs([{ name: 'a.log', text: log }], { doctor });
console.log(`scan of a ${Math.round(log.length / 1024)} KiB log of such lines (issue 13: 16 s before): ${ms(start).toFixed(0)} ms`);
