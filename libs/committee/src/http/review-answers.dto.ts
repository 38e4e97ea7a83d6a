import { ApiProperty } from '@nestjs/swagger';
import { RECOMMENDATIONS, type Recommendation } from '@kiezfonds/domain';
import { ReviewCriterionDto } from './review.dto';

/* What the review API answers (review.service.ts), for the OpenAPI document and the web's types. */

const nullableText = { type: String, nullable: true } as const;
const scoresSchema = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  description: 'Score per criterion key, 0 to its maxScore',
  example: { networking: 4 },
} as const;

export class WithdrawnVotumDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ['conflict'] })
  reason: 'conflict';
}

export class VotumViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  department: string;

  @ApiProperty()
  author: string;

  @ApiProperty({ enum: RECOMMENDATIONS })
  recommendation: Recommendation;

  @ApiProperty()
  conditions: string;

  @ApiProperty(scoresSchema)
  scores: Record<string, number>;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Share of full marks in hundredths of a percent (10 000 = 100 %)',
  })
  score: number | null;

  @ApiProperty()
  comment: string;

  @ApiProperty({
    ...nullableText,
    description: 'Null where the caller may not read it (a conflicted member)',
  })
  confidentialNote: string | null;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty()
  version: number;

  @ApiProperty({
    type: WithdrawnVotumDto,
    nullable: true,
    description: 'The author declared a conflict after giving it: on record, counted nowhere',
  })
  withdrawn: WithdrawnVotumDto | null;
}

export class RecommendationCountsDto {
  @ApiProperty()
  support: number;

  @ApiProperty()
  support_with_conditions: number;

  @ApiProperty()
  do_not_support: number;
}

export class ReviewSummaryDto {
  @ApiProperty()
  reviews: number;

  @ApiProperty()
  scored: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean of the scaled scores; null without scores',
  })
  averageScore: number | null;

  @ApiProperty({ type: RecommendationCountsDto })
  recommendations: RecommendationCountsDto;
}

export class OwnMembershipDto {
  @ApiProperty()
  department: string;

  @ApiProperty()
  conflicted: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The department's Votum" })
  votumId: string | null;
}

export class ApplicationReviewsDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ format: 'uuid', description: 'The reviewing committee' })
  committeeId: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reviewDeadline: string | null;

  @ApiProperty()
  deadlinePassed: boolean;

  @ApiProperty({ type: [ReviewCriterionDto] })
  criteria: ReviewCriterionDto[];

  @ApiProperty({ type: [VotumViewDto] })
  voten: VotumViewDto[];

  @ApiProperty({ type: ReviewSummaryDto })
  summary: ReviewSummaryDto;

  @ApiProperty({ type: [String], description: 'Departments that owe a Votum (conflicted ones are excused)' })
  missingDepartments: string[];

  @ApiProperty({ description: 'Whether the confidential notes were withheld from the caller' })
  confidentialNotesHidden: boolean;

  @ApiProperty({ type: OwnMembershipDto, nullable: true, description: "The caller's membership, if any" })
  own: OwnMembershipDto | null;
}

export class ReviewQueueItemDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty()
  reference: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  carrier: string;

  @ApiProperty({ description: 'The application state (in_review or in_planning)' })
  state: string;

  @ApiProperty({ pattern: '^\\d+$', description: 'Requested funding in cents' })
  requestedCents: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reviewDeadline: string | null;

  @ApiProperty({ description: "Whether the caller's department has given its Votum" })
  reviewed: boolean;

  @ApiProperty()
  conflicted: boolean;

  @ApiProperty({ description: 'Voten given so far' })
  voten: number;
}

export class ReviewQueueDto {
  @ApiProperty({ type: [ReviewQueueItemDto] })
  items: ReviewQueueItemDto[];
}
