import { OptionalField } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsInstant } from '@kiezfonds/funds';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DeclareConflictDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'For one application; or give organisationId.' })
  @OptionalField()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Standing, for every application of this carrier.' })
  @OptionalField()
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
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid' })
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
  @IsInstant()
  deadline: string;
}

export class CastBallotDto {
  @ApiProperty({ enum: ['yes', 'no', 'abstain'] })
  @IsIn(['yes', 'no', 'abstain'])
  choice: 'yes' | 'no' | 'abstain';
}

export class ScheduleSessionDto {
  @ApiProperty({ maxLength: 200, example: '3. Sitzung 2027' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ format: 'date-time', example: '2027-02-10T16:00:00+01:00' })
  @IsInstant()
  startsAt: string;

  @ApiProperty({ maxLength: 300, example: 'Rathaus Spandau, Raum 210' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  place: string;

  @ApiProperty({ type: [String], description: 'The agenda: applications in review or planning, in order.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  applicationIds: string[];
}

export class AttendanceDto {
  @ApiProperty({ format: 'uuid', description: 'The committee member (committee_member id).' })
  @IsUUID()
  memberId: string;

  @ApiProperty()
  @IsBoolean()
  present: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'For a substitute: the member they stand in for (must be the one they substitute).',
  })
  @OptionalField()
  @IsUUID()
  substituteForId?: string;
}

export class RollCallBallotDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId: string;

  @ApiProperty({ enum: ['yes', 'no', 'abstain'] })
  @IsIn(['yes', 'no', 'abstain'])
  choice: 'yes' | 'no' | 'abstain';
}

export class OpenItemVoteDto {
  @ApiPropertyOptional({
    description:
      'Open the vote although the session has no quorum (the minutes note it). Without it, a session ' +
      'without quorum answers 409 quorum_not_reached.',
  })
  @OptionalField()
  @IsBoolean()
  withoutQuorum?: boolean;
}

export class SessionItemParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  itemId: string;
}

export class SessionVoteParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  voteId: string;
}
