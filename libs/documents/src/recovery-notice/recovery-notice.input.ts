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
  /** Interest is computed up to the day before this one (the repayment deadline). */
  interestUntil: string;
  principal: Money;
  interest: Money;
  total: Money;
  /** The day by which the total is to be paid. */
  dueBy: string;
  signatory: Signatory;
}
