import { Money } from '../money/money';
import { dayOfUseProblem, isLateUse, promptUseDeadline, promptUseMonths } from './prompt-use';

const euros = Money.euros;

describe('the prompt-use period of called-off money', () => {
  it('is two months, more for small grants with small yearly instalments', () => {
    expect(promptUseMonths(euros(120_000), euros(8_000))).toBe(2);
    expect(promptUseMonths(euros(50_000), euros(10_000))).toBe(4);
    expect(promptUseMonths(euros(50_000), Money.fromCents(1_000_001))).toBe(3);
    expect(promptUseMonths(euros(50_000), euros(20_000))).toBe(3);
    expect(promptUseMonths(euros(50_000), Money.fromCents(2_000_001))).toBe(2);
    expect(promptUseMonths(Money.fromCents(5_000_001), euros(5_000))).toBe(2);
  });

  it.each([
    // grant, yearly instalment, paid on, spend by
    ['a large grant: the same day two months later', 150_000, 60_000, '2027-03-15', '2027-05-15'],
    ['across the turn of the year', 150_000, 60_000, '2027-11-20', '2028-01-20'],
    ['the 31st into a shorter month', 150_000, 60_000, '2026-12-31', '2027-02-28'],
    ['50 000 € with 10 000 € a year: four months', 50_000, 10_000, '2027-10-31', '2028-02-29'],
    ['50 000 € with 20 000 € a year: three months', 50_000, 20_000, '2027-11-30', '2028-02-29'],
    ['three months into a common year', 40_000, 15_000, '2026-11-30', '2027-02-28'],
    ['50 000 € with 25 000 € a year: two months', 50_000, 25_000, '2027-01-31', '2027-03-31'],
    ['the 30th keeps its day when the month has it', 50_000, 9_000, '2027-01-30', '2027-05-30'],
  ])('%s', (_case, grant, instalment, paidOn, spendBy) => {
    expect(promptUseDeadline({ grantTotal: euros(grant), yearlyInstalment: euros(instalment), paidOn })).toBe(
      spendBy,
    );
  });

  it('refuses a day that does not exist', () => {
    expect(() =>
      promptUseDeadline({ grantTotal: euros(1), yearlyInstalment: euros(1), paidOn: '2027-02-29' }),
    ).toThrow(RangeError);
  });
});

describe('the day a call-off’s money was used', () => {
  const paidOn = '2027-04-15';
  const today = '2027-09-01';

  it.each([
    ['the day of payment', '2027-04-15', null],
    ['today', '2027-09-01', null],
    ['a day before the payment', '2027-04-14', 'notBeforePayment'],
    ['tomorrow', '2027-09-02', 'notInFuture'],
  ])('%s: %s', (_case, usedOn, problem) => {
    expect(dayOfUseProblem({ usedOn, paidOn, today })).toBe(problem);
  });

  it('is late only after the prompt-use deadline, whose own day is still in time', () => {
    expect(isLateUse('2027-06-15', '2027-06-15')).toBe(false);
    expect(isLateUse('2027-06-16', '2027-06-15')).toBe(true);
    expect(isLateUse('2027-06-16', null)).toBe(false);
  });
});
