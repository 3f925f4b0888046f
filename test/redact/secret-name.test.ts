// The catalogue's judgement of names: secret words with anything glued before them, qualified keys, misspellings.
import { describe, expect, it } from '@jest/globals';
import { isSecretName, nameWords } from '../../src/redact/secret-name.js';

describe('isSecretName', () => {
  it.each([
    'Password', 'PWD', 'pwd', 'passwd', 'MSSQL_SA_PASSWORD', 'SA_PASSWORD', 'DB_PASSWORD', 'SQLCMDPASSWORD', 'PGPASSWORD',
    'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'clientSecret', 'client_secret', 'AccountKey', 'SharedAccessKey', 'x-api-key',
    'Ocp-Apim-Subscription-Key', 'api_key', 'AccessToken', 'KeyStoreSecret', 'sig', 'Authorization', 'administratorLoginPassword',
    'hibernate.connection.password', 'Pasword', 'passwrd', 'Passwort', 'Kennwort', 'contraseña', 'PrimaryMasterKey', 'auth',
  ])('%s names a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'Server', 'User ID', 'UID', 'Database', 'SharedAccessKeyName', 'DB_PASSWORD_FILE', 'Authentication', 'TrustServerCertificate',
    'primaryKey', 'public_key', 'token_type', 'Keyword', 'bypass', 'monkey', 'sv', 'ServerInstance', 'AWS_ACCESS_KEY_ID',
  ])('%s names no secret', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('nameWords', () => {
  it('splits at separators and camelCase, keeping acronyms whole', () => {
    expect(nameWords('SQLPassword')).toEqual(['sql', 'password']);
    expect(nameWords('AWS_SECRET_ACCESS_KEY')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(nameWords('clientSecret2')).toEqual(['client', 'secret2']);
    expect(nameWords('x-api-key')).toEqual(['x', 'api', 'key']);
  });
});
