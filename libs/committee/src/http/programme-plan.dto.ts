import { OptionalField } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FILL_RULES, type FillRule } from '@kiezfonds/domain';
import { IsCents, Trim } from '@kiezfonds/funds';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class PlanSettingsDto {
  @ApiProperty({ example: '60000000', description: 'Budget in cents (decimal string)' })
  @IsCents()
  budgetCents: string;

  @ApiProperty({ enum: FILL_RULES })
  @IsIn(FILL_RULES)
  fillRule: FillRule;
}

export class PlanLineDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '800000',
    description: 'Amount to fund in cents; null: as requested',
  })
  @ValidateIf((dto: PlanLineDto) => dto.amountCents !== null)
  @IsCents()
  amountCents: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 1000,
    description: 'Required when the amount differs from the request',
  })
  // Declared nullable: null, as a field left out, is no reason; the service asks for one when the
  // amount differs (ADR 0005).
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  amountReason?: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 1000,
    description: 'A place the committee gave; null: computed',
  })
  @ValidateIf((dto: PlanLineDto) => dto.manualRank !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  manualRank: number | null;
}

export class PlanLineParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  applicationId: string;
}

export class ScenarioParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  scenarioId: string;
}

export class ScenarioAmountDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  applicationId: string;

  @ApiProperty({ example: '700000' })
  @IsCents()
  amountCents: string;

  @ApiProperty({ maxLength: 1000 })
  @Trim()
  @IsString()
  @MaxLength(1000)
  reason: string;
}

export class ScenarioDto {
  @ApiProperty({ maxLength: 100, example: 'Budget 500.000 €' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label: string;

  @ApiPropertyOptional({ example: '50000000' })
  @OptionalField()
  @IsCents()
  budgetCents?: string;

  @ApiPropertyOptional({ enum: FILL_RULES })
  @OptionalField()
  @IsIn(FILL_RULES)
  fillRule?: FillRule;

  @ApiPropertyOptional({ type: [ScenarioAmountDto] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ScenarioAmountDto)
  amounts?: ScenarioAmountDto[];

  @ApiPropertyOptional({ type: [String], description: 'Adopted applications first to last' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  order?: string[];
}
