import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  type ApplicationEventType,
  type ApplicationState,
  COST_BASES,
  COST_CATEGORIES,
  type CostBasis,
  type CostCategory,
} from '@kiezfonds/domain';

/*
 * What the applications API answers about an application's record (timeline, submitted versions,
 * change requests, attachments), for the OpenAPI document and so the web's generated types.
 */

const nullableString = { type: String, nullable: true } as const;
const nullableInstant = { type: String, format: 'date-time', nullable: true } as const;
const CENTS = { type: String, pattern: '^[0-9]+$', example: '2500000' } as const;
const nullableCents = { ...CENTS, nullable: true } as const;
const optional = { required: false } as const;
const isoDay = { type: String, format: 'date' } as const;

/** One recorded step of the application (audit event), oldest first. */
export class HistoryItemDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ example: 'application.transition' })
  action: string;

  @ApiProperty({ ...nullableString, description: 'The lifecycle event, where the step was one' })
  event: string | null;

  @ApiProperty(nullableString)
  fromState: string | null;

  @ApiProperty(nullableString)
  toState: string | null;

  @ApiProperty({ ...nullableString, description: 'Null for steps of the system' })
  actorName: string | null;

  @ApiProperty(nullableString)
  comment: string | null;
}

export class HistoryDto {
  @ApiProperty({ type: [HistoryItemDto] })
  items: HistoryItemDto[];
}

export class VersionItemDto {
  @ApiProperty()
  number: number;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ ...nullableString, description: 'Display name of who submitted it' })
  submittedBy: string | null;
}

export class VersionListDto {
  @ApiProperty({ type: [VersionItemDto] })
  items: VersionItemDto[];
}

export class ChangeRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  message: string;

  @ApiProperty({ format: 'date-time' })
  replyDeadline: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ ...nullableString, description: 'Display name of the coordinator who asked' })
  requestedBy: string | null;

  @ApiProperty(nullableInstant)
  answeredAt: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The version that answered it' })
  answeredVersion: number | null;
}

export class ChangeRequestListDto {
  @ApiProperty({ type: [ChangeRequestDto] })
  items: ChangeRequestDto[];
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    example: 'budget_sheet',
    description: "A key of the call's required attachments, or 'other'",
  })
  kind: string;

  @ApiProperty()
  fileName: string;

  @ApiProperty({ description: 'As detected from the content, not as the browser said' })
  contentType: string;

  @ApiProperty()
  sizeBytes: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  sha256: string;

  @ApiProperty({ format: 'date-time' })
  uploadedAt: string;
}

export class AttachmentListDto {
  @ApiProperty({ type: [AttachmentDto] })
  items: AttachmentDto[];
}

export class ApplicationListItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'NWF-2027-001' })
  reference: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: APPLICATION_STATES })
  state: ApplicationState;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty({ format: 'uuid' })
  callId: string;

  @ApiProperty()
  callTitle: string;

  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiProperty({ pattern: '^[0-9]+$', description: 'The sum requested from the fund, in cents' })
  requestedCents: string;

  @ApiProperty(nullableInstant)
  submittedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/**
 * A page of applications. The total is counted up to 1 000; beyond, `totalCapped` is true and
 * `nextCursor` says whether another page follows.
 */
export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationListItemDto] })
  items: ApplicationListItemDto[];

  @ApiProperty({ description: 'How many the filter finds, counted up to 1 000' })
  total: number;

  @ApiProperty({ description: 'More than 1 000 found: `total` is that limit' })
  totalCapped: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Continues the list (`?cursor=`); null on the last page',
  })
  nextCursor: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Null when the page was asked for by cursor' })
  page: number | null;

  @ApiProperty()
  pageSize: number;
}

export class ApplicationCreatedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'NWF-2027-001' })
  reference: string;
}

/** What is missing or does not add up (libs/domain ErrorDetail): field and rule, as in a 400's details. */
export class ProblemDto {
  @ApiProperty({ example: 'costPlan' })
  field: string;

  @ApiProperty({ example: 'required' })
  rule: string;

  @ApiProperty({
    required: false,
    type: Object,
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    description: 'Values the message may use, e.g. `{ min: 12 }`',
  })
  params?: Record<string, string | number>;

  @ApiProperty({ required: false, description: 'For a problem in an uploaded table: its row (1 = header)' })
  row?: number;

  @ApiProperty({ required: false, description: "For a problem in an uploaded table: the column's name" })
  column?: string;
}

/** The answer of an autosave: the new version and what is still missing. */
export class SavedDto {
  @ApiProperty()
  version: number;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: [ProblemDto] })
  problems: ProblemDto[];
}

