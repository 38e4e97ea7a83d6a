import fc from 'fast-check';
import { Money } from '../money/money';
import {
  applyPosting,
  cashYearKey,
  deriveBalances,
  emptyLedgerBalances,
  fundYearKey,
  type LedgerBalances,
  projectKey,
} from './balances';
import { checkPosting, ledgerViolations, postingContext } from './invariants';
import { type LedgerPosting, postingProblems, type ProjectEntryKind } from './ledger-entry';

/**
 * Random sequences of ledger commands against a small world (two funds, two programme years,
 * two projects), with amounts small enough that many commands break a rule. Each command is
 * checked against the running counters the way `LedgerService.post` checks it against the stored
 * balance rows; only accepted ones are booked.
 */
const FUNDS = ['fund-a', 'fund-b'] as const;
const YEARS = [2026, 2027] as const;
const PROJECTS = ['p1', 'p2'] as const;

type Command =
  | { type: 'budget'; fund: number; year: number; cents: bigint }
  | { type: 'amend'; fund: number; year: number; cents: bigint; increase: boolean }
  | {
      type: 'project';
      kind: ProjectEntryKind;
      fund: number;
      year: number;
      cash: number;
      project: number;
      cents: bigint;
    }
  | {
      /** Exactly the room a rule leaves, one cent less or one cent more: where off-by-one bugs live. */
      type: 'edge';
      kind: ProjectEntryKind | 'budget_decrease';
      fund: number;
      year: number;
      cash: number;
      project: number;
      offset: number;
    }
  | { type: 'reverse'; pick: number };

// Round amounts make exact hits (committing the last cent, repaying all) frequent; the random ones
// make near misses (one cent too much) frequent.
const cents = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(100n, 500n, 1_000n, 5_000n) },
  { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 20_000n }) },
);
const budgetCents = fc.bigInt({ min: 1n, max: 100_000n });
const fund = fc.nat({ max: FUNDS.length - 1 });
const year = fc.nat({ max: YEARS.length - 1 });

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('budget' as const), fund, year, cents: budgetCents }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('amend' as const), fund, year, cents, increase: fc.boolean() }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('project' as const),
      kind: fc.constantFrom<ProjectEntryKind>('commitment', 'decommitment', 'disbursement', 'repayment'),
      fund,
      year,
      cash: fc.nat({ max: 2 }),
      project: fc.nat({ max: PROJECTS.length - 1 }),
      cents,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('edge' as const),
      kind: fc.constantFrom<ProjectEntryKind | 'budget_decrease'>(
        'commitment',
        'decommitment',
        'disbursement',
        'repayment',
        'budget_decrease',
      ),
      fund,
      year,
      cash: fc.nat({ max: 2 }),
      project: fc.nat({ max: PROJECTS.length - 1 }),
      offset: fc.integer({ min: -1, max: 1 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('reverse' as const), pick: fc.nat() }) },
);

