import fc from 'fast-check';
import { Money } from '../money/money';
import { type PlanItemInput, type ProgrammeInput, type ProgrammePlan, rankProgramme } from './rank-programme';

/**
 * Random planning inputs with many ties (few distinct scores, amounts and days) and budgets from
 * nothing to more than everything, so every tie-break and both ends of the budget are exercised.
 */
const rawItem = fc.record({
  adopted: fc.oneof(
    { weight: 4, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  score: fc.option(fc.constantFrom(0, 2_500, 5_000, 7_500, 10_000), { nil: null, freq: 5 }),
  requestedCents: fc.oneof(
    fc.constantFrom(500_000n, 1_000_000n, 5_000_000n),
    fc.bigInt({ min: 1n, max: 8_000_000n }),
  ),
  cut: fc.option(fc.bigInt({ min: 0n, max: 100n }), { nil: undefined }),
  day: fc.integer({ min: 1, max: 4 }),
  manualRank: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined, freq: 2 }),
});

const input: fc.Arbitrary<ProgrammeInput> = fc
  .record({
    raw: fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), rawItem), {
      maxLength: 25,
      selector: ([id]) => id,
    }),
    budgetCents: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 60_000_000n })),
    fillRule: fc.constantFrom('skip_over' as const, 'stop_at_first_misfit' as const, undefined),
  })
  .map(({ raw, budgetCents, fillRule }) => {
    const usedRanks = new Set<number>();
    const items = raw.map(([applicationId, r]): PlanItemInput => {
      const requested = Money.fromCents(r.requestedCents);
      const item: PlanItemInput = {
        applicationId,
        adopted: r.adopted,
        score: r.score,
        requested,
        submittedAt: new Date(Date.UTC(2026, 0, r.day)),
      };
      // A cut of n percent (at least one cent stays), with a reason as the rules demand.
      if (r.cut !== undefined) {
        const cents = r.requestedCents - (r.requestedCents * r.cut) / 100n;
        item.amount = Money.fromCents(cents > 0n ? cents : 1n);
        item.amountReason = 'gekürzt';
      }
      if (r.manualRank !== undefined && r.adopted && !usedRanks.has(r.manualRank)) {
        usedRanks.add(r.manualRank);
        item.manualRank = r.manualRank;
      }
      return item;
    });
    return { budget: Money.fromCents(budgetCents), items, ...(fillRule ? { fillRule } : {}) };
  });

const shuffled = <T>(values: readonly T[], seed: number): T[] =>
  values
    .map((value, index) => ({ value, key: (index * 7919 + seed * 104_729) % 1_000_003 }))
    .sort((a, b) => a.key - b.key)
    .map(({ value }) => value);

const selected = (plan: ProgrammePlan) => plan.items.filter((i) => i.status === 'selected');

describe('ranked programme list, for any input', () => {
  it('never selects more than the budget, and its totals add up', () => {
    fc.assert(
      fc.property(input, (programme) => {
        const plan = rankProgramme(programme);
        const sum = Money.sum(selected(plan).map((i) => i.amount));
        expect(sum.isGreaterThan(programme.budget)).toBe(false);
        expect(plan.selectedTotal).toEqual(sum);
        expect(plan.remaining).toEqual(programme.budget.subtract(sum));
        let running = Money.ZERO;
        for (const row of plan.items) {
          if (row.status === 'selected') running = running.add(row.amount);
          expect(row.runningTotal).toEqual(running);
          expect(row.remaining.isNegative()).toBe(false);
        }
      }),
    );
  });

  it('selects or waitlists every adopted application and never selects another', () => {
    fc.assert(
      fc.property(input, (programme) => {
        const plan = rankProgramme(programme);
        expect(plan.items).toHaveLength(programme.items.length);
        const adopted = new Map(programme.items.map((i) => [i.applicationId, i.adopted]));
        for (const row of plan.items) {
          expect(row.status === 'not_adopted').toBe(!adopted.get(row.applicationId));
          expect(row.rank === null).toBe(row.status === 'not_adopted');
        }
        const ranks = plan.items.filter((i) => i.rank !== null).map((i) => i.rank);
        expect(ranks).toEqual(ranks.map((_, index) => index + 1));
        expect(plan.items.slice(0, ranks.length).every((i) => i.rank !== null)).toBe(true);
      }),
    );
  });

  it('gives the same list whatever order the applications come in', () => {
    fc.assert(
      fc.property(input, fc.nat(1_000), (programme, seed) => {
        const again = rankProgramme({ ...programme, items: shuffled(programme.items, seed) });
        expect(again).toEqual(rankProgramme(programme));
      }),
    );
  });

  it('orders hand-placed applications first, then by score, never against the rules', () => {
    fc.assert(
      fc.property(input, (programme) => {
        const ranked = rankProgramme(programme).items.filter((i) => i.rank !== null);
        for (let k = 1; k < ranked.length; k += 1) {
          const [before, after] = [ranked[k - 1]!, ranked[k]!];
          if (after.manualRank !== null) {
            expect(before.manualRank).not.toBeNull();
            expect(before.manualRank!).toBeLessThan(after.manualRank);
          } else if (before.manualRank === null && after.score !== null) {
            expect(before.score).not.toBeNull();
            expect(before.score!).toBeGreaterThanOrEqual(after.score);
          }
        }
      }),
    );
  });

  it('leaves no money unplanned that a waitlisted application could use, unless told to stop', () => {
    fc.assert(
      fc.property(input, (programme) => {
        const plan = rankProgramme(programme);
        const waitlisted = plan.items.filter((i) => i.status === 'waitlisted');
        if (plan.fillRule === 'skip_over') {
          for (const row of waitlisted) expect(row.amount.isGreaterThan(plan.remaining)).toBe(true);
        } else {
          const firstWaitlisted = plan.items.findIndex((i) => i.status === 'waitlisted');
          if (firstWaitlisted >= 0) {
            expect(plan.items.slice(firstWaitlisted).some((i) => i.status === 'selected')).toBe(false);
          }
        }
      }),
    );
  });
});
