// openssl harvester: the reason table and the verification switch in their 1.0.2 and 3.0 shapes, on excerpts of
// OpenSSL release sources (python/cpython-source-deps) in test/fixtures/messages/openssl (SOURCES.md).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { opensslEntries, sslReasons, verifyTexts } from '../../../scripts/messages/harvest/openssl.js';

const dir = fileURLToPath(new URL('../../fixtures/messages/openssl/', import.meta.url));
const read = (name: string) => readFileSync(`${dir}${name}`, 'utf8');

describe('sslReasons', () => {
  it('reads ERR_REASON rows (1.0.2) whose text may start on the next line', () => {
    const reasons = sslReasons(read('ssl_err.c.openssl-1.0.2k.txt'));
    expect(reasons.get('SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE')).toBe('sslv3 alert handshake failure');
    expect(reasons.get('SSL_R_WRONG_VERSION_NUMBER')).toBe('wrong version number');
    expect(reasons.get('SSL_R_TLSV1_ALERT_PROTOCOL_VERSION')).toBe('tlsv1 alert protocol version');
  });

  it('reads ERR_PACK rows (1.1.0 on) and the 0.9 shape, joining adjacent literals', () => {
    const reasons = sslReasons(read('ssl_err.c.openssl-3.0.16.txt'));
    expect(reasons.get('SSL_R_UNEXPECTED_EOF_WHILE_READING')).toBe('unexpected eof while reading');
    expect(reasons.get('SSL_R_UNEXPECTED_MESSAGE')).toBe('unexpected message');
    expect(sslReasons('{SSL_R_HTTP_REQUEST                      ,"http " "request"},').get('SSL_R_HTTP_REQUEST')).toBe('http request');
  });
});

describe('verifyTexts', () => {
  it('reads return ("…") (1.0.2) and return "…" (1.1.0 on)', () => {
    const old = verifyTexts(read('x509_txt.c.openssl-1.0.2k.txt'));
    expect(old.get('X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('self signed certificate');
    expect(old.get('X509_V_ERR_HOSTNAME_MISMATCH')).toBe('Hostname mismatch');
    const v3 = verifyTexts(read('x509_txt.c.openssl-3.0.16.txt'));
    expect(v3.get('X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('self-signed certificate');
    expect(v3.get('X509_V_ERR_INVALID_PURPOSE')).toBe('unsuitable certificate purpose');
  });

  it('gives fall-through cases the text of the return they reach', () => {
    expect(verifyTexts('case X509_V_ERR_A:\ncase X509_V_ERR_B:\n    return "shared";').get('X509_V_ERR_A')).toBe('shared');
  });
});

describe('opensslEntries', () => {
  it('keeps the selected codes, as tls-layer English entries without placeholders', () => {
    const entries = opensslEntries({ reasons: read('ssl_err.c.openssl-3.0.16.txt'), verify: read('x509_txt.c.openssl-1.0.2k.txt') });
    const ids = entries.map((e) => e.id);
    expect(ids).toContain('openssl:SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE');
    expect(ids).toContain('openssl:X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(ids).not.toContain('openssl:SSL_R_SSLV3_ALERT_DECOMPRESSION_FAILURE');
    expect(ids).not.toContain('openssl:X509_V_ERR_EMAIL_MISMATCH');
    expect(entries.every((e) => e.layer === 'tls' && e.syntax === 'none' && e.locale === 'en')).toBe(true);
    expect(entries.find((e) => e.id === 'openssl:SSL_R_UNSUPPORTED_PROTOCOL')?.path).toBe('ssl/ssl_err.c');
  });
});
