import fc from 'fast-check';
import { Money } from '../money/money';
import { applyPosting, deriveBalances, emptyLedgerBalances, fundYearKey, projectKey } from './balances';
import {
  applyClaimEntry,
  claimBalance,
  type ClaimBalance,
  type ClaimEntry,
  claimEntryRefusal,
  emptyClaimBalance,
} from './claims';
import { checkPosting, ledgerViolations, postingContext } from './invariants';
import type { LedgerPosting } from './ledger-entry';

/**
 * Random sequences of money moves on one project, from the budget to the recovery: commitments,
 * payments, claims of principal, interest claimed apart from it, payments received against the
 * claims and waivers. The principal part of a payment received is a `repayment` in the fund
 * ledger; interest is not. Checked after every command like `LedgerService.post` checks them.
 */
const FUND = 'fund';
const YEAR = 2027;
const PROJECT = 'p1';

type Command =
  | { type: 'budget' | 'commitment' | 'disbursement'; cents: bigint }
  | { type: 'claim'; share: number; claim: number }
  | { type: 'interest'; cents: bigint; claim: number }
  | { type: 'payment' | 'waiver'; cents: bigint; claim: number; all: boolean };

const cents = fc.oneof(fc.constantFrom(100n, 1_000n, 5_000n), fc.bigInt({ min: 1n, max: 20_000n }));
const claim = fc.nat({ max: 2 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ type: fc.constant('budget' as const), cents }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('commitment' as const), cents }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('disbursement' as const), cents }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('claim' as const),
      share: fc.integer({ min: 1, max: 110 }),
      claim,
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('interest' as const), cents, claim }) },
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant('payment' as const), cents, claim, all: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('waiver' as const), cents, claim, all: fc.boolean() }),
  },
);

function posting(kind: LedgerPosting['kind'], amount: Money): LedgerPosting {
  return {
    kind,
    fundId: FUND,
    programmeYear: YEAR,
    cashYear: YEAR,
    amount,
    direction: null,
    projectId: kind === 'budget' ? null : PROJECT,
    reversed: null,
  };
}

interface World {
  booked: LedgerPosting[];
  claims: ClaimEntry[][];
  running: ClaimBalance[];
  /** The principal parts of payments received, each booked as a fund repayment. */
  repaidThroughClaims: Money;
  tally: Map<string, number>;
}

function play(commands: readonly Command[], check: (world: World) => void): World {
  const balances = emptyLedgerBalances();
  const world: World = {
    booked: [],
    claims: [[], [], []],
    running: [emptyClaimBalance(), emptyClaimBalance(), emptyClaimBalance()],
    repaidThroughClaims: Money.ZERO,
    tally: new Map(),
  };
  const count = (key: string) => world.tally.set(key, (world.tally.get(key) ?? 0) + 1);
  const book = (p: LedgerPosting): boolean => {
    if (checkPosting(postingContext(balances, p), p).length > 0) return false;
    applyPosting(balances, p);
    world.booked.push(p);
    return true;
  };
  const project = () => balances.projects.get(projectKey(FUND, YEAR, PROJECT));
  const paidOut = () => (project()?.disbursed ?? Money.ZERO).subtract(project()?.repaid ?? Money.ZERO);
  const openPrincipal = () => Money.sum(world.running.map((c) => c.openPrincipal));

  for (const cmd of commands) {
    switch (cmd.type) {
      case 'budget':
        book(posting('budget', Money.fromCents(cmd.cents * 3n)));
        break;
      case 'commitment':
      case 'disbursement':
        if (book(posting(cmd.type, Money.fromCents(cmd.cents)))) count(cmd.type);
        break;
      case 'claim': {
        // A claim asks back at most what was paid out and is not claimed yet.
        const claimable = paidOut().subtract(openPrincipal());
        const amount = Money.fromCents((claimable.cents * BigInt(Math.min(cmd.share, 100))) / 100n);
        if (!amount.isPositive()) break;
        world.claims[cmd.claim]!.push({ kind: 'principal', amount });
        world.running[cmd.claim] = applyClaimEntry(world.running[cmd.claim]!, { kind: 'principal', amount });
        count('principal');
        break;
      }
      case 'interest': {
        if (!world.running[cmd.claim]!.principal.isPositive()) break;
        const entry: ClaimEntry = { kind: 'interest', amount: Money.fromCents(cmd.cents) };
        world.claims[cmd.claim]!.push(entry);
        world.running[cmd.claim] = applyClaimEntry(world.running[cmd.claim]!, entry);
        count('interest');
        break;
      }
      case 'payment':
      case 'waiver': {
        const before = world.running[cmd.claim]!;
        const amount = cmd.all ? before.open : Money.fromCents(cmd.cents);
        if (!amount.isPositive()) break;
        const entry: ClaimEntry = {
          kind: cmd.type,
          amount,
          ...(cmd.type === 'waiver' ? { reason: 'Billigkeitserlass nach § 59 LHO' } : {}),
        };
        const refusal = claimEntryRefusal(before, entry);
        if (refusal) {
          expect(amount.isGreaterThan(before.open)).toBe(true);
          count('payment_exceeds_claim');
          break;
        }
        const after = applyClaimEntry(before, entry);
        if (cmd.type === 'payment') {
          const principalPart = after.paidPrincipal.subtract(before.paidPrincipal);
          // The principal back is a repayment of the grant: never refused, as it never exceeds
          // what was paid out.
          if (principalPart.isPositive()) {
            expect(book(posting('repayment', principalPart))).toBe(true);
            world.repaidThroughClaims = world.repaidThroughClaims.add(principalPart);
          }
        }
        world.claims[cmd.claim]!.push(entry);
        world.running[cmd.claim] = after;
        count(cmd.type);
        count(`state ${after.state}`);
        break;
      }
    }
    check(world);
  }
  return world;
}