/** The posting a command asks for; for a reversal also the index of the entry it cancels. */
function toPosting(
  cmd: Command,
  booked: readonly LedgerPosting[],
  reversed: ReadonlySet<number>,
): { posting: LedgerPosting; reverses?: number } | null {
  const base = { direction: null, projectId: null, reversed: null } as const;
  switch (cmd.type) {
    case 'budget':
      return {
        posting: {
          ...base,
          kind: 'budget',
          fundId: FUNDS[cmd.fund]!,
          programmeYear: YEARS[cmd.year]!,
          cashYear: YEARS[cmd.year]!,
          amount: Money.fromCents(cmd.cents),
        },
      };
    case 'amend':
      return {
        posting: {
          ...base,
          kind: 'budget_amendment',
          direction: cmd.increase ? 'increase' : 'decrease',
          fundId: FUNDS[cmd.fund]!,
          programmeYear: YEARS[cmd.year]!,
          cashYear: YEARS[cmd.year]!,
          amount: Money.fromCents(cmd.cents),
        },
      };
    case 'project':
      return {
        posting: {
          ...base,
          kind: cmd.kind,
          fundId: FUNDS[cmd.fund]!,
          programmeYear: YEARS[cmd.year]!,
          cashYear: YEARS[cmd.year]! + cmd.cash,
          projectId: PROJECTS[cmd.project]!,
          amount: Money.fromCents(cmd.cents),
        },
      };
    case 'edge': {
      const fundId = FUNDS[cmd.fund]!;
      const programmeYear = YEARS[cmd.year]!;
      const projectId = PROJECTS[cmd.project]!;
      const sums = sumsOfUnreversedEntries(booked, reversed);
      const at = (key: string) => sums.get(key) ?? 0n;
      const fy = fundYearKey(fundId, programmeYear);
      const p = projectKey(fundId, programmeYear, projectId);
      const paid = at(`${p}|disbursed`) - at(`${p}|repaid`);
      const room = {
        commitment: at(`${fy}|budget`) - at(`${fy}|committed`),
        budget_decrease: at(`${fy}|budget`) - at(`${fy}|committed`),
        decommitment: at(`${p}|committed`) - paid,
        disbursement: at(`${p}|committed`) - paid,
        repayment: paid,
      }[cmd.kind];
      const amount = room + BigInt(cmd.offset);
      if (amount <= 0n) return null;
      const common = { ...base, fundId, programmeYear, amount: Money.fromCents(amount) };
      if (cmd.kind === 'budget_decrease') {
        return {
          posting: { ...common, kind: 'budget_amendment', direction: 'decrease', cashYear: programmeYear },
        };
      }
      return { posting: { ...common, kind: cmd.kind, cashYear: programmeYear + cmd.cash, projectId } };
    }
    case 'reverse': {
      // Any booked entry that is not itself a reversal and has not been reversed yet.
      const candidates = booked.flatMap((p, i) => (p.kind !== 'reversal' && !reversed.has(i) ? [i] : []));
      if (candidates.length === 0) return null;
      const index = candidates[cmd.pick % candidates.length]!;
      const target = booked[index]!;
      if (target.kind === 'reversal') return null;
      return {
        posting: {
          ...target,
          kind: 'reversal',
          reversed: { kind: target.kind, direction: target.direction },
        },
        reverses: index,
      };
    }
  }
}

/**
 * The balances as a different sum: a reversal and the entry it cancels drop out together, so the
 * counters must equal the plain sums of the entries that were never reversed.
 */
function sumsOfUnreversedEntries(booked: readonly LedgerPosting[], reversedIndexes: ReadonlySet<number>) {
  const live = booked.filter((p, i) => p.kind !== 'reversal' && !reversedIndexes.has(i));
  const sum = (filter: (p: LedgerPosting) => boolean) =>
    live.filter(filter).reduce((total, p) => total + p.amount.cents, 0n);
  const result = new Map<string, bigint>();
  for (const f of FUNDS) {
    for (const y of YEARS) {
      const inFy = (p: LedgerPosting) => p.fundId === f && p.programmeYear === y;
      const fy = fundYearKey(f, y);
      result.set(
        `${fy}|budget`,
        sum(
          (p) =>
            inFy(p) && (p.kind === 'budget' || (p.kind === 'budget_amendment' && p.direction === 'increase')),
        ) - sum((p) => inFy(p) && p.kind === 'budget_amendment' && p.direction === 'decrease'),
      );
      const flows = (key: string, extra: (p: LedgerPosting) => boolean) => {
        result.set(
          `${key}|committed`,
          sum((p) => extra(p) && p.kind === 'commitment') - sum((p) => extra(p) && p.kind === 'decommitment'),
        );
        result.set(
          `${key}|disbursed`,
          sum((p) => extra(p) && p.kind === 'disbursement'),
        );
        result.set(
          `${key}|repaid`,
          sum((p) => extra(p) && p.kind === 'repayment'),
        );
      };
      flows(fy, inFy);
      for (const project of PROJECTS)
        flows(projectKey(f, y, project), (p) => inFy(p) && p.projectId === project);
      for (let c = y; c <= y + 2; c++) flows(cashYearKey(f, y, c), (p) => inFy(p) && p.cashYear === c);
    }
  }
  return result;
}

function countersOf(balances: LedgerBalances) {
  const result = new Map<string, bigint>();
  const zero = Money.ZERO;
  for (const f of FUNDS) {
    for (const y of YEARS) {
      const fy = fundYearKey(f, y);
      const b = balances.fundYears.get(fy);
      result.set(`${fy}|budget`, (b?.budget ?? zero).cents);
      const flows = (key: string, row: { committed: Money; disbursed: Money; repaid: Money } | undefined) => {
        result.set(`${key}|committed`, (row?.committed ?? zero).cents);
        result.set(`${key}|disbursed`, (row?.disbursed ?? zero).cents);
        result.set(`${key}|repaid`, (row?.repaid ?? zero).cents);
      };
      flows(fy, b);
      for (const project of PROJECTS)
        flows(projectKey(f, y, project), balances.projects.get(projectKey(f, y, project)));
      for (let c = y; c <= y + 2; c++) {
        const row = balances.cashYears.get(cashYearKey(f, y, c));
        flows(
          cashYearKey(f, y, c),
          row && { committed: row.planned, disbursed: row.disbursed, repaid: row.repaid },
        );
      }
    }
  }
  return result;
}

