import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  APPLICATION_EVENT_TYPES,
  COST_CATEGORIES,
  type ErrorDetail,
  FINANCING_TYPES,
  type FinancingType,
} from '@kiezfonds/domain';
import { IsCalendarDate, IsCents, IsInstant, Trim } from '@kiezfonds/funds';
import { OptionalField } from '@kiezfonds/platform';

/** Integer cents as the API accepts them: a string of digits or a JSON integer (never a float). */
const CENTS_SCHEMA = {
  oneOf: [
    { type: 'string', pattern: '^[0-9]+$' },
    { type: 'integer', minimum: 0 },
  ],
};

export class InstalmentDto {
  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  cashYear: number;

  @ApiProperty({ ...CENTS_SCHEMA, example: '1500000' })
  @IsCents()
  amountCents: string | number;
}

export class ReportDeadlineDto {
  @ApiProperty({ enum: ['interim', 'final'] })
  @IsIn(['interim', 'final'])
  kind: 'interim' | 'final';

  @ApiProperty({ format: 'date', example: '2028-03-31' })
  @IsCalendarDate()
  due: string;
}

export class ActualCostDto {
  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  cashYear: number;

  @ApiProperty({ enum: COST_CATEGORIES })
  @IsIn(COST_CATEGORIES)
  category: (typeof COST_CATEGORIES)[number];

  @ApiProperty({ example: '1180000', description: 'Spent, in cents (0 allowed), VAT included.' })
  @Matches(/^[0-9]{1,15}$/)
  amountCents: string;

  @ApiPropertyOptional({
    example: '188403',
    description:
      'The VAT contained in `amountCents`, in cents (0 ≤ vat ≤ amount). Not eligible when the organisation deducts input tax (costs count net).',
  })
  @OptionalField()
  @Matches(/^[0-9]{1,15}$/)
  vatCents?: string;
}

/** What each event needs in its body; checked once the event is known to be allowed (a wrong event is a 409, not a 400). */
const REQUIRED_FIELDS: Partial<
  Record<(typeof APPLICATION_EVENT_TYPES)[number], (keyof ApplicationEventDto)[]>
> = {
  REQUEST_CHANGES: ['message', 'replyDeadline'],
  RETURN_FINAL_REPORT: ['message'],
  REJECT: ['reason'],
  REVOKE: ['reason'],
  RECORD_SENATE_SELECTION: ['amountCents'],
  APPROVE: ['reportDeadlines'],
  SUBMIT_FINAL_REPORT: ['text', 'actuals'],
};

export function missingEventFields(event: ApplicationEventDto): ErrorDetail[] {
  return (REQUIRED_FIELDS[event.type] ?? [])
    .filter((field) => event[field] === undefined)
    .map((field) => ({ field, rule: 'required' }));
}

/**
 * A lifecycle command (docs/api/applications.md, "Events"). One body for all event types: the
 * shapes of all fields are checked here, which fields an event needs by `missingEventFields`.
 */
export class ApplicationEventDto {
  @ApiProperty({ enum: APPLICATION_EVENT_TYPES })
  @IsIn(APPLICATION_EVENT_TYPES)
  type: (typeof APPLICATION_EVENT_TYPES)[number];

  @ApiPropertyOptional({
    description: 'The version the caller read; a newer one answers 409 version_conflict.',
  })
  @OptionalField()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    description: 'REQUEST_CHANGES, RETURN_FINAL_REPORT: what the carrier should change.',
  })
  @OptionalField()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  message?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'REQUEST_CHANGES: the reply deadline.' })
  @OptionalField()
  @IsInstant()
  replyDeadline?: string;

  @ApiPropertyOptional({ description: 'REJECT, REVOKE (required), WITHDRAW (optional): the reason.' })
  @OptionalField()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  reason?: string;

  @ApiPropertyOptional({ description: 'A note for the record (formal check, selection).' })
  @OptionalField()
  @IsString()
  @MaxLength(10000)
  comment?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "SELECT, WAITLIST: the committee's decision (a closed vote) the step rests on; it must be the " +
      "application's latest decision, and adopted. Without it, that decision is cited.",
  })
  @OptionalField()
  @IsUUID()
  decisionId?: string;

  @ApiPropertyOptional({
    ...CENTS_SCHEMA,
    description: 'RECORD_SENATE_SELECTION: the amount the Senate selected, in cents.',
  })
  @OptionalField()
  @IsCents()
  amountCents?: string | number;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-04-30',
    description: 'RECORD_SENATE_SELECTION: the date by which the carrier should submit the full application.',
  })
  @OptionalField()
  @IsCalendarDate()
  fullApplicationDueBy?: string;

  @ApiPropertyOptional({
    type: [InstalmentDto],
    description: 'APPROVE: instalments per cash year (default: the plan).',
  })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => InstalmentDto)
  instalments?: InstalmentDto[];

  @ApiPropertyOptional({
    type: [ReportDeadlineDto],
    description: 'APPROVE: interim reports and the proof of use.',
  })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReportDeadlineDto)
  reportDeadlines?: ReportDeadlineDto[];

  @ApiPropertyOptional({
    enum: FINANCING_TYPES,
    description:
      'APPROVE: the financing type the notice states (default shortfall = Fehlbedarfsfinanzierung; partial = Anteilfinanzierung; fixed = Festbetragsfinanzierung).',
  })
  @OptionalField()
  @IsIn(FINANCING_TYPES)
  financingType?: FinancingType;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'APPROVE: the day an early start (vorzeitiger Maßnahmebeginn) was approved; required with its reason when the period starts before the notice date.',
  })
  @OptionalField()
  @IsCalendarDate()
  earlyStartApprovedOn?: string;

  @ApiPropertyOptional({ description: 'APPROVE: why the early start was approved.' })
  @OptionalField()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  earlyStartReason?: string;

  @ApiPropertyOptional({ description: 'APPROVE: conditions (Nebenbestimmungen), one per line.' })
  @OptionalField()
  @IsString()
  @MaxLength(20000)
  conditions?: string;

  @ApiPropertyOptional({ description: 'SUBMIT_FINAL_REPORT: the factual report (Sachbericht).' })
  @OptionalField()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(50000)
  text?: string;

  @ApiPropertyOptional({
    type: [ActualCostDto],
    description: 'SUBMIT_FINAL_REPORT: actual costs per cash year and category.',
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActualCostDto)
  actuals?: ActualCostDto[];

  @ApiPropertyOptional({
    example: '260000',
    description:
      'SUBMIT_FINAL_REPORT: own and third-party money actually spent, in cents (default: as planned; under shortfall funding it counts at least as planned).',
  })
  @OptionalField()
  @Matches(/^[0-9]{1,15}$/)
  otherFundingCents?: string;
}
