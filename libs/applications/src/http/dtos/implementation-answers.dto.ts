import { ApiProperty } from '@nestjs/swagger';
import {
  CLAIM_ENTRY_KINDS,
  CLAIM_STATES,
  type ClaimEntryKind,
  type ClaimState,
  COST_BASES,
  COST_CATEGORIES,
  type CostBasis,
  type CostCategory,
  FINANCING_TYPES,
  type FinancingType,
  LINE_RULES,
  type LineRule,
  type SettlementStep,
} from '@kiezfonds/domain';
import { ActualCostDto } from './event.dto';

/*
 * What the implementation API answers about call-offs, approved plan changes, reports, the
 * settlement and repayment claims, for the OpenAPI document and so the web's generated types.
 */

const CALL_OFF_STATES = ['requested', 'approved', 'paid', 'rejected'] as const;
const CENTS = { pattern: '^[0-9]+$', example: '2500000' } as const;
const nullableDay = { type: String, format: 'date', nullable: true } as const;
const nullableCents = { type: String, ...CENTS, nullable: true } as const;
const optional = { required: false } as const;
// Interest follows the base rate, which the table allows below −5 %: in theory it can be negative.
const INTEREST_CENTS = { type: String, pattern: '^-?[0-9]+$', example: '41233' } as const;
const day = { type: String, format: 'date' } as const;

export class CallOffDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ description: "Counts the application's call-offs from 1" })
  number: number;

  @ApiProperty()
  cashYear: number;

  @ApiProperty(CENTS)
  amountCents: string;

  @ApiProperty()
  purpose: string;

  @ApiProperty({ enum: CALL_OFF_STATES })
  state: (typeof CALL_OFF_STATES)[number];

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt: string | null;

  @ApiProperty(nullableDay)
  paidOn: string | null;

  @ApiProperty({
    ...nullableDay,
    description: 'The end of the prompt-use period (DOMAIN.md step 8), set on payment',
  })
  spendBy: string | null;

  @ApiProperty({ type: String, nullable: true })
  rejectReason: string | null;

  @ApiProperty({
    ...nullableDay,
    description: 'The day the carrier reported the money as used (POST /call-offs/{id}/use); null until then',
  })
  usedOn: string | null;

  @ApiProperty({
    description:
      'Whether the reported use came after the prompt-use deadline (`spendBy`), so that the money bears interest from its payment to its use (§ 49a Abs. 4 VwVfG); false while no use is reported',
  })
  late: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The repayment claim of reason `late_use` the late use raised; null for a use in time, none reported, or a use reported after the revocation of the grant (whose claim already charges interest)',
  })
  lateUseClaimId: string | null;
}

export class CallOffListDto {
  @ApiProperty({ type: [CallOffDto] })
  items: CallOffDto[];
}

/** A change to the cost plan the coordinator approved after the grant notice. */
export class PlanChangeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  cashYear: number;

  @ApiProperty({ enum: COST_CATEGORIES })
  category: CostCategory;

  @ApiProperty(CENTS)
  amountCents: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'uuid', description: 'The coordinator (user id) who approved it' })
  approvedBy: string;

  @ApiProperty({ format: 'date-time' })
  approvedAt: string;
}

export class PlanChangeListDto {
  @ApiProperty({ type: [PlanChangeDto] })
  items: PlanChangeDto[];
}

/**
 * A cost line the proof of use overran (libs/domain PlanComparisonLine as recorded with the
 * report). Reports recorded before the settlement rules lack `source` and `rule`, those recorded
 * before costs could count net lack `excludedVat`.
 */
export class OverrunDto {
  @ApiProperty()
  cashYear: number;

  @ApiProperty({ enum: COST_CATEGORIES })
  category: CostCategory;

  @ApiProperty({ ...CENTS, description: 'Planned, in cents' })
  planned: string;

  @ApiProperty({ ...CENTS, description: 'Spent as reported (VAT included), in cents' })
  actual: string;

