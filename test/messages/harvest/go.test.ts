// go harvester: named error texts, Error() methods (with switch cases), crypto/tls's alert table and record-header
// errors, net's syscall names, and the entries composed of them, on excerpts of the Go standard library as
// golang/gofrontend imports it (test/fixtures/messages/go, SOURCES.md).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  alertPrefix,
  alertTexts,
  errorMethodSites,
  fillLast,
  goEntries,
  goStringConstants,
  recordHeaderMessages,
  syscallNames,
} from '../../../scripts/messages/harvest/go.js';

const dir = fileURLToPath(new URL('../../fixtures/messages/go/', import.meta.url));
const read = (name: string) => readFileSync(`${dir}${name}`, 'utf8');
const site = (src: string, context: string) => errorMethodSites(src).find((s) => s.context === context)?.template;

describe('goStringConstants', () => {
  it('reads names bound to errors.New("…") in var blocks and single var declarations', () => {
    const net = goStringConstants(read('net.go.go1.18.txt'));
    expect(net.get('errNoSuchHost')).toBe('no such host');
    expect(net.get('errCanceled')).toBe('operation was canceled');
    expect(goStringConstants(read('poll-fd.go.go1.10.txt')).get('ErrNetClosing')).toBe('use of closed network connection');
  });

  it('reads plain string constants and does not take `var` for a name', () => {
    const names = goStringConstants('const (\n\tmissingPort   = "missing port in address"\n)\nvar EOF = errors.New("EOF")\n');
    expect(names.get('missingPort')).toBe('missing port in address');
    expect(names.get('EOF')).toBe('EOF');
    expect(names.has('var')).toBe(false);
  });
});

describe('errorMethodSites', () => {
  it('reads one-line Error() methods by receiver type', () => {
    expect(site(read('poll-fd.go.go1.18.txt'), 'DeadlineExceededError')).toBe('i/o timeout');
    expect(site(read('poll-fd.go.go1.18.txt'), 'errNetClosing')).toBe('use of closed network connection');
    expect(site(read('poll-fd.go.go1.10.txt'), 'TimeoutError')).toBe('i/o timeout');
  });

  it('names switch cases, writes concatenated values as %v, and reads `s := "…"`', () => {
    const verify = read('verify.go.go1.18.txt');
    expect(site(verify, 'CertificateInvalidError.Expired')).toBe('x509: certificate has expired or is not yet valid: %v');
    expect(site(verify, 'UnknownAuthorityError')).toBe('x509: certificate signed by unknown authority');
    const hostname = errorMethodSites(verify).filter((s) => s.context === 'HostnameError').map((s) => s.template);
    expect(hostname).toEqual(
      expect.arrayContaining([
        'x509: certificate relies on legacy Common Name field, use SANs instead',
        'x509: certificate is valid for %v, not %v',
      ]),
    );
  });
});

describe('crypto/tls tables', () => {
  it('reads the alert texts and the prefix alert.String() puts before them', () => {
    const alert = read('alert.go.go1.18.txt');
    expect(alertTexts(alert).get('alertProtocolVersion')).toBe('protocol version not supported');
    expect(alertTexts(alert).get('alertHandshakeFailure')).toBe('handshake failure');
    expect(alertPrefix(alert)).toBe('tls: ');
  });

  it('reads newRecordHeaderError messages in the (conn, msg) and the older (msg) shape', () => {
    expect(recordHeaderMessages(read('conn.go.go1.18.txt'))).toContain('first record does not look like a TLS handshake');
    expect(recordHeaderMessages(read('conn.go.go1.10.txt'))).toEqual(['first record does not look like a TLS handshake']);
  });
});

describe('syscallNames', () => {
  it('reads the names net gives os.NewSyscallError and the *SyscallName constants', () => {
    const names = syscallNames(read('fd_windows.go.go1.18.txt'));
    expect([...names].sort()).toEqual(
      expect.arrayContaining(['connectex', 'wsarecv', 'wsarecvfrom', 'wsasend']),
    );
  });
});

describe('goEntries', () => {
  const files = new Map([
    ['net/net.go', read('net.go.go1.18.txt')],
    ['internal/poll/fd.go', read('poll-fd.go.go1.18.txt')],
    ['net/fd_windows.go', read('fd_windows.go.go1.18.txt')],
    ['crypto/tls/alert.go', read('alert.go.go1.18.txt')],
    ['crypto/tls/conn.go', read('conn.go.go1.18.txt')],
    ['crypto/x509/verify.go', read('verify.go.go1.18.txt')],
  ]);
  const entries = goEntries(files, (path) => `src/${path}`);
  const template = (id: string) => entries.filter((e) => e.id === id).map((e) => e.template);

  it('composes what net prints from the OpError/DNSError layouts and the texts inside them', () => {
    expect(template('go:net.OpError.dial-tcp.timeout')).toEqual(['dial tcp %v: i/o timeout']);
    expect(template('go:net.OpError.read-tcp.wsarecv')).toEqual(['read tcp %v->%v: wsarecv: %v']);
    expect(template('go:net.OpError.dial-tcp.connectex')).toEqual(['dial tcp %v: connectex: %v']);
    expect(template('go:net.DNSError.with-server.no-such-host')).toEqual(['lookup %v on %v: no such host']);
  });

  it('leaves out the parts too short to be entries, and a composition whose part the files lack', () => {
    expect(template('go:net.errTimeout')).toEqual([]);
    expect(template('go:net.OpError.dial-tcp')).toEqual([]);
    // fd_unix.go is not among the files: no "connect" syscall name, so no Unix dial composition.
    expect(template('go:net.OpError.dial-tcp.connect')).toEqual([]);
  });

  it('gives tls and x509 texts their layer, provider go, printf syntax for verbs and the golang/go path', () => {
    const [alert] = entries.filter((e) => e.id === 'go:crypto/tls.alertProtocolVersion');
    expect(alert).toMatchObject({ template: 'tls: protocol version not supported', layer: 'tls', provider: 'go', syntax: 'none', path: 'src/crypto/tls/alert.go' });
    expect(template('go:crypto/tls.first-record-not-tls')).toEqual(['tls: first record does not look like a TLS handshake']);
    const [valid] = entries.filter((e) => e.id === 'go:crypto/x509.HostnameError.valid-for');
    expect(valid).toMatchObject({ template: 'x509: certificate is valid for %v, not %v', syntax: 'printf', layer: 'tls' });
  });

  it('fills the last %v of a layout', () => {
    expect(fillLast('lookup %v on %v: %v', 'no such host')).toBe('lookup %v on %v: no such host');
  });
});
