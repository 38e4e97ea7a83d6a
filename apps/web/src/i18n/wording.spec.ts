/// <reference types="jest" />
import de from './de.json';

/** Every German message with its key, for naming the one that breaks a rule. */
function messages(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([key, value]) => messages(value, path ? `${path}.${key}` : key));
  return [];
}

/**
 * The district addresses people gender-inclusively with the colon ("die Träger:in",
 * "Träger:innen"); a masculine article before a role noun is the old form.
 */
const masculineRole =
  /\b(der|des|dem|den|ein|eines|einem|einen)\s+(Trägers?|Antragstellers?|Koordinators?|Zuwendungsempfängers?|Nutzers?|Benutzers?)\b(?!:)/i;

describe('German wording', () => {
  it('names carriers and other roles gender-inclusively', () => {
    expect(messages(de).filter(([, text]) => masculineRole.test(text))).toEqual([]);
  });
});
