// Secrets planted in fuzzed pastes: the key shapes people paste a password in, each with a random password, and the
// secrets corpus's shapes (test/fixtures/secrets/) as they are; on lines of their own among random or real text.
import fc from 'fast-check';
import { withoutSecrets } from '../redact/secrets-corpus.js';
import { anyPaste, errorPaste } from './arbitraries.js';
import { seeds } from './seeds.js';

/** Letters and digits, without look-alikes, and punctuation a password may hold unquoted in every shape below. */
const SECRET_START = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const SECRET_REST = `${SECRET_START}!*-_.~`;

/** A random password of 12 to 24 characters. */
const randomSecret = fc
  .tuple(fc.constantFrom(...SECRET_START), fc.string({ unit: fc.constantFrom(...SECRET_REST), minLength: 11, maxLength: 23 }))
  .map(([first, rest]) => first + rest);

/** Where a password is written, as the drivers', tools' and formats' documentation shows it. */
const KEY_SHAPES: ReadonlyArray<(secret: string) => string> = [
  (s) => `Password=${s};`,
  (s) => `Server=tcp:db01,1433;Initial Catalog=app;User ID=sa;Password=${s};Encrypt=True`,
  (s) => `Driver={ODBC Driver 18 for SQL Server};Server=db01;UID=sa;PWD=${s};`,
  (s) => `{ "user": "sa", "password": "${s}" }`,
  (s) => `mssql://sa:${s}@db01:1433/app`,
  (s) => `jdbc:sqlserver://db01:1433;databaseName=app;user=sa;password=${s};encrypt=true`,
  (s) => `sqlcmd -S db01 -U sa -P ${s}`,
  (s) => `MSSQL_SA_PASSWORD=${s}`,
  (s) => `Authorization: Bearer ${s}`,
];

export interface Planted {
  /** The text with the secret's lines in it. */
  paste: string;
  /** What must not reach any output. */
  secrets: string[];
  /** The paste without its secrets: what an output may show without leaking. */
  background: string;
  /** The shape's lines on their own (the connection string, when the secret is given as one). */
  shape: string;
}

/** Lines of one shape, with their secrets: a key shape with a random password, or (`corpus`) a shape of the secrets corpus. */
function secretLines(corpus: boolean): fc.Arbitrary<{ shape: string; secrets: string[] }> {
  const keyShape = fc.tuple(fc.constantFrom(...KEY_SHAPES), randomSecret).map(([shape, secret]) => ({ shape: shape(secret), secrets: [secret] }));
  if (!corpus) return keyShape;
  const corpusShape = fc.constantFrom(...seeds().secretShapes).map((s) => ({ shape: s.paste, secrets: s.secrets }));
  return fc.oneof(keyShape, corpusShape);
}

/** A secret shape on lines of its own, at a line boundary of random or real (mutated) text. */
export function plantedSecret({ corpus = true } = {}): fc.Arbitrary<Planted> {
  return fc.tuple(fc.oneof(errorPaste(), anyPaste()), secretLines(corpus), fc.nat()).map(([context, { shape, secrets }, at]) => {
    const lineEnd = context.indexOf('\n', at % (context.length + 1));
    const cut = lineEnd < 0 ? context.length : lineEnd + 1;
    const before = context.slice(0, cut);
    const paste = `${before}${before && !before.endsWith('\n') ? '\n' : ''}${shape}\n${context.slice(cut)}`;
    return { paste, secrets, background: `${context}\n${withoutSecrets(shape, secrets)}`, shape };
  });
}
