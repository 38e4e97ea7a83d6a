import { Money } from '../money/money';
import { promptUseInterest } from './prompt-use-interest';

const BASE_RATES = [
  { validFrom: '2025-01-01', rateBasisPoints: 227 },
  { validFrom: '2025-07-01', rateBasisPoints: 127 },
];

describe('interest on money not used promptly (§ 49a Abs. 4 VwVfG)', () => {
  it('owes nothing when the money is used by its prompt-use deadline', () => {
    expect(
      promptUseInterest({
        amount: Money.euros(20_000),
        paidOn: '2025-05-02',
        spendBy: '2025-07-02',
        usedOn: '2025-07-02',
        baseRates: BASE_RATES,
      }),
    ).toBeNull();
  });

  it('runs from the payment to the use when the use is late, across a base-rate change', () => {
    // 20.000,00 € paid 02.05.2025, due for use by 02.07.2025, used on 15.08.2025:
    // 02.05.–30.06.2025: 60 days at 7,27 %: 2 000 000 × 727 × 60 / 3 650 000 = 23 901,37… → 239,01 €
    // 01.07.–14.08.2025: 45 days at 6,27 %: 2 000 000 × 627 × 45 / 3 650 000 = 15 460,27… → 154,60 €
    // Together 393,61 €; the 20.000,00 € themselves stay with the project.
    const interest = promptUseInterest({
      amount: Money.euros(20_000),
      paidOn: '2025-05-02',
      spendBy: '2025-07-02',
      usedOn: '2025-08-15',
      baseRates: BASE_RATES,
    });
    expect(interest?.lines.map((l) => [l.from, l.to, l.days, l.rateBasisPoints, l.interest.cents])).toEqual([
      ['2025-05-02', '2025-06-30', 60, 727, 23_901n],
      ['2025-07-01', '2025-08-14', 45, 627, 15_460n],
    ]);
    expect(interest?.total.cents).toBe(39_361n);
  });
});
