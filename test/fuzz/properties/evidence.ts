// Fuzz properties of the evidence parsers (each kind, and the splitter that picks one) and the connection-string readers.
import fc from 'fast-check';
import { parseConfigObject } from '../../../src/evidence/connection-config.js';
import { settingsToFacts, type ConnectionSettings } from '../../../src/evidence/connection-settings.js';
import { parseConnectionString } from '../../../src/evidence/connection-string.js';
import { parseJdbcUrl, parseServerUrl } from '../../../src/evidence/connection-url.js';
import { EVIDENCE_PARSERS, PARSERS } from '../../../src/evidence/index.js';
import { splitPaste } from '../../../src/evidence/split.js';
import { parseSqlcmdArgs } from '../../../src/evidence/sqlcmd-args.js';
import { EVIDENCE_KINDS } from '../../../src/schemas/vocabulary.js';
import { parseServerSpec } from '../../../src/target/server-spec.js';
import { anyChar, anyPaste, combinedPaste, evidencePaste, randomText, wordSoup } from '../arbitraries.js';
import { expectDetectScore, expectEvidenceResult, fail } from '../oracles.js';
import { syncProperty, type FuzzProperty } from '../property.js';

/** One property per evidence kind: its parser on its own kind's texts (real, mutated), other texts and random ones. */
const perKind = EVIDENCE_KINDS.map((kind) =>
  syncProperty(`evidence/${kind}`, 100, () => fc.oneof({ weight: 4, arbitrary: evidencePaste(kind) }, { weight: 1, arbitrary: anyPaste() }), (text) => {
    const { parser } = EVIDENCE_PARSERS[kind];
    expectDetectScore(parser, text);
    expectEvidenceResult(parser.parse(text));
  }),
);

// ---------------------------------------------------------------- connection strings built from their grammar

/** A value as a person writes one: plain, quoted, braced, empty, a huge number, random. */
const value = fc.oneof(
  fc.constantFrom('db01', 'tcp:db01\\SQLEXPRESS,1433', '(localdb)\\MSSQLLocalDB', '.', 'np:\\\\.\\pipe\\sql\\query', '[::1]', '10.0.0.5,99999', 'yes', 'true', 'SSPI', '30'),
  fc.string({ unit: anyChar, maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 40 }),
  fc.tuple(fc.constantFrom('"', "'", '{'), fc.string({ unit: anyChar, maxLength: 20 })).map(([open, inner]) => `${open}${inner}${open === '{' ? '}' : open}`),
);

const KEYWORDS = [
  'Server', 'Data Source', 'Address', 'Addr', 'Network Address', 'Initial Catalog', 'Database', 'Driver', 'Provider', 'Encrypt',
  'TrustServerCertificate', 'Trust Server Certificate', 'Integrated Security', 'Trusted_Connection', 'Authentication', 'Connect Timeout',
  'Connection Timeout', 'Timeout', 'LoginTimeout', 'User ID', 'Password', 'Pwd', 'MultiSubnetFailover',
];

const keywordString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYWORDS), randomText(10)), value, fc.constantFrom('=', ' = ', '==', '')), { maxLength: 8 })
  .chain((pairs) => fc.constantFrom(';', '; ', ';;', ',').map((sep) => pairs.map(([k, v, eq]) => `${k}${eq}${v}`).join(sep)));

const urlString = fc
  .tuple(fc.constantFrom('mssql://', 'sqlserver://', 'mssql+pyodbc://', 'jdbc:sqlserver://', 'jdbc:jtds:sqlserver://'), value, value, value, value, keywordString)
  .map(([scheme, user, host, port, path, props]) => {
    const query = scheme.startsWith('jdbc') ? `;${props}` : `?${props.replace(/;/g, '&')}`;
    return `${scheme}${user}@${host}:${port}/${path}${query}`;
  });

const configObject = fc
  .tuple(value, value, value, value, fc.boolean())
  .map(([server, port, instance, encrypt, nested]) =>
    nested
      ? `const config = { server: '${server}', options: { port: ${port}, instanceName: "${instance}", encrypt: ${encrypt} } };`
      : `{"server": ${JSON.stringify(server)}, "port": ${port}, "database": "${instance}", "connectionTimeout": ${encrypt}}`,
  );

const sqlcmdLine = fc
  .array(fc.tuple(fc.constantFrom('-S', '-d', '-l', '-E', '-N', '-C', '-U', '-P', '-H', '/S'), value), { maxLength: 6 })
  .map((args) => `sqlcmd ${args.map(([flag, v]) => `${flag} ${v}`).join(' ')}`);

const connectionText = () =>
  fc.oneof(keywordString, urlString, configObject, sqlcmdLine, evidencePaste('connection_string'), randomText(120), wordSoup(12));

function expectSettings(settings: ConnectionSettings | undefined): void {
  if (settings === undefined) return;
  expectEvidenceResult({ facts: settingsToFacts(settings), warnings: [] });
}

export const EVIDENCE_PROPERTIES: FuzzProperty[] = [
  ...perKind,

  syncProperty('evidence/any-kind', 80, () => fc.oneof(anyPaste(), combinedPaste()), (text) => {
    for (const parser of PARSERS) {
      expectDetectScore(parser, text);
      expectEvidenceResult(parser.parse(text));
    }
    const parts = splitPaste(text, PARSERS);
    for (const part of parts) {
      if (part.kind !== undefined && part.kind !== 'error' && !EVIDENCE_KINDS.includes(part.kind)) fail('splitPaste() named an unknown kind', part.kind);
      if (typeof part.text !== 'string' || !part.text.trim()) fail('splitPaste() returned an empty part', part);
    }
  }),

  syncProperty('connection-string/parsers', 200, connectionText, (text) => {
    expectEvidenceResult(parseConnectionString(text));
    for (const read of [parseJdbcUrl, parseServerUrl, parseSqlcmdArgs, parseConfigObject]) expectSettings(read(text.trim()));
    for (const allowColonPort of [false, true]) {
      const spec = parseServerSpec(text, { allowColonPort });
      if (spec && (typeof spec.host !== 'string' || !spec.host || /\s/.test(spec.host))) fail('parseServerSpec() returned a host that is empty or has spaces', spec);
      if (spec) expectSettings({ server: spec });
    }
  }),
];
