import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APP_ROLES, type StaffRole } from '../auth/access';

const STAFF_ROLES = APP_ROLES.filter((role): role is StaffRole => role !== 'carrier');

/** A role held in one district (`senate` is listed once per district, being Berlin-wide). */
export class HeldRoleDto {
  @ApiProperty({ enum: STAFF_ROLES })
  role: StaffRole;

  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiPropertyOptional()
  districtName?: string;
}

/** Membership in an organisation: what makes the user a carrier (Träger:in). */
export class OrganisationMembershipDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ description: 'May manage the organisation and its members' })
  isAdmin: boolean;

  @ApiPropertyOptional()
  name?: string;
}

/** The signed-in user: the answer of GET /api/me, of signing in, of PATCH /api/me and of accepting an invitation. */
export class MeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: ['de', 'en'] })
  language: 'de' | 'en';

  @ApiProperty({ type: [HeldRoleDto] })
  roles: HeldRoleDto[];

  @ApiProperty({ type: [OrganisationMembershipDto] })
  organisations: OrganisationMembershipDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Send as X-CSRF-Token on every write; null for API-token callers',
  })
  csrfToken: string | null;
}
