import {
  applicationProblems,
  type ContentRules,
  declarationsConfirmed,
  type ErrorDetail,
  type FundingChain,
  fundingChain,
  type LifecycleFacts,
  type LifecycleRole,
  Money,
  planTotals,
} from '@kiezfonds/domain';
import type { ApplicationRecord } from './application-record';

/** The call's rules the content is checked against. */
export function contentRulesOf(record: ApplicationRecord): ContentRules {
  return {
    programmeYear: record.programmeYear,
    minAmount: Money.fromCents(record.minAmountCents),
    maxAmount: record.maxAmountCents === null ? null : Money.fromCents(record.maxAmountCents),
    actionFieldIds: record.callActionFieldIds,
    areaIds: record.callAreaIds,
    requiredAttachmentKeys: record.requiredAttachmentKeys,
    attachedKinds: record.attachedKinds,
  };
}

export function problemsOf(record: ApplicationRecord): ErrorDetail[] {
  const problems = applicationProblems(record.content, contentRulesOf(record));
  if (record.content.predecessorId && record.predecessors.length === 0) {
    problems.push({ field: 'predecessorId', rule: 'predecessor_not_found' });
  }
  return problems;
}

/** The application's years together with those of the projects it continues (5-year limit). */
export function chainOf(record: ApplicationRecord): FundingChain {
  return fundingChain(record.content, record.predecessors);
}

/** The requested total of the content as it stands (the column the lists sort and sum by). */
export function requestedOf(record: Pick<ApplicationRecord, 'content'>): Money {
  return planTotals(record.content).requested;
}

/**
 * Whether the Senate selected less than the plan requests: then the carrier adjusts the plan
 * before the grant notice can be issued (DOMAIN.md step 6).
 */
export function planAdjustmentRequired(record: ApplicationRecord): boolean {
  return (
    record.senateAmountCents !== null &&
    !requestedOf(record).equals(Money.fromCents(record.senateAmountCents))
  );
}

/** What the lifecycle machine's guards read, computed from the stored record (the machine does no I/O). */
export function lifecycleFacts(
  record: ApplicationRecord,
  roles: readonly LifecycleRole[],
  now: Date,
): LifecycleFacts {
  return {
    roles,
    now,
    // A call the coordinator closed early takes no more submissions, as if its deadline had come.
    submissionDeadline: record.submissionClosesAt,
    replyDeadline: record.openChangeRequest?.replyDeadline ?? null,
    problems: problemsOf(record),
    senateSelectionRecorded: record.senateAmountCents !== null,
    planAdjustmentRequired: planAdjustmentRequired(record),
    declarationsConfirmed: declarationsConfirmed(record.content),
    hasOpenCallOffs: record.hasOpenCallOffs,
    decisionAdopted: record.latestDecision?.outcome === 'adopted',
    onSentList: record.onSentList,
    fundingChain: chainOf(record),
  };
}
