import { OptionalField, PageQueryDto } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  BUDGET_DIRECTIONS,
  type BudgetDirection,
  LEDGER_ENTRY_KINDS,
  type LedgerEntryKind,
  MAX_PROGRAMME_YEAR,
  MIN_PROGRAMME_YEAR,
} from '@kiezfonds/domain';
import { IsCents, Trim } from '../common';

/** What finance staff may book by hand; reversals have their own route. */
export const BOOKABLE_KINDS = [
  'budget',
  'budget_amendment',
  'commitment',
  'decommitment',
  'disbursement',
  'repayment',
] as const;
export type BookableKind = (typeof BOOKABLE_KINDS)[number];

const AMOUNT_CENTS_SCHEMA = {
  description:
    'Positive amount in integer euro cents: a JSON integer, or a string of digits for amounts beyond 2^53. ' +
    'Floats and formatted amounts are refused (400, rule `cents`).',
  oneOf: [
    { type: 'string', pattern: '^[0-9]+$', example: '123456' },
    { type: 'integer', minimum: 1, example: 123456 },
  ],
};

/** A booking (`POST /funds/:id/ledger`). Which fields a kind needs is checked in the service. */
export class BookEntryDto {
  @ApiProperty({ enum: BOOKABLE_KINDS })
  @IsIn(BOOKABLE_KINDS)
  kind: BookableKind;

  @ApiProperty({ minimum: MIN_PROGRAMME_YEAR, maximum: MAX_PROGRAMME_YEAR, example: 2026 })
  @IsInt()
  @Min(MIN_PROGRAMME_YEAR)
  @Max(MAX_PROGRAMME_YEAR)
  programmeYear: number;

  @ApiPropertyOptional({
    minimum: MIN_PROGRAMME_YEAR,
    maximum: MAX_PROGRAMME_YEAR,
    description:
      'Cash year (Kassenjahr) of a project entry, not before the programme year; required for commitments, ' +
      'de-commitments, disbursements and repayments, not accepted for budget entries.',
  })
  @OptionalField()
  @IsInt()
  @Min(MIN_PROGRAMME_YEAR)
  @Max(MAX_PROGRAMME_YEAR)
  cashYear?: number;

  @ApiProperty(AMOUNT_CENTS_SCHEMA)
  @IsCents()
  amountCents: string | number;

  @ApiPropertyOptional({
    enum: BUDGET_DIRECTIONS,
    description: 'Budget amendments only: whether the budget grows or shrinks.',
  })
  @OptionalField()
  @IsIn(BUDGET_DIRECTIONS)
  direction?: BudgetDirection;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Project entries of an Aktions-, Projekt- or Baufonds: the tracked project of this fund.',
  })
  @OptionalField()
  @IsUUID()
  trackedProjectId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Not bookable here: Netzwerkfonds applications get their money only through the application workflow ' +
      '(422 `netzwerkfonds_commit_by_workflow`). Accepted only to answer with that rule.',
  })
  @OptionalField()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required for budget amendments.' })
  @OptionalField()
  @Trim()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Disbursements: the call-off (Mittelabruf) paid.' })
  @OptionalField()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  callOffRef?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Commitments: the decision or notice (Bescheid) the money rests on.',
  })
  @OptionalField()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  grantNoticeRef?: string;
}

export class ReverseEntryDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Why the entry is cancelled (required).' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

/** Filters of the ledger and of its exports (ARCHITECTURE.md, "HTTP API conventions"). */
export class LedgerFilterQueryDto {
  @ApiPropertyOptional({ minimum: MIN_PROGRAMME_YEAR, maximum: MAX_PROGRAMME_YEAR })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_PROGRAMME_YEAR)
  @Max(MAX_PROGRAMME_YEAR)
  programmeYear?: number;

  @ApiPropertyOptional({ minimum: MIN_PROGRAMME_YEAR, maximum: MAX_PROGRAMME_YEAR })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_PROGRAMME_YEAR)
  @Max(MAX_PROGRAMME_YEAR)
  cashYear?: number;

  @ApiPropertyOptional({ enum: LEDGER_ENTRY_KINDS })
  @IsOptional()
  @IsIn(LEDGER_ENTRY_KINDS)
  kind?: LedgerEntryKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  trackedProjectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;
}

/** The ledger list: the export filters plus `page` and `pageSize`. */
export class LedgerPageQueryDto extends IntersectionType(LedgerFilterQueryDto, PageQueryDto) {}
