// Secrets stated in sentences: "the password is X", "password for sa was X", "Das Passwort ist X".
import { composeRegex } from '../../compose-regex.js';
import { literalAlternation } from '../../literal-alternation.js';
import { PROSE_NAMES, PROSE_NOT_A_SECRET } from '../catalogue.js';
import { readStatedWord } from '../values.js';
import type { Shape } from './shape.js';

const NOT_IN_PROSE = new Set<string>(PROSE_NOT_A_SECRET);

export const prose: Shape = {
  name: 'prose',
  // "the password is X", "password for sa was X", "Das Passwort ist X".
  pattern: composeRegex(
    `(?<![\\p{L}\\p{N}_])(?:${literalAlternation(PROSE_NAMES, { ignoreCase: true })})(?:[ \\t]+(?:for|of|für|para|de|pour)[ \\t]+\\S+)?[ \\t]+(?:is|was|ist|war|es|era|é|est|était)[ \\t]*:?[ \\t]+`,
    'giu',
  ),
  read(text, m) {
    const word = readStatedWord(text, m.index + m[0].length);
    if (!word || word.value.length < 3 || NOT_IN_PROSE.has(word.value.toLowerCase())) return { values: [], resume: m.index + m[0].length };
    return { values: [word], resume: word.end };
  },
};

