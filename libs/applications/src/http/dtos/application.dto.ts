import { OptionalField, PageQueryDto } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { APPLICATION_STATES } from '@kiezfonds/domain';
import { Trim } from '@kiezfonds/funds';

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'An open call.' })
  @IsUUID()
  callId: string;

  @ApiProperty({ format: 'uuid', description: "One of the caller's carrier organisations." })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ maxLength: 300, example: 'Kiezküchen verbinden' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;
}

export class SaveContentDto {
  @ApiProperty({ description: 'The version the caller read; a newer one answers 409 version_conflict.' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: 300 })
  @OptionalField()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The application content (docs/api/applications.md, "Content"); a draft may be incomplete.',
  })
  @IsObject()
  content: Record<string, unknown>;
}

export class ListApplicationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATES })
  @IsOptional()
  @IsIn(APPLICATION_STATES)
  state?: (typeof APPLICATION_STATES)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  callId?: string;

  @ApiPropertyOptional({ description: 'Part of the title or file number.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description:
      'The `nextCursor` of the previous page: the page after it (keyset pagination; `page` is then ignored).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;
}

export class VersionParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ minimum: 1 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  number: number;
}

export class DiffQueryDto {
  @ApiProperty({ minimum: 1 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  from: number;

  @ApiProperty({ minimum: 1 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  to: number;
}

export class AttachmentKindDto {
  @ApiProperty({
    example: 'budget_sheet',
    description: "A key of the call's required attachments, or `other`.",
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  kind: string;
}

export class FileParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fileId: string;
}

/** The form fields that come with a plan file (multipart, so the version arrives as text). */
export class PlanImportDto {
  @ApiProperty({ description: 'The version the caller read; a newer one answers 409 version_conflict.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}
