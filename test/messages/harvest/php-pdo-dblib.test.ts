import { readFileSync } from 'node:fs';
import { readPdoDblib } from '../../../scripts/messages/harvest/php-pdo-dblib.js';

const fixture = (name: string) => readFileSync(`test/fixtures/messages/php-pdo-dblib/${name}`, 'utf8');

describe('readPdoDblib', () => {
  it('keeps the connect exception and errorInfo layouts and the version errors', () => {
    const entries = readPdoDblib(new Map([['ext/pdo_dblib/dblib_driver.c', fixture('dblib_driver-excerpt.c')]]));
    expect(entries.map((e) => [e.id, e.template])).toEqual([
      ['php-pdo-dblib:connect-exception', 'SQLSTATE[%s] %s (severity %d)'],
      ['php-pdo-dblib:error-info', '%s [%d] (severity %d) [%s]'],
      ['php-pdo-dblib:version-set-failed', 'PDO_DBLIB: Failed to set version specified in connection string.'],
      ['php-pdo-dblib:invalid-version', 'PDO_DBLIB: Invalid version specified in connection string.'],
      ['php-pdo-dblib:invalid-version-printf', "Invalid version '%s'\n"],
    ]);
    expect(entries[0]).toMatchObject({ layer: 'wrapper', provider: 'dblib', syntax: 'printf' });
  });

  it('finds nothing in the error handler, which only picks the SQLSTATE', () => {
    expect(readPdoDblib(new Map([['ext/pdo_dblib/pdo_dblib.c', fixture('pdo_dblib-excerpt.c')]]))).toEqual([]);
  });
});
