import { literalKey } from '../../../scripts/messages/harvest/source-file.js';

describe('literalKey', () => {
  it('keys a literal by its first eight words, placeholders and punctuation dropped', () => {
    expect(literalKey('tds_setup_socket: connect(2) returned "%s"\n')).toBe('tds_setup_socket-connect-2-returned');
    expect(literalKey("Character set '%1!' and '%2!s!'")).toBe('character-set-and');
    expect(literalKey('connecting with a TDS version older than 7.3!')).toBe('connecting-with-a-tds-version-older-than-7');
  });
});
