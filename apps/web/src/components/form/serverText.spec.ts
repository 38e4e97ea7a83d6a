/// <reference types="jest" />
import i18next from 'i18next';
import { errorMessage, validationMessage } from '@kiezfonds/domain';
import { serverErrorText, serverRuleText } from './serverText';

function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

describe('a server message in the language shown now', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'de', fallbackLng: 'de', resources: {} });
  });

  it('makes an error answered in German again in English from its code, amounts and all', async () => {
    const german = errorMessage('call_off_exceeds_instalment', 'de', {
      cashYear: 2027,
      availableCents: '1234500',
    });
    await i18next.changeLanguage('en');
    expect(plain(serverErrorText('call_off_exceeds_instalment', german))).toBe(
      plain(errorMessage('call_off_exceeds_instalment', 'en', { cashYear: 2027, availableCents: '1234500' })),
    );
    await i18next.changeLanguage('de');
    expect(serverErrorText('call_off_exceeds_instalment', german)).toBe(german);
  });

  it('makes a field’s problem answered in English again in German from its rule and values', async () => {
    const english = validationMessage('maxLength', 'en', { max: 256 });
    await i18next.changeLanguage('de');
    expect(serverRuleText('maxLength', english)).toBe('Bitte geben Sie höchstens 256 Zeichen ein.');
  });

  it('keeps a message that is not the catalogue’s for its code as the server wrote it', async () => {
    await i18next.changeLanguage('en');
    expect(serverErrorText('no_such_code', 'Etwas anderes.')).toBe('Etwas anderes.');
    expect(serverErrorText('invalid_credentials', 'Etwas anderes.')).toBe('Etwas anderes.');
    expect(serverErrorText('constructor', 'Etwas anderes.')).toBe('Etwas anderes.');
    expect(serverRuleText('maxLength', 'Etwas anderes.')).toBe('Etwas anderes.');
  });
});
