import { OptionalField, PageQueryDto } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate, IsCents, NotBefore } from '../common';

/** A project of an Aktions-, Projekt- or Baufonds as finance staff record it. */
export class CreateTrackedProjectDto {
  @ApiProperty({ format: 'uuid', description: 'The carrier organisation (Projektträger).' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ maxLength: 300 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "An area of the fund's district; defaults to the fund's QM area.",
  })
  @OptionalField()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "An action field (Handlungsfeld) of the fund's district.",
  })
  @OptionalField()
  @IsUUID()
  actionFieldId?: string;

  @ApiProperty({
    format: 'date',
    example: '2026-03-12',
    description: 'Day of the decision (jury, steering round, Senate).',
  })
  @IsCalendarDate()
  decisionDate: string;

  @ApiProperty({ format: 'date', example: '2026-04-01' })
  @IsCalendarDate()
  periodStart: string;

  @ApiProperty({ format: 'date', example: '2026-12-31', description: 'On or after `periodStart`.' })
  @IsCalendarDate()
  @NotBefore('periodStart')
  periodEnd: string;

  @ApiProperty({
    description: 'The amount granted, in integer euro cents (JSON integer or string of digits).',
    oneOf: [
      { type: 'string', pattern: '^[0-9]+$', example: '150000' },
      { type: 'integer', minimum: 1, example: 150000 },
    ],
  })
  @IsCents()
  amountCents: string | number;
}

/** `GET /funds/:id/carriers`: the carriers a project of the fund may be recorded for, by name. */
export class CarrierQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the name, case-insensitive.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(200)
  q?: string;
}
