// Pre-login probe: on an open port, send a TDS PRELOGIN ([MS-TDS] 2.2.6.5) and read what comes back.
// Nothing past PRELOGIN is sent: no TLS, no LOGIN7, no credentials.
import type { Socket } from 'node:net';
import type { PreloginOutcome } from '../schemas/probe-report.js';
import { elapsedSince } from './deadline.js';
import { encodePreloginPacket, readPreloginResponse, type PreloginReading } from './prelogin-codec.js';

/** A PRELOGIN answer is a few dozen bytes; anything that keeps talking past this is not one. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Offering no encryption makes the server say what it wants by itself: ENCRYPT_OFF (only the login packet is
 * encrypted), ENCRYPT_REQ (Force Encryption is on) or ENCRYPT_NOT_SUP (no certificate, no TLS at all).
 */
const REQUEST = encodePreloginPacket({ encryption: 'off' });

function outcomeOf(reading: PreloginReading, address: string, port: number, ms: number): PreloginOutcome {
  switch (reading.kind) {
    case 'prelogin': {
      const { versionText, encryption } = reading.response;
      return { address, port, answer: 'prelogin', version: versionText, ...(encryption ? { encryption } : {}), ms };
    }
    case 'tds-other':
      return { address, port, answer: 'tds-other', detail: reading.detail, ms };
    case 'not-tds':
      return { address, port, answer: 'not-tds', detail: reading.detail, ms };
    case 'incomplete':
      return { address, port, answer: 'closed', detail: 'closed in the middle of a TDS packet', ms };
  }
}

export function probePrelogin(socket: Socket, address: string, port: number, signal: AbortSignal): Promise<PreloginOutcome> {
  const started = performance.now();
  let received = Buffer.alloc(0);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PreloginOutcome) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const reading = readPreloginResponse(received);
      if (reading.kind !== 'incomplete') finish(outcomeOf(reading, address, port, elapsedSince(started)));
      else if (received.length > MAX_ANSWER_BYTES) finish({ address, port, answer: 'not-tds', detail: `sent over ${MAX_ANSWER_BYTES} bytes without completing a TDS packet`, ms: elapsedSince(started) });
    };
    const onClosed = (how: string) => () => {
      const ms = elapsedSince(started);
      if (received.length === 0) finish({ address, port, answer: 'closed', detail: `${how} without answering`, ms });
      else finish(outcomeOf(readPreloginResponse(received), address, port, ms));
    };
    const onAbort = () =>
      finish({ address, port, answer: 'silent', detail: received.length > 0 ? `sent ${received.length} bytes, then nothing` : 'accepted the connection and said nothing', ms: elapsedSince(started) });

    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.once('end', onClosed('closed the connection'));
    socket.once('close', onClosed('closed the connection'));
    socket.on('error', (error: NodeJS.ErrnoException) => onClosed(error.code === 'ECONNRESET' ? 'reset the connection' : `failed (${error.code ?? error.message})`)());
    socket.write(REQUEST);
  });
}