/**
 * The invariants written out again on the plain counters, independent of the code under test:
 * committed ≤ budget per fund and year; per project disbursed − repaid ≤ committed and
 * repaid ≤ disbursed. Answers the names of the broken rules.
 */
function brokenRules(counters: Map<string, bigint>): string[] {
  const at = (key: string) => counters.get(key) ?? 0n;
  const broken = new Set<string>();
  for (const f of FUNDS) {
    for (const y of YEARS) {
      const fy = fundYearKey(f, y);
      if (at(`${fy}|committed`) > at(`${fy}|budget`)) broken.add('budget_exceeded');
      for (const project of PROJECTS) {
        const p = projectKey(f, y, project);
        if (at(`${p}|disbursed`) - at(`${p}|repaid`) > at(`${p}|committed`)) {
          broken.add('disbursement_exceeds_commitment');
        }
        if (at(`${p}|repaid`) > at(`${p}|disbursed`)) broken.add('repayment_exceeds_disbursement');
      }
    }
  }
  return [...broken].sort();
}

interface Run {
  booked: LedgerPosting[];
  reversedIndexes: Set<number>;
  /** How often each kind was booked and each rule refused a command. */
  tally: Map<string, number>;
}

/**
 * Plays the commands like `LedgerService.post`: check against the running counters, book only
 * what passes. After every command the checks in `afterEach` run against the state so far.
 */
function run(commands: readonly Command[], afterEach: (run: Run, running: LedgerBalances) => void): Run {
  const running = emptyLedgerBalances();
  const state: Run = { booked: [], reversedIndexes: new Set(), tally: new Map() };
  const count = (key: string) => state.tally.set(key, (state.tally.get(key) ?? 0) + 1);
  for (const cmd of commands) {
    const next = toPosting(cmd, state.booked, state.reversedIndexes);
    if (!next) continue;
    const { posting, reverses } = next;
    expect(postingProblems(posting)).toEqual([]);
    const violations = checkPosting(postingContext(running, posting), posting);
    if (violations.length === 0) {
      applyPosting(running, posting);
      if (reverses !== undefined) state.reversedIndexes.add(reverses);
      state.booked.push(posting);
      count(posting.kind);
    } else {
      // A refusal is never arbitrary: booking the entry would really break the rule it names.
      const broken = brokenRules(countersOf(deriveBalances([...state.booked, posting])));
      for (const v of violations) {
        expect(broken).toContain(v.code);
        count(v.code);
      }
    }
    afterEach(state, running);
  }
  return state;
}

describe('the ledger under random sequences of commands', () => {
  it('never breaks an invariant, and its counters always equal the sums of its entries', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 150 }), (commands) => {
        run(commands, ({ booked, reversedIndexes }, running) => {
          expect(brokenRules(sumsOfUnreversedEntries(booked, reversedIndexes))).toEqual([]);
          expect(ledgerViolations(running)).toEqual([]);
          expect(countersOf(running)).toEqual(sumsOfUnreversedEntries(booked, reversedIndexes));
          expect(countersOf(running)).toEqual(countersOf(deriveBalances(booked)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('exercises every kind of entry and every rule, so the property above is not trivially true', () => {
    const tally = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(command, { minLength: 100, maxLength: 150 }), (commands) => {
        for (const [key, n] of run(commands, () => undefined).tally)
          tally.set(key, (tally.get(key) ?? 0) + n);
      }),
      { numRuns: 100, seed: 42 },
    );
    for (const key of [
      'budget',
      'budget_amendment',
      'commitment',
      'decommitment',
      'disbursement',
      'repayment',
      'reversal',
      'budget_exceeded',
      'disbursement_exceeds_commitment',
      'repayment_exceeds_disbursement',
    ]) {
      expect({ key, atLeast50: (tally.get(key) ?? 0) >= 50 }).toEqual({ key, atLeast50: true });
    }
  });
});
