import { OptionalField } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REMINDER_KINDS } from '@kiezfonds/domain';
import { IsBoolean, IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS } from '../api-tokens.service';
import { Trim } from '../../invitations/dtos/validators';

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Lena Hartmann', maxLength: 200 })
  @OptionalField()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ['de', 'en'] })
  @OptionalField()
  @IsIn(['de', 'en'])
  language?: 'de' | 'en';
}

export class NotificationSettingDto {
  @ApiProperty({ enum: REMINDER_KINDS, description: 'A reminder kind of the notice catalogue' })
  @IsIn(REMINDER_KINDS)
  kind: string;

  @ApiProperty({ description: 'Whether the reminder is also sent by e-mail (the in-app notice always is)' })
  @IsBoolean()
  email: boolean;
}

export class CreateTokenDto {
  @ApiProperty({ example: 'Export-Skript', maxLength: 100 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: API_TOKEN_MAX_DAYS,
    default: API_TOKEN_DEFAULT_DAYS,
    description: 'Days until the token stops working; at most a year.',
  })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(API_TOKEN_MAX_DAYS)
  expiresInDays?: number;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters, to tell tokens apart' }) prefix: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) expiresAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Kept to the minute' })
  lastUsedAt: Date | null;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'The secret, shown this one time only' }) token: string;
}

export class ApiTokenOwnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
}

export class ManagedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ type: ApiTokenOwnerDto }) owner: ApiTokenOwnerDto;
}

export class ManagedApiTokenPageDto {
  @ApiProperty({ type: [ManagedApiTokenDto] }) items: ManagedApiTokenDto[];
  @ApiProperty() total: number;
}
