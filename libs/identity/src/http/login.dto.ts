import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'coordinator@kiezfonds.example' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  // A placeholder, never a working password: the document is public and examples get tried.
  @ApiProperty({ example: '<password>' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}
