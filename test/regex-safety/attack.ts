// An input that attacks a regex, grown to the size the product accepts, and how long V8 takes over it. recheck
// finds attacks on small inputs and names their growth ("2nd degree polynomial"); on bounded repetitions
// ([^\]]{1,60}: at most 60 steps per position) its fuzzing sees growth that stops at the bound. What counts is
// the time at 256 KiB, measured in a child process so that a catastrophic pattern can be stopped.
import { spawnSync } from 'node:child_process';
import type { AttackPattern } from 'recheck';
import { MAX_TEXT_LENGTH } from '../../src/doctor.js';

export type Attack = Pick<AttackPattern, 'pumps' | 'suffix' | 'base'>;

/** The attack with its pumps repeated as often as fits in `size` characters (recheck's string has `base` repeats). */
export function growAttack(attack: Attack, size = MAX_TEXT_LENGTH): string {
  const fixed = attack.pumps.reduce((n, p) => n + p.prefix.length + p.bias * p.pump.length, attack.suffix.length);
  const perRepeat = attack.pumps.reduce((n, p) => n + p.pump.length, 0);
  const base = perRepeat === 0 ? 0 : Math.max(1, Math.floor((size - fixed) / perRepeat));
  return attack.pumps.map((p) => p.prefix + p.pump.repeat(Math.max(0, base + p.bias))).join('') + attack.suffix;
}

/** Beyond this a run is stopped: no pattern that takes it on 256 KiB is acceptable anyway. */
const RUN_LIMIT_MS = 5_000;

/**
 * Milliseconds V8 takes to find every match of the pattern in the text (the normalizers read every match), or
 * Infinity when it had not finished after RUN_LIMIT_MS.
 */
export function timeAllMatches(source: string, flags: string, text: string): number {
  const program = `
    const { source, flags, text } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const re = new RegExp(source, flags.includes('g') || flags.includes('y') ? flags : flags + 'g');
    const started = performance.now();
    for (let m = re.exec(text), n = 0; m && n < 1e6; m = re.exec(text), n++) if (m[0] === '') re.lastIndex++;
    console.log(performance.now() - started);`;
  const run = spawnSync(process.execPath, ['-e', program], { input: JSON.stringify({ source, flags, text }), timeout: RUN_LIMIT_MS, encoding: 'utf8' });
  const ms = Number(run.stdout.trim());
  return run.status === 0 && Number.isFinite(ms) ? ms : Infinity;
}
