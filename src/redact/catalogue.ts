// The catalogue of what carries a secret in pasted text: names of settings, command-line tools and flags, calls
// that take a password by position, token formats and sentences. Data only; src/redact/shapes.ts reads it.

/**
 * Words that make a setting's name secret when its last word is one of them or ends in one, whatever is glued
 * before it: MSSQL_SA_PASSWORD, SQLCMDPASSWORD, PGPASSWORD, clientSecret, AWS_SESSION_TOKEN, dbPwd. Connection
 * string keywords (Password, PWD: SqlConnection.ConnectionString and the ODBC DSN attributes), environment
 * variables of the SQL Server images and tools, and the same word in the languages SQL Server ships in.
 */
export const SECRET_WORD_ENDINGS = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'passwort',
  'kennwort',
  'wachtwoord',
  'contraseña',
  'contrasena',
  'senha',
  'lösenord',
  'losenord',
  'hasło',
  'haslo',
  'пароль',
  '密码',
  '密碼',
  'パスワード',
  '비밀번호',
] as const;

/**
 * Words that make a name secret only as a whole word (DB_PASS, pw, sig): glued to other letters they are part of
 * ordinary words (bypass, compass). `sig` is the signature of an Azure SAS; `auth` holds user:password in Docker's
 * config.json; `cookie` and `authorization` are the HTTP headers.
 */
export const SECRET_WORDS = [
  'pass',
  'passw',
  'pw',
  'psw',
  'pswd',
  'passwords',
  'secrets',
  'tokens',
  'sig',
  'signature',
  'sas',
  'auth',
  'authorization',
  'cookie',
  'credential',
  'credentials',
  'cred',
  'creds',
  'apikey',
] as const;

/**
 * A `key` is secret when something qualifies it: API_KEY, x-api-key, AccountKey, SharedAccessKey, private_key,
 * AWS_SECRET_ACCESS_KEY. Glued to a word (AccountKey) only these words qualify it, so that monkey or hotkey do
 * not; separated by _ - . any word does, but these, which name keys that are no secret.
 */
export const KEY_QUALIFIERS_GLUED = [
  'api',
  'account',
  'access',
  'sharedaccess',
  'private',
  'secret',
  'master',
  'subscription',
  'client',
  'encryption',
  'signing',
  'function',
  'functions',
  'host',
  'admin',
  'auth',
  'app',
  'storage',
  'license',
  'ssh',
] as const;
export const KEY_QUALIFIERS_NOT_SECRET = [
  'primary',
  'foreign',
  'partition',
  'row',
  'sort',
  'public',
  'unique',
  'composite',
  'idempotency',
  'cache',
  'lookup',
  'registry',
  'hash',
  'shard',
  'natural',
  'surrogate',
  'candidate',
  'routing',
  'object',
  'column',
  'index',
] as const;

/** Misspellings of "password" this close (edits) are read as it: `Pasword=…` is what "Keyword not supported: 'pasword'" quotes. */
export const PASSWORD_TYPO_DISTANCE = 2;

/**
 * Command-line tools whose flags take a password, and how. `-P` is the password of sqlcmd, bcp, osql and the
 * FreeTDS tools (glued too: `-Psecret`); `-p` is the password only for these tools (for the others it is a port);
 * `isql DSN USER PASSWORD` (unixODBC) takes it by position; curl's `-u user:password` after the first colon.
 */
export const TOOLS: ReadonlyArray<{ names: readonly string[]; flags: readonly string[]; glued?: boolean; positional?: number; afterColon?: boolean }> = [
  { names: ['sqlcmd', 'bcp', 'osql', 'tsql', 'isql', 'fisql', 'bsqldb', 'defncopy', 'freebcp', 'mssql-cli', 'mssql-scripter'], flags: ['P'], glued: true },
  { names: ['isql', 'iusql'], flags: [], positional: 3 },
  { names: ['az'], flags: ['p'] },
  { names: ['mysql', 'mysqldump', 'mysqladmin', 'mariadb', 'mariadb-dump'], flags: ['p'], glued: true },
  { names: ['curl'], flags: ['u', 'user'], afterColon: true },
];

/** Single-letter flags that are a password whatever the tool: sqlcmd's `-P` is pasted on its own more often than not. */
export const PASSWORD_LETTER_FLAGS = ['P'] as const;

/**
 * Calls that take the password by position (0-based argument index), as their documentation shows them:
 * PDO and the PHP drivers, JDBC's DriverManager, pymssql, Sequelize, tiberius's AuthMethod, .NET's
 * NetworkCredential, azure-identity's ClientSecretCredential.
 */
