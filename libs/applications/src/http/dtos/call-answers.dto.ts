import { ApiProperty } from '@nestjs/swagger';

/*
 * What the calls API answers (CallView of call.service.ts), for the OpenAPI document and so the
 * web's generated types. Every write on a call answers the whole call again.
 */

const CALL_STATUSES = ['draft', 'open', 'closed'] as const;
const nullableInstant = { type: String, format: 'date-time', nullable: true } as const;
const CENTS = { pattern: '^[0-9]+$', example: '5000000' } as const;

/** An action field or area of the call: id and the name to show. */
export class CallLinkDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class CallFileDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  fileName: string;

  @ApiProperty()
  contentType: string;

  @ApiProperty()
  sizeBytes: number;
}

/** The attachment a call asks for; the answer's twin of RequiredAttachmentDto (which validates). */
export class CallAttachmentDto {
  @ApiProperty({ example: 'budget_sheet' })
  key: string;

  @ApiProperty({ example: 'Finanzplan (Tabelle)' })
  label: string;
}

export class CallDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiProperty()
  districtName: string;

  @ApiProperty({ enum: ['netzwerkfonds'] })
  fundKind: 'netzwerkfonds';

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      "The district's Netzwerkfonds, which pays the call's applications; null until finance creates it",
  })
  fundId: string | null;

  @ApiProperty()
  programmeYear: number;

  @ApiProperty()
  title: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ enum: CALL_STATUSES })
  status: (typeof CALL_STATUSES)[number];

  @ApiProperty(CENTS)
  expectedBudgetCents: string;

  @ApiProperty({ format: 'date-time' })
  submissionDeadline: string;

  @ApiProperty({
    ...CENTS,
    description: 'Never below the Netzwerkfonds floor of 50 000 €, which is also the default',
  })
  minAmountCents: string;

  @ApiProperty({ type: String, ...CENTS, nullable: true })
  maxAmountCents: string | null;

  @ApiProperty({ type: [CallLinkDto] })
  actionFields: CallLinkDto[];

  @ApiProperty({ type: [CallLinkDto] })
  areas: CallLinkDto[];

  @ApiProperty({ type: [CallAttachmentDto] })
  requiredAttachments: CallAttachmentDto[];

  @ApiProperty({ type: [CallFileDto] })
  documents: CallFileDto[];

  @ApiProperty(nullableInstant)
  openedAt: string | null;

  @ApiProperty(nullableInstant)
  closedAt: string | null;
}

export class CallPageDto {
  @ApiProperty({ type: [CallDto] })
  items: CallDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}
