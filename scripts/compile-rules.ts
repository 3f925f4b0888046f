// Part of `npm run build`: compiles the built-in rules/*.yaml into dist/rules/builtin-pack.json, so that
// loading them at run time needs neither the YAML parser nor the schema compiler (src/rules/compiled-pack.ts).
// A problem in a built-in rule file fails the build, with each problem's file:line:col.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DoctorError, formatProblem } from '../src/errors.js';
import { COMPILED_PACK_FILE } from '../src/rules/compiled-pack.js';
import { compileBuiltinRules, displayName } from '../src/rules/rule-pack.js';

try {
  const pack = compileBuiltinRules();
  mkdirSync(dirname(COMPILED_PACK_FILE), { recursive: true });
  writeFileSync(COMPILED_PACK_FILE, JSON.stringify(pack));
  // On stderr: `npm pack --json` runs the build (prepare), and its stdout must be the JSON alone.
  console.error(`wrote ${displayName(COMPILED_PACK_FILE)} (${pack.files.length} rule files)`);
} catch (error) {
  if (!(error instanceof DoctorError)) throw error;
  console.error(`${error.message}:`);
  for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
  process.exitCode = 1;
}
