// npm run regex-verdicts [-- --all]: judges every regex of the inventory (test/regex-safety/inventory.ts) that the
// record lacks with recheck, then rewrites test/regex-safety/verdicts.json with exactly the current patterns'
// verdicts. --all judges every pattern again. Prints each new verdict; exits 1 when any pattern is not safe.
import { regexInventory } from '../test/regex-safety/inventory.js';
import { judgeAll, recordedVerdicts, verdictKey, writeVerdicts, type Verdict } from '../test/regex-safety/verdicts.js';

const again = process.argv.includes('--all');
const inventory = await regexInventory();
const recorded = again ? new Map<string, Verdict>() : recordedVerdicts();
const missing = inventory.filter((p) => !recorded.has(verdictKey(p)));
console.log(`${inventory.length} patterns, ${inventory.length - missing.length} with a recorded verdict, judging ${missing.length}`);

const started = performance.now();
let done = 0;
const fresh = await judgeAll(missing, (pattern, verdict) => {
  done++;
  console.log(`[${done}/${missing.length}] ${verdict.status.padEnd(10)} ${pattern.where} /${pattern.source.slice(0, 80)}/${pattern.flags}  ${verdict.status === 'safe' ? '' : verdict.detail}`);
});
const byKey = new Map([...recorded, ...fresh.map((v) => [verdictKey(v), v] as const)]);
const current = inventory.map((p) => byKey.get(verdictKey(p)) as Verdict);
writeVerdicts(current);
const unsafe = inventory.filter((p) => byKey.get(verdictKey(p))?.status !== 'safe');
console.log(`${((performance.now() - started) / 1000).toFixed(0)} s; ${unsafe.length} not safe:`);
for (const p of unsafe) console.log(`  ${p.where} /${p.source}/${p.flags}: ${byKey.get(verdictKey(p))?.detail}`);
process.exit(unsafe.length > 0 ? 1 : 0);
