import { ApiPropertyOptional } from '@nestjs/swagger';
import { normaliseIban } from '@kiezfonds/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../account/dtos/common';
import {
  LEGAL_REPRESENTATIVES_MAX,
  LegalRepresentativeDto,
  LegalRepresentatives,
} from '../../invitations/dtos/registration.dto';
import { IsGermanPostalCode, IsIban, Trim } from '../../invitations/dtos/validators';

/** Present in the body (also as null): the field is meant to change and must then be valid. */
const given = (_: object, value: unknown) => value !== undefined;
/** An emptied optional field means "remove it". */
const TrimOrNull = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value));

export class ListOrganisationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only verified (true) or unverified (false) organisations' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  verified?: boolean;
}

/**
 * The fields an organisation's admins may change, validated as at registration; fields left out
 * stay as they are, and a required field cannot be emptied.
 */
export class UpdateOrganisationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf(given)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'e. V.', maxLength: 100 })
  @ValidateIf(given)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  legalForm?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf(given)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  street?: string;

  @ApiPropertyOptional({ example: '13597', description: 'Five digits.' })
  @ValidateIf(given)
  @Trim()
  @IsGermanPostalCode()
  postalCode?: string;

  @ApiPropertyOptional({ example: 'Berlin', maxLength: 100 })
  @ValidateIf(given)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({
    type: [LegalRepresentativeDto],
    minItems: 1,
    maxItems: LEGAL_REPRESENTATIVES_MAX,
    description: 'Replaces the whole list; it cannot be emptied.',
  })
  @ValidateIf(given)
  @LegalRepresentatives()
  legalRepresentatives?: LegalRepresentativeDto[];

  @ApiPropertyOptional({ nullable: true, maxLength: 50, description: 'Null or empty removes it.' })
  @IsOptional()
  @TrimOrNull()
  @IsString()
  @MaxLength(50)
  financeRegistrationNumber?: string | null;

  @ApiPropertyOptional({ description: 'VAT status: whether the organisation may deduct input tax.' })
  @ValidateIf(given)
  @IsBoolean()
  vatDeductible?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    example: 'DE02 1203 0000 0000 2020 51',
    description: 'Check digits are validated; stored without blanks, upper case. Null or empty removes it.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseIban(value) || null : value,
  )
  @IsIban()
  iban?: string | null;
}
