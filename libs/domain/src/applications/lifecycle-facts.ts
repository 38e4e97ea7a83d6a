import { BusinessRuleError, ConflictError, DomainError, type ErrorDetail } from '../errors/domain-error';
import { NETZWERKFONDS_MIN_AMOUNT } from './call-amounts';
import type { FundingChain } from './funding-chain';
import type { LifecycleRole } from './lifecycle-vocabulary';

/**
 * What the lifecycle's guards read. The service computes these from the stored application, its
 * call and the caller; the machine itself does no I/O and never looks anything up.
 */
export interface LifecycleFacts {
  /** The caller's roles for this application (see `LifecycleRole`). */
  roles: readonly LifecycleRole[];
  now: Date;
  /** The call's submission deadline; submitting exactly at it is still in time. */
  submissionDeadline: Date;
  /** The reply deadline of the open change request, `null` when none is set. */
  replyDeadline: Date | null;
  /** What is missing or inconsistent in the current content (`applicationProblems`). */
  problems: readonly ErrorDetail[];
  /** The coordinator has recorded the Senate's selection (RECORD_SENATE_SELECTION). */
  senateSelectionRecorded: boolean;
  /** The Senate selected a reduced amount and the plan does not match it yet. */
  planAdjustmentRequired: boolean;
  /** The three declarations of DOMAIN.md step 7 (`declarationsConfirmed(content)`). */
  declarationsConfirmed: boolean;
  /** A call-off is requested and not yet decided: the proof of use waits for it. */
  hasOpenCallOffs?: boolean;
  /**
   * The committee's latest decision on the application (its last closed vote, in a session or in
   * writing) adopted it. Selection and the waiting list rest on that decision (TRUST.md, "Money
   * and decisions"); a rejected motion or no quorum is no basis for either.
   */
  decisionAdopted: boolean;
  /** The application is on the priority list the district sent: its call's finalised programme plan. */
  onSentList: boolean;
  /** The consecutive years of funding for the purpose, predecessors included (`fundingChain`). */
  fundingChain?: FundingChain;
}

/** The content is not complete for submission; `details` lists every problem. */
export class ApplicationIncompleteError extends DomainError {
  readonly kind = 'business_rule';
  constructor(problems: readonly ErrorDetail[]) {
    super('application_incomplete', problems, { count: problems.length });
  }
}

interface Check {
  label: { de: string; en: string };
  passes(facts: LifecycleFacts): boolean;
  /** Why the transition is refused when the check fails; `allowed` are the caller's events now. */
  refusal(facts: LifecycleFacts, allowed: readonly string[]): DomainError;
}

/** The business conditions a transition may require besides the caller's role. */
export const LIFECYCLE_CHECKS = {
  beforeSubmissionDeadline: {
    label: { de: 'vor Ablauf der Einreichungsfrist', en: 'before the submission deadline' },
    passes: (f) => f.now.getTime() <= f.submissionDeadline.getTime(),
    refusal: (f) =>
      new BusinessRuleError('submission_deadline_passed', { deadline: f.submissionDeadline.toISOString() }),
  },
  beforeReplyDeadline: {
    label: { de: 'vor Ablauf der Antwortfrist', en: 'before the reply deadline' },
    passes: (f) => f.replyDeadline === null || f.now.getTime() <= f.replyDeadline.getTime(),
    refusal: (f) =>
      new BusinessRuleError('reply_deadline_passed', { deadline: f.replyDeadline?.toISOString() ?? '' }),
  },
  // Named refusals before the general completeness check: the carrier learns the rule, not only
  // that something is missing.
  notBelowCallMinimum: {
    label: { de: 'Mindestbetrag des Aufrufs erreicht', en: "call's minimum amount reached" },
    passes: (f) => !f.problems.some((p) => p.rule === 'amount_below_minimum'),
    refusal: (f) =>
      new BusinessRuleError('amount_below_call_minimum', {
        ...f.problems.find((p) => p.rule === 'amount_below_minimum')?.params,
        floorCents: NETZWERKFONDS_MIN_AMOUNT.toString(),
      }),
  },
  withinFiveYearLimit: {
    label: { de: 'höchstens fünf Jahre in Folge gefördert', en: 'funded for at most five consecutive years' },
    passes: (f) => !f.fundingChain?.exceeded,
    refusal: (f) =>
      new BusinessRuleError('five_year_limit_exceeded', {
        years: f.fundingChain?.consecutiveYears.length ?? 0,
        first: f.fundingChain?.consecutiveYears[0] ?? 0,
        last: f.fundingChain?.consecutiveYears.at(-1) ?? 0,
        limit: f.fundingChain?.limit ?? 0,
      }),
  },
  complete: {
    label: { de: 'Antrag vollständig', en: 'application complete' },
    passes: (f) => f.problems.length === 0,
    refusal: (f) => new ApplicationIncompleteError(f.problems),
  },
  senateSelectionRecorded: {
    label: { de: 'Auswahl des Senats erfasst', en: 'Senate’s selection recorded' },
    passes: (f) => f.senateSelectionRecorded,
    refusal: () => new BusinessRuleError('senate_selection_missing'),
  },
  planMatchesSelection: {
    label: { de: 'Plan passt zum ausgewählten Betrag', en: 'plan matches the selected amount' },
    passes: (f) => !f.planAdjustmentRequired,
    refusal: () => new BusinessRuleError('plan_adjustment_required'),
  },
  declarationsConfirmed: {
    label: { de: 'Erklärungen abgegeben', en: 'declarations confirmed' },
    passes: (f) => f.declarationsConfirmed,
    refusal: () => new BusinessRuleError('declarations_missing'),
  },
  // A missing step of the decision chain is a wrong state (409 naming what is allowed), not a rule
  // the caller could satisfy by changing the request.
  committeeDecisionAdopted: {
    label: { de: 'Beschluss des Gremiums angenommen', en: 'adopted by the committee' },
    passes: (f) => f.decisionAdopted,
    refusal: (_f, allowed) => new ConflictError('committee_decision_missing', allowed),
  },
  onSentList: {
    label: {
      de: 'auf der vom Bezirk übermittelten Prioritätenliste',
      en: 'on the priority list the district sent',
    },
    passes: (f) => f.onSentList,
    refusal: (_f, allowed) => new ConflictError('not_on_sent_list', allowed),
  },
  noOpenCallOffs: {
    label: { de: 'kein offener Mittelabruf', en: 'no open call-off' },
    passes: (f) => !f.hasOpenCallOffs,
    refusal: () => new BusinessRuleError('call_offs_open'),
  },
} as const satisfies Record<string, Check>;

export type LifecycleCheck = keyof typeof LIFECYCLE_CHECKS;

/** Who may send an event and what must hold: the parameters of the machine's one guard. */
export interface Permission {
  roles: readonly LifecycleRole[];
  checks: readonly LifecycleCheck[];
}

/**
 * The first reason a permission refuses the caller, or `null` when it allows. Roles come first:
 * someone who may not send the event at all learns nothing about deadlines or content.
 */
export function refusalOf(permission: Permission, facts: LifecycleFacts): 'role' | LifecycleCheck | null {
  if (!permission.roles.some((role) => facts.roles.includes(role))) return 'role';
  return permission.checks.find((check) => !LIFECYCLE_CHECKS[check].passes(facts)) ?? null;
}