/** The answer of a lifecycle command: the new state and the events the caller may send now. */
export class TransitionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: APPLICATION_STATES })
  state: ApplicationState;

  @ApiProperty()
  version: number;

  @ApiProperty({ enum: APPLICATION_EVENT_TYPES, isArray: true })
  allowedEvents: ApplicationEventType[];
}

/*
 * The application content as stored (libs/domain draftContentSchema): a draft may leave anything
 * out, so every field is optional, down to a cost line's fields. Content saved before issue 19
 * may even hold a cost line without an amount.
 */

export class GoalDto {
  @ApiProperty({ ...optional, maxLength: 500 })
  goal?: string;

  @ApiProperty({ ...optional, maxLength: 500 })
  indicator?: string;

  @ApiProperty({ ...optional, maxLength: 200 })
  targetValue?: string;
}

export class CostLineDto {
  @ApiProperty({ ...optional, minimum: 2000, maximum: 2100 })
  cashYear?: number;

  @ApiProperty({ ...optional, enum: COST_CATEGORIES })
  category?: CostCategory;

  @ApiProperty({ ...optional, maxLength: 500 })
  description?: string;

  @ApiProperty({ ...CENTS, ...optional, description: 'Always given on lines saved since issue 19' })
  amountCents?: string;
}

export class FinancingLineDto {
  @ApiProperty({ ...optional, minimum: 2000, maximum: 2100 })
  cashYear?: number;

  @ApiProperty({ ...CENTS, ...optional })
  requestedCents?: string;

  @ApiProperty({ ...CENTS, ...optional })
  ownCents?: string;

  @ApiProperty({ ...CENTS, ...optional })
  thirdPartyCents?: string;
}

export class DeclarationsDto {
  @ApiProperty({ ...optional, description: 'The project has not started' })
  projectNotStarted?: boolean;

  @ApiProperty({ ...optional, description: 'Liability for subsidy fraud (§ 264 StGB) acknowledged' })
  subsidyFraudAcknowledged?: boolean;

  @ApiProperty({ ...optional, description: "Consent to publication in Berlin's transparency database" })
  transparencyConsent?: boolean;

  @ApiProperty({ ...optional, maxLength: 2000, description: 'Why publication is refused' })
  transparencyRefusalReason?: string;
}

/** The content of an application (docs/api/applications.md, "Content"). */
export class ApplicationContentDto {
  @ApiProperty({ ...optional, maxLength: 5000 })
  summary?: string;

  @ApiProperty({ ...optional, type: [GoalDto] })
  goals?: GoalDto[];

  @ApiProperty({ ...optional, type: [String] })
  targetGroups?: string[];

  @ApiProperty({ ...optional, type: [String], format: 'uuid' })
  actionFieldIds?: string[];

  @ApiProperty({ ...optional, type: [String], format: 'uuid' })
  areaIds?: string[];

  @ApiProperty({ ...optional, ...isoDay })
  periodStart?: string;

  @ApiProperty({ ...optional, ...isoDay })
  periodEnd?: string;

  @ApiProperty({ ...optional, type: [CostLineDto] })
  costPlan?: CostLineDto[];

  @ApiProperty({ ...optional, type: [FinancingLineDto] })
  financingPlan?: FinancingLineDto[];

  @ApiProperty({ ...optional, maxLength: 2000 })
  thirdPartySources?: string;

  @ApiProperty({ ...optional, maxLength: 10_000 })
  evaluationConcept?: string;

  @ApiProperty({ ...optional, type: DeclarationsDto })
  declarations?: DeclarationsDto;

  @ApiProperty({
    ...optional,
    format: 'uuid',
    description:
      "The project this one continues (five-year limit): an application's or an imported project's id",
  })
  predecessorId?: string;
}

export class NamedItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

/** The call an application belongs to, as its detail shows it. */
export class CallSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiProperty()
  districtName: string;

  @ApiProperty()
  programmeYear: number;

  @ApiProperty({ format: 'date-time' })
  submissionDeadline: string;

  @ApiProperty({ ...CENTS, description: 'Never below the Netzwerkfonds floor of 50 000 €' })
  minAmountCents: string;

  @ApiProperty(nullableCents)
  maxAmountCents: string | null;
}

/** The sums of the cost and financing plan. */
export class ApplicationTotalsDto {
  @ApiProperty(CENTS)
  costsCents: string;

  @ApiProperty(CENTS)
  requestedCents: string;

  @ApiProperty(CENTS)
  ownCents: string;

