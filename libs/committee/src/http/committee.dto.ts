import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DeclareConflictDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'For one application; or give organisationId.' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Standing, for every application of this carrier.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiProperty({ maxLength: 2000, example: 'Ich bin Vorstandsmitglied des Trägervereins.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class ConflictParamsDto {
  @IsUUID()
  id: string;

  @IsUUID()
  conflictId: string;
}

export class OpenWrittenVoteDto {
  @ApiProperty({ maxLength: 2000, example: 'Das Vorhaben wird zur Förderung empfohlen.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  motion: string;

  @ApiProperty({ format: 'date-time', example: '2027-02-15T18:00:00+01:00' })
  @IsDateString({ strict: true })
  deadline: string;
}

export class CastBallotDto {
  @ApiProperty({ enum: ['yes', 'no', 'abstain'] })
  @IsIn(['yes', 'no', 'abstain'])
  choice: 'yes' | 'no' | 'abstain';
}
