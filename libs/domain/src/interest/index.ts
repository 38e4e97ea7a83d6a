export {
  type BaseRatePeriod,
  calculateRepaymentInterest,
  INTEREST_DAYS_PER_YEAR,
  interestForDays,
  REPAYMENT_INTEREST_SURCHARGE_BASIS_POINTS,
  type RepaymentInterest,
  type RepaymentInterestInput,
  type RepaymentInterestLine,
} from './repayment-interest';
export { promptUseInterest } from './prompt-use-interest';
export {
  accruedClaimInterest,
  type ClaimInterest,
  type ClaimInterestInput,
  type ClaimInterestLine,
  type NoticeInterest,
  type PrincipalSettled,
} from './claim-interest';
