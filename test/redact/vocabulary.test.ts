// A password that is also a word of the doctor's vocabulary (a family, a provider, a platform, a cause id…) is
// swept from the text read from the paste, and from nowhere else: every vocabulary field of the answer stays as
// it is, and the answer stays valid against its schema.
import { describe, expect, it } from '@jest/globals';
import { createDoctor } from '../../src/doctor.js';
import { sweepBySchema } from '../../src/redact/index.js';
import { DiagnosisSchema, type Diagnosis } from '../../src/schemas/diagnosis.js';
import { FACT_NAMES } from '../../src/schemas/facts.js';
import { CHECK_KINDS, EVIDENCE_KINDS, FAMILIES, PLACES, PLATFORMS, PROTOCOLS, PROVIDERS, SOCKET_OUTCOMES } from '../../src/schemas/vocabulary.js';
import { diagnosisSchemaErrors, fixture } from '../helpers.js';

const doctor = createDoctor();
const ERROR =
  'A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';
/** The password on the error's line (sqlcmd's -P), beside a capture whose SYN was answered (syn-ack). */
const input = (password: string) => ({
  text: `sqlcmd -S db01 -U sa -P ${password} ${ERROR}`,
  evidence: [{ kind: 'capture' as const, text: fixture('evidence/capture/tcpdump-v-masked-host-synack.txt') }],
});

/** The answer with its free text blanked: what is left is vocabulary, numbers and the rules' own text. */
const vocabularyOf = (d: Diagnosis) => sweepBySchema(DiagnosisSchema, d, { sweep: () => '<text>' });

const words = [
  ...new Set([
    ...FAMILIES,
    ...PROVIDERS,
    ...EVIDENCE_KINDS,
    ...CHECK_KINDS,
    ...PLACES,
    ...PLATFORMS,
    ...SOCKET_OUTCOMES,
    ...PROTOCOLS,
    'syn-ack',
    'rst',
    ...doctor.pack.causes.keys(),
    ...doctor.pack.checks.keys(),
    ...doctor.pack.rules.map((r) => r.id),
    ...FACT_NAMES,
  ]),
].filter((w) => w.length >= 3);

describe('a password that is a word of the vocabulary', () => {
  let neutral: Diagnosis;

  it('has a diagnosis to compare with: the same paste with another password', async () => {
    neutral = await doctor.diagnose(input('Zq7-neutral-pw'));
    expect(neutral.family).toBe('refused');
    expect(neutral.causes.length).toBeGreaterThan(0);
    expect(neutral.nextChecks.length).toBeGreaterThan(0);
    expect(JSON.stringify(neutral.facts)).toContain('syn-ack');
  });

  it.each(words)('%s changes no vocabulary field, leaves the answer schema-valid and is masked in the pasted line', async (word) => {
    const d = await doctor.diagnose(input(word));
    expect(diagnosisSchemaErrors(d)).toBe('');
    expect(vocabularyOf(d)).toEqual(vocabularyOf(neutral));
    expect(d.causes.map(({ evidence: _e, ...authored }) => authored)).toEqual(neutral.causes.map(({ evidence: _e, ...authored }) => authored));
    const pasted = d.errors.map((e) => e.line).join('\n');
    expect(pasted).toContain('-P ***');
    expect(pasted.split(/[^\p{L}\p{N}_.-]+/u)).not.toContain(word);
  });
});
