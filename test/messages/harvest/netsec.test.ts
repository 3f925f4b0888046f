// The System.Net.Security harvester: its key selection, layers and reading of real string tables from corefx and
// dotnet/runtime (test/fixtures/messages/netsec/SOURCES.md).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  isHttpKey,
  isSecurityKey,
  layerOf,
  runtimeCommits,
  tableEntries,
} from '../../../scripts/messages/harvest/netsec.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/messages/netsec/${name}`, import.meta.url), 'utf8');
const RUNTIME = 'runtime/f72a1f67a0a317ffc487a204014006d52bed7a92/src/libraries/System.Net.Security/src/Resources/Strings.resx';

describe('selection', () => {
  it('takes the TLS, certificate, OpenSSL and GSSAPI keys', () => {
    const taken = ['net_auth_eof', 'net_io_eof', 'net_ssl_io_cert_custom_validation', 'net_ssl_handshake_failed_error', 'net_gssapi_operation_failed_detailed', 'net_frame_read_size'];
    expect(taken.filter(isSecurityKey)).toEqual(taken);
  });

  it('leaves out API misuse, server-mode and trace keys', () => {
    const left = ['net_auth_reauth', 'net_ssl_io_no_server_cert', 'event_RemoteCertificate', 'net_log_remote_cert_name_mismatch', 'net_noseek', 'net_io_invalidendcall'];
    expect(left.filter(isSecurityKey)).toEqual([]);
  });

  it('takes only HttpClient’s TLS wrapper from System.Net.Http', () => {
    expect(isHttpKey('net_http_ssl_connection_failed')).toBe(true);
    expect(isHttpKey('net_http_client_execution_error')).toBe(false);
  });

  it('puts GSSAPI/Negotiate texts in the os layer and SslStream’s in tls', () => {
    expect(layerOf('net_gssapi_operation_failed')).toBe('os');
    expect(layerOf('net_ntlm_not_possible_default_cred')).toBe('os');
    expect(layerOf('net_auth_eof')).toBe('tls');
    expect(layerOf('net_ssl_io_cert_validation')).toBe('tls');
  });
});

describe('reading', () => {
  it('reads corefx v1.0.0’s table, decoding nothing away (the leading space of net_io_eof is published)', () => {
    const path = 'src/System.Net.Security/src/Resources/Strings.resx';
    const entries = tableEntries([{ path, text: fixture('Strings.v1.0.0.resx'), keep: isSecurityKey }]);
    expect(entries.map(({ id, template }) => [id, template])).toEqual([
      ['netsec:net_io_eof', ' Received an unexpected EOF or 0 bytes from the transport stream.'],
      ['netsec:net_ssl_io_cert_validation', 'The remote certificate is invalid according to the validation procedure.'],
      ['netsec:net_auth_SSPI', 'A call to SSPI failed, see inner exception.'],
    ]);
    expect(entries.every((entry) => entry.locale === 'en' && entry.syntax === 'none' && entry.path === path)).toBe(true);
  });

  it('reads a dotnet/runtime version with its .NET 5+ wordings and placeholders', () => {
    const entries = tableEntries([{ path: 'x', text: fixture(RUNTIME), keep: isSecurityKey }]);
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    expect(byId.get('netsec:net_ssl_io_cert_custom_validation')?.template).toBe(
      'The remote certificate was rejected by the provided RemoteCertificateValidationCallback.',
    );
    expect(byId.get('netsec:net_ssl_io_cert_validation')).toMatchObject({
      template: 'The remote certificate is invalid according to the validation procedure: {0}',
      syntax: 'dotnet',
      layer: 'tls',
    });
    expect(byId.get('netsec:net_gssapi_operation_failed_detailed')?.layer).toBe('os');
    expect(byId.has('netsec:net_auth_reauth')).toBe(false);
  });

  it('reads the saved runtime commits in the ORDER file’s order, ignoring anything but commit ids', () => {
    expect(runtimeCommits(fixture('runtime/ORDER'))).toEqual([
      '015510cac22b172696e9c2ac95ffcf18078e1617',
      'f72a1f67a0a317ffc487a204014006d52bed7a92',
    ]);
    expect(runtimeCommits('# note\nabc\n')).toEqual([]);
  });
});
