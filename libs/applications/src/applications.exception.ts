/**
 * Every error code this library raises itself (STYLE.md, "Layout and boundaries"); the lifecycle
 * machine's own codes (event_not_allowed, submission_deadline_passed, …) come from libs/domain.
 * The API maps the error's kind to the status.
 */
export const APPLICATIONS_ERROR_CODES = {
  /** 404: no such call, or not visible to the caller. */
  callNotFound: 'call_not_found',
  /** 404: no such application, or not the caller's. */
  applicationNotFound: 'application_not_found',
  /** 404: no such file. */
  fileNotFound: 'file_not_found',
  /** 404: no such submitted version. */
  versionNotFound: 'version_not_found',
  /** 404: no such call-off. */
  callOffNotFound: 'call_off_not_found',
  /** 409: the call is not open for new applications. */
  callNotOpen: 'call_not_open',
  /** 409: the call's status does not allow this (e.g. opening a closed call). */
  callStatusConflict: 'call_status_conflict',
  /** 409: the district has a call of this title for the programme year already. */
  callTitleTaken: 'call_title_taken',
  /** 409: applications exist, so the call's programme year (part of their file numbers) is fixed. */
  programmeYearFixed: 'programme_year_fixed',
  /** 409: the application changed since the caller read it (stale `version`). */
  versionConflict: 'version_conflict',
  /** 409: the content can only change in draft, while changes are requested, or to adjust the plan. */
  contentLocked: 'content_locked',
  /** 422: the same Idempotency-Key was used before for a different request. */
  idempotencyKeyReused: 'idempotency_key_reused',
  /** 422: the district has no Netzwerkfonds to commit from. */
  netzwerkfondsMissing: 'netzwerkfonds_missing',
  /** 422: the instalments of the grant notice do not add up to the approved amount. */
  instalmentsMismatch: 'instalments_mismatch',
  /** 409: a call-off is only requested during implementation. */
  callOffNotAllowed: 'call_off_not_allowed',
  /** 409: reports are written during implementation. */
  reportNotAllowed: 'report_not_allowed',
  /** 409: the call-off was decided before. */
  callOffDecided: 'call_off_decided',
  /** 409: the use of the call-off's money was reported before (`usedOn`); it is reported once. */
  callOffUseReported: 'call_off_use_reported',
  /** 409: a use is reported for money paid out, not for a call-off still requested or approved. */
  callOffNotPaid: 'call_off_not_paid',
  /** 409: a requested call-off is approved (or rejected) before it is paid; `allowed` names both. */
  callOffNotApproved: 'call_off_not_approved',
  /** 422: the call-off asks for more than is committed and not yet called off for its cash year. */
  callOffExceedsInstalment: 'call_off_exceeds_instalment',
  /** 409: there is no proof of use to settle yet. */
  settlementUnavailable: 'settlement_unavailable',
  /** 422: a call-off before the project period starts (ANBest-P Nr. 1.4). */
  callOffBeforeProjectStart: 'call_off_before_project_start',
  /** 422: a call-off after the project period ended. */
  callOffAfterProjectEnd: 'call_off_after_project_end',
  /** 422: a call-off on another cash year's instalment than the current one. */
  callOffOtherCashYear: 'call_off_other_cash_year',
  /** 422: a payment dated before the project period starts. */
  paymentBeforeProjectStart: 'payment_before_project_start',
  /** 422: a payment dated outside the call-off's cash year. */
  paymentOutsideCashYear: 'payment_outside_cash_year',
  /** 422: the project period starts before the notice and no early start is recorded. */
  earlyStartMissing: 'early_start_missing',
  /** 409: the claim's recovery notice was issued before. */
  recoveryNoticeIssued: 'recovery_notice_issued',
  /** 409: no recovery notice was issued for the claim yet. */
  recoveryNoticeMissing: 'recovery_notice_missing',
  /** 409: the repayment claim was settled before. */
  claimSettled: 'claim_settled',
  /** 409: a change to the plan is approved only between the grant notice and completion. */
  planChangeNotAllowed: 'plan_change_not_allowed',
  /** 400: the file of past projects has problems; `details` name the row and column of each. */
  pastProjectFileInvalid: 'past_project_file_invalid',
} as const;

export type ApplicationsErrorCode = (typeof APPLICATIONS_ERROR_CODES)[keyof typeof APPLICATIONS_ERROR_CODES];
