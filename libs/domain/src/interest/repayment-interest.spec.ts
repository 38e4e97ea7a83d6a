import { BusinessRuleError, ValidationError } from '../errors/domain-error';
import { Money } from '../money/money';
import {
  type BaseRatePeriod,
  calculateRepaymentInterest,
  interestForDays,
  type RepaymentInterest,
} from './repayment-interest';

// Base rates (Basiszinssatz, § 247 BGB) as published by the Bundesbank, in basis points.
const BASE_RATES: BaseRatePeriod[] = [
  { validFrom: '2023-01-01', rateBasisPoints: 162 },
  { validFrom: '2023-07-01', rateBasisPoints: 312 },
  { validFrom: '2024-01-01', rateBasisPoints: 362 },
  { validFrom: '2024-07-01', rateBasisPoints: 337 },
  { validFrom: '2025-01-01', rateBasisPoints: 227 },
  { validFrom: '2025-07-01', rateBasisPoints: 127 },
];

const euros = (text: string) => Money.parseGerman(text);

/** The lines as plain values, for readable expectations. */
function table(result: RepaymentInterest) {
  return result.lines.map((line) => ({
    from: line.from,
    to: line.to,
    days: line.days,
    rate: line.rateBasisPoints,
    cents: line.interest.cents,
  }));
}

