import { OptionalField, PageQueryDto } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  ValidateNested,
} from 'class-validator';
import { MAX_PROGRAMME_YEAR, MIN_PROGRAMME_YEAR, NETZWERKFONDS_MIN_AMOUNT } from '@kiezfonds/domain';
import { IsCents, IsInstant, Trim } from '@kiezfonds/funds';

const CENTS_SCHEMA = {
  oneOf: [
    { type: 'string', pattern: '^[0-9]+$', example: '1500000' },
    { type: 'integer', minimum: 1, example: 1500000 },
  ],
};

export class RequiredAttachmentDto {
  @ApiProperty({ example: 'budget_sheet', description: 'Key the carrier picks when uploading.' })
  @Matches(/^[a-z0-9_]{1,60}$/)
  key: string;

  @ApiProperty({ example: 'Finanzplan (Tabelle)' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label: string;
}

/** The fields of a call (Aufruf) that a coordinator writes. */
export class CallFieldsDto {
  @ApiProperty({ maxLength: 200, example: 'Netzwerkfonds Spandau 2027' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @OptionalField()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiProperty({ minimum: MIN_PROGRAMME_YEAR, maximum: MAX_PROGRAMME_YEAR, example: 2027 })
  @IsInt()
  @Min(MIN_PROGRAMME_YEAR)
  @Max(MAX_PROGRAMME_YEAR)
  programmeYear: number;

  @ApiProperty({ ...CENTS_SCHEMA, description: 'Budget the Senate announced, in cents.' })
  @IsCents()
  expectedBudgetCents: string | number;

  @ApiProperty({ format: 'date-time', example: '2027-01-31T23:59:00+01:00' })
  @IsInstant()
  submissionDeadline: string;

  @ApiPropertyOptional({
    ...CENTS_SCHEMA,
    description: `Smallest amount an application may request: at least ${NETZWERKFONDS_MIN_AMOUNT.toString()} (the Netzwerkfonds floor of 50 000 €), which is also the default.`,
  })
  @OptionalField()
  @IsCents()
  minAmountCents?: string | number;

  @ApiPropertyOptional({ ...CENTS_SCHEMA, description: 'Largest amount an application may request.' })
  @OptionalField()
  @IsCents()
  maxAmountCents?: string | number;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Action fields of the district.' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  actionFieldIds: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Areas of the district.' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  areaIds: string[];

  @ApiPropertyOptional({ type: [RequiredAttachmentDto] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RequiredAttachmentDto)
  requiredAttachments?: RequiredAttachmentDto[];
}

export class CreateCallDto extends CallFieldsDto {
  @ApiProperty({ format: 'uuid', description: 'A district where the caller is coordinator.' })
  @IsUUID()
  districtId: string;
}

export class ListCallsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['draft', 'open', 'closed'] })
  @IsOptional()
  @IsIn(['draft', 'open', 'closed'])
  status?: 'draft' | 'open' | 'closed';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;
}

export class CallDocumentDto {
  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;
}
