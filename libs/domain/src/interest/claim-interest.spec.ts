import { Money } from '../money/money';
import { accruedClaimInterest } from './claim-interest';
import { type BaseRatePeriod, calculateRepaymentInterest } from './repayment-interest';

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

  describe('once a notice fixed the interest up to its due day', () => {
    // The notice of 01.06.2027, due 01.07.2027: 3 000 € for 77 days at 6,27 % = 39,68 €.
    const notice = {
      dueBy: '2027-07-01',
      lines: [calculateRepaymentInterest({ ...line, repaidOn: '2027-07-01', baseRates: BASE_RATES })],
    };
    // A base rate of 3,00 % from 01.01.2027 recorded after the notice: 8 % from then on.
    const laterTable: BaseRatePeriod[] = [...BASE_RATES, { validFrom: '2027-01-01', rateBasisPoints: 300 }];

    it('keeps the notice’s interest and adds only the days from the due day on, at the rates of those days', () => {
      const result = accruedClaimInterest({
        lines: [line],
        settled: [],
        until: '2027-08-01',
        baseRates: laterTable,
        notice,
      });
      // 39,68 € fixed + 01.07.–31.07.2027: 300 000 × 800 × 31 / 3 650 000 = 2 038,3… → 20,38 € = 60,06 €,
      // not 108 days at 8 % (71,01 €).
      expect(result.fixed).toEqual(Money.fromCents(3968));
      expect(result.total).toEqual(Money.fromCents(6006));
      expect(result.lines).toHaveLength(1);
      expect(
        result.lines[0]!.lines.map((l) => [l.from, l.to, l.days, l.rateBasisPoints, l.interest.cents]),
      ).toEqual([
        ['2027-04-15', '2027-06-30', 77, 627, 3968n],
        ['2027-07-01', '2027-07-31', 31, 800, 2038n],
      ]);
      expect([result.lines[0]!.days, result.lines[0]!.repaidOn, result.lines[0]!.total]).toEqual([
        108,
        '2027-08-01',
        Money.fromCents(6006),
      ]);
    });

    it('is what the notice fixed on any day before the due day, even a payment’s day', () => {
      const result = accruedClaimInterest({
        lines: [line],
        settled: [{ amount: euros(1_000), on: '2027-06-01' }],
        until: '2027-06-01',
        baseRates: laterTable,
        notice,
      });
      expect([result.total, result.credits]).toEqual([Money.fromCents(3968), []]);
      expect(result.lines).toEqual(notice.lines);
    });

    it('deducts principal repaid before the due day only from the due day on', () => {
      // 1 000 € repaid on 01.06.2027, the rest on 01.08.2027: 31 days beyond the notice on 3 000 €
      // (300 000 × 627 × 31 / 3 650 000 = 1 597,5… → 15,98 €) less on 1 000 € (532,5… → 5,33 €):
      // 39,68 € + 10,65 € = 50,33 €.
      const result = accruedClaimInterest({
        lines: [line],
        settled: [{ amount: euros(1_000), on: '2027-06-01' }],
        until: '2027-08-01',
        baseRates: BASE_RATES,
        notice,
      });
      expect(result.credits.map((c) => [c.paidOn, c.days, c.total.cents])).toEqual([
        ['2027-07-01', 31, 533n],
      ]);
      expect(result.total).toEqual(Money.fromCents(5033));
    });

    it('adds nothing for late use, whose interest ends with the use the notice counted to', () => {
      const used = { ...line, principal: euros(5_000), usedOn: '2027-08-31' };
      const lateNotice = {
        dueBy: '2027-10-01',
        lines: [calculateRepaymentInterest({ ...used, repaidOn: '2027-08-31', baseRates: BASE_RATES })],
      };
      // 500 000 × 627 × 138 / 3 650 000 = 11 852,8… → 118,53 €, whatever day is asked about.
      const result = accruedClaimInterest({
        lines: [used],
        settled: [],
        until: '2027-12-01',
        baseRates: laterTable,
        notice: lateNotice,
      });
      expect(result.total).toEqual(Money.fromCents(11853));
      // Without a notice it runs to the use, not to the day asked about.
      expect(
        accruedClaimInterest({ lines: [used], settled: [], until: '2027-12-01', baseRates: BASE_RATES })
          .total,
      ).toEqual(Money.fromCents(11853));
    });
  });
});
