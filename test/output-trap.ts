// Catches what code writes to stdout, stderr or the console, or emits as a process warning (which node prints on
// stderr): a library must leave all of these alone. Free of jest, so that the fuzz runner uses it too.

export interface OutputTrap {
  /** What was written since the trap was set or last emptied; empties it. */
  take(): string[];
  /** Puts the real stdout, stderr, console and emitWarning back. */
  release(): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

/** Replaces stdout, stderr, the console's methods and process.emitWarning with recorders until release(). */
export function trapOutput(): OutputTrap {
  let written: string[] = [];
  const keep = (...parts: unknown[]) => void written.push(parts.map(String).join(' '));
  const { stdout, stderr } = process;
  const saved = {
    stdoutWrite: stdout.write,
    stderrWrite: stderr.write,
    emitWarning: process.emitWarning,
    console: CONSOLE_METHODS.map((method) => [method, console[method]] as const),
  };
  stdout.write = ((chunk: unknown) => (keep(chunk), true)) as typeof stdout.write;
  stderr.write = ((chunk: unknown) => (keep(chunk), true)) as typeof stderr.write;
  // Caught where it is called: the warning itself is emitted on node's own process object.
  process.emitWarning = ((warning: unknown) => keep('warning:', warning)) as typeof process.emitWarning;
  for (const method of CONSOLE_METHODS) console[method] = keep;
  return {
    take() {
      const taken = written;
      written = [];
      return taken;
    },
    release() {
      stdout.write = saved.stdoutWrite;
      stderr.write = saved.stderrWrite;
      process.emitWarning = saved.emitWarning;
      for (const [method, original] of saved.console) console[method] = original as typeof keep;
    },
  };
}