  @ApiProperty(CENTS)
  thirdPartyCents: string;
}

/** An earlier project the application continues, with the period it was funded for. */
export class FundedPeriodDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Empty for a project imported from a file of earlier years' })
  reference: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ ...isoDay, nullable: true, description: 'A predecessor without a period counts no year' })
  periodStart: string | null;

  @ApiProperty({ ...isoDay, nullable: true })
  periodEnd: string | null;

  @ApiProperty({ description: 'A grant notice was issued for it: only funded years count towards the limit' })
  funded: boolean;
}

/** What the coordinator's formal check looks at besides the problems. */
export class FormalCheckDto {
  @ApiProperty({ type: [ProblemDto], description: 'Findings that do not refuse (e.g. a single area)' })
  warnings: ProblemDto[];

  @ApiProperty({ type: [FundedPeriodDto], description: 'The chain of earlier projects, nearest first' })
  predecessors: FundedPeriodDto[];

  @ApiProperty({
    type: [Number],
    description: "The calendar years of the unbroken run that ends with the application's last year",
  })
  consecutiveYears: number[];

  @ApiProperty({ example: 5 })
  consecutiveYearsLimit: number;
}

export class OpenChangeRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  message: string;

  @ApiProperty({ format: 'date-time' })
  replyDeadline: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;
}

/** One application with its content, what is missing and the events the caller may send. */
export class ApplicationDetailDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'NWF-2027-001' })
  reference: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: APPLICATION_STATES })
  state: ApplicationState;

  @ApiProperty()
  version: number;

  @ApiProperty({ type: NamedItemDto })
  organisation: NamedItemDto;

  @ApiProperty({ type: CallSummaryDto })
  call: CallSummaryDto;

  @ApiProperty({ type: ApplicationContentDto })
  content: ApplicationContentDto;

  @ApiProperty({
    enum: COST_BASES,
    description:
      'Whether the cost plan and the settlement count net or gross of VAT: net for an organisation entitled ' +
      'to deduct input tax (as the grant notice recorded it, before it as the organisation says)',
  })
  costBasis: CostBasis;

  @ApiProperty({ type: ApplicationTotalsDto })
  totals: ApplicationTotalsDto;

  @ApiProperty({ type: [ProblemDto], description: 'What is missing or does not add up for submission' })
  problems: ProblemDto[];

  @ApiProperty({ type: FormalCheckDto })
  formalCheck: FormalCheckDto;

  @ApiProperty({ enum: APPLICATION_EVENT_TYPES, isArray: true })
  allowedEvents: ApplicationEventType[];

  @ApiProperty({
    description:
      'The caller may change the content now (carrier, in draft, changes requested or plan adjustment)',
  })
  editable: boolean;

  @ApiProperty({
    description: 'The Senate selected less than requested: the plan must be adjusted before approval',
  })
  planAdjustmentRequired: boolean;

  @ApiProperty(nullableCents)
  senateAmountCents: string | null;

  @ApiProperty(nullableCents)
  approvedCents: string | null;

  @ApiProperty(nullableInstant)
  approvedAt: string | null;

  @ApiProperty(nullableInstant)
  submittedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: OpenChangeRequestDto, nullable: true })
  openChangeRequest: OpenChangeRequestDto | null;
}

/** One submitted version as it was sent. */
export class VersionDto {
  @ApiProperty()
  number: number;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: ApplicationContentDto })
  content: ApplicationContentDto;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;
}

/** Any JSON value: a changed leaf, or a whole element or key that appeared or disappeared. */
const jsonValue = (description: string): ApiPropertyOptions => ({
  nullable: true,
  description,
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object', additionalProperties: true },
    { type: 'array', items: {} },
  ],
});

export class ContentChangeDto {
  @ApiProperty({
    example: 'costPlan[0].amountCents',
    description: 'The changed field; `title` for the title',
  })
  path: string;

  @ApiProperty(jsonValue('Null where the value did not exist'))
  before: unknown;

  @ApiProperty(jsonValue('Null where the value no longer exists'))
  after: unknown;
}

/** What changed between two submitted versions. */
export class DiffDto {
  @ApiProperty()
  from: number;

  @ApiProperty()
  to: number;

  @ApiProperty({ type: [ContentChangeDto] })
  changes: ContentChangeDto[];
}

/** What a plan import saved: the new version, what is still missing and the plans as stored. */
export class PlanImportedDto extends SavedDto {
  @ApiProperty({ type: [CostLineDto] })
  costPlan: CostLineDto[];

  @ApiProperty({ type: [FinancingLineDto] })
  financingPlan: FinancingLineDto[];
}
