// What the fuzz properties read the doctor's answers through: a doctor that never probes, every rendering of a
// diagnosis, and the words the outputs say whatever was pasted (the background of the secret checks).
import { createDoctor, type Doctor } from '../../src/doctor.js';
import { formatMarkdown } from '../../src/format/markdown.js';
import { formatScanMarkdown, formatScanText } from '../../src/format/scan.js';
import { formatText } from '../../src/format/text.js';
import { once } from '../../src/lazy.js';
import { scanLogs } from '../../src/scan/scan.js';
import type { Diagnosis } from '../../src/schemas/diagnosis.js';
import { FORMATS, render } from '../../src/server/formats.js';
import { readableLowerCase } from './oracles.js';
import { seeds } from './seeds.js';

/** A doctor whose probe guard refuses every target: used wherever the input may ask for probes, so no socket opens. */
export const guardedDoctor = once((): Doctor => createDoctor({ probeGuard: async () => ({ allowed: false, reason: 'the fuzzer never probes' }) }));

/** Every rendering of a diagnosis the CLI and the HTTP API offer; each must render. */
export function renderings(d: Diagnosis): string[] {
  return [JSON.stringify(d), formatText(d), formatMarkdown(d), ...FORMATS.map((format) => JSON.stringify(render(d, format).body))];
}

/**
 * What the outputs say whatever was pasted: the rules' and causes' text, and every rendering's own words (Slack's
 * "header" block, the Markdown headings) of the seed's diagnoses and of a scan of them.
 */
export const outputWords = once(async () => {
  const { pack } = guardedDoctor();
  const parts = [JSON.stringify([...pack.causes.values(), ...pack.checks.values(), pack.rules])];
  const pastes = seeds().errors.filter((_, i) => i % 10 === 0);
  for (const text of pastes) parts.push(...renderings(await guardedDoctor().diagnose(text)));
  const report = await scanLogs([{ name: 'app.log', text: pastes.join('\n') }]);
  parts.push(JSON.stringify(report), formatScanText(report), formatScanMarkdown(report));
  return readableLowerCase(parts.join('\n'));
});
