// The TDS responder as a process of its own, for tests that need it inside a network namespace
// (`ip netns exec NS node --import tsx this-file.ts`): prints its port, closes when its stdin ends.
import { startTdsResponder } from './tds-responder.js';

const responder = await startTdsResponder({ encryption: 0x00, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: responder.port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void responder.close().then(() => process.exit(0));
});