export const POSITIONAL_CALLS: ReadonlyArray<{ call: string; argument: number }> = [
  { call: 'PDO', argument: 2 },
  { call: 'mssql_connect', argument: 2 },
  { call: 'odbc_connect', argument: 2 },
  { call: 'odbc_pconnect', argument: 2 },
  { call: 'mysqli_connect', argument: 2 },
  { call: 'getConnection', argument: 2 },
  { call: 'pymssql.connect', argument: 2 },
  { call: '_mssql.connect', argument: 2 },
  { call: 'Sequelize', argument: 2 },
  { call: 'sql_server', argument: 1 },
  { call: 'NetworkCredential', argument: 1 },
  { call: 'SqlCredential', argument: 1 },
  { call: 'PSCredential', argument: 1 },
  { call: 'ClientSecretCredential', argument: 2 },
  { call: 'UsernamePasswordCredential', argument: 3 },
];

/**
 * Token formats recognised without a name before them, from gitleaks' rules (github.com/gitleaks/gitleaks,
 * config/gitleaks.toml): GitHub and GitLab personal tokens, Slack tokens, AWS access key ids, Google API keys,
 * npm and SendGrid tokens. Each is a prefix and the length of what follows.
 */
export const TOKEN_PREFIXES: ReadonlyArray<{ prefix: string; body: string }> = [
  { prefix: 'ghp_', body: '[A-Za-z0-9]{36}' },
  { prefix: 'gho_', body: '[A-Za-z0-9]{36}' },
  { prefix: 'ghu_', body: '[A-Za-z0-9]{36}' },
  { prefix: 'ghs_', body: '[A-Za-z0-9]{36}' },
  { prefix: 'ghr_', body: '[A-Za-z0-9]{36}' },
  { prefix: 'github_pat_', body: '[A-Za-z0-9_]{82}' },
  { prefix: 'glpat-', body: '[A-Za-z0-9_-]{20}' },
  { prefix: 'xox[abprs]-', body: '[A-Za-z0-9-]{10,200}' },
  { prefix: '(?:AKIA|ASIA)', body: '[A-Z0-9]{16}' },
  { prefix: 'AIza', body: '[A-Za-z0-9_-]{35}' },
  { prefix: 'npm_', body: '[A-Za-z0-9]{36}' },
  { prefix: 'SG\\.', body: '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}' },
];

/**
 * Sentences that state a password ("the password is X", "password for sa was X") say something else when one of
 * these words follows: "the password is incorrect", "password is expired", "the password is not complex enough".
 */
export const PROSE_NOT_A_SECRET = [
  'a',
  'an',
  'the',
  'not',
  'no',
  'now',
  'still',
  'also',
  'being',
  'been',
  'required',
  'needed',
  'incorrect',
  'invalid',
  'wrong',
  'correct',
  'right',
  'empty',
  'blank',
  'missing',
  'expired',
  'expiring',
  'too',
  'set',
  'unset',
  'null',
  'none',
  'changed',
  'reset',
  'different',
  'same',
  'unknown',
  'valid',
  'weak',
  'strong',
  'short',
  'long',
  'stored',
  'saved',
  'encrypted',
  'hashed',
  'case',
  'in',
  'on',
  'at',
  'for',
  'of',
  'to',
  'that',
  'this',
  'it',
  'my',
  'your',
  'our',
  'their',
  'his',
  'her',
  'ok',
  'fine',
  'good',
  'bad',
  'correctly',
  'there',
  'given',
  'provided',
  'specified',
  'supplied',
  'used',
  'shown',
  'hidden',
  'masked',
  'redacted',
  'what',
  'which',
  'whatever',
  'nicht',
  'falsch',
  'incorrecta',
  'incorrecto',
  'incorreta',
] as const;

/** The names sentences use for a password; the sentence shape is in shapes.ts. */
export const PROSE_NAMES = ['password', 'passwd', 'pwd', 'passphrase', 'secret', 'passwort', 'kennwort', 'contraseña', 'senha', 'mot de passe', 'пароль'] as const;

/** HTTP authentication schemes (RFC 9110 11.4 and the registered ones): in `Authorization: Basic X` the secret is X. */
export const AUTH_SCHEMES = ['basic', 'bearer', 'digest', 'ntlm', 'negotiate', 'token', 'sharedkey', 'sharedaccesssignature', 'aws4-hmac-sha256'] as const;

/** Values that are no secret, only the absence of one: they are neither masked nor swept. */
export const NOT_SECRET_VALUES = ['null', 'nil', 'none', 'undefined', 'true', 'false', '""', "''"] as const;
