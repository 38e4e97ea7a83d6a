import {
  centsOf,
  compareAmountsWithPlan,
  costsByCategory,
  perMilleText,
  planBalance,
  sumCents,
} from './plan-balance';

describe('plan sums', () => {
  it('adds cents exactly, also beyond what a float can hold', () => {
    expect(sumCents(['9007199254740993', '1', '2'])).toBe(9007199254740996n);
    expect(sumCents(['10', '20', '30'])).toBe(60n);
  });

  it('counts missing or unreadable amounts as zero while the form is being filled in', () => {
    expect(centsOf(undefined)).toBe(0n);
    expect(centsOf(null)).toBe(0n);
    expect(centsOf('')).toBe(0n);
    expect(centsOf('12,50')).toBe(0n);
    expect(sumCents(['100', null, 'x', '5'])).toBe(105n);
  });

  it('balances costs against requested, own and third-party money per cash year', () => {
    const balance = planBalance(
      [
        { cashYear: 2027, category: 'personnel', amountCents: '1000000' },
        { cashYear: 2027, category: 'material', amountCents: '200000' },
        { cashYear: 2028, category: 'personnel', amountCents: '500000' },
      ],
      [
        { cashYear: 2027, requestedCents: '1000000', ownCents: '100000', thirdPartyCents: '100000' },
        { cashYear: 2028, requestedCents: '450000', ownCents: '50000', thirdPartyCents: '0' },
      ],
    );
    expect(balance.balanced).toBe(true);
    expect(balance.years.map((y) => [y.cashYear, y.costs, y.financing, y.gap])).toEqual([
      [2027, 1200000n, 1200000n, 0n],
      [2028, 500000n, 500000n, 0n],
    ]);
    expect(balance.total).toEqual({
      costs: 1700000n,
      requested: 1450000n,
      own: 150000n,
      thirdParty: 100000n,
      financing: 1700000n,
      gap: 0n,
    });
  });

  it('is not balanced when one year misses money even if the totals agree', () => {
    const balance = planBalance(
      [
        { cashYear: 2027, amountCents: '100' },
        { cashYear: 2028, amountCents: '100' },
      ],
      [
        { cashYear: 2027, requestedCents: '150' },
        { cashYear: 2028, requestedCents: '50' },
      ],
    );
    expect(balance.total.gap).toBe(0n);
    expect(balance.years.map((y) => y.gap)).toEqual([-50n, 50n]);
    expect(balance.balanced).toBe(false);
  });

  it('lists a cash year that only one of the plans mentions, in year order', () => {
    const balance = planBalance(
      [{ cashYear: 2029, amountCents: '100' }],
      [{ cashYear: 2027, requestedCents: '100' }],
    );
    expect(balance.years.map((y) => [y.cashYear, y.gap])).toEqual([
      [2027, -100n],
      [2029, 100n],
    ]);
    expect(balance.balanced).toBe(false);
  });

  it('leaves out a stored line without a cash year, as the plan totals of the server do', () => {
    const plan = [
      { cashYear: 2027, category: 'fees', amountCents: '100' },
      { category: 'fees', amountCents: '40' },
    ];
    const balance = planBalance(plan, [{ cashYear: 2027, requestedCents: '100' }, { requestedCents: '40' }]);
    expect(balance.years.map((y) => [y.cashYear, y.costs, y.financing])).toEqual([[2027, 100n, 100n]]);
    expect(balance.balanced).toBe(true);
    expect(costsByCategory(plan).get('fees')).toBe(100n);
    expect(compareAmountsWithPlan(plan, []).map((line) => [line.cashYear, line.planned])).toEqual([
      [2027, 100n],
    ]);
  });

  it('does not call an empty plan balanced', () => {
    expect(planBalance([], []).balanced).toBe(false);
  });

  it('sums the costs of each category', () => {
    const plan = [
      { cashYear: 2027, category: 'fees', amountCents: '100' },
      { cashYear: 2027, category: 'fees', amountCents: '50' },
      { cashYear: 2028, category: 'fees', amountCents: '7' },
    ];
    expect(costsByCategory(plan, 2027).get('fees')).toBe(150n);
    expect(costsByCategory(plan).get('fees')).toBe(157n);
  });
});

describe('actual costs against the plan', () => {
  const plan = [
    { cashYear: 2027, category: 'personnel', amountCents: '1000000' },
    { cashYear: 2027, category: 'material', amountCents: '100000' },
    { cashYear: 2027, category: 'fees', amountCents: '100000' },
  ];

  it('allows an overrun of exactly 20 % and flags anything above', () => {
    const lines = compareAmountsWithPlan(plan, [
      { cashYear: 2027, category: 'personnel', amountCents: '1200000' },
      { cashYear: 2027, category: 'material', amountCents: '120001' },
      { cashYear: 2027, category: 'fees', amountCents: '50000' },
    ]);
    const byCategory = Object.fromEntries(lines.map((line) => [line.category, line]));
    expect(byCategory.personnel).toMatchObject({
      flagged: false,
      overrunPerMille: 200n,
      difference: 200000n,
    });
    expect(byCategory.material).toMatchObject({ flagged: true, overrunPerMille: 201n, difference: 20001n });
    expect(byCategory.fees).toMatchObject({ flagged: false, overrunPerMille: 0n, difference: -50000n });
  });

  it('counts the changes to the plan approved after the notice as planned, as the settlement does', () => {
    const actuals = [
      { cashYear: 2027, category: 'investments', amountCents: '100000' },
      { cashYear: 2027, category: 'material', amountCents: '150000' },
    ];
    const approvedChanges = [
      { cashYear: 2027, category: 'investments', amountCents: '100000' },
      { cashYear: 2027, category: 'material', amountCents: '25000' },
    ];
    const byCategory = (lines: ReturnType<typeof compareAmountsWithPlan>) =>
      Object.fromEntries(lines.map((line) => [line.category, line]));
    const without = byCategory(compareAmountsWithPlan(plan, actuals));
    expect([without.investments?.flagged, without.material?.flagged]).toEqual([true, true]);
    const withChanges = byCategory(compareAmountsWithPlan(plan, actuals, approvedChanges));
    expect(withChanges.investments).toMatchObject({ planned: 100000n, flagged: false });
    // 1.250,00 € planned with the change: 1.500,00 € is exactly 20 % over, still allowed.
    expect(withChanges.material).toMatchObject({ planned: 125000n, flagged: false, overrunPerMille: 200n });
  });

  it('flags costs in a line that had no plan', () => {
    const [line] = compareAmountsWithPlan(
      [],
      [{ cashYear: 2028, category: 'investments', amountCents: '1' }],
    );
    expect(line).toMatchObject({ planned: 0n, actual: 1n, flagged: true, overrunPerMille: null });
  });

  it('keeps planned lines without actual costs, unflagged', () => {
    const lines = compareAmountsWithPlan(plan, []);
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => !line.flagged && line.actual === 0n)).toBe(true);
  });

  it('writes tenths of a percent as text', () => {
    expect(perMilleText(235n)).toBe('23,5 %');
    expect(perMilleText(200n)).toBe('20,0 %');
    expect(perMilleText(5n, '.')).toBe('0.5 %');
  });
});
