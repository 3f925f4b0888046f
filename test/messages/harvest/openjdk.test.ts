// openjdk harvester: the winsock table, TLS alerts and literal texts, on the excerpts of openjdk/jdk in
// test/fixtures/messages/openjdk (SOURCES.md), which are also what messages/sources/openjdk.json is harvested from.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  alertDescriptions,
  harvestOpenjdk,
  openjdkEntries,
  stringExpressions,
  winsockTable,
} from '../../../scripts/messages/harvest/openjdk.js';

const dir = fileURLToPath(new URL('../../fixtures/messages/openjdk/', import.meta.url));
const read = (path: string) => readFileSync(`${dir}${path}`, 'utf8');
const NET_UTIL = 'src/java.base/windows/native/libnet/net_util_md.c';

describe('stringExpressions', () => {
  it('joins Java + expressions and C adjacent literals', () => {
    expect(stringExpressions('throw new X("unable to find valid "\n + "certification path", list);')).toEqual([
      'unable to find valid certification path',
    ]);
    expect(stringExpressions('JNU_ThrowByName(env, "a,"\n " b"); d = "Received fatal alert: " + alert.description;')).toEqual([
      'a, b',
      'Received fatal alert: {0}',
    ]);
  });
});

describe('winsockTable and alertDescriptions', () => {
  it('read the winsock error texts and the TLS alert names', () => {
    const table = winsockTable(read(NET_UTIL));
    expect(table.get('WSAECONNREFUSED')).toBe('Connection refused');
    expect(table.get('WSAETIMEDOUT')).toBe('Connection timed out');
    expect(table.size).toBe(45);
    const alerts = alertDescriptions(read('src/java.base/share/classes/sun/security/ssl/Alert.java'));
    expect(alerts).toContain('bad_certificate_status_response');
    expect(alerts).toHaveLength(34);
  });
});

describe('openjdkEntries', () => {
  it('gives the winsock texts in the form NET_ThrowNew prints them', () => {
    const refused = openjdkEntries(NET_UTIL, read(NET_UTIL)).find((e) => e.id === 'openjdk:winsock.WSAECONNREFUSED');
    expect(refused).toMatchObject({ template: 'Connection refused: {0}', syntax: 'java', layer: 'os', provider: 'jdbc' });
  });
});

describe('harvestOpenjdk', () => {
  it('reads every listed file and finds each literal site', () => {
    const file = harvestOpenjdk(dir);
    const ids = new Set(file.entries.map((e) => e.id));
    for (const id of [
      'openjdk:socket.connect-timed-out',
      'openjdk:socket.connect-timed-out-legacy',
      'openjdk:tls.no-appropriate-protocol',
      'openjdk:tls.pkix-path-building-failed',
      'openjdk:tls.no-certification-path',
      'openjdk:tls.alert.handshake_failure',
    ]) {
      expect(ids).toContain(id);
    }
    expect(file.harvested).toHaveLength(7);
  });
});
