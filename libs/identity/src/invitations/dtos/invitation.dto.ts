import { OptionalField } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { GRANTABLE_ROLES, type GrantableRole } from '../../auth/access';
import { PASSWORD_MAX_LENGTH } from '../../passwords/password-policy';
import { Trim } from './validators';

export class CreateInvitationDto {
  @ApiProperty({ example: 'aylin.demir@nachbarschaftshilfe.example' })
  @Trim()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Aylin Demir', description: 'Used when the address has no account yet.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ enum: ['de', 'en'], description: 'Language of the mail and of a new account.' })
  @IsIn(['de', 'en'])
  language: 'de' | 'en';

  @ApiProperty({
    enum: GRANTABLE_ROLES,
    description:
      '`carrier` makes the person a member of `organisationId` (organisation admins only); any other role is ' +
      'held in `districtId` (coordinators grant board_member, finance, coordinator; admins also admin).',
  })
  @IsIn(GRANTABLE_ROLES)
  role: GrantableRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for every role but carrier.' })
  @OptionalField()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for the carrier role.' })
  @OptionalField()
  @IsUUID()
  organisationId?: string;
}

export class InvitationTokenParams {
  @ApiProperty({ description: 'The token from the invitation link.' })
  @IsString()
  @MaxLength(200)
  token: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({
    description:
      'A new password (at least 12 characters, not a common one); for an address that already has an ' +
      'account (`accountExists`), its current password.',
  })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

/** The answer to a new invitation; the link itself goes only to the invited address. */
export class InvitationCreatedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}

/** What the invitation page shows before the person accepts. */
export class InvitationViewDto {
  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: GRANTABLE_ROLES })
  role: GrantableRole;

  @ApiPropertyOptional({ description: 'The organisation a carrier joins' })
  organisationName?: string;

  @ApiPropertyOptional({ description: 'The district a staff role is granted for' })
  districtName?: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({
    description: 'The address has an account already: accepting asks for its current password, not a new one',
  })
  accountExists: boolean;
}
