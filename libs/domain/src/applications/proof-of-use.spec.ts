import { Money } from '../money/money';
import { exampleContent } from './example-content';
import { compareWithPlan, lineOverruns, proofOfUse, type ActualCost } from './proof-of-use';

const actual = (cashYear: number, category: ActualCost['category'], cents: number): ActualCost => ({
  cashYear,
  category,
  amount: Money.fromCents(cents),
});

// The example plans 2027: personnel 10 000 €, material 2 000 €; 2028: personnel 6 000 €.
describe('the proof of use against the plan', () => {
  it('sets each plan line against the spending', () => {
    const lines = compareWithPlan(exampleContent(), [
      actual(2027, 'personnel', 900_000),
      actual(2027, 'material', 250_000),
    ]);
    expect(
      lines.map((l) => [
        l.cashYear,
        l.category,
        l.planned.toString(),
        l.actual.toString(),
        l.deviationPercent,
      ]),
    ).toEqual([
      [2027, 'personnel', '1000000', '900000', -10],
      [2027, 'material', '200000', '250000', 25],
      [2028, 'personnel', '600000', '0', -100],
    ]);
  });

  it('flags a line more than 20 % over its plan, not one exactly 20 % over', () => {
    const atLimit = lineOverruns(exampleContent(), [actual(2027, 'material', 240_000)]);
    expect(atLimit).toEqual([]);
    const over = lineOverruns(exampleContent(), [actual(2027, 'material', 240_001)]);
    expect(over.map((l) => [l.category, l.deviationPercent])).toEqual([['material', 20]]);
  });

  it('flags spending on a line the plan does not have', () => {
    const over = lineOverruns(exampleContent(), [actual(2027, 'fees', 10_000)]);
    expect(over.map((l) => [l.cashYear, l.category, l.planned.toString(), l.deviationPercent])).toEqual([
      [2027, 'fees', '0', null],
    ]);
  });

  it('claims back what was paid and not spent', () => {
    const result = proofOfUse({
      content: exampleContent(),
      actuals: [
        actual(2027, 'personnel', 1_000_000),
        actual(2027, 'material', 150_000),
        actual(2028, 'personnel', 500_000),
      ],
      paid: Money.fromCents(1_800_000),
    });
    expect(result.actualTotal.toString()).toBe('1650000');
    expect(result.eligibleSpend.toString()).toBe('1650000');
    expect(result.unspent.toString()).toBe('150000');
  });

  it('counts an overrun only up to 20 % and never beyond the planned total', () => {
    // material 3 000 € on a 2 000 € line: 2 400 € count; the whole plan is 18 000 €.
    const capped = proofOfUse({
      content: exampleContent(),
      actuals: [
        actual(2027, 'personnel', 800_000),
        actual(2027, 'material', 300_000),
        actual(2028, 'personnel', 600_000),
      ],
      paid: Money.fromCents(1_700_000),
    });
    expect(capped.eligibleSpend.toString()).toBe('1640000');
    expect(capped.unspent.toString()).toBe('60000');
    expect(capped.lineOverruns.map((l) => l.category)).toEqual(['material']);

    const offset = proofOfUse({
      content: exampleContent(),
      actuals: [
        actual(2027, 'personnel', 1_200_000),
        actual(2027, 'material', 240_000),
        actual(2028, 'personnel', 720_000),
      ],
      paid: Money.fromCents(1_800_000),
    });
    expect(offset.eligibleSpend.toString()).toBe('1800000');
  });

  it('lets own and third-party funds cover their share first', () => {
    const result = proofOfUse({
      content: exampleContent(),
      actuals: [
        actual(2027, 'personnel', 1_000_000),
        actual(2027, 'material', 200_000),
        actual(2028, 'personnel', 400_000),
      ],
      paid: Money.fromCents(1_540_000),
      otherFunding: Money.fromCents(260_000),
    });
    // 16 000 € spent, 2 600 € of it from own and third-party funds: the grant pays 13 400 €.
    expect(result.unspent.toString()).toBe('200000');
  });

  it('never claims a negative amount', () => {
    const result = proofOfUse({
      content: exampleContent(),
      actuals: [actual(2027, 'personnel', 1_000_000)],
      paid: Money.fromCents(500_000),
    });
    expect(result.unspent.isZero()).toBe(true);
  });
});
