import { BusinessRuleError, type LedgerViolation } from '@kiezfonds/domain';

/**
 * Every error code this library raises (STYLE.md, "Layout and boundaries"). The API maps the
 * error's kind to the status: not found 404, business rule 422, validation 400.
 */
export const FUNDS_ERROR_CODES = {
  /** 404: no such fund (or, once scoped, not one of the caller's district). */
  fundNotFound: 'fund_not_found',
  /** 404: the entry to reverse does not exist. */
  ledgerEntryNotFound: 'ledger_entry_not_found',
  /** 404: no such application. */
  applicationNotFound: 'application_not_found',
  /** 404: no such tracked project. */
  trackedProjectNotFound: 'tracked_project_not_found',
  /** 422: committed would exceed the budget of the fund and programme year. */
  budgetExceeded: 'budget_exceeded',
  /** 422: a project would be paid (net of repayments) more than is committed to it. */
  disbursementExceedsCommitment: 'disbursement_exceeds_commitment',
  /** 422: a project would pay back more than it was paid. */
  repaymentExceedsDisbursement: 'repayment_exceeds_disbursement',
  /**
   * 422: money of one fund for a project of another kind: a Netzwerkfonds application only from
   * the Netzwerkfonds, a tracked project never from it.
   */
  wrongFundKind: 'wrong_fund_kind',
  /** 422: the application or tracked project belongs to another district or fund. */
  projectNotInFund: 'project_not_in_fund',
  /** 422: the counters would leave the range PostgreSQL's bigint holds (some 92 quadrillion euros). */
  amountOutOfRange: 'amount_out_of_range',
  /** 422: the entry was reversed before. */
  entryAlreadyReversed: 'entry_already_reversed',
  /** 422: a reversal is not reversed; the right entry is booked anew. */
  reversalNotReversible: 'reversal_not_reversible',
  /** 422: the base-rate table does not reach back to the payment day. */
  baseRateMissing: 'base_rate_missing',
  /**
   * 422: the interest on a principal over a period would leave the range of bigint cents; raised
   * by the interest calculation in libs/domain, listed here so its messages are checked.
   */
  interestOutOfRange: 'interest_out_of_range',
  /** 422: the fund exists already for this district, kind and area. */
  fundExists: 'fund_exists',
  /**
   * 422: Netzwerkfonds money is committed, paid and taken back only by the application workflow
   * (grant notice, call-offs, proof of use), never booked by hand through the ledger route.
   */
  netzwerkfondsCommitByWorkflow: 'netzwerkfonds_commit_by_workflow',
  /** 400: the indicator CSV has problems; `details` name the row and column of each. */
  indicatorFileInvalid: 'indicator_file_invalid',
  /** 400: the GeoJSON of area shapes has problems; `details` name the feature and member of each. */
  areaShapesFileInvalid: 'area_shapes_file_invalid',
} as const;

export type FundsErrorCode = (typeof FUNDS_ERROR_CODES)[keyof typeof FUNDS_ERROR_CODES];

/**
 * A posting refused because it would break a ledger invariant (422). `code` is the first
 * violation's (`budget_exceeded`, `disbursement_exceeds_commitment`,
 * `repayment_exceeds_disbursement`); `violations` keeps all of them with their amounts, and
 * `params` carries the amounts in cents as decimal strings for the message.
 */
export class LedgerViolationError extends BusinessRuleError {
  constructor(readonly violations: readonly [LedgerViolation, ...LedgerViolation[]]) {
    super(violations[0].code, violationParams(violations[0]));
  }
}

function violationParams(violation: LedgerViolation): Record<string, string | number> {
  const common = {
    fundId: violation.fundId,
    programmeYear: violation.programmeYear,
    excessCents: violation.excess.toString(),
  };
  switch (violation.code) {
    case 'budget_exceeded':
      return {
        ...common,
        budgetCents: violation.budget.toString(),
        committedCents: violation.committed.toString(),
      };
    case 'disbursement_exceeds_commitment':
      return {
        ...common,
        projectId: violation.projectId,
        committedCents: violation.committed.toString(),
        paidCents: violation.paid.toString(),
      };
    case 'repayment_exceeds_disbursement':
      return {
        ...common,
        projectId: violation.projectId,
        disbursedCents: violation.disbursed.toString(),
        repaidCents: violation.repaid.toString(),
      };
  }
}
