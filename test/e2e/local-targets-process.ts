// Serves the local targets until stdin ends (the test closing them, or dying), printing their ports as one JSON line.
import { listenLocalTargets } from './local-targets.js';

/** Bounds the process's life should its parent vanish without closing stdin. */
const MAX_LIFETIME_MS = 10 * 60_000;

const targets = await listenLocalTargets();
const { refusedPort, httpPort, silentPort } = targets;
process.stdout.write(`${JSON.stringify({ refusedPort, httpPort, silentPort })}\n`);

const stop = async () => {
  await targets.close();
  process.exit(0);
};
process.stdin.on('end', stop).resume();
setTimeout(stop, MAX_LIFETIME_MS).unref();
