import { OptionalField } from '@kiezfonds/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, Trim } from '@kiezfonds/funds';
import { IsBoolean, IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CommitteeRulesDto {
  @ApiProperty({ example: 2, description: 'Quorum: this many of …' })
  @IsInt()
  @Min(1)
  @Max(100)
  quorumNumerator: number;

  @ApiProperty({ example: 3, description: '… every this many voting members must be present' })
  @IsInt()
  @Min(1)
  @Max(100)
  quorumDenominator: number;

  @ApiProperty({ enum: ['simple', 'two_thirds'] })
  @IsIn(['simple', 'two_thirds'])
  majority: 'simple' | 'two_thirds';

  @ApiProperty({ description: 'Whether abstentions count as votes cast' })
  @IsBoolean()
  abstentionsCountAsCast: boolean;
}

export class NewMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ example: 'Jugendamt', maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  department: string;

  @ApiProperty({ description: 'Voting or advisory (substitutes vote in their seat)' })
  @IsBoolean()
  voting: boolean;

  @ApiProperty({ example: '2027-01-01' })
  @IsCalendarDate()
  validFrom: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The voting member this one substitutes' })
  @OptionalField()
  @IsUUID()
  substituteForId?: string;
}

export class EndMembershipDto {
  @ApiProperty({ example: '2027-06-30', description: 'The last day of membership' })
  @IsCalendarDate()
  validTo: string;
}

export class MemberParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId: string;
}

/** A member as the committee page lists them, with the period of the membership. */
export class CommitteeMemberDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty()
  department: string;

  @ApiProperty({ description: 'Voting or advisory' })
  voting: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The voting member this one substitutes',
  })
  substituteForId: string | null;

  @ApiProperty({ format: 'date' })
  validFrom: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  validTo: string | null;
}

/** A committee with its rules and current members (the answer of every change to it). */
export class CommitteeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  shortName: string;

  @ApiProperty({ type: CommitteeRulesDto })
  rules: CommitteeRulesDto;

  @ApiProperty({ type: [CommitteeMemberDto] })
  members: CommitteeMemberDto[];
}

export class CommitteeListDto {
  @ApiProperty({ type: [CommitteeDto] })
  items: CommitteeDto[];
}
