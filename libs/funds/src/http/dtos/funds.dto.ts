import { OptionalField, PageQueryDto } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { FUND_KINDS, type FundKind } from '@kiezfonds/domain';
import { ProgrammeYearQueryDto } from '../common';

export class CreateFundDto {
  @ApiProperty({ format: 'uuid', description: 'One of the districts where the caller is finance or admin.' })
  @IsUUID()
  districtId: string;

  @ApiProperty({ enum: FUND_KINDS })
  @IsIn(FUND_KINDS)
  kind: FundKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The QM area of an Aktions-, Projekt- or Baufonds (required there); none for the Netzwerkfonds.',
  })
  @OptionalField()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'Defaults to kind and district ("Netzwerkfonds Spandau") or kind and area ("Aktionsfonds Heerstraße Nord").',
  })
  @OptionalField()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
}

export class FundFilterDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this district (one of the own; others answer 404).',
  })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ enum: FUND_KINDS })
  @IsOptional()
  @IsIn(FUND_KINDS)
  kind?: FundKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  areaId?: string;
}

export class ListFundsQueryDto extends IntersectionType(
  ProgrammeYearQueryDto,
  IntersectionType(FundFilterDto, PageQueryDto),
) {}
