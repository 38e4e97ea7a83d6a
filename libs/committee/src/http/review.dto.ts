import { OptionalField } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECOMMENDATIONS, type Recommendation } from '@kiezfonds/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInstant, Trim } from '@kiezfonds/funds';

export class ReviewCriterionDto {
  @ApiProperty({ example: 'networking', description: 'lower case letters, digits and _' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/)
  key: string;

  @ApiProperty({ example: 'Vernetzung mehrerer Kieze' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label: string;

  @ApiProperty({ minimum: 1, maximum: 100, example: 2 })
  @IsInt()
  @Min(1)
  @Max(100)
  weight: number;

  @ApiProperty({ minimum: 1, maximum: 100, example: 5 })
  @IsInt()
  @Min(1)
  @Max(100)
  maxScore: number;
}

export class ReviewSetupDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "Default: the district's committee",
  })
  // Declared nullable: null, as a field left out, names the district's committee (ADR 0005).
  @IsOptional()
  @IsUUID()
  committeeId?: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-29T23:59:00+01:00' })
  @ValidateIf((dto: ReviewSetupDto) => dto.reviewDeadline !== null)
  @IsInstant()
  reviewDeadline: string | null;

  @ApiProperty({ type: [ReviewCriterionDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReviewCriterionDto)
  criteria: ReviewCriterionDto[];
}

export class VotumDto {
  @ApiProperty({ enum: RECOMMENDATIONS })
  @IsIn(RECOMMENDATIONS)
  recommendation: Recommendation;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required with support_with_conditions' })
  @OptionalField()
  @Trim()
  @IsString()
  @MaxLength(2000)
  conditions?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { networking: 4, sustainability: 3 },
    description: 'Score per criterion key',
  })
  @OptionalField()
  @IsObject()
  scores?: Record<string, number>;

  @ApiProperty({ maxLength: 4000, example: 'Das Vorhaben verbindet drei Kieze und ist gut geplant.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  comment: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'Not shown to members with a conflict of interest' })
  @OptionalField()
  @Trim()
  @IsString()
  @MaxLength(4000)
  confidentialNote?: string;
}
