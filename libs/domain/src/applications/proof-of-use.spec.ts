import { Money } from '../money/money';
import type { ApplicationContent } from './application-content';
import { exampleContent } from './example-content';
import { compareWithPlan, lineOverruns, proofOfUse, type ActualCost } from './proof-of-use';
import { compareAmountsWithPlan } from './plan-balance';

const actual = (cashYear: number, category: ActualCost['category'], cents: number): ActualCost => ({
  cashYear,
  category,
  amount: Money.fromCents(cents),
});
const euros = (n: number) => Money.euros(n);

/**
 * The case: 80 000 € of planned costs (personnel 60 000 €, material 20 000 €), financed by
 * 70 000 € of grant and 10 000 € own contribution; the grant paid in full; 50 000 € spent.
 */
function seventyTenContent(): ApplicationContent {
  return {
    ...exampleContent(),
    costPlan: [
      { cashYear: 2027, category: 'personnel', description: 'Projektleitung', amountCents: '6000000' },
      { cashYear: 2027, category: 'material', description: 'Material', amountCents: '2000000' },
    ],
    financingPlan: [{ cashYear: 2027, requestedCents: '7000000', ownCents: '1000000', thirdPartyCents: '0' }],
  };
}
const fiftySpent = [actual(2027, 'personnel', 4_000_000), actual(2027, 'material', 1_000_000)];

// The example plans 2027: personnel 10 000 €, material 2 000 €; 2028: personnel 40 600 €.
// Financing: 50 000 € grant, 1 600 € own, 1 000 € third-party.
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
        l.eligible.toString(),
        l.rule,
      ]),
    ).toEqual([
      // 500 € over on material (25 %): 400 € (20 %) count, offset by the personnel savings.
      [2027, 'personnel', '1000000', '900000', -10, '900000', 'within_plan'],
      [2027, 'material', '200000', '250000', 25, '240000', 'overrun_capped'],
      [2028, 'personnel', '4060000', '0', -100, '0', 'within_plan'],
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
});

