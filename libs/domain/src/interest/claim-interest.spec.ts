import { Money } from '../money/money';
import { accruedClaimInterest } from './claim-interest';
import type { BaseRatePeriod } from './repayment-interest';

// 1,27 % from 01.07.2025 (Bundesbank), so 6,27 % repayment interest throughout 2027 in these cases.
const BASE_RATES: BaseRatePeriod[] = [{ validFrom: '2025-07-01', rateBasisPoints: 127 }];
const euros = (n: number) => Money.euros(n);

describe('the interest a claim has borne up to a day, on the principal outstanding day by day', () => {
  const line = { principal: euros(3_000), paidOn: '2027-04-15' };

  it('runs from the payment day to the day asked about: paid back on 01.06.2027, 47 days', () => {
    // 300 000 ct × 627 × 47 / 3 650 000 = 2 421,9… → 24,22 €
    const result = accruedClaimInterest({
      lines: [line],
      settled: [],
      until: '2027-06-01',
      baseRates: BASE_RATES,
    });
    expect(result.total).toEqual(Money.fromCents(2422));
    // A year after the due day of 01.07.2027, it has gone on running: 443 days → 228,30 €.
    const late = accruedClaimInterest({
      lines: [line],
      settled: [],
      until: '2028-07-01',
      baseRates: BASE_RATES,
    });
    expect(late.total).toEqual(Money.fromCents(22830));
  });

  it('stops on each part of the principal from the day it was repaid', () => {
    // 1 000 € of the 3 000 € repaid on 01.06.2027; the rest on 01.07.2027 (77 days after payment).
    const result = accruedClaimInterest({
      lines: [line],
      settled: [{ amount: euros(1_000), on: '2027-06-01' }],
      until: '2027-07-01',
      baseRates: BASE_RATES,
    });
    // 3 000 € for 77 days (39,68 €) less 1 000 € for the 30 days from 01.06. (5,15 €) = 34,53 €,
    // the same as 3 000 € for 47 days (24,22 €) and 2 000 € for 30 days (10,31 €).
    expect(result.lines.map((l) => l.total)).toEqual([Money.fromCents(3968)]);
    expect(result.credits.map((c) => c.total)).toEqual([Money.fromCents(515)]);
    expect(result.total).toEqual(Money.fromCents(3453));
  });

  it('counts no line paid on or after the day, nor a part settled on or after it, and never goes below zero', () => {
    expect(
      accruedClaimInterest({
        lines: [line, { principal: euros(500), paidOn: '2027-06-01' }],
        settled: [{ amount: euros(3_000), on: '2027-06-01' }],
        until: '2027-06-01',
        baseRates: BASE_RATES,
      }).total,
    ).toEqual(Money.fromCents(2422));
    expect(
      accruedClaimInterest({
        lines: [{ principal: euros(1), paidOn: '2027-04-15' }],
        settled: [{ amount: euros(2), on: '2027-04-15' }],
        until: '2027-06-01',
        baseRates: BASE_RATES,
      }).total,
    ).toEqual(Money.ZERO);
  });
});
