/// <reference types="jest" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import de from '../../i18n/de.json';
import en from '../../i18n/en.json';
import { problemMessage } from './problemText';

/** Every rule name `applicationProblems` (and the declarations' check beside it) can put in a problem. */
function domainRules(): string[] {
  const source = readFileSync(
    join(__dirname, '../../../../../libs/domain/src/applications/application-problems.ts'),
    'utf8',
  );
  return [...new Set([...source.matchAll(/rule: '([A-Za-z_]+)'/g)].map((match) => match[1]!))].sort();
}

function plain(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

describe('what is missing from an application, in words', () => {
  beforeAll(async () => {
    await i18next.init({
      lng: 'de',
      fallbackLng: 'de',
      resources: { de: { translation: de }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
  });

  it('finds the rules in the domain’s source', () => {
    expect(domainRules()).toEqual(
      expect.arrayContaining([
        'amount_below_minimum',
        'amount_above_maximum',
        'nothing_requested',
        'required',
      ]),
    );
  });

  it.each(['de', 'en'] as const)('has a message of its own for every rule of the domain (%s)', (language) => {
    const rules = (language === 'de' ? de : en).applicationForm.rules as Record<string, string>;
    expect(domainRules().filter((rule) => !rules[rule])).toEqual([]);
  });

  it('names the requested sum and the call’s minimum and maximum as money', async () => {
    await i18next.changeLanguage('de');
    const t = i18next.t;
    const below = {
      field: 'financingPlan',
      rule: 'amount_below_minimum',
      params: { minCents: '5000000', requestedCents: '4900000' },
    };
    const above = {
      field: 'financingPlan',
      rule: 'amount_above_maximum',
      params: { maxCents: '12345678', requestedCents: '12345679' },
    };
    expect(plain(problemMessage(below, t))).toBe(
      'Die beantragte Summe (49.000,00 €) liegt unter dem Mindestbetrag des Aufrufs (50.000,00 €).',
    );
    expect(plain(problemMessage(above, t))).toBe(
      'Die beantragte Summe (123.456,79 €) liegt über dem Höchstbetrag des Aufrufs (123.456,78 €).',
    );
    await i18next.changeLanguage('en');
    expect(problemMessage(below, i18next.t)).toBe(
      "The requested sum (€49,000.00) is below the call's minimum (€50,000.00).",
    );
    await i18next.changeLanguage('de');
  });
});
