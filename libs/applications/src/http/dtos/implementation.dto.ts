import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OptionalField } from '@kiezfonds/platform';
import { COST_CATEGORIES, type CostCategory } from '@kiezfonds/domain';
import { IsCalendarDate, IsCents, Trim } from '@kiezfonds/funds';

/** Integer cents as the API accepts them: a string of digits or a JSON integer (never a float). */
const CENTS_SCHEMA = {
  oneOf: [
    { type: 'string', pattern: '^[0-9]+$' },
    { type: 'integer', minimum: 0 },
  ],
};

/** A change to the cost plan the coordinator approved after the notice (ANBest-P Nr. 1.2). */
export class ApprovePlanChangeDto {
  @ApiProperty({ example: 2027, description: 'A cash year of the grant notice.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  cashYear: number;

  @ApiProperty({ enum: COST_CATEGORIES })
  @IsIn(COST_CATEGORIES)
  category: CostCategory;

  @ApiProperty({
    ...CENTS_SCHEMA,
    example: '150000',
    description: 'The amount the line is added or raised by, in cents (> 0).',
  })
  @IsCents()
  amountCents: string | number;

  @ApiProperty({
    maxLength: 5000,
    description: 'Why the change was approved (e.g. the carrier’s request of …).',
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason: string;
}

export class RequestCallOffDto {
  @ApiProperty({ example: 2027, description: 'A cash year of the grant notice.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  cashYear: number;

  @ApiProperty({ ...CENTS_SCHEMA, example: '2000000' })
  @IsCents()
  amountCents: string | number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What the money is for in the coming weeks.' })
  @OptionalField()
  @Trim()
  @IsString()
  @MaxLength(2000)
  purpose?: string;
}

export class PayCallOffDto {
  @ApiProperty({ format: 'date', example: '2027-09-08', description: 'Day of payment (not in the future).' })
  @IsCalendarDate()
  paidOn: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 5000 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason: string;
}

export class InterimReportDto {
  @ApiProperty({ enum: ['interim'] })
  @IsIn(['interim'])
  kind: 'interim';

  @ApiProperty({ maxLength: 50000 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(50000)
  text: string;
}

export class SettleClaimDto {
  @ApiProperty({ format: 'date', example: '2029-03-01', description: 'Day the money came back.' })
  @IsCalendarDate()
  repaidOn: string;
}

export class IssueRecoveryNoticeDto {
  @ApiProperty({
    format: 'date',
    example: '2029-08-31',
    description: 'Day by which the carrier is to pay; interest is computed up to it (exclusive).',
  })
  @IsCalendarDate()
  dueBy: string;
}

export class ReceiveRepaymentDto {
  @ApiProperty({
    ...CENTS_SCHEMA,
    example: '250000',
    description: 'Received, in cents; interest is settled first.',
  })
  @IsCents()
  amountCents: string | number;

  @ApiProperty({ format: 'date', example: '2029-08-20', description: 'Day the money came in.' })
  @IsCalendarDate()
  receivedOn: string;
}

export class ReportUseDto {
  @ApiProperty({
    format: 'date',
    example: '2027-08-31',
    description: 'Day the money of the call-off was used for the project.',
  })
  @IsCalendarDate()
  usedOn: string;
}
