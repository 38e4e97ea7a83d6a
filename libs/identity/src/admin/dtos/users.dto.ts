import { PageQueryDto } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { GRANTABLE_ROLES, type DistrictRole } from '../../auth/access';

export const DISTRICT_ROLES = GRANTABLE_ROLES.filter((role): role is DistrictRole => role !== 'carrier');
export const USER_STATUS_FILTER = ['unverified', 'invited', 'active', 'disabled', 'pseudonymised'] as const;

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only staff with a role in this (own) district' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ description: 'Part of the name or e-mail address', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: USER_STATUS_FILTER })
  @IsOptional()
  @IsIn(USER_STATUS_FILTER)
  status?: (typeof USER_STATUS_FILTER)[number];
}

export class GrantRoleDto {
  @ApiProperty({ enum: DISTRICT_ROLES })
  @IsIn(DISTRICT_ROLES)
  role: DistrictRole;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId: string;
}

export class RoleParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ enum: DISTRICT_ROLES })
  @IsIn(DISTRICT_ROLES)
  role: DistrictRole;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId: string;
}

export class ChangeUserStatusDto {
  @ApiProperty({ enum: ['active', 'disabled'] })
  @IsIn(['active', 'disabled'])
  status: 'active' | 'disabled';
}

/** A role in one of the caller's districts (other districts' staffing is not theirs to see). */
export class UserRoleDto {
  @ApiProperty({ enum: DISTRICT_ROLES })
  role: DistrictRole;

  @ApiProperty({ format: 'uuid' })
  districtId: string;
}

export class UserMembershipDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  isAdmin: boolean;
}

/** A user as administration sees them; every write on a user answers it again. */
export class UserSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: USER_STATUS_FILTER })
  status: (typeof USER_STATUS_FILTER)[number];

  @ApiProperty({ type: [UserRoleDto], description: "Only the roles in the caller's districts" })
  roles: UserRoleDto[];

  @ApiProperty({ type: [UserMembershipDto] })
  organisations: UserMembershipDto[];
}

export class UserListDto {
  @ApiProperty({ type: [UserSummaryDto] })
  items: UserSummaryDto[];

  @ApiProperty()
  total: number;
}