  @ApiProperty({ ...CENTS, ...optional, description: 'The VAT in `actual` that does not count (net costs)' })
  excludedVat?: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Deviation from the plan in percent, one decimal; null when nothing was planned',
  })
  deviationPercent: number | null;

  @ApiProperty({ description: 'More than 20 % above the plan, or spending on a line the plan does not have' })
  overrun: boolean;

  @ApiProperty({ ...CENTS, description: 'What of the spending counts' })
  eligible: string;

  @ApiProperty({ ...optional, enum: ['plan', 'approved_change', 'none'] })
  source?: 'plan' | 'approved_change' | 'none';

  @ApiProperty({ ...optional, enum: LINE_RULES })
  rule?: LineRule;
}

/** An interim report or the proof of use (final report). */
export class ReportDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['interim', 'final'] })
  kind: 'interim' | 'final';

  @ApiProperty()
  text: string;

  @ApiProperty({
    type: [ActualCostDto],
    description: 'The spending of the proof of use; empty for an interim report',
  })
  actuals: ActualCostDto[];

  @ApiProperty({ type: [OverrunDto], description: 'The cost lines the proof of use overran' })
  overruns: OverrunDto[];

  @ApiProperty({
    ...nullableCents,
    description: 'All spending of the proof of use; null for an interim report',
  })
  spentCents: string | null;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ type: String, nullable: true, description: 'Display name of who submitted it' })
  submittedBy: string | null;
}

export class ReportListDto {
  @ApiProperty({ type: [ReportDto] })
  items: ReportDto[];
}

export class InterimReportAddedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['interim'] })
  kind: 'interim';

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;
}

/** How the settlement treated one cost line. */
export class SettlementLineDto {
  @ApiProperty()
  cashYear: number;

  @ApiProperty({ enum: COST_CATEGORIES })
  category: CostCategory;

  @ApiProperty(CENTS)
  plannedCents: string;

  @ApiProperty({ ...CENTS, description: 'Spent as reported, VAT included' })
  actualCents: string;

  @ApiProperty({
    ...CENTS,
    ...optional,
    description: 'The VAT in the spending that does not count (net costs); absent on older settlements',
  })
  excludedVatCents?: string;

  @ApiProperty(CENTS)
  eligibleCents: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'In percent, one decimal; null when nothing was planned',
  })
  deviationPercent: number | null;

  @ApiProperty()
  overrun: boolean;

  @ApiProperty({ enum: ['plan', 'approved_change', 'none'] })
  source: 'plan' | 'approved_change' | 'none';

  @ApiProperty({ enum: LINE_RULES })
  rule: LineRule;

  @ApiProperty({ description: "The rule in the caller's language" })
  ruleText: string;
}

const SETTLEMENT_STEP_KEYS = [
  'eligible_costs',
  'other_funding',
  'shortfall',
  'share',
  'share_of_eligible',
  'new_cover',
  'share_of_new_cover',
  'approved_grant',
  'final_grant',
  'paid',
  'to_repay',
] as const satisfies readonly SettlementStep['key'][];

export class SettlementStepDto {
  @ApiProperty({ enum: SETTLEMENT_STEP_KEYS })
  key: SettlementStep['key'];

  @ApiProperty(CENTS)
  amountCents: string;

  @ApiProperty({
    ...optional,
    description: "For `share`: the grant's share in basis points (8750 = 87,50 %)",
  })
  basisPoints?: number;

  @ApiProperty({ description: "The step in the caller's language" })
  label: string;
}

/**
 * The settlement of the proof of use by the financing type of the grant notice: `settled` as
 * stored at completion, `preview` as it would be computed now.
 */
export class SettlementDto {
  @ApiProperty({ enum: ['preview', 'settled'] })
  state: 'preview' | 'settled';

  @ApiProperty({ enum: FINANCING_TYPES })
  financingType: FinancingType;

  @ApiProperty()
  financingTypeText: string;

