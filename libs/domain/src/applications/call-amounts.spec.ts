import { validationMessage } from '../errors/messages';
import { Money } from '../money/money';
import { callAmountProblems, callMinimum, NETZWERKFONDS_MIN_AMOUNT } from './call-amounts';

const euros = Money.euros;

describe("a call's amount range (DOMAIN.md fund table: the Netzwerkfonds funds from 50 000 €)", () => {
  it('has the Netzwerkfonds floor of 50 000 € as its minimum when the coordinator names none', () => {
    expect(NETZWERKFONDS_MIN_AMOUNT.toString()).toBe('5000000');
    expect(callMinimum(null).toString()).toBe('5000000');
    expect(callMinimum(euros(80_000)).toString()).toBe('8000000');
  });

  it('accepts a minimum of exactly 50 000 € or more', () => {
    expect(callAmountProblems(euros(50_000), euros(150_000))).toEqual([]);
    expect(callAmountProblems(euros(60_000), null)).toEqual([]);
    expect(callAmountProblems(null, null)).toEqual([]);
  });

  it('refuses a minimum one cent below 50 000 €, naming the field, the rule and the floor', () => {
    expect(callAmountProblems(Money.fromCents(4_999_999), null)).toEqual([
      { field: 'minAmountCents', rule: 'netzwerkfondsMinimum', params: { minCents: '5000000' } },
    ]);
  });

  it('refuses a maximum below the minimum, also below the floor when no minimum is given', () => {
    expect(callAmountProblems(euros(90_000), euros(60_000))).toEqual([
      { field: 'maxAmountCents', rule: 'notBelowMinimum', params: { minCents: '9000000' } },
    ]);
    expect(callAmountProblems(null, euros(40_000))).toEqual([
      { field: 'maxAmountCents', rule: 'notBelowMinimum', params: { minCents: '5000000' } },
    ]);
  });

  it('explains the floor in German and English', () => {
    const [problem] = callAmountProblems(euros(5_000), null);
    expect(validationMessage(problem!.rule, 'de', problem!.params).replace(/\u00a0/g, ' ')).toBe(
      'Der Netzwerkfonds fördert Projekte ab 50.000,00 €; der Mindestbetrag des Aufrufs darf nicht darunter liegen.',
    );
    expect(validationMessage(problem!.rule, 'en', problem!.params)).toBe(
      "The Netzwerkfonds funds projects from €50,000.00; the call's minimum must not be lower.",
    );
  });
});
