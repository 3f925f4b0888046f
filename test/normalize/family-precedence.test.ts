// Which family wins when two parts of one paste, in the same layer, name different ones. Each row gives the reason
// from the order a connection is made — name lookup, instance lookup, TCP connect, pre-login (TLS inside it), login,
// database — as SqlClient's own phase names spell it ("[Pre-Login] initialization=…; handshake=…; [Login]
// initialization=…; authentication=…; [Post-Login] complete=…", the duration line of its timeout messages): the
// step that failed first, or the more specific of two words about one step, explains the other.
import { describe, expect, it } from '@jest/globals';
import { classifyFamily } from '../../src/normalize/family.js';
import type { Family } from '../../src/schemas/vocabulary.js';

const PAIRS: ReadonlyArray<readonly [Family, Family, string]> = [
  ['dns', 'refused', 'a name that did not resolve was never dialled: the refusal is of another address or a retry'],
  ['dns', 'timeout', 'the lookup failed before any connection could time out'],
  ['not_found', 'timeout', 'the instance lookup (SQL Browser) found no port, so the connect that timed out had no target'],
  ['refused', 'timeout', 'an RST is the answer; the timeout is the client giving up on other addresses or retries'],
  ['tls', 'prelogin', 'TLS runs inside pre-login: the TLS failure is the specific part of the pre-login failure'],
  ['database', 'login_failed', "4060/4064 arrive with 18456: the database is the specific part (SQL Server's own pair)"],
  ['login_failed', 'timeout', 'the server answered the login: a timeout beside it is the client reporting the end'],
  ['prelogin', 'timeout', 'the TCP connect succeeded and pre-login failed: the timeout is how the failed handshake ended'],
  ['timeout', 'other', 'a named outcome is more than an unspecific failure'],
];

describe('family precedence within a layer', () => {
  it.each(PAIRS)('%s over %s: %s', (specific, general) => {
    for (const signals of [
      [specific, general],
      [general, specific],
    ]) {
      expect(classifyFamily([], '', signals.map((family) => ({ family, layer: 'driver' })))).toBe(specific);
    }
  });
});