  @ApiProperty({
    enum: COST_BASES,
    description: 'Settlements stored before costs could count net counted gross',
  })
  costBasis: CostBasis;

  @ApiProperty({ type: [SettlementLineDto] })
  lines: SettlementLineDto[];

  @ApiProperty({ type: [SettlementStepDto], description: 'In the order the claim shows them' })
  steps: SettlementStepDto[];

  @ApiProperty(CENTS)
  plannedCents: string;

  @ApiProperty(CENTS)
  actualCents: string;

  @ApiProperty(CENTS)
  eligibleCents: string;

  @ApiProperty(CENTS)
  otherFundingCents: string;

  @ApiProperty(CENTS)
  grantCents: string;

  @ApiProperty(CENTS)
  finalGrantCents: string;

  @ApiProperty(CENTS)
  paidCents: string;

  @ApiProperty(CENTS)
  toRepayCents: string;
}

/** One line of the interest calculation, with its sentence in the caller's language. */
export class InterestLineDto {
  @ApiProperty(day)
  from: string;

  @ApiProperty({ ...day, description: 'Exclusive' })
  to: string;

  @ApiProperty()
  days: number;

  @ApiProperty()
  baseRateBasisPoints: number;

  @ApiProperty({ description: 'The base rate plus the surcharge' })
  rateBasisPoints: number;

  @ApiProperty(INTEREST_CENTS)
  interestCents: string;

  @ApiProperty()
  text: string;
}

/**
 * The interest on one paid call-off of a claim. Without a base rate back to its payment day only
 * `callOffId`, `principalCents`, `paidOn` and an empty `lines` are given.
 */
export class ClaimInterestDto {
  @ApiProperty({ format: 'uuid' })
  callOffId: string;

  @ApiProperty(CENTS)
  principalCents: string;

  @ApiProperty(day)
  paidOn: string;

  @ApiProperty({ ...day, ...optional, description: 'The first day without interest' })
  repaidOn?: string;

  @ApiProperty(optional)
  days?: number;

  @ApiProperty({ ...optional, example: 500 })
  surchargeBasisPoints?: number;

  @ApiProperty({ ...optional, example: 365 })
  daysPerYear?: number;

  @ApiProperty({ type: [InterestLineDto], description: 'Empty while the base rate is missing' })
  lines: InterestLineDto[];

  @ApiProperty({ ...INTEREST_CENTS, ...optional })
  totalCents?: string;

  @ApiProperty(optional)
  totalText?: string;
}

const CLAIM_CREDIT_KINDS = ['repaid', 'late_use_interest_paid'] as const;

/**
 * Deducted from the lines. `repaid`: interest no longer owed on principal repaid or waived before
 * the day the claim's interest runs to, from the day it was repaid. `late_use_interest_paid`
 * (revocation and settlement claims): late-use interest (§ 49a (4) VwVfG) the carrier paid on the
 * same money before the claim, its share for the part of the payment the claim reclaims, with the
 * late-use calculation and the part of each line credited; at most the interest the claim charges
 * on that payment, never below zero.
 */
export class ClaimInterestCreditDto {
  @ApiProperty({ enum: CLAIM_CREDIT_KINDS })
  kind: (typeof CLAIM_CREDIT_KINDS)[number];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'For `late_use_interest_paid`: the late-use claim the interest was paid on',
  })
  lateUseClaimId: string | null;

  @ApiProperty(CENTS)
  principalCents: string;

  @ApiProperty({
    ...day,
    description:
      '`repaid`: the day the principal was repaid or waived; `late_use_interest_paid`: the day the money was paid out',
  })
  settledOn: string;

  @ApiProperty({
    ...day,
    description: 'The first day without interest (`late_use_interest_paid`: the day of use)',
  })
  repaidOn: string;

  @ApiProperty()
  days: number;

  @ApiProperty({ type: [InterestLineDto], description: 'Each sentence says it is a deduction' })
  lines: InterestLineDto[];

  @ApiProperty(INTEREST_CENTS)
  totalCents: string;
}

