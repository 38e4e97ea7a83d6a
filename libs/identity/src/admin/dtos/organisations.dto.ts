import { PageQueryDto } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { normaliseIban } from '@kiezfonds/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

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

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 50,
    description: 'Null or empty removes it.',
  })
  // Declared nullable: null removes the value (the column takes NULL); left out keeps it (ADR 0005).
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
    type: String,
    nullable: true,
    example: 'DE02 1203 0000 0000 2020 51',
    description: 'Check digits are validated; stored without blanks, upper case. Null or empty removes it.',
  })
  // Declared nullable: null removes the value (the column takes NULL); left out keeps it (ADR 0005).
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseIban(value) || null : value,
  )
  @IsIban()
  iban?: string | null;
}

/** An organisation in the list: enough to find it and see whether it is verified. */
export class OrganisationSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  legalForm: string;

  @ApiProperty()
  postalCode: string;

  @ApiProperty()
  city: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  verifiedAt: string | null;
}

export class OrganisationListDto {
  @ApiProperty({ type: [OrganisationSummaryDto] })
  items: OrganisationSummaryDto[];

  @ApiProperty()
  total: number;
}

/** The organisation as everywhere in the API (registration, verification, administration). */
export class OrganisationViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  legalForm: string;

  @ApiProperty()
  street: string;

  @ApiProperty()
  postalCode: string;

  @ApiProperty()
  city: string;

  @ApiProperty({
    type: [LegalRepresentativeDto],
    description: 'Empty only for an organisation registered before they were asked for',
  })
  legalRepresentatives: LegalRepresentativeDto[];

  @ApiProperty({ type: String, nullable: true })
  financeRegistrationNumber: string | null;

  @ApiProperty()
  vatDeductible: boolean;

  @ApiProperty({ type: String, nullable: true })
  iban: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null until verified' })
  verifiedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class OrganisationMemberDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  status: string;

  @ApiProperty()
  isAdmin: boolean;
}

/** One organisation with its members; every change answers it again. */
export class OrganisationDetailDto extends OrganisationViewDto {
  @ApiProperty({ type: [OrganisationMemberDto] })
  members: OrganisationMemberDto[];
}