describe('repayment interest: 5 percentage points above the base rate, actual/365', () => {
  it('splits the period where the base rate changes and rounds each line to cents', () => {
    // 10.000,00 € paid on 15.03.2024, repaid on 15.09.2024.
    //
    // Line 1: 15.03.2024 – 30.06.2024 (payment day counts): 17 (15.–31.03.) + 30 + 31 + 30 = 108 days
    //         at 3,62 % + 5 % = 8,62 % (862 bp):
    //         1 000 000 ct × 862 × 108 / (10 000 × 365) = 93 096 000 000 / 3 650 000
    //         = 25 505,753… ct → 25 506 ct = 255,06 €
    // Line 2: 01.07.2024 – 14.09.2024 (repayment day does not count): 31 + 31 + 14 = 76 days
    //         at 3,37 % + 5 % = 8,37 % (837 bp):
    //         1 000 000 ct × 837 × 76 / 3 650 000 = 63 612 000 000 / 3 650 000
    //         = 17 427,945… ct → 17 428 ct = 174,28 €
    // Total: 25 506 + 17 428 = 42 934 ct = 429,34 €, over 184 days.
    const result = calculateRepaymentInterest({
      principal: euros('10.000,00'),
      paidOn: '2024-03-15',
      repaidOn: '2024-09-15',
      baseRates: BASE_RATES,
    });
    expect(table(result)).toEqual([
      { from: '2024-03-15', to: '2024-06-30', days: 108, rate: 862, cents: 25_506n },
      { from: '2024-07-01', to: '2024-09-14', days: 76, rate: 837, cents: 17_428n },
    ]);
    expect(result.lines.map((line) => line.baseRateBasisPoints)).toEqual([362, 337]);
    expect(result.days).toBe(184);
    expect(result.total.cents).toBe(42_934n);
    expect(result.total.format('de')).toBe('429,34\u00a0€');
  });

  it('counts a leap year with 365 days and crosses the turn of the year', () => {
    // 50.000,00 € paid on 01.12.2023, repaid on 01.03.2024.
    //
    // Line 1: 01.12.2023 – 31.12.2023: 31 days at 3,12 % + 5 % = 8,12 % (812 bp):
    //         5 000 000 × 812 × 31 / 3 650 000 = 125 860 000 000 / 3 650 000
    //         = 34 482,191… ct → 34 482 ct
    // Line 2: 01.01.2024 – 29.02.2024: 31 + 29 = 60 days at 3,62 % + 5 % = 8,62 % (862 bp):
    //         5 000 000 × 862 × 60 / 3 650 000 = 258 600 000 000 / 3 650 000
    //         = 70 849,315… ct → 70 849 ct
    // Total: 105 331 ct = 1.053,31 €.
    const result = calculateRepaymentInterest({
      principal: euros('50.000'),
      paidOn: '2023-12-01',
      repaidOn: '2024-03-01',
      baseRates: BASE_RATES,
    });
    expect(table(result)).toEqual([
      { from: '2023-12-01', to: '2023-12-31', days: 31, rate: 812, cents: 34_482n },
      { from: '2024-01-01', to: '2024-02-29', days: 60, rate: 862, cents: 70_849n },
    ]);
    expect(result.total.cents).toBe(105_331n);
  });

  it('runs over several base-rate periods', () => {
    // 2.500,00 € paid on 10.05.2024, repaid on 20.08.2025.
    //
    // 10.05.2024 – 30.06.2024:  52 days × 862 bp: 250 000 × 862 × 52 / 3 650 000 =  3 070,08… → 3 070 ct
    // 01.07.2024 – 31.12.2024: 184 days × 837 bp: 250 000 × 837 × 184 / 3 650 000 = 10 548,49… → 10 548 ct
    // 01.01.2025 – 30.06.2025: 181 days × 727 bp: 250 000 × 727 × 181 / 3 650 000 =  9 012,80… → 9 013 ct
    // 01.07.2025 – 19.08.2025:  50 days × 627 bp: 250 000 × 627 × 50 / 3 650 000 =  2 147,26… → 2 147 ct
    // Total: 3 070 + 10 548 + 9 013 + 2 147 = 24 778 ct = 247,78 €, over 467 days.
    const result = calculateRepaymentInterest({
      principal: euros('2.500,00'),
      paidOn: '2024-05-10',
      repaidOn: '2025-08-20',
      baseRates: BASE_RATES,
    });
    expect(table(result)).toEqual([
      { from: '2024-05-10', to: '2024-06-30', days: 52, rate: 862, cents: 3_070n },
      { from: '2024-07-01', to: '2024-12-31', days: 184, rate: 837, cents: 10_548n },
      { from: '2025-01-01', to: '2025-06-30', days: 181, rate: 727, cents: 9_013n },
      { from: '2025-07-01', to: '2025-08-19', days: 50, rate: 627, cents: 2_147n },
    ]);
    expect(result.days).toBe(467);
    expect(result.total.cents).toBe(24_778n);
  });

  it('runs across a base-rate change: 10.000,00 € paid 15.03.2025, repaid 10.02.2026', () => {
    // 15.03.2025 – 30.06.2025: 108 days at 2,27 % + 5 % = 7,27 %:
    //   1 000 000 ct × 727 × 108 / 3 650 000 = 21 511,23… → 21 511 ct
    // 01.07.2025 – 09.02.2026: 224 days at 1,27 % + 5 % = 6,27 % (the rate of 1.7.2025 still
    // holds; the turn of the year is no change of rate):
    //   1 000 000 ct × 627 × 224 / 3 650 000 = 38 478,90… → 38 479 ct
    // Total: 59 990 ct = 599,90 € over 332 days.
    const result = calculateRepaymentInterest({
      principal: euros('10.000,00'),
      paidOn: '2025-03-15',
      repaidOn: '2026-02-10',
      baseRates: BASE_RATES,
    });
    expect(table(result)).toEqual([
      { from: '2025-03-15', to: '2025-06-30', days: 108, rate: 727, cents: 21_511n },
      { from: '2025-07-01', to: '2026-02-09', days: 224, rate: 627, cents: 38_479n },
    ]);
    expect(result.days).toBe(332);
    expect(result.total.format('de')).toBe('599,90\u00a0€');
  });

  it('owes no interest when payment and repayment fall on the same day', () => {
    const result = calculateRepaymentInterest({
      principal: euros('10.000,00'),
      paidOn: '2024-03-15',
      repaidOn: '2024-03-15',
      baseRates: BASE_RATES,
    });
    expect(result.lines).toEqual([]);
    expect(result.days).toBe(0);
    expect(result.total.cents).toBe(0n);
  });

  it('needs no base rate for a zero-length period, even before the table starts', () => {
    const result = calculateRepaymentInterest({
      principal: euros('100,00'),
      paidOn: '2010-01-01',
      repaidOn: '2010-01-01',
      baseRates: [],
    });
    expect(result.total.isZero()).toBe(true);
  });

  it('owes one day of interest when repaid the day after payment', () => {
    // 10.000,00 € for 1 day at 8,62 %: 1 000 000 × 862 × 1 / 3 650 000 = 236,16… ct → 236 ct = 2,36 €
    const result = calculateRepaymentInterest({
      principal: euros('10.000,00'),
      paidOn: '2024-06-30',
      repaidOn: '2024-07-01',
      baseRates: BASE_RATES,
    });
    expect(table(result)).toEqual([
      { from: '2024-06-30', to: '2024-06-30', days: 1, rate: 862, cents: 236n },
    ]);
  });

  it('starts a new line on the very day the base rate changes', () => {
    // Paid on 01.07.2024, the day 3,37 % takes effect: no day at the old rate.
    // 10.000,00 € for 2 days at 8,37 %: 1 000 000 × 837 × 2 / 3 650 000 = 458,63… ct → 459 ct
    const result = calculateRepaymentInterest({
      principal: euros('10.000,00'),
      paidOn: '2024-07-01',
      repaidOn: '2024-07-03',
      baseRates: BASE_RATES,
    });
    expect(table(result)).toEqual([
      { from: '2024-07-01', to: '2024-07-02', days: 2, rate: 837, cents: 459n },
    ]);
  });

  it('owes nothing on a zero principal', () => {
    const result = calculateRepaymentInterest({
      principal: Money.ZERO,
      paidOn: '2024-03-15',
      repaidOn: '2024-09-15',
      baseRates: BASE_RATES,
    });
    expect(result.lines.map((line) => line.interest.cents)).toEqual([0n, 0n]);
    expect(result.total.cents).toBe(0n);
  });

  it('rounds half a cent up', () => {
    // 36,50 € for 1 day at 5 % (base rate 0): 3 650 × 500 × 1 / 3 650 000 = 0,5 ct → 1 ct
    expect(interestForDays(euros('36,50'), 500, 1).cents).toBe(1n);
    // 36,49 €: 0,4998… ct → 0 ct
    expect(interestForDays(euros('36,49'), 500, 1).cents).toBe(0n);
    // 109,50 € for 1 day at 5 %: 1,5 ct → 2 ct
    expect(interestForDays(euros('109,50'), 500, 1).cents).toBe(2n);
  });

  it('uses a negative base rate as it was (−0,88 % from 2016 to 2022 gives 4,12 %)', () => {
    // 10.000,00 € paid 01.03.2022, repaid 31.03.2022: 30 days at −0,88 % + 5 % = 4,12 % (412 bp):
    // 1 000 000 × 412 × 30 / 3 650 000 = 3 386,30… ct → 3 386 ct
    const result = calculateRepaymentInterest({
      principal: euros('10.000,00'),
      paidOn: '2022-03-01',
      repaidOn: '2022-03-31',
      baseRates: [{ validFrom: '2016-07-01', rateBasisPoints: -88 }, ...BASE_RATES],
    });
    expect(table(result)).toEqual([
      { from: '2022-03-01', to: '2022-03-30', days: 30, rate: 412, cents: 3_386n },
    ]);
  });

  it('treats a table row that repeats the rate as no change, and accepts the table in any order', () => {
    // 1.000,00 € from 01.12.2025 to 01.02.2026 at 1,27 % + 5 % = 6,27 % throughout:
    // 62 days: 100 000 × 627 × 62 / 3 650 000 = 1 065,04… ct → 1 065 ct (one line, rounded once)
    const result = calculateRepaymentInterest({
      principal: euros('1.000,00'),
      paidOn: '2025-12-01',
      repaidOn: '2026-02-01',
      baseRates: [{ validFrom: '2026-01-01', rateBasisPoints: 127 }, ...[...BASE_RATES].reverse()],
    });
    expect(table(result)).toEqual([
      { from: '2025-12-01', to: '2026-01-31', days: 62, rate: 627, cents: 1_065n },
    ]);
  });

  it('the lines always add up to the total and the days to the whole period', () => {
    const result = calculateRepaymentInterest({
      principal: euros('123.456,78'),
      paidOn: '2023-02-14',
      repaidOn: '2025-11-30',
      baseRates: BASE_RATES,
    });
    expect(result.lines).toHaveLength(6);
    expect(Money.sum(result.lines.map((l) => l.interest)).equals(result.total)).toBe(true);
    expect(result.lines.reduce((sum, l) => sum + l.days, 0)).toBe(result.days);
    expect(result.days).toBe(1020);
  });

  it('refuses a repayment before the payment, bad dates and a negative principal', () => {
    const base = { principal: euros('1,00'), baseRates: BASE_RATES };
    expect(() =>
      calculateRepaymentInterest({ ...base, paidOn: '2024-03-15', repaidOn: '2024-03-14' }),
    ).toThrow(ValidationError);
    expect(() =>
      calculateRepaymentInterest({ ...base, paidOn: '2024-02-30', repaidOn: '2024-03-14' }),
    ).toThrow(ValidationError);
    expect(() =>
      calculateRepaymentInterest({ ...base, paidOn: '15.03.2024', repaidOn: '2024-03-16' }),
    ).toThrow(ValidationError);
    expect(() =>
      calculateRepaymentInterest({
        ...base,
        principal: euros('-1,00'),
        paidOn: '2024-03-15',
        repaidOn: '2024-03-16',
      }),
    ).toThrow(ValidationError);
  });

  it('refuses interest beyond what a bigint of cents holds as a business rule, not a crash', () => {
    const calculate = () =>
      calculateRepaymentInterest({
        principal: Money.fromCents('9223372036854775807'),
        paidOn: '2023-01-01',
        repaidOn: '9999-12-31',
        baseRates: BASE_RATES,
      });
    expect(calculate).toThrow(BusinessRuleError);
    expect(calculate).toThrow(expect.objectContaining({ code: 'interest_out_of_range' }));
  });

  it('asks for the base rate when the table does not reach back to the payment day', () => {
    const calculate = () =>
      calculateRepaymentInterest({
        principal: euros('1,00'),
        paidOn: '2022-12-31',
        repaidOn: '2023-01-02',
        baseRates: BASE_RATES,
      });
    expect(calculate).toThrow(BusinessRuleError);
    expect(calculate).toThrow(
      expect.objectContaining({ code: 'base_rate_missing', params: { date: '2022-12-31' } }),
    );
  });
});
