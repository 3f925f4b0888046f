// glibc harvester: English texts in each table shape glibc has used, PO lookup (fuzzy, untranslated, multi-line,
// legacy charsets), on excerpts of bminor/glibc in test/fixtures/messages/glibc (SOURCES.md).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  englishTexts,
  findPoEntry,
  glibcEntries,
  poCharset,
  poLocale,
  poLookup,
  RELEASE_TAG,
} from '../../../scripts/messages/harvest/glibc.js';

const dir = fileURLToPath(new URL('../../fixtures/messages/glibc/', import.meta.url));
const text = (name: string) => readFileSync(`${dir}${name}`, 'utf8');
const bytes = (name: string) => readFileSync(`${dir}${name}`);

describe('englishTexts', () => {
  it('reads _S(…) (2.32 on), [ERR_REMAP (…)] = … (before) and the { EAI_…, … } table', () => {
    expect(englishTexts(text('errlist.h.master.txt'))).toEqual(
      new Map([
        ['ECONNREFUSED', 'Connection refused'],
        ['EPIPE', 'Broken pipe'],
      ]),
    );
    expect(englishTexts(text('errlist.c.glibc-2.31.txt')).get('ECONNRESET')).toBe('Connection reset by peer');
    const gai = englishTexts(text('gai_strerror.c.glibc-2.3.txt'));
    expect(gai.get('EAI_NONAME')).toBe('Name or service not known');
    expect(gai.get('EAI_AGAIN')).toBe('Temporary failure in name resolution');
    expect(englishTexts(text('gai_strerror-strs.h.master.txt')).get('EAI_SYSTEM')).toBe('System error');
  });
});

describe('findPoEntry and poLookup', () => {
  it('find a msgstr, join continuation lines and decode escapes', () => {
    const de = text('de.po.master.txt');
    expect(findPoEntry(de, 'Connection refused')).toEqual({ msgid: 'Connection refused', msgstr: 'Verbindungsaufbau abgelehnt', fuzzy: false });
    expect(findPoEntry(de, '')?.msgstr).toContain('Language: de\nMIME-Version: 1.0\n');
    expect(findPoEntry(de, 'No route to host')).toBeUndefined();
  });

  it('report fuzzy and untranslated entries as they are (the harvest skips them)', () => {
    const rw = text('rw.po.glibc-2.17.txt');
    expect(findPoEntry(rw, 'Connection timed out')).toEqual({ msgid: 'Connection timed out', msgstr: 'Inyuma', fuzzy: true });
    expect(findPoEntry(rw, 'Broken pipe')?.msgstr).toBe('');
  });

  it('decode a legacy charset from the header', () => {
    const ja = bytes('ja.po.glibc-2.5.euc-jp.po');
    expect(poCharset(ja)).toBe('euc-jp');
    expect(poLookup(ja)('Connection refused')?.msgstr).toBe('接続を拒否されました');
    expect(poCharset(bytes('de.po.master.txt'))).toBe('utf-8');
  });
});

describe('glibcEntries', () => {
  it('gives the English text and each non-fuzzy, non-empty translation under the PO file locale', () => {
    const entries = glibcEntries(
      new Map([['sysdeps/gnu/errlist.h', text('errlist.h.master.txt')]]),
      new Map([
        ['po/de.po', poLookup(bytes('de.po.master.txt'))],
        ['po/rw.po', poLookup(bytes('rw.po.glibc-2.17.txt'))],
        ['po/ja.po', poLookup(bytes('ja.po.glibc-2.5.euc-jp.po'))],
      ]),
    );
    expect(entries.map((e) => [e.id, e.locale, e.template])).toEqual([
      ['glibc:ECONNREFUSED', 'en', 'Connection refused'],
      ['glibc:EPIPE', 'en', 'Broken pipe'],
      ['glibc:ECONNREFUSED', 'de', 'Verbindungsaufbau abgelehnt'],
      ['glibc:ECONNREFUSED', 'ja', '接続を拒否されました'],
    ]);
    expect(entries.every((e) => e.layer === 'os' && e.syntax === 'none' && e.provider === undefined)).toBe(true);
  });

  it('names locales after the PO files and keeps release tags only', () => {
    expect(poLocale('po/pt_BR.po')).toBe('pt-BR');
    expect(poLocale('po/zh_TW.po')).toBe('zh-TW');
    expect(['glibc-2.17', 'glibc-2.3.4', 'glibc-2.0.5b', 'glibc-2.0.98', 'glibc-2.1.95', 'glibc-2.0.112'].filter((t) => RELEASE_TAG.test(t))).toEqual([
      'glibc-2.17',
      'glibc-2.3.4',
      'glibc-2.0.5b',
    ]);
  });
});
