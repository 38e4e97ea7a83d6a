import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { GRANTABLE_ROLES, type DistrictRole } from '../../auth/access';
import { PageQueryDto } from '../../account/dtos/common';

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
