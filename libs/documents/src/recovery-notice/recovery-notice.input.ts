import type {
  CostCategory,
  FinancingType,
  LineRule,
  Locale,
  Money,
  RepaymentInterestLine,
  SettlementStep,
} from '@kiezfonds/domain';
import type { IssuingOffice, PostalAddress, Signatory } from '../layout/issuer';

/** One payment of the grant that is claimed back, with the interest it bore line by line. */
export interface RecoveryPayment {
  /** The day the grant money was paid (ISO date): interest runs from it. */
  paidOn: string;
  principal: Money;
  interestLines: readonly RepaymentInterestLine[];
  interest: Money;
}

/**
 * Late-use interest (§ 49a (4) VwVfG) the carrier paid on a payment before the claim (revocation,
 * or the settlement after the proof of use), credited against the claim's interest on the same
 * money: the late-use calculation line by line and what of it is credited.
 */
export interface RecoveryLateUseCredit {
  /** The late-use notice the interest was paid on. */
  reference: string | null;
  paidOn: string;
  usedOn: string;
  principal: Money;
  interestLines: readonly RepaymentInterestLine[];
  /** What the carrier paid of it. */
  paid: Money;
  /** The part of `principal` the claim reclaims, where it is not all of it. */
  claimed?: Money;
  /** The part of `paid` that fell on `claimed` (pro rata by amount). */
  share?: Money;
  /** What is taken off: the payment (its share), at most the interest charged on that money. */
  credited: Money;
}

/** Everything a Rückforderungs- und Zinsbescheid states. Dates are ISO calendar days. */
export interface RecoveryNoticeInput {
  locale: Locale;
  issuer: IssuingOffice;
  recipient: { name: string; address: PostalAddress };
  fileReference: string;
  issuedOn: string;
  project: { title: string; reference: string };
  grantNoticeReference: string;
  reason: 'unspent' | 'revocation' | 'late_use';
  /** The settlement of the proof of use the claim rests on (reason `unspent`). */
  settlement?: {
    financingType: FinancingType;
    lines: ReadonlyArray<{
      cashYear: number;
      category: CostCategory;
      planned: Money;
      actual: Money;
      /** The VAT a net settlement took off the line (an organisation entitled to deduct it). */
      excludedVat: Money;
      eligible: Money;
      rule: LineRule;
    }>;
    steps: ReadonlyArray<{ key: SettlementStep['key']; amount: Money; basisPoints?: number }>;
  };
  payments: readonly RecoveryPayment[];
  /** Late-use interest already paid on the same money, taken off `interest`. */
  lateUseCredits?: readonly RecoveryLateUseCredit[];
  /** Interest is computed up to the day before this one (the repayment deadline). */
  interestUntil: string;
  principal: Money;
  /** The interest to pay: the payments' interest less the late-use credits. */
  interest: Money;
  total: Money;
  /** The day by which the total is to be paid. */
  dueBy: string;
  signatory: Signatory;
}
