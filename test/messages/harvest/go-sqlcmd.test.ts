// go-sqlcmd harvester: gotext catalogues (test/fixtures/messages/go-sqlcmd/SOURCES.md) give the wrappers and
// prompts in each locale, English leftovers included and noted.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { hasWords, parseGotext, readCatalogue } from '../../../scripts/messages/harvest/go-sqlcmd.js';

const fixture = (file: string) => readFileSync(new URL(`../../fixtures/messages/go-sqlcmd/${file}`, import.meta.url), 'utf8');
const entries = (file: string, locale: string) =>
  readCatalogue(fixture(file), locale, 'out.gotext.json').map((entry) => [entry.id, entry.template, entry.syntax]);

describe('parseGotext', () => {
  it('reads ids and translations, decoding escapes', () => {
    expect(parseGotext(fixture('de-DE-HEAD.out.gotext.json'))).toContainEqual({ id: 'Feedback:\n  {FeedbackUrl}', translation: 'Feedback:\n  {FeedbackUrl}' });
  });
});

describe('readCatalogue', () => {
  it('keeps the picked messages of a locale', () => {
    expect(entries('de-DE-HEAD.out.gotext.json', 'de')).toEqual([
      ['go-sqlcmd:error-prefix', 'Sqlcmd: Fehler:', 'none'],
      ['go-sqlcmd:server-message', 'Meldung {Number}, Ebene {Class}, Status {State}, Server {ServerName}, Zeile {LineNo}{SqlcmdEol}', 'gotext'],
      ['go-sqlcmd:password-prompt', 'Kennwort:', 'none'],
    ]);
  });

  it('keeps French non-breaking spaces and notes a line left in English', () => {
    const french = readCatalogue(fixture('fr-FR-HEAD.out.gotext.json'), 'fr', 'out.gotext.json');
    expect(french.map((entry) => entry.template)).toEqual([
      'Sqlcmd\u00a0: Erreur\u00a0:',
      'Msg {Number}, Level {Class}, State {State}, Server {ServerName}, Line {LineNo}{SqlcmdEol}',
    ]);
    expect(french[1]!.note).toMatch(/left in English/);
    expect(french[0]!.note).not.toMatch(/left in English/);
  });

  it('reads an older wording', () => {
    expect(entries('ru-RU-v1.2.1.out.gotext.json', 'ru')).toEqual([['go-sqlcmd:error-prefix', 'Sqlcmd: ошибка -', 'none']]);
  });
});

describe('hasWords', () => {
  it('drops templates that are all placeholders', () => {
    expect(hasWords('{Err}')).toBe(false);
    expect(hasWords('{Number}、{Class}')).toBe(false);
    expect(hasWords('エラー: {Err}')).toBe(true);
  });
});