describe('claims, interest and repayments under random sequences', () => {
  it('keep every balance the sum of its entries, and never repay more than was paid out', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 120 }), (commands) => {
        play(commands, (world) => {
          const derived = deriveBalances(world.booked);
          expect(ledgerViolations(derived)).toEqual([]);
          const p = derived.projects.get(projectKey(FUND, YEAR, PROJECT));
          const f = derived.fundYears.get(fundYearKey(FUND, YEAR));
          const sum = (kind: LedgerPosting['kind']) =>
            Money.sum(world.booked.filter((b) => b.kind === kind).map((b) => b.amount));
          if (p) {
            expect(p.disbursed).toEqual(sum('disbursement'));
            expect(p.repaid).toEqual(sum('repayment'));
            expect(p.repaid.isGreaterThan(p.disbursed)).toBe(false);
            expect(p.repaid).toEqual(world.repaidThroughClaims);
          }
          if (f) expect(f.committed.isGreaterThan(f.budget)).toBe(false);
          let claimedPrincipal = Money.ZERO;
          world.claims.forEach((entries, i) => {
            const b = claimBalance(entries);
            expect(b).toEqual(world.running[i]);
            for (const part of [b.openPrincipal, b.openInterest]) expect(part.isNegative()).toBe(false);
            const sumOf = (kind: ClaimEntry['kind']) =>
              Money.sum(entries.filter((e) => e.kind === kind).map((e) => e.amount));
            expect(b.principal).toEqual(sumOf('principal'));
            expect(b.interest).toEqual(sumOf('interest'));
            expect(b.paidPrincipal.add(b.paidInterest)).toEqual(sumOf('payment'));
            expect(b.waivedPrincipal.add(b.waivedInterest)).toEqual(sumOf('waiver'));
            claimedPrincipal = claimedPrincipal.add(b.openPrincipal);
          });
          // Open claims never ask back more than is paid out and not repaid.
          const paid = (p?.disbursed ?? Money.ZERO).subtract(p?.repaid ?? Money.ZERO);
          expect(claimedPrincipal.isGreaterThan(paid)).toBe(false);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('exercises every entry, the refusal and every claim state, so the property is not trivially true', () => {
    const tally = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(command, { minLength: 80, maxLength: 120 }), (commands) => {
        for (const [key, n] of play(commands, () => undefined).tally)
          tally.set(key, (tally.get(key) ?? 0) + n);
      }),
      { numRuns: 100, seed: 14 },
    );
    for (const key of [
      'disbursement',
      'principal',
      'interest',
      'payment',
      'waiver',
      'payment_exceeds_claim',
      'state partly_paid',
      'state paid',
      'state waived',
    ]) {
      expect({ key, atLeast20: (tally.get(key) ?? 0) >= 20 }).toEqual({ key, atLeast20: true });
    }
  });

  it('a worked example: 3 000 € claimed, 120,50 € interest, 1 000 € paid, the rest waived', () => {
    const entries: ClaimEntry[] = [
      { kind: 'principal', amount: Money.euros(3_000) },
      { kind: 'interest', amount: Money.fromCents(12_050) },
    ];
    expect(claimBalance(entries).state).toBe('open');
    entries.push({ kind: 'payment', amount: Money.euros(1_000) });
    // Interest first: 120,50 € interest, 879,50 € principal.
    expect(claimBalance(entries)).toMatchObject({
      paidInterest: Money.fromCents(12_050),
      paidPrincipal: Money.fromCents(87_950),
      openPrincipal: Money.fromCents(212_050),
      state: 'partly_paid',
    });
    expect(() =>
      applyClaimEntry(claimBalance(entries), { kind: 'waiver', amount: Money.euros(1) }),
    ).toThrow();
    entries.push({ kind: 'waiver', amount: Money.fromCents(212_050), reason: 'Insolvenz des Trägers' });
    expect(claimBalance(entries)).toMatchObject({ open: Money.ZERO, state: 'waived' });
  });
});
