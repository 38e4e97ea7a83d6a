import { ApiProperty } from '@nestjs/swagger';
import { COST_CATEGORIES, type CostCategory } from '@kiezfonds/domain';

/*
 * What the implementation API answers about call-offs and approved plan changes, for the OpenAPI
 * document and so the web's generated types.
 */

const CALL_OFF_STATES = ['requested', 'approved', 'paid', 'rejected'] as const;
const CENTS = { pattern: '^[0-9]+$', example: '2500000' } as const;
const nullableDay = { type: String, format: 'date', nullable: true } as const;

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
