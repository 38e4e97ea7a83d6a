import type { Money } from '../money/money';
import { exampleContent } from './example-content';
import { instalmentsOf, planTotals } from './plan-totals';

const cents = (m: Money) => m.toString();

describe('plan totals', () => {
  it('sum the cost and financing plans per cash year and overall', () => {
    const totals = planTotals(exampleContent());
    expect(
      totals.byYear.map((y) => [y.cashYear, cents(y.costs), cents(y.requested), cents(y.financing)]),
    ).toEqual([
      [2027, '1200000', '1000000', '1200000'],
      [2028, '4060000', '4000000', '4060000'],
    ]);
    expect(
      [totals.costs, totals.requested, totals.own, totals.thirdParty, totals.financing].map(cents),
    ).toEqual(['5260000', '5000000', '160000', '100000', '5260000']);
  });

  it('count half-typed rows as nothing and are zero for an empty draft', () => {
    const totals = planTotals({
      costPlan: [{ cashYear: 2027, amountCents: '500' }, { amountCents: '900' }, { cashYear: 2027 }],
      financingPlan: [{ cashYear: 2028, requestedCents: '300' }],
    });
    expect(totals.byYear.map((y) => [y.cashYear, cents(y.costs), cents(y.requested)])).toEqual([
      [2027, '500', '0'],
      [2028, '0', '300'],
    ]);
    expect(planTotals({}).requested.isZero()).toBe(true);
    expect(planTotals({}).byYear).toEqual([]);
  });

  it('give the requested funding per cash year as instalments', () => {
    expect(instalmentsOf(exampleContent()).map((i) => [i.cashYear, cents(i.amount)])).toEqual([
      [2027, '1000000'],
      [2028, '4000000'],
    ]);
  });
});
