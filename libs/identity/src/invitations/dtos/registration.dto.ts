import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OptionalField } from '@kiezfonds/platform';
import { PASSWORD_MAX_LENGTH } from '../../passwords/password-policy';
import { IsGermanPostalCode, IsIban, Trim } from './validators';

/** The longest list of legal representatives the API accepts. */
export const LEGAL_REPRESENTATIVES_MAX = 10;

/** One legal representative of a carrier: who, and in which function. */
export class LegalRepresentativeDto {
  @ApiProperty({ example: 'Aylin Demir', minLength: 1, maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: 'Vorstandsvorsitzende',
    minLength: 1,
    maxLength: 100,
    description: 'The function, e.g. "Vorstandsvorsitzende", "Geschäftsführer".',
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  role: string;
}

/**
 * The legal representatives (gesetzliche Vertreter:innen: the Vorstand of an e.V., the
 * Geschäftsführung of a gGmbH): a list of one to ten, each validated on its own, so an error names
 * e.g. `legalRepresentatives.0.name`.
 */
export const LegalRepresentatives = () =>
  applyDecorators(
    IsArray(),
    ArrayNotEmpty(),
    ArrayMaxSize(LEGAL_REPRESENTATIVES_MAX),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(() => LegalRepresentativeDto),
  );

export class RegistrationOrganisationDto {
  @ApiProperty({ example: 'Nachbarschaftshilfe Falkenhagener Feld e. V.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'e. V.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  legalForm: string;

  @ApiProperty({ example: 'Westerwaldstraße 12' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  street: string;

  @ApiProperty({ example: '13589', description: 'Five digits.' })
  @Trim()
  @IsGermanPostalCode()
  postalCode: string;

  @ApiProperty({ example: 'Berlin' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city: string;

  @ApiProperty({
    type: [LegalRepresentativeDto],
    minItems: 1,
    maxItems: LEGAL_REPRESENTATIVES_MAX,
    description: 'The legal representatives: the Vorstand of an e. V., the Geschäftsführung of a gGmbH.',
  })
  @LegalRepresentatives()
  legalRepresentatives: LegalRepresentativeDto[];

  @ApiPropertyOptional({ description: "The Senate's finance registration number, if known." })
  @OptionalField()
  @Trim()
  @IsString()
  @MaxLength(50)
  financeRegistrationNumber?: string;

  @ApiProperty({ description: 'Whether the organisation may deduct input tax.' })
  @IsBoolean()
  vatDeductible: boolean;

  @ApiPropertyOptional({ example: 'DE89 3704 0044 0532 0130 00', description: 'Check digits are validated.' })
  @OptionalField()
  @IsIban()
  iban?: string;
}

export class RegistrationUserDto {
  @ApiProperty({ example: 'aylin.demir@nachbarschaftshilfe.example' })
  @Trim()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Aylin Demir' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ enum: ['de', 'en'] })
  @IsIn(['de', 'en'])
  language: 'de' | 'en';

  @ApiProperty({ description: 'At least 12 characters, not a common one.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class RegistrationDto {
  @ApiProperty({ type: RegistrationOrganisationDto })
  @IsDefined()
  // ValidateNested walks a list item by item, so `[]` would pass with nothing in it.
  @IsObject()
  @ValidateNested()
  @Type(() => RegistrationOrganisationDto)
  organisation: RegistrationOrganisationDto;

  @ApiProperty({ type: RegistrationUserDto, description: 'The first member, who becomes its admin.' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RegistrationUserDto)
  user: RegistrationUserDto;
}

export class OrganisationIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class RegistrationAcceptedDto {
  @ApiProperty({ description: 'The address the mail went to, as given.' })
  email: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token from the link in the mail.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;
}