export class ClaimNoticeDto {
  @ApiProperty()
  reference: string;

  @ApiProperty(day)
  dueBy: string;
}

export class ClaimBalanceDto {
  @ApiProperty(CENTS)
  principalCents: string;

  @ApiProperty(CENTS)
  interestCents: string;

  @ApiProperty(CENTS)
  openPrincipalCents: string;

  @ApiProperty(CENTS)
  openInterestCents: string;

  @ApiProperty(CENTS)
  openCents: string;
}

/** One entry of the claim's own ledger, oldest first. */
export class ClaimEntryDto {
  @ApiProperty({ enum: CLAIM_ENTRY_KINDS })
  kind: ClaimEntryKind;

  @ApiProperty(CENTS)
  amountCents: string;

  @ApiProperty({ ...CENTS, description: 'For a payment or waiver: the part that settled interest; else 0' })
  interestPartCents: string;

  @ApiProperty({ ...CENTS, description: 'For a payment or waiver: the part that settled principal; else 0' })
  principalPartCents: string;

  @ApiProperty(day)
  bookedOn: string;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
}

const CLAIM_REASONS = ['unspent', 'revocation', 'late_use'] as const;

export class RepaymentClaimDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: CLAIM_REASONS })
  reason: (typeof CLAIM_REASONS)[number];

  @ApiProperty(CENTS)
  amountCents: string;

  @ApiProperty({ enum: CLAIM_STATES })
  state: ClaimState;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty(nullableDay)
  settledOn: string | null;

  @ApiProperty({
    ...day,
    description: 'Interest runs up to this day: the settlement or today, and at least the notice’s due day',
  })
  interestAsOf: string;

  @ApiProperty({
    ...INTEREST_CENTS,
    nullable: true,
    description: 'Null while the base-rate table does not reach back to a payment day',
  })
  interestCents: string | null;

  @ApiProperty({ ...INTEREST_CENTS, nullable: true, description: 'Principal and interest' })
  totalCents: string | null;

  @ApiProperty({ type: [ClaimInterestDto], description: 'Per paid call-off: its interest line by line' })
  lines: ClaimInterestDto[];

  @ApiProperty({
    type: [ClaimInterestCreditDto],
    description:
      'Deducted from the lines: interest on principal repaid or waived before `interestAsOf`, and late-use interest paid on the same money before a revocation',
  })
  credits: ClaimInterestCreditDto[];

  @ApiProperty({ type: ClaimNoticeDto, nullable: true })
  notice: ClaimNoticeDto | null;

  @ApiProperty({ type: String, nullable: true })
  waiveReason: string | null;

  @ApiProperty({ type: ClaimBalanceDto })
  balance: ClaimBalanceDto;

  @ApiProperty({ type: [ClaimEntryDto] })
  entries: ClaimEntryDto[];
}

export class RepaymentClaimListDto {
  @ApiProperty({ type: [RepaymentClaimDto] })
  items: RepaymentClaimDto[];
}

/** What a booking against a claim leaves open. */
export class ClaimBookedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: CLAIM_STATES })
  state: ClaimState;

  @ApiProperty(CENTS)
  openCents: string;

  @ApiProperty(CENTS)
  openPrincipalCents: string;

  @ApiProperty(CENTS)
  openInterestCents: string;

  @ApiProperty(nullableDay)
  settledOn: string | null;
}

/** The recovery and interest notice as issued. */
export class RecoveryNoticeDto {
  @ApiProperty({ format: 'uuid', description: 'The claim' })
  id: string;

  @ApiProperty()
  reference: string;

  @ApiProperty(day)
  issuedOn: string;

  @ApiProperty(day)
  dueBy: string;

  @ApiProperty(CENTS)
  principalCents: string;

  @ApiProperty(INTEREST_CENTS)
  interestCents: string;

  @ApiProperty(INTEREST_CENTS)
  totalCents: string;
}
