// Time keeping shared by the probes: one overall deadline as an AbortSignal, and elapsed milliseconds.

/** The default overall deadline: a refused or open port answers in milliseconds, a dropped SYN never does. */
export const DEFAULT_PROBE_TIMEOUT_MS = 3000;

export function elapsedSince(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}

/**
 * Waits for `work`, or resolves undefined as soon as `signal` aborts (the work is left to finish on its own:
 * use this only for work that cannot be cancelled, such as getaddrinfo).
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.resolve(undefined);
  }
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
