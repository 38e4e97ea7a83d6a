import { ERROR_MESSAGES, VALIDATION_MESSAGES, errorMessage, pickLocale, validationMessage } from './messages';

describe('error and validation messages', () => {
  it('speak German unless the caller prefers English', () => {
    expect(pickLocale(undefined)).toBe('de');
    expect(pickLocale('en-GB,en;q=0.9,de;q=0.8')).toBe('en');
    expect(pickLocale('fr-FR,de;q=0.5,en;q=0.3')).toBe('de');
    expect(pickLocale('fr-FR')).toBe('de');
  });

  it('fill in the rule parameters', () => {
    expect(validationMessage('minLength', 'de', { min: 12 })).toBe(
      'Bitte geben Sie mindestens 12 Zeichen ein.',
    );
    expect(validationMessage('minLength', 'en', { min: 12 })).toBe('Please enter at least 12 characters.');
  });

  it('fall back to a generic text for an unknown code', () => {
    expect(errorMessage('no_such_code', 'de')).toBe(ERROR_MESSAGES.internal_error!.de);
    expect(validationMessage('noSuchRule', 'en')).toBe('The value is not valid.');
  });

  it('have a German and an English text for every key, with the same placeholders', () => {
    for (const catalogue of [ERROR_MESSAGES, VALIDATION_MESSAGES]) {
      for (const [key, { de, en }] of Object.entries(catalogue)) {
        expect({ key, de: de.length > 0, en: en.length > 0 }).toEqual({ key, de: true, en: true });
        const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        expect({ key, placeholders: placeholders(de) }).toEqual({ key, placeholders: placeholders(en) });
      }
    }
  });

  it('show amounts as money, never as a count of cents', () => {
    // "höchstens noch 900000 Cent" tells a carrier nothing; "9.000,00 €" does.
    expect(
      errorMessage('call_off_exceeds_instalment', 'de', { cashYear: 2027, availableCents: '900000' }),
    ).toBe('Für das Kassenjahr 2027 können höchstens noch 9.000,00\u00a0€ abgerufen werden.');
    for (const catalogue of [ERROR_MESSAGES, VALIDATION_MESSAGES]) {
      for (const [key, texts] of Object.entries(catalogue)) {
        for (const text of [texts.de, texts.en]) {
          expect({ key, rawCents: text.match(/\{\w*Cents\}/g) ?? [] }).toEqual({ key, rawCents: [] });
        }
      }
    }
  });
});
