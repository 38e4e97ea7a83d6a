import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REMINDER_KINDS } from '@kiezfonds/domain';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../invitations/dtos/validators';

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Lena Hartmann', maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ['de', 'en'] })
  @IsOptional()
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
}
