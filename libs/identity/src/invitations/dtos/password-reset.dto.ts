import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../../passwords/password-policy';
import { Trim } from './validators';

export class RequestPasswordResetDto {
  @ApiProperty({ example: 'aylin.demir@nachbarschaftshilfe.example' })
  @Trim()
  @IsEmail()
  @MaxLength(320)
  email: string;
}

export class ConfirmPasswordResetDto {
  @ApiProperty({ description: 'The token from the reset link.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({ description: 'The new password: at least 12 characters, not a common one.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
