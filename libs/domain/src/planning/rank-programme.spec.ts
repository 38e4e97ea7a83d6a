import { ValidationError } from '../errors/domain-error';
import { Money } from '../money/money';
import { type PlanItemInput, rankProgramme } from './rank-programme';

const euros = (n: number) => Money.euros(n);
const day = (d: number) => new Date(Date.UTC(2026, 2, d));

function item(applicationId: string, overrides: Partial<PlanItemInput> = {}): PlanItemInput {
  return {
    applicationId,
    adopted: true,
    score: 5_000,
    requested: euros(50_000),
    submittedAt: day(1),
    ...overrides,
  };
}

const order = (plan: ReturnType<typeof rankProgramme>) => plan.items.map((i) => i.applicationId);
const statuses = (plan: ReturnType<typeof rankProgramme>) =>
  Object.fromEntries(plan.items.map((i) => [i.applicationId, i.status]));

describe('ranked programme list', () => {
  it('ranks adopted applications by score, highest first, and fills the budget in that order', () => {
    const plan = rankProgramme({
      budget: euros(120_000),
      items: [item('b', { score: 6_000 }), item('a', { score: 9_000 }), item('c', { score: 3_000 })],
    });
    expect(
      plan.items.map((i) => [
        i.applicationId,
        i.rank,
        i.status,
        i.runningTotal.toString(),
        i.remaining.toString(),
      ]),
    ).toEqual([
      ['a', 1, 'selected', '5000000', '7000000'],
      ['b', 2, 'selected', '10000000', '2000000'],
      ['c', 3, 'waitlisted', '10000000', '2000000'],
    ]);
    expect(plan.items[2]!.shortBy).toEqual(euros(30_000));
    expect(plan).toMatchObject({ selectedCount: 2, waitlistedCount: 1, notAdoptedCount: 0 });
    expect(plan.selectedTotal).toEqual(euros(100_000));
    expect(plan.waitlistedTotal).toEqual(euros(50_000));
    expect(plan.remaining).toEqual(euros(20_000));
  });

  it('breaks equal scores by the smaller amount, then the earlier submission, then the id', () => {
    const plan = rankProgramme({
      budget: euros(1_000_000),
      items: [
        item('late', { submittedAt: day(20) }),
        item('z-early', { submittedAt: day(2) }),
        item('a-early', { submittedAt: day(2) }),
        item('small', {
          requested: euros(60_000),
          amount: euros(40_000),
          amountReason: 'Honorare gekürzt',
          submittedAt: day(30),
        }),
        item('unscored', { score: null, requested: euros(10_000) }),
      ],
    });
    expect(order(plan)).toEqual(['small', 'a-early', 'z-early', 'late', 'unscored']);
  });

  it('puts applications placed by hand first, in their order, whatever their score', () => {
    const plan = rankProgramme({
      budget: euros(1_000_000),
      items: [
        item('best', { score: 10_000 }),
        item('second', { manualRank: 2, score: 1 }),
        item('first', { manualRank: 1, score: 0 }),
      ],
    });
    expect(order(plan)).toEqual(['first', 'second', 'best']);
    expect(plan.items.map((i) => i.rank)).toEqual([1, 2, 3]);
  });

  it('lists applications the committee did not adopt last, unranked and never selected', () => {
    const plan = rankProgramme({
      budget: euros(1_000_000),
      items: [
        item('rejected', { adopted: false, score: 10_000, manualRank: 1 }),
        item('adopted', { score: 1_000 }),
      ],
    });
    expect(plan.items.map((i) => [i.applicationId, i.rank, i.status, i.manualRank])).toEqual([
      ['adopted', 1, 'selected', null],
      ['rejected', null, 'not_adopted', null],
    ]);
    expect(plan.notAdoptedCount).toBe(1);
  });

  it('selects a smaller application below one that did not fit, leaving no fitting money unplanned', () => {
    const plan = rankProgramme({
      budget: euros(100_000),
      items: [
        item('first', { score: 9_000, requested: euros(70_000) }),
        item('too-big', { score: 8_000, requested: euros(60_000) }),
        item('small', { score: 7_000, requested: euros(30_000) }),
      ],
    });
    expect(statuses(plan)).toEqual({ first: 'selected', 'too-big': 'waitlisted', small: 'selected' });
    expect(plan.items.map((i) => i.rank)).toEqual([1, 2, 3]);
    expect(plan.remaining).toEqual(Money.ZERO);
  });

  it('stops at the first application that does not fit when asked to', () => {
    const plan = rankProgramme({
      budget: euros(100_000),
      fillRule: 'stop_at_first_misfit',
      items: [
        item('first', { score: 9_000, requested: euros(70_000) }),
        item('too-big', { score: 8_000, requested: euros(60_000) }),
        item('small', { score: 7_000, requested: euros(30_000) }),
      ],
    });
    expect(statuses(plan)).toEqual({ first: 'selected', 'too-big': 'waitlisted', small: 'waitlisted' });
    expect(plan.items.map((i) => i.shortBy?.toString() ?? null)).toEqual([null, '3000000', null]);
    expect(plan.remaining).toEqual(euros(30_000));
  });

  it('selects an application that uses the last cent and waitlists one that needs one cent more', () => {
    const exact = rankProgramme({ budget: euros(50_000), items: [item('a')] });
    expect(exact.items[0]).toMatchObject({ status: 'selected', shortBy: null });
    expect(exact.remaining.isZero()).toBe(true);
    const oneShort = rankProgramme({
      budget: euros(50_000).subtract(Money.fromCents(1)),
      items: [item('a')],
    });
    expect(oneShort.items[0]!.status).toBe('waitlisted');
    expect(oneShort.items[0]!.shortBy).toEqual(Money.fromCents(1));
  });

  it('waitlists everything with no budget, and handles an empty list', () => {
    expect(statuses(rankProgramme({ budget: Money.ZERO, items: [item('a'), item('b')] }))).toEqual({
      a: 'waitlisted',
      b: 'waitlisted',
    });
    expect(rankProgramme({ budget: euros(10), items: [] })).toMatchObject({ items: [], selectedCount: 0 });
  });

  it('funds the adjusted amount and keeps its reason', () => {
    const plan = rankProgramme({
      budget: euros(45_000),
      items: [item('a', { amount: euros(45_000), amountReason: ' Sachkosten gekürzt ' })],
    });
    expect(plan.items[0]).toMatchObject({ status: 'selected', amountReason: 'Sachkosten gekürzt' });
    expect(plan.items[0]!.amount).toEqual(euros(45_000));
    expect(plan.items[0]!.requested).toEqual(euros(50_000));
  });

  it('refuses inconsistent input with the field of each problem', () => {
    let error: unknown;
    try {
      rankProgramme({
        budget: euros(-1),
        items: [
          item('a', { amount: euros(60_000) }),
          item('b', { amount: euros(40_000) }),
          item('b', { manualRank: 1 }),
          item('c', { manualRank: 1, requested: Money.ZERO }),
          item('d', { manualRank: 0.5, score: -1, submittedAt: new Date('nonsense') }),
        ],
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { field: 'budget', rule: 'min', params: { min: 0 } },
      { field: 'items.0.amount', rule: 'notAboveRequested', params: { requestedCents: '5000000' } },
      { field: 'items.1.amountReason', rule: 'required' },
      { field: 'items.2.applicationId', rule: 'duplicate' },
      { field: 'items.3.requested', rule: 'cents' },
      { field: 'items.3.manualRank', rule: 'duplicate' },
      { field: 'items.4.score', rule: 'min', params: { min: 0 } },
      { field: 'items.4.submittedAt', rule: 'isDateString' },
      { field: 'items.4.manualRank', rule: 'isInt' },
    ]);
  });
});
