import { ApiProperty } from '@nestjs/swagger';
import {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  type ApplicationEventType,
  type ApplicationState,
} from '@kiezfonds/domain';

/*
 * What the applications API answers about an application's record (timeline, submitted versions,
 * change requests, attachments), for the OpenAPI document and so the web's generated types.
 */

const nullableString = { type: String, nullable: true } as const;
const nullableInstant = { type: String, format: 'date-time', nullable: true } as const;

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
