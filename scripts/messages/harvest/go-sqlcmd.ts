// Harvests go-sqlcmd's connection-relevant UI strings and the wrappers it prints around errors ("Sqlcmd: Error:",
// "Msg {Number}, Level {Class}, …") in its 11 shipped locales, from the golang.org/x/text gotext catalogues
// internal/translations/locales/<locale>/out.gotext.json, across release tags.
// CLI: npx tsx scripts/messages/harvest/go-sqlcmd.ts --git-dir <snapshot> [--out messages/sources/go-sqlcmd.json]
import { parseArgs } from 'node:util';
import { GitSnapshot } from './git-snapshot.js';
import { mergeReadings, writeSourceFile, type Layer, type Reading } from './source-file.js';

/** One message of a gotext catalogue: the English source text (its key) and this locale's translation. */
export interface GotextMessage {
  id: string;
  translation: string;
}

/**
 * The messages of an out.gotext.json file. A translation that is not a plain string (a plural or select form) or is
 * empty is left out; gotext's JSON escapes are decoded by the JSON parser.
 */
export function parseGotext(json: string): GotextMessage[] {
  const file = JSON.parse(json) as { messages?: Array<{ id?: unknown; translation?: unknown }> };
  return (file.messages ?? []).flatMap((message) =>
    typeof message.id === 'string' && typeof message.translation === 'string' && message.translation !== ''
      ? [{ id: message.id, translation: message.translation }]
      : [],
  );
}

/** True when a template holds a letter outside its {Placeholder}s (one that is all placeholders tells nothing). */
export function hasWords(template: string): boolean {
  return /\p{L}/u.test(template.replace(/\{[^{}]*\}/g, ''));
}

/** A reviewed choice: the English source texts (gotext ids) that are one message, its key and layer. */
interface GotextPick {
  key: string;
  id: RegExp;
  layer: Layer;
  note: string;
}

// Reviewed allow-list over the ~300 messages (most are `sqlcmd create/config` container and help texts).
export const PICKS: GotextPick[] = [
  { key: 'error-prefix', id: /^Sqlcmd: Error:$/, layer: 'wrapper', note: 'printed before every error sqlcmd reports (a go-mssqldb or OS text follows)' },
  { key: 'warning-prefix', id: /^Sqlcmd: Warning:$/, layer: 'wrapper', note: 'printed before warnings' },
  {
    key: 'server-message',
    id: /^Msg \{Number\}, Level \{Class\}, State \{State\}, Server \{ServerName\}, Line \{LineNo\}/,
    layer: 'wrapper',
    note: "the header line of a server error (18456 …); the server's text follows on the next line",
  },
  {
    key: 'server-message-procedure',
    id: /^Msg \{Number\}, Level \{Class\}, State \{State\}, Server \{ServerName\}, Procedure \{ProcName\}, Line \{LineNo\}/,
    layer: 'wrapper',
    note: 'the header line of a server error raised in a procedure',
  },
  { key: 'password-prompt', id: /^Password:$/, layer: 'driver', note: 'asked when a SQL login is given without a password' },
  { key: 'new-password-prompt', id: /^Enter new password:$/, layer: 'driver', note: 'asked for -z/-Z (change the login\'s password, e.g. an expired one)' },
  {
    key: 'config.server-name-override-unsupported',
    id: /^Server name override is not supported with the current authentication method$/,
    layer: 'driver',
    note: 'the server-name option (tunnelling through a proxy) is used with an authentication method that cannot send it',
  },
  {
    key: 'config.hostname-in-certificate-requires-encryption',
    id: /^The -J parameter requires encryption to be enabled/,
    layer: 'driver',
    note: '-J (server certificate file) without -N true/mandatory/strict',
  },
  { key: 'config.packet-size', id: /^'-a \{PacketSize\}': Packet size has to be a number between 512 and 32767\.$/, layer: 'driver', note: '-a out of range' },
];

const LOCALES: Record<string, string> = {
  'en-US': 'en',
  'de-DE': 'de',
  'es-ES': 'es',
  'fr-FR': 'fr',
  'it-IT': 'it',
  'ja-JP': 'ja',
  'ko-KR': 'ko',
  'pt-BR': 'pt-BR',
  'ru-RU': 'ru',
  'zh-CN': 'zh-Hans',
  'zh-TW': 'zh-Hant',
};
const pathOf = (locale: string) => `internal/translations/locales/${locale}/out.gotext.json`;
const PATHS = Object.keys(LOCALES).map(pathOf);

/** The entries of one locale file. */
export function readCatalogue(json: string, locale: string, path: string): Reading['entries'] {
  return parseGotext(json).flatMap((message) => {
    const pick = PICKS.find((candidate) => candidate.id.test(message.id));
    if (!pick || !hasWords(message.translation)) return [];
    const note = message.translation === message.id && locale !== 'en' ? `${pick.note}; left in English in this locale` : pick.note;
    return [
      {
        id: `go-sqlcmd:${pick.key}`,
        locale,
        template: message.translation,
        syntax: /\{\w+\}/.test(message.translation) ? ('gotext' as const) : ('none' as const),
        layer: pick.layer,
        provider: 'sqlcmd',
        path,
        note,
      },
    ];
  });
}

function main(): void {
  const { values } = parseArgs({ options: { 'git-dir': { type: 'string' }, out: { type: 'string' } } });
  if (!values['git-dir']) throw new Error('--git-dir <snapshot> is required');
  const snapshot = new GitSnapshot(values['git-dir']);
  const refs = [...snapshot.changedRefs(snapshot.tags(/^v\d+\.\d+\.\d+$/), PATHS), 'HEAD'];
  const filesAt = snapshot.readAt(refs, PATHS);
  const harvested = snapshot.infos(refs);
  const readings: Reading[] = harvested.map((ref) => ({
    ref,
    entries: Object.entries(LOCALES).flatMap(([folder, locale]) => {
      const json = filesAt.get(ref.ref)!.get(pathOf(folder));
      return json === undefined ? [] : readCatalogue(json, locale, pathOf(folder));
    }),
  }));
  const entries = mergeReadings(readings);
  if (values.out) {
    writeSourceFile(values.out, {
      source: 'go-sqlcmd',
      title: 'go-sqlcmd (sqlcmd in Go)',
      repository: 'https://github.com/microsoft/go-sqlcmd',
      licence: 'MIT',
      generator: 'scripts/messages/harvest/go-sqlcmd.ts',
      selection:
        'The translations in internal/translations/locales/<locale>/out.gotext.json (en-US and 10 locales) whose ' +
        'English source text (the gotext id) matches the reviewed allow-list PICKS in ' +
        'scripts/messages/harvest/go-sqlcmd.ts: the error and warning prefixes, the server-message header lines, the ' +
        'password prompts and the connection-option errors. The rest is help, sqlconfig and container (sqlcmd ' +
        'create) text. Ids are go-sqlcmd:<key>; translations are kept as the file has them, also where a locale leaves ' +
        'the English text (noted); translations that are all placeholders are dropped. Connection errors themselves ' +
        "are go-mssqldb's English text (see the go-mssqldb source). Refs: the release tags at which one of the " +
        'catalogues differs from every earlier tag (the catalogues start at v0.14.0), and HEAD.',
      harvested,
      entries,
    });
  }
  console.error(`go-sqlcmd: ${refs.length} refs, ${entries.length} entries`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