describe('settlement by the financing type of the grant notice', () => {
  it('shortfall funding: 70 000 € grant, 10 000 € own money, 50 000 € spent → 30 000 € to repay', () => {
    const result = proofOfUse({
      content: seventyTenContent(),
      actuals: fiftySpent,
      paid: euros(70_000),
      grant: euros(70_000),
      financingType: 'shortfall',
    });
    // Eligible 50 000 €; own money 10 000 € is used first; the grant covers the shortfall of
    // 40 000 €; 70 000 € − 40 000 € = 30 000 €.
    expect(result.steps.map((s) => [s.key, s.amount.toString()])).toEqual([
      ['eligible_costs', '5000000'],
      ['other_funding', '1000000'],
      ['shortfall', '4000000'],
      ['approved_grant', '7000000'],
      ['final_grant', '4000000'],
      ['paid', '7000000'],
      ['to_repay', '3000000'],
    ]);
    expect(result.unspent).toEqual(euros(30_000));
    expect(result.lines.map((l) => l.rule)).toEqual(['within_plan', 'within_plan']);
  });

  it('shortfall funding is the default, and reported own money counts at least as planned', () => {
    const fewer = proofOfUse({
      content: seventyTenContent(),
      actuals: fiftySpent,
      paid: euros(70_000),
      otherFunding: euros(0),
    });
    expect(fewer.financingType).toBe('shortfall');
    expect(fewer.unspent).toEqual(euros(30_000));
    // A new donation of 5 000 € on top of the own money lowers the grant by as much.
    const more = proofOfUse({
      content: seventyTenContent(),
      actuals: fiftySpent,
      paid: euros(70_000),
      otherFunding: euros(15_000),
    });
    expect(more.finalGrant).toEqual(euros(35_000));
    expect(more.unspent).toEqual(euros(35_000));
  });

  it('partial funding: the grant keeps its share of the eligible costs (87,5 % of 50 000 € = 43 750 €)', () => {
    const result = proofOfUse({
      content: seventyTenContent(),
      actuals: fiftySpent,
      paid: euros(70_000),
      grant: euros(70_000),
      financingType: 'partial',
    });
    expect(result.steps.map((s) => [s.key, s.amount.toString(), s.basisPoints])).toEqual([
      ['eligible_costs', '5000000', undefined],
      ['share', '8000000', 8750],
      ['share_of_eligible', '4375000', undefined],
      ['approved_grant', '7000000', undefined],
      ['final_grant', '4375000', undefined],
      ['paid', '7000000', undefined],
      ['to_repay', '2625000', undefined],
    ]);
  });

  it('partial funding rounds the share half-up to the cent', () => {
    // 14 000 € of 18 000 €: 7/9 of 100,01 € = 77,7855… € → 77,79 €.
    const content: ApplicationContent = {
      ...exampleContent(),
      costPlan: [{ cashYear: 2027, category: 'material', description: 'Material', amountCents: '1800000' }],
      financingPlan: [
        { cashYear: 2027, requestedCents: '1400000', ownCents: '400000', thirdPartyCents: '0' },
      ],
    };
    const result = proofOfUse({
      content,
      actuals: [actual(2027, 'material', 10_001)],
      paid: Money.ZERO,
      financingType: 'partial',
    });
    expect(result.finalGrant.toString()).toBe('7779');
    // The share shown beside it, 77,777… %, is rounded half-up to a hundredth of a percent like
    // every rounding of the settlement (it was cut off to 77,77 %).
    expect(result.steps.find((s) => s.key === 'share')?.basisPoints).toBe(7778);
  });

  it('partial funding: cover that arrives later lowers the grant by its share (ANBest-P Nr. 2.1)', () => {
    // Plan: 100 000 € costs, grant 50 000 € (50 %), own money 50 000 €. Spent as planned:
    // 100 000 € eligible. Cover reported 90 000 € (own 50 000 € plus 40 000 € of third-party
    // money received later): 40 000 € of new cover, shared like the costs, so the grant drops by
    // 50 % × 40 000 € = 20 000 €: final grant 50 000 € − 20 000 € = 30 000 €; paid 50 000 € →
    // 20 000 € to repay. (Without it the grant would stay at 50 000 € for costs already covered.)
    const content: ApplicationContent = {
      ...exampleContent(),
      costPlan: [
        { cashYear: 2027, category: 'personnel', description: 'Projektleitung', amountCents: '10000000' },
      ],
      financingPlan: [
        { cashYear: 2027, requestedCents: '5000000', ownCents: '5000000', thirdPartyCents: '0' },
      ],
    };
    const result = proofOfUse({
      content,
      actuals: [actual(2027, 'personnel', 10_000_000)],
      paid: euros(50_000),
      grant: euros(50_000),
      financingType: 'partial',
      otherFunding: euros(90_000),
    });
    expect(result.steps.map((s) => [s.key, s.amount.toString(), s.basisPoints])).toEqual([
      ['eligible_costs', '10000000', undefined],
      ['share', '10000000', 5000],
      ['share_of_eligible', '5000000', undefined],
      ['new_cover', '4000000', undefined],
      ['share_of_new_cover', '2000000', undefined],
      ['approved_grant', '5000000', undefined],
      ['final_grant', '3000000', undefined],
      ['paid', '5000000', undefined],
      ['to_repay', '2000000', undefined],
    ]);
    expect(result.otherFunding).toEqual(euros(90_000));
    expect(result.finalGrant).toEqual(euros(30_000));
    expect(result.unspent).toEqual(euros(20_000));
  });

  it('partial funding: own money below the plan raises nothing, and the share of new cover is rounded half-up', () => {
    // 7/9 of the costs (14 000 € of 18 000 €); 18 000 € spent, 14 000 € share. Own money
    // reported 3 000 € below the plan's 4 000 €: no new cover, the grant stays 14 000 €.
    const content: ApplicationContent = {
      ...exampleContent(),
      costPlan: [{ cashYear: 2027, category: 'material', description: 'Material', amountCents: '1800000' }],
      financingPlan: [
        { cashYear: 2027, requestedCents: '1400000', ownCents: '400000', thirdPartyCents: '0' },
      ],
    };
    const spent = [actual(2027, 'material', 1_800_000)];
    const less = proofOfUse({
      content,
      actuals: spent,
      paid: euros(14_000),
      financingType: 'partial',
      otherFunding: euros(3_000),
    });
    expect(less.steps.find((s) => s.key === 'new_cover')?.amount).toEqual(Money.ZERO);
    expect(less.finalGrant).toEqual(euros(14_000));
    // 100,01 € more than planned: 7/9 × 100,01 € = 77,7855… € → 77,79 €; 14 000 € − 77,79 € = 13 922,21 €.
    const more = proofOfUse({
      content,
      actuals: spent,
      paid: euros(14_000),
      financingType: 'partial',
      otherFunding: Money.fromCents(410_001),
    });
    expect(more.steps.find((s) => s.key === 'share_of_new_cover')?.amount.toString()).toBe('7779');
    expect(more.finalGrant.toString()).toBe('1392221');
    expect(more.unspent.toString()).toBe('7779');
  });

  it('fixed-amount funding: the fixed sum stands unless the eligible costs fall below it', () => {
    const below = proofOfUse({
      content: seventyTenContent(),
      actuals: fiftySpent,
      paid: euros(70_000),
      grant: euros(70_000),
      financingType: 'fixed',
    });
    expect(below.finalGrant).toEqual(euros(50_000));
    expect(below.unspent).toEqual(euros(20_000));
    const above = proofOfUse({
      content: seventyTenContent(),
      actuals: [actual(2027, 'personnel', 6_000_000), actual(2027, 'material', 1_500_000)],
      paid: euros(70_000),
      grant: euros(70_000),
      financingType: 'fixed',
    });
    expect(above.finalGrant).toEqual(euros(70_000));
    expect(above.unspent.isZero()).toBe(true);
  });

  it('a line 30 % over its plan, offset by savings elsewhere, counts only 20 % over', () => {
    // Material 2 000 € planned, 2 600 € spent; personnel 2027 saved 1 000 €.
    const result = proofOfUse({
      content: exampleContent(),
      actuals: [
        actual(2027, 'personnel', 900_000),
        actual(2027, 'material', 260_000),
        actual(2028, 'personnel', 4_060_000),
      ],
      paid: euros(50_000),
    });
    const material = result.lines.find((l) => l.category === 'material')!;
    expect([material.eligible.toString(), material.rule, material.overrun]).toEqual([
      '240000',
      'overrun_capped',
      true,
    ]);
    // 9 000 + 2 400 + 40 600 = 52 000 € eligible; minus 2 600 € own and third-party money:
    // the grant is 49 400 €, 600 € of the 50 000 € paid come back.
    expect(result.eligibleSpend.toString()).toBe('5200000');
    expect(result.finalGrant.toString()).toBe('4940000');
    expect(result.unspent.toString()).toBe('60000');
  });

  it('an overrun within 20 % counts only as far as other lines saved', () => {
    const result = proofOfUse({
      content: exampleContent(),
      actuals: [
        actual(2027, 'personnel', 990_000),
        actual(2027, 'material', 230_000),
        actual(2028, 'personnel', 4_060_000),
      ],
      paid: euros(50_000),
    });
    const material = result.lines.find((l) => l.category === 'material')!;
    // 300 € over, only 100 € saved on personnel: 2 100 € count.
    expect([material.eligible.toString(), material.rule]).toEqual(['210000', 'overrun_not_offset']);
    expect(result.eligibleSpend.toString()).toBe('5260000');
  });

  it('a line that was never in the plan counts nothing, unless an approved change added it', () => {
    const spending = [
      actual(2027, 'personnel', 1_000_000),
      actual(2027, 'fees', 50_000),
      actual(2027, 'material', 200_000),
      actual(2028, 'personnel', 3_960_000),
    ];
    const unplanned = proofOfUse({ content: exampleContent(), actuals: spending, paid: euros(50_000) });
    const fees = unplanned.lines.find((l) => l.category === 'fees')!;
    expect([fees.eligible.toString(), fees.rule, fees.source]).toEqual(['0', 'not_in_plan', 'none']);
    // 51 600 € eligible − 2 600 € = 49 000 € grant; 1 000 € back.
    expect(unplanned.unspent.toString()).toBe('100000');

    const changed = proofOfUse({
      content: exampleContent(),
      actuals: spending,
      paid: euros(50_000),
      approvedChanges: [{ cashYear: 2027, category: 'fees', amount: euros(500) }],
    });
    const approvedFees = changed.lines.find((l) => l.category === 'fees')!;
    expect([approvedFees.eligible.toString(), approvedFees.rule, approvedFees.source]).toEqual([
      '50000',
      'within_plan',
      'approved_change',
    ]);
    expect(changed.unspent.toString()).toBe('50000');
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

/**
 * Net costs (Vorsteuerabzug): 2027 plans 10 000 € material and 20 000 € personnel, financed by
 * 27 000 € grant and 3 000 € own money; the grant paid in full. The material cost 11 900 €, of which
 * 1 900 € VAT (19 %); the personnel 18 000 € (no VAT), 2 000 € below plan.
 */
describe('the settlement of an organisation that deducts input tax', () => {
  const content: ApplicationContent = {
    ...exampleContent(),
    costPlan: [
      { cashYear: 2027, category: 'personnel', description: 'Projektleitung', amountCents: '2000000' },
      { cashYear: 2027, category: 'material', description: 'Küchengeräte', amountCents: '1000000' },
    ],
    financingPlan: [{ cashYear: 2027, requestedCents: '2700000', ownCents: '300000', thirdPartyCents: '0' }],
  };
  const actuals: ActualCost[] = [
    actual(2027, 'personnel', 1_800_000),
    { ...actual(2027, 'material', 1_190_000), vat: Money.fromCents(190_000) },
  ];
  const rows = (lines: ReturnType<typeof compareWithPlan>) =>
    lines.map((l) => [
      l.category,
      l.planned.toString(),
      l.actual.toString(),
      l.excludedVat.toString(),
      l.eligible.toString(),
      l.rule,
    ]);

  it('counts a VAT-deductible line net: 11 900 € spent incl. 1 900 € VAT on a 10 000 € line → 10 000 € eligible', () => {
    const result = proofOfUse({ content, actuals, paid: euros(27_000), costBasis: 'net' });
    expect(result.costBasis).toBe('net');
    expect(rows(result.lines)).toEqual([
      ['personnel', '2000000', '1800000', '0', '1800000', 'within_plan'],
      ['material', '1000000', '1190000', '190000', '1000000', 'net_of_vat'],
    ]);
    // Eligible 18 000 € + 10 000 € = 28 000 €; own 3 000 € first: grant 25 000 €; 2 000 € come back.
    expect(result.eligibleSpend.toString()).toBe('2800000');
    expect(result.finalGrant.toString()).toBe('2500000');
    expect(result.unspent.toString()).toBe('200000');
  });

  it('counts the same spending gross for an organisation that does not deduct input tax: 19 % over, offset by the personnel savings', () => {
    const result = proofOfUse({ content, actuals, paid: euros(27_000) });
    expect(result.costBasis).toBe('gross');
    expect(rows(result.lines)).toEqual([
      ['personnel', '2000000', '1800000', '0', '1800000', 'within_plan'],
      ['material', '1000000', '1190000', '0', '1190000', 'overrun_offset'],
    ]);
    // Eligible 29 900 €; own 3 000 € first: grant 26 900 €; 100 € come back.
    expect(result.finalGrant.toString()).toBe('2690000');
    expect(result.unspent.toString()).toBe('10000');
  });

  it('caps the gross line by the 20 % rule as usual when nothing else saved', () => {
    const fullPersonnel = [actual(2027, 'personnel', 2_000_000), actuals[1]!];
    expect(rows(compareWithPlan(content, fullPersonnel))).toEqual([
      ['personnel', '2000000', '2000000', '0', '2000000', 'within_plan'],
      ['material', '1000000', '1190000', '0', '1000000', 'overrun_not_offset'],
    ]);
    // Net, the same line is within its plan: the VAT was never the organisation's cost.
    expect(rows(compareWithPlan(content, fullPersonnel, [], 'net'))[1]).toEqual([
      'material',
      '1000000',
      '1190000',
      '190000',
      '1000000',
      'net_of_vat',
    ]);
  });

  it('applies the overrun rules to the net amount: 13 200 € incl. 1 200 € VAT is 20 % over, offset by savings', () => {
    const lines = compareWithPlan(
      content,
      [
        actual(2027, 'personnel', 1_800_000),
        { ...actual(2027, 'material', 1_320_000), vat: Money.fromCents(120_000) },
      ],
      [],
      'net',
    );
    expect(rows(lines)[1]).toEqual(['material', '1000000', '1320000', '120000', '1200000', 'overrun_offset']);
    expect(lines[1]!.deviationPercent).toBe(20);
  });
});

describe('the form and the settlement judge a line at the 20 % edge alike', () => {
  // 20 % of 1.234,58 € is 246,916 €: the settlement tolerates 246,92 € (half-up to the cent), so
  // the form the carrier fills in must not flag that line as "more than 20 %" either.
  const planned = 123_458;
  const content = (): ApplicationContent => ({
    ...exampleContent(),
    costPlan: [
      { cashYear: 2027, category: 'material', description: 'Material', amountCents: String(planned) },
      { cashYear: 2027, category: 'personnel', description: 'Honorare', amountCents: '1000000' },
    ],
  });

  it.each([
    [24_691, false],
    [24_692, false],
    [24_693, true],
  ])('%i cents above the plan: flagged %s by both', (over, flagged) => {
    const spent = [actual(2027, 'material', planned + over), actual(2027, 'personnel', 900_000)];
    const settled = compareWithPlan(content(), spent).find((l) => l.category === 'material')!;
    const [form] = compareAmountsWithPlan(
      [{ cashYear: 2027, category: 'material', amountCents: String(planned) }],
      [{ cashYear: 2027, category: 'material', amountCents: String(planned + over) }],
    );
    expect([settled.overrun, form!.flagged]).toEqual([flagged, flagged]);
  });
});
