import type { Money } from '../money/money';
import {
  type BaseRatePeriod,
  calculateRepaymentInterest,
  type RepaymentInterest,
} from './repayment-interest';

/**
 * Interest on money called off and not used promptly (Zinsen für nicht alsbald verwendete Mittel,
 * § 49a Abs. 4 VwVfG; ANBest-P Nr. 1.4 and 8.5): when money is used after its prompt-use deadline,
 * interest of 5 points above the base rate may be claimed for the time from the payment to its
 * use, even though the money itself is not repaid. Used by the deadline: no interest (`null`).
 * Same days, lines and rounding as repayment interest (`calculateRepaymentInterest`): the use
 * day, like the repayment day, is no longer an interest day.
 */
export function promptUseInterest(input: {
  amount: Money;
  paidOn: string;
  /** The prompt-use deadline of the call-off (`promptUseDeadline`), the last day in time. */
  spendBy: string;
  usedOn: string;
  baseRates: readonly BaseRatePeriod[];
}): RepaymentInterest | null {
  if (input.usedOn <= input.spendBy) return null;
  return calculateRepaymentInterest({
    principal: input.amount,
    paidOn: input.paidOn,
    repaidOn: input.usedOn,
    baseRates: input.baseRates,
  });
}
