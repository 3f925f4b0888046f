// sqlcmd command lines as connection evidence, bounded as Windows bounds a command line (32,767 characters).
import { describe, expect, it } from '@jest/globals';
import { parseSqlcmdArgs } from '../../src/evidence/sqlcmd-args.js';

describe('parseSqlcmdArgs', () => {
  it('reads the server, database and switches of a command line', () => {
    expect(parseSqlcmdArgs('sqlcmd -S tcp:db01,1433 -d sales -E -C')).toMatchObject({
      server: { host: 'db01', port: 1433 },
      database: 'sales',
      integratedSecurity: true,
      trustServerCertificate: true,
      driver: 'sqlcmd',
    });
  });

  it('reads no option past the 32,767 characters Windows allows a command line', () => {
    const filler = ' -x'.repeat(11_000);
    expect(parseSqlcmdArgs(`sqlcmd -S early${filler}`)?.server?.host).toBe('early');
    expect(parseSqlcmdArgs(`sqlcmd${filler} -S late`)?.server).toBeUndefined();
  });
});
