import { BusinessRuleError, ValidationError } from '../errors/domain-error';
import { Money } from '../money/money';

/**
 * A recovery claim (Rückforderung) as its own small ledger, append-only like the fund ledger:
 * - `principal`: money of the grant to be repaid (the claim), booked once when the claim is made;
 * - `interest`: interest claimed on it (5 points above the base rate, § 49a VwVfG) or on money
 *   called off and not used promptly — booked apart from the principal, as each is accounted
 *   for differently (the principal flows back to the fund, interest is revenue of the district);
 * - `payment`: money received from the carrier against the claim;
 * - `waiver`: part of what is open that the office waives, always with a reason.
 * A payment settles interest first, then the principal (§ 367 BGB, applied to public claims), so
 * only the principal part of a payment is a `repayment` in the fund ledger.
 */
export const CLAIM_ENTRY_KINDS = ['principal', 'interest', 'payment', 'waiver'] as const;
export type ClaimEntryKind = (typeof CLAIM_ENTRY_KINDS)[number];

export interface ClaimEntry {
  kind: ClaimEntryKind;
  amount: Money;
  /** Required for a waiver. */
  reason?: string;
}

export const CLAIM_STATES = ['open', 'partly_paid', 'paid', 'waived'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export interface ClaimBalance {
  principal: Money;
  interest: Money;
  paidPrincipal: Money;
  paidInterest: Money;
  waivedPrincipal: Money;
  waivedInterest: Money;
  openPrincipal: Money;
  openInterest: Money;
  open: Money;
  state: ClaimState;
}

/** How a payment or waiver splits onto interest and principal: interest first. */
export interface ClaimAllocation {
  interest: Money;
  principal: Money;
}

export function allocate(balance: ClaimBalance, amount: Money): ClaimAllocation {
  const interest = Money.min(amount, balance.openInterest);
  return { interest, principal: amount.subtract(interest) };
}

/** The claim's figures and state, derived from its entries alone. */
export function claimBalance(entries: readonly ClaimEntry[]): ClaimBalance {
  let b = emptyClaimBalance();
  for (const entry of entries) b = applyClaimEntry(b, entry);
  return b;
}

export function emptyClaimBalance(): ClaimBalance {
  const z = Money.ZERO;
  return {
    principal: z,
    interest: z,
    paidPrincipal: z,
    paidInterest: z,
    waivedPrincipal: z,
    waivedInterest: z,
    openPrincipal: z,
    openInterest: z,
    open: z,
    state: 'open',
  };
}

/**
 * Why an entry cannot be booked on the claim as it stands, or null: amounts are positive, a
 * payment or waiver covers at most what is open, a waiver names its reason.
 */
export function claimEntryRefusal(balance: ClaimBalance, entry: ClaimEntry): Error | null {
  if (!entry.amount.isPositive()) return new ValidationError([{ field: 'amountCents', rule: 'positive' }]);
  if (entry.kind === 'waiver' && !entry.reason?.trim()) {
    return new ValidationError([{ field: 'reason', rule: 'required' }]);
  }
  if ((entry.kind === 'payment' || entry.kind === 'waiver') && entry.amount.isGreaterThan(balance.open)) {
    return new BusinessRuleError('payment_exceeds_claim', {
      openCents: balance.open.toString(),
      amountCents: entry.amount.toString(),
    });
  }
  return null;
}

export function applyClaimEntry(balance: ClaimBalance, entry: ClaimEntry): ClaimBalance {
  const refusal = claimEntryRefusal(balance, entry);
  if (refusal) throw refusal;
  const b = { ...balance };
  switch (entry.kind) {
    case 'principal':
      b.principal = b.principal.add(entry.amount);
      break;
    case 'interest':
      b.interest = b.interest.add(entry.amount);
      break;
    case 'payment': {
      const split = allocate(b, entry.amount);
      b.paidInterest = b.paidInterest.add(split.interest);
      b.paidPrincipal = b.paidPrincipal.add(split.principal);
      break;
    }
    case 'waiver': {
      const split = allocate(b, entry.amount);
      b.waivedInterest = b.waivedInterest.add(split.interest);
      b.waivedPrincipal = b.waivedPrincipal.add(split.principal);
      break;
    }
  }
  b.openPrincipal = b.principal.subtract(b.paidPrincipal).subtract(b.waivedPrincipal);
  b.openInterest = b.interest.subtract(b.paidInterest).subtract(b.waivedInterest);
  b.open = b.openPrincipal.add(b.openInterest);
  const settled = b.paidPrincipal.add(b.paidInterest);
  const waived = b.waivedPrincipal.add(b.waivedInterest);
  b.state = b.open.isPositive()
    ? settled.isPositive()
      ? 'partly_paid'
      : 'open'
    : waived.isPositive()
      ? 'waived'
      : 'paid';
  return b;
}
